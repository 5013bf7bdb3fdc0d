/**
 * `saasgov plan --state FILE`: the stack's state as `pulumi stack export`
 * writes it — `{version, deployment: {manifest, secrets_providers, resources}}`,
 * deployment schema version 3 (version 4 is the same schema with `features`;
 * pulumi/pulumi `sdk/go/common/apitype/core.go`, `UntypedDeployment`,
 * `DeploymentV3`, `ResourceV3`). Secret values are objects with the secret
 * signature and their `ciphertext` (or `plaintext` with `--show-secrets`).
 *
 * From the resources alone (inputs, outputs, parents, options) it rebuilds
 * what each app deployed (`DeployedState`), so it works on the export of a
 * stack deployed before saasgov kept a record of its own.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { specialSecretSig, specialSigKey } from '@pulumi/pulumi/runtime/rpc';
import type { DeployedApp, DeployedResource, DeployedState, RecordedOptions } from '../okta/deployed';
import { UNREADABLE_SECRET } from '../okta/deployed';
import { APP_INTEGRATION_TYPE } from '../okta/integration-record';
import { compareText } from '../util/compare';
import { SaasgovError } from '../util/errors';

/** Deployment schema versions `pulumi stack export` writes (3; 4 when the state uses newer features). */
export const EXPORT_VERSIONS: readonly number[] = [3, 4];

/** A resource as the export holds it (the fields the plan reads). */
export interface ExportResource extends RecordedOptions {
  readonly urn: string;
  readonly type: string;
  readonly custom: boolean;
  readonly id?: string;
  readonly parent?: string;
  readonly inputs: Record<string, unknown>;
  readonly outputs: Record<string, unknown>;
}

/** A parsed stack export. */
export interface StackState {
  /** The export file as given. */
  readonly file: string;
  /** The stack the URNs name. */
  readonly stack: string;
  /** Every resource, by URN. */
  readonly resources: ReadonlyMap<string, ExportResource>;
  /** What each app deployed. */
  readonly deployed: DeployedState;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `urn:pulumi:<stack>::<project>::<type path>::<name>` split; `null` when it is not a URN. */
export function parseUrn(urn: string): { stack: string; project: string; typePath: string; name: string } | null {
  const m = /^urn:pulumi:([^:]+)::([^:]+)::(.+?)::(.*)$/s.exec(urn);
  return m ? { stack: m[1]!, project: m[2]!, typePath: m[3]!, name: m[4]! } : null;
}

/** Whether a value is a secret as the export writes it. */
export function isExportSecret(v: unknown): v is Record<string, unknown> {
  return isObject(v) && v[specialSigKey] === specialSecretSig;
}

/** Replaces each secret by its plaintext (or {@link UNREADABLE_SECRET}), collecting the dot paths of secrets. */
function revealSecrets(value: unknown, at: string, paths: string[]): unknown {
  if (isExportSecret(value)) {
    paths.push(at);
    if (typeof value.plaintext !== 'string') return UNREADABLE_SECRET;
    try {
      return JSON.parse(value.plaintext) as unknown;
    } catch {
      return UNREADABLE_SECRET;
    }
  }
  if (Array.isArray(value)) return value.map((v, i) => revealSecrets(v, `${at}.${i}`, paths));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, revealSecrets(v, at === '' ? k : `${at}.${k}`, paths)]));
  return value;
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** A one-line error naming the state file. */
function notAnExport(file: string, why: string): SaasgovError {
  return new SaasgovError('USAGE', `--state ${file} is not a \`pulumi stack export\` file: ${why}`);
}

/**
 * Parses an export's text. Throws a `SaasgovError` (exit 2) when it is not a
 * stack export, or not one of Pulumi project `project`.
 */
