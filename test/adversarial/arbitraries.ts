/**
 * fast-check arbitraries for the property tests: valid manifests built from
 * the schema's enums and shapes (schema.ts), the YAML text they are written
 * as (in any style `yaml` can write), mutations of that text, and hostile
 * strings. Run counts come from FUZZ_RUNS (`npm run fuzz`), else the small
 * numbers CI can afford.
 */
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { isMap, isNode, isScalar, isSeq, parse, parseDocument, stringify, type Node, type Pair, type Scalar, type ToStringOptions, type YAMLMap } from 'yaml';
import { RULES } from '../../rules';
import {
  CERTIFICATIONS,
  CLASSIFICATIONS,
  DATA_CATEGORIES,
  GRANT_TYPES,
  LIFECYCLES,
  PROTOCOLS,
  SCIM_FEATURES,
  type ManifestInput,
} from '../../src/manifest/schema';
import { REGION_CODES } from '../../src/regions/regions';
import { HOSTILE } from '../formatters/hostile';

/** `numRuns` (and a seed, with FUZZ_SEED) for fc.assert: FUZZ_RUNS when fuzzing, else `ciRuns`. */
export function fuzzOptions(ciRuns: number): { numRuns: number; seed?: number } {
  const runs = Number(process.env.FUZZ_RUNS);
  const seed = Number(process.env.FUZZ_SEED);
  return { numRuns: Number.isInteger(runs) && runs > 0 ? runs : ciRuns, ...(Number.isInteger(seed) ? { seed } : {}) };
}

/** A per-test timeout that lets `npm run fuzz` run long. */
export const PROPERTY_TIMEOUT = process.env.FUZZ_RUNS ? 3_600_000 : 30_000;

// ---------------------------------------------------------------- text

