/**
 * Calling the policies as the policy engine does, without starting it:
 * - direct: the arguments `@pulumi/policy`'s analyzer builds (server.js,
 *   1.21.0) — props wrapped in its `unknownCheckingProxy`, `isType` by type
 *   token, `notApplicable` throwing;
 * - on the wire: real `AnalyzeRequest` / `AnalyzeStackRequest` messages
 *   handed to the analyzer's own request handlers (`makeAnalyzeRpcFun`,
 *   `makeAnalyzeStackRpcFun`), which deserialize, proxy, pick enforcement
 *   levels and turn `UnknownValueError` into diagnostics as in production.
 * Unknown values are the engine's sentinels, exported (untyped) by the proxy module.
 */
import * as policy from '@pulumi/policy';
import type { EnforcementLevel, PolicyResource, ReportViolation, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from '@pulumi/policy';
import * as proxyModule from '@pulumi/policy/proxy';
import * as serverModule from '@pulumi/policy/server';
import * as analyzerproto from '@pulumi/pulumi/proto/analyzer_pb';
import { specialSecretSig, specialSigKey, unknownValue } from '@pulumi/pulumi/runtime/rpc';
import { Struct } from 'google-protobuf/google/protobuf/struct_pb';

/** The proxy the engine wraps props in (exported by @pulumi/policy, not declared in its types). */
export const unknownCheckingProxy = (policy as unknown as { unknownCheckingProxy<T>(value: T): T }).unknownCheckingProxy;

/** The engine's "unknown during preview" sentinels, by the type of the value. */
export const UNKNOWN_VALUE = (() => {
  const p = proxyModule as unknown as Record<string, string>;
  return { string: p.unknownStringValue!, boolean: p.unknownBooleanValue!, array: p.unknownArrayValue!, object: p.unknownObjectValue! };
})();

/** What a policy reported. */
export interface Violation {
  readonly message: string;
  readonly urn?: string;
}

/** Runs `validate` with a `reportViolation` that collects. */
export async function collect(validate: (reportViolation: ReportViolation) => void | Promise<void>): Promise<Violation[]> {
  const violations: Violation[] = [];
  await validate((message, urn) => violations.push(urn === undefined ? { message } : { message, urn }));
  return violations;
}

/** What `args.notApplicable` throws here (the analyzer's own class is internal). */
export class NotApplicable extends Error {}
const notApplicable = (reason?: string): never => {
  throw new NotApplicable(reason ?? 'Policy does not apply');
};

const tokenOf = (resourceClass: unknown) => (resourceClass as { __pulumiType?: string }).__pulumiType;

export const STACK = 'prod';
export const urnOf = (type: string, name: string, parentType?: string) => `urn:pulumi:${STACK}::shop::${parentType ? `${parentType}$` : ''}${type}::${name}`;

/** The arguments the analyzer passes a resource policy (`makeAnalyzeRpcFun`). */
export function resourceArgs(type: string, props: Record<string, unknown>, options: { name?: string; config?: object; protect?: boolean } = {}): ResourceValidationArgs {
  const name = options.name ?? 'app';
  const proxied = unknownCheckingProxy(props);
  return {
    type,
    props: proxied,
    urn: urnOf(type, name),
    name,
    opts: { protect: options.protect ?? false, ignoreChanges: [], aliases: [], customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 }, additionalSecretOutputs: [] },
    stackTags: new Map(),
    isType: (resourceClass) => tokenOf(resourceClass) === type,
    asType: ((resourceClass: unknown) => (tokenOf(resourceClass) === type ? proxied : undefined)) as ResourceValidationArgs['asType'],
    getConfig: <T extends object>() => (options.config ?? {}) as T,
    notApplicable,
  };
}

/** Runs a resource policy's validation on a resource's props, as the analyzer does. */
export function validateResource(p: ResourceValidationPolicy, type: string, props: Record<string, unknown>, options: Parameters<typeof resourceArgs>[2] = {}) {
  const validations = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource!];
  return collect(async (report) => {
    for (const v of validations) await v(resourceArgs(type, props, options), report);
  });
}

/** A resource of a stack as the analyzer passes it to stack policies (`makeAnalyzeStackRpcFun`). */
export function stackResource(
  type: string,
  name: string,
  props: Record<string, unknown>,
  options: { parent?: PolicyResource; protect?: boolean; propertyDependencies?: Record<string, PolicyResource[]> } = {},
): PolicyResource {
  const proxied = unknownCheckingProxy(props);
  return {
    type,
    props: proxied,
    urn: urnOf(type, name, options.parent?.type),
    name,
    opts: {
      protect: options.protect ?? false,
      ignoreChanges: [],
      aliases: [],
      customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
      additionalSecretOutputs: [],
      ...(options.parent ? { parent: options.parent.urn } : {}),
    },
    ...(options.parent ? { parent: options.parent } : {}),
    dependencies: Object.values(options.propertyDependencies ?? {}).flat(),
    propertyDependencies: options.propertyDependencies ?? {},
    isType: (resourceClass) => tokenOf(resourceClass) === type,
    asType: ((resourceClass: unknown) => (tokenOf(resourceClass) === type ? proxied : undefined)) as PolicyResource['asType'],
  };
}

