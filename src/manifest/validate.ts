/**
 * Validates a document's data against the manifest schema and turns each zod
 * issue into a `manifest/schema` problem at the offending node, with a message
 * a business owner can act on (what was found, what is expected, a "did you
 * mean" for near misses). Values that look like credentials are never quoted.
 * A `"<…>"` placeholder left anywhere (SPEC §9.1, `saasgov new`) is a finding
 * of its own, even where the schema would take the text, so no placeholder
 * ever reaches a rule or the Pulumi program.
 */
import type { z } from 'zod';
import { isCredentialKey, looksLikeSecret, safeKey } from '../secrets/detect';
import { didYouMeanSuffix } from '../util/suggest';
import { REGION_CODES } from '../regions/regions';
import type { Locator } from './locate';
import { formatPath, valueAt } from './path';
import { manifestSchema, type Manifest } from './schema';
import { isPlaceholder } from './starter';
import type { LoadProblem, Path } from './types';

export interface Validation {
  /** The typed manifest with defaults, when the document matched the schema. */
  readonly manifest?: Manifest;
  readonly problems: LoadProblem[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates `value` (plain data of one document). `doc` gives the YAML source
 * text of scalars, for "quote it" hints.
 */
export function validateManifest(value: unknown, locator: Locator | null, extensions = true): Validation {
  if (!isRecord(value)) {
    return { problems: [schemaProblem('notMapping', [], { found: describe(value) })] };
  }
  if (!looksLikeManifest(value)) {
    const where = 'apiVersion' in value ? ['apiVersion'] : [];
    const found = value.apiVersion === undefined ? 'missing' : describe(value.apiVersion, 'apiVersion');
    return { problems: [schemaProblem('notManifest', where, { found })] };
  }
  const placeholders: LoadProblem[] = [];
  findPlaceholders(value, [], placeholders);
  const result = manifestSchema.safeParse(extensions ? withoutExtensions(value, []) : value);
  if (result.success && placeholders.length === 0) return { manifest: result.data, problems: [] };
  // At a placeholder, the placeholder finding says it all: the schema's own complaint there is dropped.
  const at = new Set(placeholders.map((p) => formatPath(p.path ?? [])));
  const problems: LoadProblem[] = [];
  for (const issue of result.error?.issues ?? []) problems.push(...toProblems(issue, value, locator).filter((p) => !at.has(formatPath(p.path ?? []))));
  return { problems: [...placeholders, ...problems] };
}

/**
 * Whether a mapping claims to be a saasgov manifest (`apiVersion: saasgov.dev/…`
 * or `kind: SaaSApp`). One that claims neither — a Kubernetes object, a Compose
 * file, a CI workflow found by a directory walk — is one finding, not a finding
 * for each of its keys; one that claims either is checked field by field.
 */
function looksLikeManifest(value: Record<string, unknown>): boolean {
  const { apiVersion, kind } = value;
  return (typeof apiVersion === 'string' && apiVersion.startsWith('saasgov.dev/')) || kind === 'SaaSApp';
}

/** Adds a `placeholder` problem for every `"<…>"` value in `value` (extension fields and labels too). */
function findPlaceholders(value: unknown, path: Path, out: LoadProblem[]): void {
  if (isPlaceholder(value)) out.push(schemaProblem('placeholder', path, { found: describe(value, path.at(-1)) }));
  else if (Array.isArray(value)) value.forEach((v, i) => findPlaceholders(v, [...path, i], out));
  else if (isRecord(value)) for (const key of Object.keys(value)) findPlaceholders(value[key], [...path, key], out);
}

/**
 * A copy of the data without `x-` extension keys (allowed at any level, SPEC
 * §1) — except directly under `metadata.labels`, where every key is a label,
 * and under `spec.sso.okta.settings`, where every key is an Okta setting.
 */
function withoutExtensions(value: unknown, path: Path): unknown {
  if (Array.isArray(value)) return value.map((v, i) => withoutExtensions(v, [...path, i]));
  if (!isRecord(value)) return value;
  const isLabels =
    (path.length === 2 && path[0] === 'metadata' && path[1] === 'labels') ||
    (path.length === 4 && path[0] === 'spec' && path[1] === 'sso' && path[2] === 'okta' && path[3] === 'settings');
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    if (!isLabels && key.startsWith('x-')) continue;
    out[key] = isLabels ? value[key] : withoutExtensions(value[key], [...path, key]);
  }
  return out;
}

function schemaProblem(messageId: string, path: Path, data: Record<string, string | number>, at: 'key' | 'value' = 'value'): LoadProblem {
  return { ruleId: 'manifest/schema', messageId, path, at, data: { path: formatPath(path), ...data } };
}

const MAX_QUOTED = 40;

/** A value as a message shows it: never a credential, never very long. */
export function describe(value: unknown, key?: string | number): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (an empty value)';
  if (typeof value === 'boolean') return `the boolean \`${value}\``;
  if (typeof value === 'number') return `the number \`${Number.isFinite(value) ? value : String(value)}\``;
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  const s = String(value);
  if ((typeof key === 'string' && isCredentialKey(key)) || looksLikeSecret(s)) {
    return `a value that looks like a credential (${s.length} characters, not shown)`;
  }
  if (s === '') return 'an empty string';
  return s.length > MAX_QUOTED ? `"${s.slice(0, MAX_QUOTED)}…"` : `"${s}"`;
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
};

