/**
 * `saasgov plan`: the Okta program (`src/okta/program.ts`), run under Pulumi's
 * runtime mocks in preview mode — no Okta, no Pulumi CLI — and what it would
 * do, as data: steps sorted by URN, with inputs in display form (secrets and
 * anything the resource marks secret redacted, unknowns marked).
 *
 * Without a state every step is `create` or `import` (an app adopted by
 * `okta.appId`). With `--state` (a `pulumi stack export`, `state.ts`) the
 * program runs against what the stack holds — held apps, ownership of what a
 * manifest stopped declaring, refused replacements — and each registration
 * is compared with the resource the state holds under its URN (or the URN of
 * its former name): `same`, `update` or `replace` with the changed input
 * keys; a resource of the state that the program no longer registers is a
 * `delete` (kept in Okta when it is retained on delete).
 */
import * as pulumi from '@pulumi/pulumi';
import { specialOutputValueSig, specialResourceSig, specialSecretSig, specialSigKey, unknownValue } from '@pulumi/pulumi/runtime/rpc';
import type { ScimConnection } from '../okta/app-integration';
import { NOTHING_DEPLOYED } from '../okta/deployed';
import { APP_INTEGRATION_TYPE } from '../okta/integration-record';
import { REPLACING_INPUTS } from '../okta/mapping';
import {
  finishProgram,
  holdApp,
  lookupGroups,
  prepareProgram,
  provisionApp,
  type HeldOutput,
  type ManualStepOutput,
  type ProgramSettings,
  type ProvisionedApp,
} from '../okta/program';
import type { SkippedManifest } from '../okta/select';
import { compareText } from '../util/compare';
import { SaasgovError } from '../util/errors';
import { oktaMocks, type MockOptions } from './mocks';
import { recordRegistrations, type Recording, type RegisteredResource } from './record';
import { parseUrn, type ExportResource, type StackState } from './state';

/** The Pulumi project name (Pulumi.yaml), used in URNs. */
export const PROJECT = 'saasgov';
/** What a secret input shows as. */
export const SECRET = '[secret]';
/** What an input known only after deployment shows as. */
export const UNKNOWN = '[unknown]';

/** What a step does (SPEC §7.1). */
export type StepOp = 'create' | 'update' | 'replace' | 'delete' | 'same' | 'import';

/** One resource step of the plan (SPEC §7 JSON: `op`, `urn`, `type`, `name`, `inputs`; `diff` for update and replace). */
export interface PlanStep {
  readonly op: StepOp;
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** The inputs the program registers; for a delete, the inputs the state holds. */
  readonly inputs: Record<string, unknown>;
  /** `update`/`replace`: the input keys that change, sorted. */
  readonly diff?: readonly string[];
  /** The parent's URN, `''` for none (text and markdown group by it). */
  readonly parent: string;
  /** Resource options worth a reviewer's eye (text and markdown show them). */
  readonly options: {
    readonly retainOnDelete: boolean;
    readonly protect: boolean;
    /** Earlier names (alias specs) or URNs the resource keeps its identity across. */
    readonly aliases: readonly string[];
    readonly additionalSecretOutputs: readonly string[];
    /** Inputs whose changes are ignored: every input of an app adopted as it is in Okta. */
    readonly ignoreChanges: readonly string[];
  };
}

/** An app in the plan (a component and its children). */
export interface PlannedApp {
  readonly app: string;
  /** The manifest's file; for a deleted app, the file it was deployed from when known, else `''`. */
  readonly filePath: string;
  readonly urn: string;
  /** Provisioned from a passing manifest, held as last deployed, or removed with its manifest. */
  readonly status: 'provisioned' | 'held' | 'removed';
}

/** Everything `saasgov plan` prints. */
export interface Plan {
  readonly asOf: string;
  readonly stack: string;
  /** The state file compared with (`--state`), if any. */
  readonly state?: string;
  /** Sorted by URN. */
  readonly steps: readonly PlanStep[];
  /** Sorted by app name. */
  readonly apps: readonly PlannedApp[];
  readonly skipped: readonly SkippedManifest[];
  /** Apps held as last deployed (always empty without a state). */
  readonly held: readonly HeldOutput[];
  readonly manualSteps: readonly ManualStepOutput[];
  /** Passing manifests with `sso.protocol: none`. */
  readonly withoutApp: readonly { readonly app: string; readonly filePath: string }[];
}