/** Printable text as people write it, with some Unicode, YAML punctuation and look-alikes. */
export const plainText = fc.string({
  unit: fc.oneof(
    { weight: 8, arbitrary: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.'.split('')) },
    { weight: 1, arbitrary: fc.constantFrom(...':#&*!|>\'"%@`{}[],?~=+$^()/\\<'.split('')) },
    { weight: 1, arbitrary: fc.constantFrom('é', 'ñ', 'ß', '日本', '😀', 'с', 'а', '\u00A0', '\t') },
  ),
  maxLength: 40,
});

/** Anything a string can hold, lone surrogates included, plus the strings that try to break each format (hostile.ts). */
export const hostileText = fc.oneof(
  fc.constantFrom(...HOSTILE),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.array(fc.oneof(fc.constantFrom(...HOSTILE), fc.string({ unit: 'binary', maxLength: 5 }), plainText), { maxLength: 4 }).map((parts) => parts.join('')),
);

const label = fc.stringMatching(/^[a-z][a-z0-9]{0,9}$/);
const appName = fc.stringMatching(/^[a-z][a-z0-9-]{1,20}[a-z0-9]$/);
const email = fc.tuple(fc.stringMatching(/^[a-z][a-z0-9.+_-]{0,10}$/), label, fc.constantFrom('com', 'org', 'example')).map(([l, d, t]) => `${l}@${d}.${t}`);
const httpsUrl = fc.tuple(label, fc.constantFrom('', '/', '/sso/saml', '/a/b?c=d')).map(([h, p]) => `https://${h}.example.com${p}`);
const date = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
const opt = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
const some = <T>(values: readonly T[]) => fc.subarray([...values]);
const RULE_IDS = RULES.map((r) => r.id);
/** Keys the loader refuses anywhere (they could reach a prototype). */
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

/** Whether no mapping in `value` has a key the loader refuses. */
function withoutForbiddenKeys(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(withoutForbiddenKeys);
  if (typeof value !== 'object' || value === null) return true;
  return Object.keys(value).every((k) => !FORBIDDEN.has(k) && withoutForbiddenKeys((value as Record<string, unknown>)[k]));
}

/** An object without its `undefined` fields (optional fields left out, not written as null). */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

const ssoArb = fc.constantFrom(...PROTOCOLS).chain((protocol) =>
  fc
    .record({
      availableOnPlan: opt(fc.boolean()),
      enforced: opt(fc.boolean()),
      mfa: opt(fc.constantFrom('required', 'optional' as const)),
      okta: opt(fc.record({ preconfiguredApp: opt(label) }).map(compact)),
      saml:
        protocol === 'saml'
          ? opt(
              fc
                .record({
                  acsUrl: opt(fc.oneof(httpsUrl, plainText)),
                  audience: opt(plainText),
                  nameIdFormat: opt(fc.constantFrom('email', 'persistent', 'transient', 'unspecified' as const)),
                  signatureAlgorithm: opt(fc.constantFrom('RSA_SHA256', 'RSA_SHA1' as const)),
                  responseSigned: opt(fc.boolean()),
                  assertionSigned: opt(fc.boolean()),
                  attributes: opt(fc.array(fc.record({ name: label, value: label }), { maxLength: 2 })),
                })
                .map(compact),
            )
          : fc.constant(undefined),
      oidc:
        protocol === 'oidc'
          ? opt(
              fc
                .record({
                  type: fc.constantFrom('web', 'native', 'browser', 'service' as const),
                  redirectUris: opt(fc.array(fc.oneof(httpsUrl, fc.constant('http://localhost:8080/cb'), plainText), { maxLength: 2 })),
                  grantTypes: opt(some(GRANT_TYPES)),
                  pkce: opt(fc.boolean()),
                })
                .map(compact),
            )
          : fc.constant(undefined),
    })
    .map((rest) => compact({ protocol, ...rest })),
);

export interface ManifestOptions {
  /** `formerNames` claim names too (off where names must not collide). */
  readonly formerNames?: boolean;
  /** Names to draw `metadata.name` from (default: any). */
  readonly name?: fc.Arbitrary<string>;
}

/** A manifest that matches the schema, built from its enums and shapes. */
export function validManifest(options: ManifestOptions = {}): fc.Arbitrary<ManifestInput> {
  const metadata = fc
    .record({
      name: options.name ?? appName,
      displayName: opt(plainText),
      description: opt(plainText),
      owner: fc.record({ team: opt(plainText), business: opt(email), technical: opt(email) }).map(compact),
      costCenter: opt(plainText),
      formerNames: options.formerNames === false ? fc.constant(undefined) : opt(fc.array(appName, { maxLength: 2 })),
      labels: opt(fc.dictionary(plainText.filter((k) => !FORBIDDEN.has(k)), plainText, { maxKeys: 3 })),
    })
    .map(compact);
  const spec = fc
    .record({
      vendor: plainText.filter((s) => s.length > 0),
      url: httpsUrl,
      plan: opt(plainText),
      lifecycle: fc.constantFrom(...LIFECYCLES),
      pocEnds: opt(date),
      seats: opt(fc.nat({ max: 100_000 })),
      data: fc
        .record({
          classification: fc.constantFrom(...CLASSIFICATIONS),
          categories: opt(some(DATA_CATEGORIES)),
          source: opt(fc.constantFrom('production', 'copy', 'synthetic', 'none' as const)),
          subjects: opt(some(REGION_CODES.slice(0, 12))),
        })
        .map(compact),
      sso: ssoArb,
      provisioning: opt(
        fc
          .record({
            scim: opt(fc.record({ enabled: opt(fc.boolean()), availableOnPlan: opt(fc.boolean()), features: opt(some(SCIM_FEATURES)) }).map(compact)),
            deprovisioning: opt(fc.record({ method: fc.constantFrom('automatic', 'manual' as const), slaHours: opt(fc.integer({ min: 1, max: 200 })) }).map(compact)),
          })
          .map(compact),
      ),
      access: opt(fc.record({ groups: opt(fc.array(label, { maxLength: 3 })) }).map(compact)),
      backup: opt(
        fc
          .record({
            strategy: fc.constantFrom('vendor-native', 'third-party', 'none' as const),
            provider: opt(plainText),
            frequency: opt(fc.constantFrom('hourly', 'daily', 'weekly', 'monthly' as const)),
            retentionDays: opt(fc.nat({ max: 1000 })),
            lastRestoreTest: opt(date),
          })
          .map(compact),
      ),
      residency: opt(fc.record({ regions: opt(some(REGION_CODES.slice(0, 12))), transferMechanism: opt(fc.constantFrom('scc', 'bcr', 'dpf' as const)) }).map(compact)),
      vendorAssurance: opt(fc.record({ dpaSigned: opt(fc.boolean()), certifications: opt(some(CERTIFICATIONS)) }).map(compact)),
      waivers: opt(
        fc.array(
          fc.record({
            rule: fc.oneof(fc.constantFrom(...RULE_IDS), plainText.filter((s) => s.length > 0)),
            reason: fc.string({ minLength: 20, maxLength: 60 }).filter((s) => /^[\x20-\x7e]+$/.test(s)),
            approvedBy: email,
            ticket: fc.stringMatching(/^[A-Z]{2,4}-[0-9]{1,5}$/),
            expires: date,
          }),
          { maxLength: 2 },
        ),
      ),
      'x-notes': opt(fc.jsonValue({ maxDepth: 2 }).filter(withoutForbiddenKeys)),
    })
    .map(compact);
  return fc.record({ apiVersion: fc.constant('saasgov.dev/v1' as const), kind: fc.constant('SaaSApp' as const), metadata, spec }) as fc.Arbitrary<ManifestInput>;
}

/** How `yaml` may write a manifest: block or flow, quoted or plain keys and strings, any indentation. */
export const yamlStyle: fc.Arbitrary<ToStringOptions & { flow: boolean }> = fc.record({
  flow: fc.boolean(),
  indent: fc.integer({ min: 1, max: 4 }),
  indentSeq: fc.boolean(),
  defaultKeyType: fc.constantFrom(null, 'PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE' as const),
  defaultStringType: fc.constantFrom('PLAIN', 'QUOTE_DOUBLE', 'QUOTE_SINGLE', 'BLOCK_LITERAL', 'BLOCK_FOLDED' as const),
  lineWidth: fc.constantFrom(0, 20, 80),
});

/** A manifest as YAML text in a style. */
export function toYaml(manifest: unknown, style: ToStringOptions & { flow: boolean }): string {
  const { flow, ...options } = style;
  return stringify(manifest, { ...options, collectionStyle: flow ? 'flow' : 'block' });
}

/**
 * Whether `text` reads back as `value` with `yaml` itself. Its writer has
 * corners that do not round-trip (an empty `[]` under a key with
 * `indentSeq: false` becomes a key of its own); properties about manifests
 * use `fc.pre(readsBackAs(…))` so they test saasgov, not `yaml`'s writer.
 */
export function readsBackAs(text: string, value: unknown): boolean {
  try {
    return isDeepStrictEqual(parse(text, { schema: 'core', uniqueKeys: false }), JSON.parse(JSON.stringify(value)));
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------- mutations

/** Every path to a node of the document (keys and indices). */
function paths(node: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const out: (string | number)[][] = [];
  if (isMap(node)) {
    for (const pair of (node as YAMLMap<Scalar, Node>).items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : null;
      if (key === null) continue;
      out.push([...prefix, key], ...paths(pair.value, [...prefix, key]));
    }
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => out.push([...prefix, i], ...paths(item, [...prefix, i])));
  }
  return out;
}

/** Every mapping of the document. */
function mappings(node: unknown): YAMLMap[] {
  if (isMap(node)) return [node as YAMLMap, ...(node as YAMLMap).items.flatMap((p: Pair) => mappings(p.value))];
  if (isSeq(node)) return node.items.flatMap(mappings);
  return [];
}

/** Characters that do something to a parser, a terminal or a text format. */
export const CONTROL_CHARACTERS = ['\u0000', '\t', '\r', '\u001b', '\u007f', '\u0085', '\u009b', '\u200b', '\u2028', '\u202e', '\ufeff', '\ufffe'] as const;

export type Mutation =
  | { readonly kind: 'drop'; readonly pick: number }
  | { readonly kind: 'retype'; readonly pick: number; readonly value: unknown }
  | { readonly kind: 'control'; readonly at: number; readonly char: string }
  | { readonly kind: 'duplicate'; readonly pick: number }
  | { readonly kind: 'reorder'; readonly pick: number; readonly seed: number };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('retype' as const), pick: fc.nat(), value: fc.constantFrom<unknown>(0, -1, 3.5, true, false, null, [], {}, ['x'], { a: 1 }, '') }),
  fc.record({ kind: fc.constant('control' as const), at: fc.nat(), char: fc.constantFrom(...CONTROL_CHARACTERS) }),
  fc.record({ kind: fc.constant('duplicate' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('reorder' as const), pick: fc.nat(), seed: fc.nat() }),
);

