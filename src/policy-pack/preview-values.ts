/**
 * Reading resource properties as the policy engine hands them over. During
 * `pulumi preview` a property computed from another resource's output is
 * unknown; `@pulumi/policy` wraps `props` in its `unknownCheckingProxy`, which
 * throws `UnknownValueError` when such a value is read. Left uncaught, the
 * error makes the analyzer skip the whole policy for the resource and print
 * an advisory "can't run policy … during preview" (server.js, 1.21.0). These
 * readers catch it per value instead, so a policy still checks everything
 * that is known and drops only what depends on the unknown value
 * (`decidedProblems` in `src/checks/problem.ts`). `pulumi up` resolves every
 * input before it analyzes a resource, so nothing is left unchecked there.
 */
import * as policy from '@pulumi/policy';
import * as proxy from '@pulumi/policy/proxy';

/** A value that is not known yet (during preview). */
export const UNKNOWN: unique symbol = Symbol('unknown during preview');
export type Unknown = typeof UNKNOWN;

/**
 * `UnknownValueError` and the unknown sentinels are exported by @pulumi/policy
 * at run time but not in its type declarations (they are `@internal`): typed
 * here, and looked up defensively so a later SDK without them degrades to the
 * engine's own handling rather than a crash.
 */
const UnknownValueError = (policy as unknown as { UnknownValueError?: abstract new (...args: never[]) => Error }).UnknownValueError;
const SENTINELS: ReadonlySet<unknown> = new Set(
  ['unknownBooleanValue', 'unknownNumberValue', 'unknownStringValue', 'unknownArrayValue', 'unknownAssetValue', 'unknownArchiveValue', 'unknownObjectValue']
    .map((name) => (proxy as unknown as Record<string, unknown>)[name])
    .filter((v) => typeof v === 'string'),
);

/** Whether `error` is the proxy's "unknown during preview" error. */
export function isUnknownValueError(error: unknown): boolean {
  return UnknownValueError !== undefined && error instanceof UnknownValueError;
}

/**
 * `container[key]`, or {@link UNKNOWN} when the value is unknown: the proxy
 * threw, or (props that reach a policy unwrapped) the value is one of the
 * engine's unknown sentinels. Any other error propagates.
 */
export function readValue(container: unknown, key: string | number): unknown {
  if (typeof container !== 'object' || container === null) return undefined;
  try {
    const value: unknown = (container as Record<string | number, unknown>)[key];
    return SENTINELS.has(value) ? UNKNOWN : value;
  } catch (error) {
    if (isUnknownValueError(error)) return UNKNOWN;
    throw error;
  }
}

/** A scalar as text: strings as they are, other primitives spelled out; `undefined` for none. Objects never stringify implicitly. */
function asText(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '[not a string]';
}

/** A string property: `undefined` when unset, {@link UNKNOWN} during preview. */
export function readString(props: unknown, key: string): string | undefined | Unknown {
  const value = readValue(props, key);
  return value === UNKNOWN ? UNKNOWN : asText(value);
}

/** A boolean property (`true`/`false`, or the strings Pulumi config yields): `undefined` when unset or not a boolean. */
export function readBoolean(props: unknown, key: string): boolean | undefined | Unknown {
  const value = readValue(props, key);
  if (value === UNKNOWN) return UNKNOWN;
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

/**
 * A list of strings: `undefined` when unset (or not a list), {@link UNKNOWN}
 * when the list itself is unknown, else its items — each a string or
 * {@link UNKNOWN} (a list literal with one computed item).
 */
export function readStringList(props: unknown, key: string): (string | Unknown)[] | undefined | Unknown {
  const value = readValue(props, key);
  if (value === UNKNOWN) return UNKNOWN;
  if (!Array.isArray(value)) return undefined;
  const length = value.length;
  const items: (string | Unknown)[] = [];
  for (let i = 0; i < length; i++) {
    const item = readValue(value, i);
    items.push(item === UNKNOWN ? UNKNOWN : (asText(item) ?? ''));
  }
  return items;
}