export interface PlanOptions {
  readonly cwd: string;
  /** As `saasgov lint`; empty: the config's `manifests`, else `apps` (what the Pulumi program reads). */
  readonly paths: readonly string[];
  readonly configFile?: string;
  readonly asOf: string;
  /** The stack name in URNs (default: the state's, else `dev`). */
  readonly stack?: string;
  /** SCIM connections, as the stack secret `saasgov:scim` would give them (the CLI has none). */
  readonly scim?: ReadonlyMap<string, ScimConnection>;
  /** The stack's current state (`--state`). */
  readonly state?: StackState;
  /** Okta's group search, for tests (default: every group exists by its name). */
  readonly groups?: MockOptions['groups'];
}

/**
 * Runs `program` under these mocks and waits until every registration is
 * done. The Pulumi runtime is process-global: one run at a time.
 */
export async function runWithMocks<T>(
  program: () => T | Promise<T>,
  options: { readonly preview: boolean; readonly stack: string; readonly mocks?: pulumi.runtime.Mocks },
): Promise<{ value: T; recording: Recording }> {
  // "organization": the organization the Pulumi CLI reports for backends without one (DIY).
  await pulumi.runtime.setMocks(options.mocks ?? oktaMocks({ preview: options.preview }), PROJECT, options.stack, options.preview, 'organization');
  const recording = recordRegistrations();
  // The SDK captures a stack trace for every promise and resource it creates
  // (leak diagnostics, source positions for the engine). Under mocks nobody
  // reads them, and with thousands of resources they cost most of the run.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return { value: await program(), recording };
  } finally {
    try {
      // Waits for every outstanding registration (and its outputs) to finish.
      await pulumi.runtime.disconnect();
    } finally {
      Error.stackTraceLimit = stackTraceLimit;
    }
  }
}

/** Apps created between two waits for the registrations: bounds the SDK's pending work (and memory) on large plans. */
export const PLAN_BATCH = 10;

/**
 * Waits until every registration so far is done. `waitForRPCs` is exported by
 * the SDK (3.248.0) but not typed; without it, batches simply run together.
 */
async function drainRegistrations(): Promise<void> {
  const wait = (pulumi.runtime as unknown as { waitForRPCs?: () => Promise<void> }).waitForRPCs;
  if (typeof wait === 'function') await wait();
}

/**
 * The state's resources by type and name (names are unique per type in this
 * program: every child is `${app}-…`), with the former names of renamed apps,
 * so a renamed app's resources are found under their old names.
 */
export class StateIndex {
  private readonly byTypeName = new Map<string, ExportResource>();
  /** Current app name → the deployed name it continues. */
  private readonly renames = new Map<string, string>();

  constructor(state: StackState | undefined) {
    for (const r of state?.resources.values() ?? []) this.byTypeName.set(`${r.type}\u0000${parseUrn(r.urn)!.name}`, r);
  }

  /** Records that `app` continues the deployed app `former`. */
  rename(app: string, former: string): void {
    if (app !== former) this.renames.set(app, former);
  }

  /** The state's resource a registration continues. */
  find(type: string, name: string): ExportResource | undefined {
    const direct = this.byTypeName.get(`${type}\u0000${name}`);
    if (direct !== undefined) return direct;
    for (const [app, former] of this.renames) {
      if (name === app || name.startsWith(`${app}-`)) {
        const old = this.byTypeName.get(`${type}\u0000${former}${name.slice(app.length)}`);
        if (old !== undefined) return old;
      }
    }
    return undefined;
  }
}

/** The program's settings for a plan (or a simulated update): never strict, SCIM connections only as given. */
export function planSettings(options: Pick<PlanOptions, 'cwd' | 'paths' | 'configFile' | 'asOf' | 'scim'>): ProgramSettings {
  return {
    cwd: options.cwd,
    paths: options.paths,
    ...(options.configFile ? { configFile: options.configFile } : {}),
    strict: false,
    asOf: options.asOf,
    scim: options.scim ?? new Map(),
  };
}

