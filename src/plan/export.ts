/**
 * The stack export a `pulumi up` of the program would leave — simulated under
 * Pulumi's runtime mocks in deployment mode, written the way `pulumi stack
 * export` writes a stack (deployment version 3: pulumi/pulumi
 * `sdk/go/common/apitype/core.go` `UntypedDeployment`, `DeploymentV3`,
 * `ResourceV3`): the root stack with its outputs, the default Okta provider,
 * every resource with its id, inputs (the provider's `__defaults` included),
 * outputs, parent, provider reference, dependencies and options, and secrets
 * as encrypted values (never their plaintext).
 *
 * What it is for: the tests of `saasgov plan --state`, the bundled example
 * state (`examples/state/`) and the `plan --state` benchmark — a state to
 * compare with, without an Okta org or the Pulumi CLI.
 */
import { createHash } from 'node:crypto';
import type * as pulumi from '@pulumi/pulumi';
import { specialSecretSig, specialSigKey } from '@pulumi/pulumi/runtime/rpc';
import { getVersion } from '@pulumi/okta/utilities';
import { runProgram } from '../okta/program';
import { oktaMocks } from './mocks';
import type { RegisteredResource } from './record';
import { planSettings, PROJECT, runWithMocks, StateIndex } from './run';
import type { StackState } from './state';

/** An update to simulate. */
export interface SimulatedUpdate {
  readonly cwd: string;
  readonly paths: readonly string[];
  readonly configFile?: string;
  readonly asOf: string;
  readonly stack: string;
  /** The state the update starts from (ids are kept; what the stack holds is held as Pulumi would). */
  readonly previous?: StackState;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A wire-form value as the export writes it: secrets encrypted (a stand-in ciphertext that never contains the value). */
function exportValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(exportValue);
  if (!isObject(value)) return value;
  if (value[specialSigKey] === specialSecretSig) {
    if ('ciphertext' in value || 'plaintext' in value) return value;
    const digest = createHash('sha256').update(JSON.stringify(value.value ?? null)).digest('base64');
    return { [specialSigKey]: specialSecretSig, ciphertext: `v1:${digest}` };
  }
  return Object.fromEntries(Object.keys(value).sort().map((k) => [k, exportValue(value[k])]));
}

function resolved<T>(output: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => void output.apply((v) => resolve(v)));
}

/** Runs the program as `pulumi up` would and returns the stack export it leaves, as text. */
export async function simulateUpdate(update: SimulatedUpdate): Promise<string> {
  const previous = update.previous;
  const index = new StateIndex(previous);
  const settings = planSettings(update);
  const mocks = oktaMocks({
    preview: false,
    // A resource the stack holds keeps its id and outputs, as an update that does not replace it.
    known: (type, name) => {
      const old = index.find(type, name);
      return old ? { ...(old.id ? { id: old.id } : {}), outputs: old.outputs } : undefined;
    },
  });
  const { value, recording } = await runWithMocks(
    async () => {
      const result = await runProgram(settings, { warn: () => undefined }, previous?.deployed ?? { apps: new Map(), unrecorded: new Set() });
      return {
        apps: await resolved(result.apps),
        skipped: result.skipped,
        held: result.held,
        manualSteps: result.manualSteps,
        deployed: await resolved(result.deployed),
      };
    },
    { preview: false, stack: update.stack, mocks },
  );
  if (recording.errors.length > 0) throw new Error(`the program failed under mocks:\n  ${recording.errors.join('\n  ')}`);
  return stackExport(update.stack, recording.resources, recording.outputs, value);
}

/** The export of a stack holding these registrations, with these stack outputs. */
export function stackExport(stack: string, resources: readonly RegisteredResource[], componentOutputs: ReadonlyMap<string, Record<string, unknown>>, stackOutputs: Record<string, unknown>): string {
  const root = `urn:pulumi:${stack}::${PROJECT}::pulumi:pulumi:Stack::${PROJECT}-${stack}`;
  const version = getVersion();
  const providerUrn = `urn:pulumi:${stack}::${PROJECT}::pulumi:providers:okta::default_${version.replace(/\./g, '_')}`;
  const providerId = createHash('sha256').update(providerUrn).digest('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*$/, '$1-$2-$3-$4-$5');
  const time = '2026-12-01T00:00:00.000Z';
  const out: Record<string, unknown>[] = [
    { urn: root, custom: false, type: 'pulumi:pulumi:Stack', outputs: exportValue(stackOutputs), created: time, modified: time },
    { urn: providerUrn, custom: true, id: providerId, type: 'pulumi:providers:okta', inputs: { __internal: {}, version }, outputs: { version }, created: time, modified: time },
  ];
  for (const r of resources) {
    const parent = r.parent === '' ? root : r.parent;
    if (!r.custom) {
      out.push({ urn: r.urn, custom: false, type: r.type, outputs: exportValue(componentOutputs.get(r.urn) ?? {}), parent, created: time, modified: time });
      continue;
    }
    out.push({
      urn: r.urn,
      custom: true,
      id: r.id,
      type: r.type,
      inputs: { __defaults: [], ...(exportValue(r.inputs) as Record<string, unknown>) },
      outputs: exportValue(r.outputs),
      parent,
      provider: `${providerUrn}::${providerId}`,
      ...(r.dependencies.length > 0 ? { dependencies: [...r.dependencies] } : {}),
      ...(r.protect ? { protect: true } : {}),
      ...(r.retainOnDelete ? { retainOnDelete: true } : {}),
      ...(r.additionalSecretOutputs.length > 0 ? { additionalSecretOutputs: [...r.additionalSecretOutputs] } : {}),
      ...(r.ignoreChanges.length > 0 ? { ignoreChanges: [...r.ignoreChanges] } : {}),
      ...(r.importId !== '' ? { importID: r.importId } : {}),
      created: time,
      modified: time,
    });
  }
  const deployment = {
    manifest: { time, magic: createHash('sha256').update(version).digest('hex'), version: 'v3.248.0' },
    secrets_providers: { type: 'passphrase', state: { salt: 'v1:c2Fhc2dvdg==:v1:ZXhhbXBsZQ==:ZXhhbXBsZQ==' } },
    resources: out,
  };
  return `${JSON.stringify({ version: 3, deployment }, null, 4)}\n`;
}