/** `text` with `m` applied (through `yaml`'s Document API, or on the text for control characters), and what it touched. */
export function mutate(text: string, m: Mutation): { text: string; path?: readonly (string | number)[] } {
  if (m.kind === 'control') {
    const at = m.at % (text.length + 1);
    return { text: text.slice(0, at) + m.char + text.slice(at) };
  }
  const doc = parseDocument(text, { uniqueKeys: false });
  if (doc.errors.length > 0) return { text }; // broken by an earlier mutation: only text-level mutations still apply
  if (m.kind === 'drop' || m.kind === 'retype') {
    const all = paths(doc.contents);
    if (all.length === 0) return { text };
    const path = all[m.pick % all.length]!;
    if (m.kind === 'drop') doc.deleteIn(path);
    else doc.setIn(path, doc.createNode(m.value));
    return { text: doc.toString({ lineWidth: 0 }), path };
  }
  const maps = mappings(doc.contents).filter((map) => map.items.length > 0);
  if (maps.length === 0) return { text };
  const map = maps[m.pick % maps.length]!;
  if (m.kind === 'duplicate') {
    // A copy, not the same nodes again (`yaml` would write those as an anchor and an alias).
    const pair = map.items[m.pick % map.items.length]!;
    const plain = (n: unknown) => (isNode(n) ? n.toJSON() : n);
    map.items.push(doc.createPair(plain(pair.key), plain(pair.value)));
  } else {
    // A seeded Fisher–Yates shuffle, so the case replays.
    let seed = m.seed;
    for (let i = map.items.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const j = seed % (i + 1);
      [map.items[i], map.items[j]] = [map.items[j]!, map.items[i]!];
    }
  }
  return { text: doc.toString({ lineWidth: 0 }) };
}