/** Computes the plan. Throws what the program throws (config errors, `ProvisioningRefused`) and when a registration fails. */
export async function computePlan(options: PlanOptions): Promise<Plan> {
  const state = options.state;
  if (state !== undefined && state.stack !== '' && options.stack !== undefined && options.stack !== state.stack) {
    throw new SaasgovError('USAGE', `--stack ${options.stack} does not match the stack of --state ${state.file} (${state.stack}); leave --stack out`);
  }
  const stack = state?.stack || options.stack || 'dev';
  const settings = planSettings(options);
  const index = new StateIndex(state);
  const mocks = oktaMocks({
    preview: true,
    ...(options.groups ? { groups: options.groups } : {}),
    known: (type, name, inputs) => {
      const old = index.find(type, name);
      if (old === undefined) return undefined;
      // A replaced resource gets a new id, unknown until the update; anything else keeps its own.
      const replaced = (REPLACING_INPUTS[type] ?? []).some((key) => key in inputs && !sameValue(inputs[key], old.inputs[key]));
      return { ...(replaced ? {} : { id: old.id }), outputs: replaced ? inputs : old.outputs };
    },
  });
  // The program's own steps (runProgram), with a wait for the registrations
  // every PLAN_BATCH apps: the same resources, in the same order.
  const { value: result, recording } = await runWithMocks(
    async () => {
      // Skipped and held manifests are part of the plan itself, so their warnings are not printed again.
      const prepared = prepareProgram(settings, state?.deployed ?? NOTHING_DEPLOYED, { warn: () => undefined });
      for (const p of prepared.toProvision) if (p.previous) index.rename(p.manifest.metadata.name, p.previous.app);
      const groupIds = await lookupGroups(prepared.groups);
      for (const h of prepared.held) holdApp(h);
      const provisioned: ProvisionedApp[] = [];
      for (let i = 0; i < prepared.toProvision.length; i += PLAN_BATCH) {
        provisioned.push(...prepared.toProvision.slice(i, i + PLAN_BATCH).map((p) => provisionApp(p, settings, groupIds)));
        await drainRegistrations();
      }
      return { result: finishProgram(prepared, provisioned), held: prepared.held };
    },
    { preview: true, stack, mocks },
  );
  if (recording.errors.length > 0) throw new Error(`the program failed under mocks:\n  ${recording.errors.join('\n  ')}`);

  const { steps, removedApps } = compareWithState(recording.resources, index, state);
  const byName = new Map(steps.filter((s) => s.type === APP_INTEGRATION_TYPE).map((s) => [s.name, s.urn]));
  const apps: PlannedApp[] = [
    ...result.result.integrations.map(({ app, filePath }): PlannedApp => ({ app, filePath, urn: byName.get(app) ?? '', status: 'provisioned' })),
    ...result.held.map(({ app, filePath }): PlannedApp => ({ app, filePath, urn: byName.get(app) ?? '', status: 'held' })),
    ...removedApps,
  ].sort((a, b) => compareText(a.app, b.app));
  return {
    asOf: options.asOf,
    stack,
    ...(state ? { state: state.file } : {}),
    steps,
    apps,
    skipped: result.result.skipped,
    held: result.result.held,
    manualSteps: result.result.manualSteps,
    withoutApp: result.result.withoutApp,
  };
}

/** Resources of the state that the engine manages itself, never a step of the program's. */
const ENGINE_TYPES = /^pulumi:(pulumi:Stack|pulumi:StackReference|providers:.*)$/;

/** The steps: each registration against the state, then what the state holds that nothing registered. */
function compareWithState(resources: readonly RegisteredResource[], index: StateIndex, state: StackState | undefined): { steps: PlanStep[]; removedApps: PlannedApp[] } {
  const matched = new Set<string>();
  const steps = resources.map((r) => {
    const old = index.find(r.type, r.name);
    if (old !== undefined) matched.add(old.urn);
    return toStep(r, old);
  });
  // A component shows as its app does: `import` when its app is adopted (nothing is created in Okta).
  const imported = new Set(steps.filter((s) => s.op === 'import').map((s) => s.parent));
  const withComponents = steps.map((s) => (s.type === APP_INTEGRATION_TYPE && s.op === 'create' && imported.has(s.urn) ? { ...s, op: 'import' as const } : s));
  const removedApps: PlannedApp[] = [];
  for (const old of state?.resources.values() ?? []) {
    if (matched.has(old.urn) || ENGINE_TYPES.test(old.type)) continue;
    withComponents.push(deleteStep(old));
    if (old.type === APP_INTEGRATION_TYPE) {
      const filePath = typeof old.outputs.filePath === 'string' ? old.outputs.filePath : '';
      removedApps.push({ app: parseUrn(old.urn)!.name, filePath, urn: old.urn, status: 'removed' });
    }
  }
  return { steps: withComponents.sort((a, b) => compareText(a.urn, b.urn)), removedApps };
}