function toProblems(issue: z.core.$ZodIssue, root: unknown, locator: Locator | null): LoadProblem[] {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const found = valueAt(root, path);
  const lastKey = path.at(-1);
  if (found === undefined && issue.code !== 'unrecognized_keys') {
    return [schemaProblem('required', path, { field: String(lastKey ?? ''), parent: formatPath(path.slice(0, -1)) || 'the document' })];
  }
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.expected === 'string' && (typeof found === 'number' || typeof found === 'boolean')) {
        const source = locator?.scalarSource(path) ?? String(found);
        return [schemaProblem('quoteIt', path, { source, found: describe(found) })];
      }
      return [schemaProblem('type', path, { expected: EXPECTED[issue.expected] ?? issue.expected, found: describe(found, lastKey) })];
    }
    case 'invalid_value': {
      const values = issue.values.map(String);
      if (values.length === 1) return [schemaProblem('literal', path, { expected: values[0]!, found: describe(found, lastKey) })];
      const suffix = typeof found === 'string' ? didYouMeanSuffix(found, values) : '.';
      return [schemaProblem('enum', path, { values: values.map((v) => `\`${v}\``).join(', '), found: describe(found, lastKey), suggestion: suffix })];
    }
    case 'unrecognized_keys': {
      const allowed = allowedKeys(path);
      return issue.keys.map((key) =>
        schemaProblem(
          'unknownKey',
          [...path, key],
          {
            key: safeKey(key),
            parent: formatPath(path) || 'the document',
            suggestion: didYouMeanSuffix(key, allowed),
            allowed: allowed.map((k) => `\`${k}\``).join(', '),
          },
          'key',
        ),
      );
    }
    case 'too_small': {
      if (issue.origin === 'string') {
        return [schemaProblem(Number(issue.minimum) <= 1 ? 'empty' : 'tooShort', path, { min: Number(issue.minimum), length: typeof found === 'string' ? found.length : 0 })];
      }
      return [schemaProblem('tooSmall', path, { min: Number(issue.minimum), found: describe(found) })];
    }
    case 'too_big':
      return [schemaProblem('tooBig', path, { max: Number(issue.maximum), found: describe(found) })];
    case 'custom': {
      const kind = issue.message;
      if (kind === 'onlyWithProtocol') {
        const params = (issue.params ?? {}) as Record<string, string>;
        return [schemaProblem(kind, path, { block: params.block ?? '', protocol: params.protocol ?? '' }, 'key')];
      }
      const suffix = kind === 'region' && typeof found === 'string' ? didYouMeanSuffix(found, REGION_CODES) : '.';
      return [schemaProblem(kind, path, { found: describe(found, lastKey), suggestion: suffix })];
    }
    default:
      return [schemaProblem('type', path, { expected: 'a valid value', found: describe(found, lastKey) })];
  }
}

interface ZodDefLike {
  type: string;
  shape?: Record<string, { _zod: { def: ZodDefLike } }>;
  element?: { _zod: { def: ZodDefLike } };
  innerType?: { _zod: { def: ZodDefLike } };
  in?: { _zod: { def: ZodDefLike } };
}

/** The keys the schema allows in the object at `path` (for "did you mean"). */
function allowedKeys(path: Path): string[] {
  let def = (manifestSchema as unknown as { _zod: { def: ZodDefLike } })._zod.def;
  const unwrap = () => {
    for (let guard = 0; guard < 10; guard++) {
      const inner = def.innerType ?? def.in;
      if (!inner || def.type === 'object' || def.type === 'array') break;
      def = inner._zod.def;
    }
  };
  unwrap();
  for (const seg of path) {
    if (def.type === 'object' && typeof seg === 'string' && def.shape?.[seg]) def = def.shape[seg]._zod.def;
    else if (def.type === 'array' && typeof seg === 'number' && def.element) def = def.element._zod.def;
    else return [];
    unwrap();
  }
  return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}
