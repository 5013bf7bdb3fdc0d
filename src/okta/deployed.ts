/**
 * "As last deployed" (SPEC §7.1): what the stack holds of each app, as the
 * program needs it to hold an app whose manifest now fails, to see a change
 * that would replace a production app, to own what a manifest stops
 * declaring, and to adopt only apps the stack does not hold yet.
 *
 * Two sources give the same shape:
 * - `pulumi up`: the stack output `deployed` of the previous update, read back
 *   through a stack reference to the stack itself (`readDeployedState`); the
 *   program writes it every update (`deployedRecord`);
 * - `saasgov plan --state`: the resources of a `pulumi stack export`
 *   (`src/plan/state.ts`), so it also works on a stack deployed before the
 *   record existed.
 *
 * A stack deployed before the record existed still has the stack output
 * `apps`: those apps are known to be in the stack (`unrecorded`), though not
 * what to hold them as — the program then refuses rather than guess.
 */
import * as pulumi from '@pulumi/pulumi';
import { compareText } from '../util/compare';

/** The record's format version (the stack output `deployed`). */
export const DEPLOYED_RECORD_VERSION = 1;

/** What a secret input holds when its value cannot be read (an export without `--show-secrets`). */
export const UNREADABLE_SECRET = '[secret]';

/** The resource options the state keeps for a resource, and a held one is registered with again. */
export interface RecordedOptions {
  readonly retainOnDelete: boolean;
  readonly protect: boolean;
  readonly additionalSecretOutputs: readonly string[];
  /** Inputs whose changes the program ignored (an app adopted as-is). */
  readonly ignoreChanges: readonly string[];
}

/** One resource of an app as last deployed. */
export interface DeployedResource extends RecordedOptions {
  /** Pulumi type token, e.g. `okta:app/saml:Saml`. */
  readonly type: string;
  /** Resource name, e.g. `crm-app`. */
  readonly name: string;
  /** Provider id, when known. */
  readonly id?: string;
  /** Inputs as the state holds them, plain JSON (secret values in place, listed in `secretPaths`). */
  readonly inputs: Record<string, unknown>;
  /** Dot paths of the inputs that are secret (`profile.token`). */
  readonly secretPaths: readonly string[];
}

/** An app as last deployed: its component and the component's children. */
export interface DeployedApp {
  /** `metadata.name` (the component's name). */
  readonly app: string;
  /** The manifest file it was provisioned from, when recorded. */
  readonly filePath?: string;
  /** `spec.lifecycle`, when recorded. */
  readonly lifecycle?: string;
  /** The digest of what the manifest asked of Okta (`provisioningIntent`), when recorded. */
  readonly intent?: string;
  /** The component's own registered outputs (re-registered as they were when the app is held). */
  readonly outputs: Record<string, unknown>;
  /** The component's children, sorted by name. */
  readonly resources: readonly DeployedResource[];
}

/** What the stack holds. */
export interface DeployedState {
  /** Apps with what to hold them as, by name. */
  readonly apps: ReadonlyMap<string, DeployedApp>;
  /** Apps the stack holds but kept no record of (deployed before the record existed). */
  readonly unrecorded: ReadonlySet<string>;
}

/** Nothing deployed: a new stack, or `saasgov plan` without `--state`. */
export const NOTHING_DEPLOYED: DeployedState = { apps: new Map(), unrecorded: new Set() };

/** The resource of `app` named `${app}${suffix}`, if deployed. */
export function deployedResource(app: DeployedApp | undefined, suffix: string): DeployedResource | undefined {
  return app?.resources.find((r) => r.name === `${app.app}${suffix}`);
}

/** The shape of the stack output `deployed`. */
interface RecordOutput {
  readonly version: number;
  readonly apps: Record<string, Omit<DeployedApp, 'app'>>;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** A resource of the record, or `undefined` when it is malformed. */
function recordResource(raw: unknown): DeployedResource | undefined {
  if (!isObject(raw) || typeof raw.type !== 'string' || typeof raw.name !== 'string' || !isObject(raw.inputs)) return undefined;
  return {
    type: raw.type,
    name: raw.name,
    ...(typeof raw.id === 'string' ? { id: raw.id } : {}),
    inputs: raw.inputs,
    secretPaths: strings(raw.secretPaths),
    retainOnDelete: raw.retainOnDelete === true,
    protect: raw.protect === true,
    additionalSecretOutputs: strings(raw.additionalSecretOutputs),
    ignoreChanges: strings(raw.ignoreChanges),
  };
}

/**
 * The deployed state from the previous update's stack outputs `deployed` and
 * `apps`. An app whose record is malformed counts as unrecorded (refused, not
 * guessed).
 */
export function deployedStateFromOutputs(deployed: unknown, apps: unknown): DeployedState {
  const byName = new Map<string, DeployedApp>();
  const unrecorded = new Set<string>(isObject(apps) ? Object.keys(apps) : []);
  if (isObject(deployed) && deployed.version === DEPLOYED_RECORD_VERSION && isObject(deployed.apps)) {
    for (const [app, raw] of Object.entries(deployed.apps)) {
      unrecorded.add(app);
      if (!isObject(raw) || !Array.isArray(raw.resources)) continue;
      const resources = raw.resources.map(recordResource);
      if (resources.some((r) => r === undefined)) continue;
      byName.set(app, {
        app,
        ...(typeof raw.filePath === 'string' ? { filePath: raw.filePath } : {}),
        ...(typeof raw.lifecycle === 'string' ? { lifecycle: raw.lifecycle } : {}),
        ...(typeof raw.intent === 'string' ? { intent: raw.intent } : {}),
        outputs: isObject(raw.outputs) ? raw.outputs : {},
        resources: (resources as DeployedResource[]).sort((a, b) => compareText(a.name, b.name)),
      });
      unrecorded.delete(app);
    }
  }
  for (const app of byName.keys()) unrecorded.delete(app);
  return { apps: byName, unrecorded };
}

/**
 * Reads what the previous update of this very stack deployed: its stack
 * outputs `deployed` and `apps`, through a stack reference to the stack
 * itself — the way Pulumi's maintainers show for "an output of a stack read
 * back in to the same stack on future updates" (pulumi/pulumi issue 3722). A
 * stack never updated has no outputs: nothing deployed.
 */
export async function readDeployedState(): Promise<DeployedState> {
  const self = new pulumi.StackReference(`${pulumi.getOrganization()}/${pulumi.getProject()}/${pulumi.getStack()}`, undefined, {});
  const [deployed, apps] = await Promise.all([self.getOutputDetails('deployed'), self.getOutputDetails('apps')]);
  return deployedStateFromOutputs(deployed.value ?? deployed.secretValue, apps.value ?? apps.secretValue);
}

/**
 * The stack output `deployed`: the record of every app this update leaves in
 * the stack. Secret when any recorded input is (a SCIM token).
 */
export function deployedRecord(apps: readonly { readonly app: string; readonly record: pulumi.Input<Omit<DeployedApp, 'app'>> }[]): pulumi.Output<RecordOutput> {
  const sorted = [...apps].sort((a, b) => compareText(a.app, b.app));
  return pulumi.output({ version: DEPLOYED_RECORD_VERSION, apps: Object.fromEntries(sorted.map(({ app, record }) => [app, record])) }) as unknown as pulumi.Output<RecordOutput>;
}
