/**
 * `saasgov plan`: the Okta program (`src/okta/program.ts`), run under Pulumi's
 * runtime mocks in preview mode — no Okta, no Pulumi CLI — and what it would
 * create, as data: steps sorted by URN, with inputs in display form (secrets
 * and anything the resource marks secret redacted, unknowns marked).
 */
import * as pulumi from '@pulumi/pulumi';
import { specialOutputValueSig, specialResourceSig, specialSecretSig, specialSigKey, unknownValue } from '@pulumi/pulumi/runtime/rpc';
import type { ScimConnection } from '../okta/app-integration';
import { finishProgram, prepareProgram, provisionApp, type ManualStepOutput, type ProgramSettings, type ProvisionedApp } from '../okta/program';
import type { SkippedManifest } from '../okta/select';
import { compareText } from '../util/compare';
import { oktaMocks } from './mocks';
import { recordRegistrations, type Recording, type RegisteredResource } from './record';

/** The Pulumi project name (Pulumi.yaml), used in URNs. */
export const PROJECT = 'saasgov';
/** What a secret input shows as. */
export const SECRET = '[secret]';
/** What an input known only after deployment shows as. */
export const UNKNOWN = '[unknown]';

/** One resource `pulumi up` would create (SPEC §7 JSON: `op`, `urn`, `type`, `name`, `inputs`). */
export interface PlanStep {
  readonly op: 'create';
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, unknown>;
  /** The parent's URN, `''` for none (text and markdown group by it). */
  readonly parent: string;
  /** Resource options worth a reviewer's eye (text and markdown show them). */
  readonly options: {
    readonly retainOnDelete: boolean;
    readonly protect: boolean;
    /** Earlier names (alias specs) or URNs the resource keeps its identity across. */
    readonly aliases: readonly string[];
    readonly additionalSecretOutputs: readonly string[];
  };
}

/** An app the plan provisions (a component and its children). */
export interface PlannedApp {
  readonly app: string;
  readonly filePath: string;
  readonly urn: string;
}

/** Everything `saasgov plan` prints. */
export interface Plan {
  readonly asOf: string;
  readonly stack: string;
  /** Sorted by URN. */
  readonly steps: readonly PlanStep[];
  /** Sorted by app name. */
  readonly apps: readonly PlannedApp[];
  readonly skipped: readonly SkippedManifest[];
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
  /** The stack name in URNs (default `dev`). */
  readonly stack?: string;
  /** SCIM connections, as the stack secret `saasgov:scim` would give them (the CLI has none). */
  readonly scim?: ReadonlyMap<string, ScimConnection>;
}

/**
 * Runs `program` under the Okta mocks and waits until every registration is
 * done. The Pulumi runtime is process-global: one run at a time.
 */
export async function runWithMocks<T>(
  program: () => T | Promise<T>,
  options: { readonly preview: boolean; readonly stack: string },
): Promise<{ value: T; recording: Recording }> {
  await pulumi.runtime.setMocks(oktaMocks({ preview: options.preview }), PROJECT, options.stack, options.preview);
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

/** Computes the plan. Throws what the program throws (config errors, `ProvisioningRefused`) and when a registration fails. */
export async function computePlan(options: PlanOptions): Promise<Plan> {
  const stack = options.stack ?? 'dev';
  const settings: ProgramSettings = {
    cwd: options.cwd,
    paths: options.paths,
    ...(options.configFile ? { configFile: options.configFile } : {}),
    strict: false,
    asOf: options.asOf,
    scim: options.scim ?? new Map(),
  };
  // The program's own steps (runProgram), with a wait for the registrations
  // every PLAN_BATCH apps: the same resources, in the same order.
  const { value: result, recording } = await runWithMocks(
    async () => {
      // Skipped manifests are part of the plan itself, so their warnings are not printed again.
      const prepared = prepareProgram(settings, { warn: () => undefined });
      const provisioned: ProvisionedApp[] = [];
      for (let i = 0; i < prepared.toProvision.length; i += PLAN_BATCH) {
        provisioned.push(...prepared.toProvision.slice(i, i + PLAN_BATCH).map((p) => provisionApp(p, settings)));
        await drainRegistrations();
      }
      return finishProgram(prepared, provisioned);
    },
    { preview: true, stack },
  );
  if (recording.errors.length > 0) throw new Error(`the program failed under mocks:\n  ${recording.errors.join('\n  ')}`);
  const steps = recording.resources.map(toStep).sort((a, b) => compareText(a.urn, b.urn));
  const byName = new Map(steps.filter((s) => s.type === 'saasgov:okta:AppIntegration').map((s) => [s.name, s.urn]));
  return {
    asOf: options.asOf,
    stack,
    steps,
    apps: result.integrations.map(({ app, filePath }) => ({ app, filePath, urn: byName.get(app) ?? '' })),
    skipped: result.skipped,
    manualSteps: result.manualSteps,
    withoutApp: result.withoutApp,
  };
}


function toStep(r: RegisteredResource): PlanStep {
  const secretOutputs = new Set(r.additionalSecretOutputs);
  const inputs: Record<string, unknown> = {};
  for (const key of Object.keys(r.inputs).sort()) {
    // An input the resource also declares a secret output is redacted too: it will be secret in state.
    inputs[key] = secretOutputs.has(key) ? SECRET : displayValue(r.inputs[key]);
  }
  return {
    op: 'create',
    urn: r.urn,
    type: r.type,
    name: r.name,
    inputs,
    parent: r.parent,
    options: {
      retainOnDelete: r.retainOnDelete,
      protect: r.protect,
      aliases: r.aliases.map((a) => a.urn ?? a.name ?? '').filter((a) => a !== ''),
      additionalSecretOutputs: [...new Set(r.additionalSecretOutputs)].sort(compareText),
    },
  };
}

/** A wire-form value for display: secrets redacted, unknowns marked, resource references as URNs, object keys sorted. */
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
