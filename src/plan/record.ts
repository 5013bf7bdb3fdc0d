/**
 * Records what a program registers with the (mock) resource monitor: type,
 * name, URN, parent, inputs in wire form (secrets and unknowns still marked)
 * and the resource options the engine would see — aliases, retainOnDelete,
 * protect, additionalSecretOutputs, dependencies, import, ignoreChanges. Pulumi's mock monitor keeps
 * none of the options, so the recorder wraps its `registerResource`.
 */
import * as pulumi from '@pulumi/pulumi';
import { MockMonitor } from '@pulumi/pulumi/runtime/mocks';

/** An alias as the request carries it: a URN, or a spec (name/type/parent). */
export interface RecordedAlias {
  readonly urn?: string;
  readonly name?: string;
  readonly type?: string;
  readonly parentUrn?: string;
  readonly noParent?: boolean;
}

/** One registered resource. */
export interface RegisteredResource {
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  /** The parent's URN, `''` for none. */
  readonly parent: string;
  readonly custom: boolean;
  /** Inputs as sent to the engine: secrets are `{[specialSigKey]: specialSecretSig, value}`, unknowns `unknownValue`. */
  readonly inputs: Record<string, unknown>;
  readonly protect: boolean;
  readonly retainOnDelete: boolean;
  readonly additionalSecretOutputs: readonly string[];
  /** Structured aliases, or alias URNs when the monitor does not take alias specs. */
  readonly aliases: readonly RecordedAlias[];
  readonly dependencies: readonly string[];
  /** The id of an existing resource to adopt (the `import` option), `''` for none. */
  readonly importId: string;
  /** Inputs whose changes are ignored (`ignoreChanges`). */
  readonly ignoreChanges: readonly string[];
  /** The id the (mock) engine answered, `''` when unknown. */
  readonly id: string;
  /** The outputs the (mock) engine answered, in wire form. */
  readonly outputs: Record<string, unknown>;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
  getProtect(): boolean | undefined;
  getRetainondelete(): boolean | undefined;
  getAdditionalsecretoutputsList(): string[];
  getAliasurnsList(): string[];
  getAliasesList(): {
    hasUrn(): boolean;
    getUrn(): string;
    getSpec():
      | { getName(): string; getType(): string; hasParenturn(): boolean; getParenturn(): string; hasNoparent(): boolean; getNoparent(): boolean }
      | undefined;
  }[];
  getDependenciesList(): string[];
  getImportid(): string;
  getIgnorechangesList(): string[];
}

interface OutputsRequest {
  getUrn(): string;
  getOutputs(): { toJavaScript(): Record<string, unknown> } | undefined;
}

interface RegisterResponse {
  getUrn(): string;
  getId(): string;
  getObject(): { toJavaScript(): Record<string, unknown> } | undefined;
}

type Callback = (err: unknown, response: unknown) => void;

/** What a run registered, and the registrations that failed. */
export interface Recording {
  readonly resources: RegisteredResource[];
  /** Outputs registered by components (`registerOutputs`), by URN, in wire form. */
  readonly outputs: Map<string, Record<string, unknown>>;
  readonly errors: string[];
}

/**
 * Starts recording the registrations of the current mock monitor. Call it
 * right after `pulumi.runtime.setMocks` (each `setMocks` makes a new monitor).
 */
export function recordRegistrations(): Recording {
  const monitor: unknown = pulumi.runtime.getMonitor();
  if (!(monitor instanceof MockMonitor)) throw new Error('internal: recordRegistrations needs the mock monitor of pulumi.runtime.setMocks');
  const recording: Recording = { resources: [], outputs: new Map(), errors: [] };
  const register = monitor.registerResource.bind(monitor);
  monitor.registerResource = (req: RegisterRequest, callback: Callback) =>
    register(req, (err: unknown, response: unknown) => {
      if (err) recording.errors.push(`${req.getType()} ${req.getName()}: ${err instanceof Error ? err.message : String(err)}`);
      else recording.resources.push(toRecord(req, response as RegisterResponse));
      callback(err, response);
    });
  const registerOutputs = monitor.registerResourceOutputs.bind(monitor);
  monitor.registerResourceOutputs = (req: OutputsRequest, callback: Callback) => {
    recording.outputs.set(req.getUrn(), req.getOutputs()?.toJavaScript() ?? {});
    return registerOutputs(req, callback);
  };
  return recording;
}

function toRecord(req: RegisterRequest, response: RegisterResponse): RegisteredResource {
  const urn = response.getUrn();
  const aliases: RecordedAlias[] = req.getAliasesList().map((a) => {
    if (a.hasUrn()) return { urn: a.getUrn() };
    const spec = a.getSpec();
    if (!spec) return {};
    return {
      ...(spec.getName() ? { name: spec.getName() } : {}),
      ...(spec.getType() ? { type: spec.getType() } : {}),
      ...(spec.hasParenturn() ? { parentUrn: spec.getParenturn() } : {}),
      ...(spec.hasNoparent() ? { noParent: spec.getNoparent() } : {}),
    };
  });
  return {
    urn,
    type: req.getType(),
    name: req.getName(),
    parent: req.getParent(),
    custom: req.getCustom(),
    inputs: req.getObject()?.toJavaScript() ?? {},
    protect: req.getProtect() ?? false,
    retainOnDelete: req.getRetainondelete() ?? false,
    additionalSecretOutputs: [...req.getAdditionalsecretoutputsList()],
    aliases: [...aliases, ...req.getAliasurnsList().map((urn) => ({ urn }))],
    dependencies: [...req.getDependenciesList()],
    importId: req.getImportid(),
    ignoreChanges: [...req.getIgnorechangesList()],
    id: response.getId(),
    outputs: response.getObject()?.toJavaScript() ?? {},
  };
}