/** The input keys that change from the state's inputs to the program's (the provider's own `__defaults` left out). */
export function changedKeys(inputs: Record<string, unknown>, old: Record<string, unknown>): string[] {
  const defaults = new Set(Array.isArray(old.__defaults) ? old.__defaults.filter((k): k is string => typeof k === 'string') : []);
  const keys = new Set([...Object.keys(inputs), ...Object.keys(old).filter((k) => k !== '__defaults')]);
  const changed: string[] = [];
  for (const key of keys) {
    if (!(key in inputs) && defaults.has(key)) continue;
    if (!sameValue(inputs[key], old[key])) changed.push(key);
  }
  return changed.sort(compareText);
}

/** Whether a program input equals a state input: both in display form; a value known only after the update is a change; secrets compare equal. */
function sameValue(a: unknown, b: unknown): boolean {
  const left = canonical(displayValue(a));
  return !left.includes(JSON.stringify(UNKNOWN)) && left === canonical(displayValue(b));
}

function canonical(value: unknown): string {
  return JSON.stringify(value ?? null);
}

function stepOptions(r: RegisteredResource) {
  return {
    retainOnDelete: r.retainOnDelete,
    protect: r.protect,
    aliases: r.aliases.map((a) => a.urn ?? a.name ?? '').filter((a) => a !== ''),
    additionalSecretOutputs: [...new Set(r.additionalSecretOutputs)].sort(compareText),
    ignoreChanges: [...r.ignoreChanges],
  };
}

function toStep(r: RegisteredResource, old: ExportResource | undefined): PlanStep {
  const secretOutputs = new Set(r.additionalSecretOutputs);
  const inputs: Record<string, unknown> = {};
  for (const key of Object.keys(r.inputs).sort()) {
    // An input the resource also declares a secret output is redacted too: it will be secret in state.
    inputs[key] = secretOutputs.has(key) ? SECRET : displayValue(r.inputs[key]);
  }
  const base = { urn: r.urn, type: r.type, name: r.name, inputs, parent: r.parent, options: stepOptions(r) };
  if (old === undefined) return { op: r.importId !== '' ? 'import' : 'create', ...base };
  if (!r.custom) return { op: 'same', ...base };
  const diff = changedKeys(r.inputs, old.inputs);
  if (diff.length === 0) return { op: 'same', ...base };
  const replacing = REPLACING_INPUTS[r.type] ?? [];
  return { op: diff.some((k) => replacing.includes(k)) ? 'replace' : 'update', ...base, diff };
}

function deleteStep(old: ExportResource): PlanStep {
  const inputs: Record<string, unknown> = {};
  for (const key of Object.keys(old.inputs).sort()) if (key !== '__defaults') inputs[key] = displayValue(old.inputs[key]);
  return {
    op: 'delete',
    urn: old.urn,
    type: old.type,
    name: parseUrn(old.urn)!.name,
    inputs,
    parent: old.parent ?? '',
    options: { retainOnDelete: old.retainOnDelete, protect: old.protect, aliases: [], additionalSecretOutputs: [...old.additionalSecretOutputs], ignoreChanges: [...old.ignoreChanges] },
  };
}

/** A wire-form (or export-form) value for display: secrets redacted, unknowns marked, resource references as URNs, object keys sorted. */
export function displayValue(value: unknown): unknown {
  if (value === unknownValue) return UNKNOWN;
  if (Array.isArray(value)) return value.map(displayValue);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  switch (record[specialSigKey]) {
    case specialSecretSig:
      return SECRET;
    case specialResourceSig:
      return record.urn;
    case specialOutputValueSig:
      if (record.secret === true) return SECRET;
      return 'value' in record ? displayValue(record.value) : UNKNOWN;
    case undefined:
      break;
    default:
      return UNKNOWN; // an asset or archive: not something this program sends
  }
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(record).sort()) out[key] = displayValue(record[key]);
  return out;
}