export function parseStackExport(text: string, file: string, project: string): StackState {
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (error) {
    throw notAnExport(file, `it is not JSON (${(error as Error).message})`);
  }
  if (!isObject(json) || !isObject(json.deployment)) throw notAnExport(file, 'it has no "deployment" object');
  if (typeof json.version !== 'number' || !EXPORT_VERSIONS.includes(json.version)) {
    throw notAnExport(file, `its deployment version is ${JSON.stringify(json.version ?? null)}, not one of ${EXPORT_VERSIONS.join(', ')}`);
  }
  const raw = json.deployment.resources ?? [];
  if (!Array.isArray(raw)) throw notAnExport(file, '"deployment.resources" is not a list');
  const resources = new Map<string, ExportResource>();
  let stack: string | undefined;
  for (const [i, r] of raw.entries()) {
    if (!isObject(r) || typeof r.urn !== 'string' || typeof r.type !== 'string') throw notAnExport(file, `resource ${i} has no urn or type`);
    const urn = parseUrn(r.urn);
    if (urn === null) throw notAnExport(file, `resource ${i} has no valid urn`);
    if (urn.project !== project) {
      throw new SaasgovError('USAGE', `--state ${file} is the state of Pulumi project "${urn.project.slice(0, 100)}", not "${project}": export the stack of this project (pulumi stack export --file …)`);
    }
    if (stack !== undefined && urn.stack !== stack) throw notAnExport(file, `its resources name two stacks (${stack} and ${urn.stack.slice(0, 100)})`);
    stack = urn.stack;
    resources.set(r.urn, {
      urn: r.urn,
      type: r.type,
      custom: r.custom === true,
      ...(typeof r.id === 'string' && r.id !== '' ? { id: r.id } : {}),
      ...(typeof r.parent === 'string' && r.parent !== '' ? { parent: r.parent } : {}),
      inputs: isObject(r.inputs) ? r.inputs : {},
      outputs: isObject(r.outputs) ? r.outputs : {},
      retainOnDelete: r.retainOnDelete === true,
      protect: r.protect === true,
      additionalSecretOutputs: strings(r.additionalSecretOutputs),
      ignoreChanges: strings(r.ignoreChanges),
    });
  }
  if (stack === undefined) {
    // An empty stack: nothing deployed. Its name is whatever --stack says.
    return { file, stack: '', resources, deployed: { apps: new Map(), unrecorded: new Set() } };
  }
  return { file, stack, resources, deployed: deployedFromResources(resources) };
}

/** Reads and parses an export file (`saasgov plan --state FILE`). */
export function readStackExport(file: string, cwd: string, project: string): StackState {
  let text: string;
  try {
    text = readFileSync(path.resolve(cwd, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new SaasgovError('USAGE', code === 'ENOENT' ? `--state ${file}: no such file` : `--state ${file} cannot be read (${code ?? (error as Error).message})`);
  }
  return parseStackExport(text, file, project);
}

/** What each `AppIntegration` component of the export deployed: its outputs and its children. */
export function deployedFromResources(resources: ReadonlyMap<string, ExportResource>): DeployedState {
  const children = new Map<string, ExportResource[]>();
  for (const r of resources.values()) {
    if (r.parent === undefined) continue;
    const list = children.get(r.parent);
    if (list) list.push(r);
    else children.set(r.parent, [r]);
  }
  const apps = new Map<string, DeployedApp>();
  for (const r of resources.values()) {
    if (r.type !== APP_INTEGRATION_TYPE) continue;
    const app = parseUrn(r.urn)!.name;
    const outputs = r.outputs;
    const kids: DeployedResource[] = (children.get(r.urn) ?? [])
      .filter((c) => c.custom)
      .map((c) => {
        const secretPaths: string[] = [];
        const inputs = revealSecrets(c.inputs, '', secretPaths) as Record<string, unknown>;
        return {
          type: c.type,
          name: parseUrn(c.urn)!.name,
          ...(c.id !== undefined ? { id: c.id } : {}),
          inputs,
          secretPaths,
          retainOnDelete: c.retainOnDelete,
          protect: c.protect,
          additionalSecretOutputs: c.additionalSecretOutputs,
          ignoreChanges: c.ignoreChanges,
        };
      })
      .sort((a, b) => compareText(a.name, b.name));
    apps.set(app, {
      app,
      ...(typeof outputs.filePath === 'string' ? { filePath: outputs.filePath } : {}),
      ...(typeof outputs.lifecycle === 'string' ? { lifecycle: outputs.lifecycle } : {}),
      ...(typeof outputs.intent === 'string' ? { intent: outputs.intent } : {}),
      outputs,
      resources: kids,
    });
  }
  return { apps, unrecorded: new Set() };
}