/** Runs a stack policy on resources, with stack tags and policy config. */
export function validateStack(p: StackValidationPolicy, resources: PolicyResource[], options: { tags?: Record<string, string>; config?: object } = {}) {
  const args: StackValidationArgs = {
    resources,
    stackTags: new Map(Object.entries(options.tags ?? {})),
    getConfig: <T extends object>() => (options.config ?? {}) as T,
    notApplicable,
  };
  return collect((report) => p.validateStack(args, report));
}

// ---------------------------------------------------------------------------
// On the wire: the analyzer's own request handlers.

/** A resource as the engine sends it: properties in wire form (secrets signed, unknowns as sentinels). */
export interface WireResource {
  readonly type: string;
  readonly name: string;
  readonly urn: string;
  readonly properties: Record<string, unknown>;
  readonly parent?: string;
  readonly protect?: boolean;
}

/** A diagnostic as the engine receives it. */
export interface Diagnostic {
  readonly policyName: string;
  readonly message: string;
  readonly enforcementLevel: EnforcementLevel;
  readonly urn: string;
}

/**
 * A value from the SDK's wire form (what the recorder keeps) as the engine
 * forwards it to analyzers: secrets stay signed, unknowns are sentinels.
 * Anything else signed (assets, resource references) is not expected here.
 */
export function engineForm(value: unknown): unknown {
  if (value === unknownValue) return UNKNOWN_VALUE.string;
  if (Array.isArray(value)) return value.map(engineForm);
  if (value === null || typeof value !== 'object') return value;
  const record = value as Record<string, unknown>;
  const sig = record[specialSigKey];
  if (sig === specialSecretSig) return { [specialSigKey]: specialSecretSig, value: engineForm(record.value) };
  if (sig !== undefined) throw new Error(`test harness: unexpected signed value ${String(sig)}`);
  return Object.fromEntries(Object.entries(record).map(([k, v]) => [k, engineForm(v)]));
}

function options(r: WireResource): analyzerproto.AnalyzerResourceOptions {
  const opts = new analyzerproto.AnalyzerResourceOptions();
  opts.setProtect(r.protect ?? false);
  if (r.parent) opts.setParent(r.parent);
  return opts;
}

/** An `AnalyzeRequest` for one resource. */
export function analyzeRequest(r: WireResource): analyzerproto.AnalyzeRequest {
  return new analyzerproto.AnalyzeRequest()
    .setType(r.type)
    .setName(r.name)
    .setUrn(r.urn)
    .setProperties(Struct.fromJavaScript(engineForm(r.properties) as Record<string, never>))
    .setOptions(options(r));
}

/** An `AnalyzeStackRequest` for every resource. */
export function analyzeStackRequest(resources: readonly WireResource[]): analyzerproto.AnalyzeStackRequest {
  return new analyzerproto.AnalyzeStackRequest().setResourcesList(
    resources.map((r) => {
      const resource = new analyzerproto.AnalyzerResource()
        .setType(r.type)
        .setName(r.name)
        .setUrn(r.urn)
        .setProperties(Struct.fromJavaScript(engineForm(r.properties) as Record<string, never>))
        .setOptions(options(r));
      if (r.parent) resource.setParent(r.parent);
      return resource;
    }),
  );
}

const LEVELS: Record<number, EnforcementLevel> = {
  [analyzerproto.EnforcementLevel.ADVISORY]: 'advisory',
  [analyzerproto.EnforcementLevel.MANDATORY]: 'mandatory',
  [analyzerproto.EnforcementLevel.REMEDIATE]: 'remediate',
  [analyzerproto.EnforcementLevel.DISABLED]: 'disabled',
};

/** The diagnostics of an analyzer response. */
export function diagnostics(response: analyzerproto.AnalyzeResponse): Diagnostic[] {
  return response.getDiagnosticsList().map((d) => ({
    policyName: d.getPolicyname(),
    message: d.getMessage(),
    enforcementLevel: LEVELS[d.getEnforcementlevel()]!,
    urn: d.getUrn(),
  }));
}

type Handler<Req> = (call: { request: Req }, callback: (error: unknown, response?: analyzerproto.AnalyzeResponse) => void) => Promise<void>;
const server = serverModule as unknown as {
  makeAnalyzeRpcFun(name: string, version: string, level: EnforcementLevel, policies: unknown[]): Handler<analyzerproto.AnalyzeRequest>;
  makeAnalyzeStackRpcFun(name: string, version: string, level: EnforcementLevel, policies: unknown[]): Handler<analyzerproto.AnalyzeStackRequest>;
};

function call<Req>(handler: Handler<Req>, request: Req): Promise<Diagnostic[]> {
  return new Promise((resolve, reject) => {
    void handler({ request }, (error, response) => (error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(diagnostics(response!))));
  });
}

/** The pack's diagnostics for one resource, through the analyzer's `analyze` handler (no server, no configuration). */
export function analyzeOnWire(policies: readonly unknown[], r: WireResource): Promise<Diagnostic[]> {
  return call(server.makeAnalyzeRpcFun('saasgov-okta', '0.0.0-test', 'advisory', [...policies]), analyzeRequest(r));
}

/** The pack's diagnostics for a stack, through the analyzer's `analyzeStack` handler. */
export function analyzeStackOnWire(policies: readonly unknown[], resources: readonly WireResource[]): Promise<Diagnostic[]> {
  return call(server.makeAnalyzeStackRpcFun('saasgov-okta', '0.0.0-test', 'advisory', [...policies]), analyzeStackRequest(resources));
}
