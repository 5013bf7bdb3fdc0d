/**
 * The hostile-input corpus: each case is the file(s) of a pull request that
 * tries to crash, hang, exhaust, confuse or fool the linter, and the exact
 * findings saasgov must give for it — or a clean pass where the input is a
 * valid manifest in disguise. `corpus.test.ts` runs every case through the
 * CLI beside a valid manifest (which must stay clean); docs/robustness.md
 * lists the cases, and a test keeps that list equal to this one.
 */
import { visibleControls } from '../../src/formatters/escape';
import { DEFAULT_MAX_FILE_BYTES } from '../../src/manifest/read';
import { MAX_DEPTH } from '../../src/manifest/parse';
import { VALID } from '../helpers';

/** What a path in a case's directory is. A plain string or bytes is a file. */
export type Entry =
  | string
  | Uint8Array
  | { readonly kind: 'generated'; readonly bytes: () => Uint8Array; readonly size: string }
  | { readonly kind: 'dir' }
  | { readonly kind: 'symlink'; readonly target: string }
  | { readonly kind: 'fifo' }
  | { readonly kind: 'unreadable'; readonly content: string };

/** A finding as the JSON output reports it (1-based line and column of its start). */
export interface Expected {
  readonly ruleId: string;
  readonly messageId: string;
  readonly line: number;
  readonly column: number;
}

export const CATEGORIES = {
  bombs: 'Alias bombs and aliases',
  nesting: 'Deep nesting',
  size: 'Size and volume',
  encoding: 'Encoding and bytes',
  keys: 'Keys and prototypes',
  tags: 'Tags, directives, merge keys',
  traps: 'YAML 1.1 traps',
  text: 'Hostile text',
  files: 'Files and directories',
  documents: 'Empty and odd documents',
} as const;
export type Category = keyof typeof CATEGORIES;

export interface CorpusCase {
  /** Kebab-case, unique: also the case's directory name. */
  readonly id: string;
  readonly category: Category;
  /** What is hostile about it, for the robustness doc. */
  readonly hazard: string;
  /** Paths (relative to the case's directory) and what they are. */
  readonly entries: Readonly<Record<string, Entry>>;
  /** The exact findings of every file the run reports, by path; `[]` is a clean pass. */
  readonly expected: Readonly<Record<string, readonly Expected[]>>;
  /** Wall-clock bound of the case's run, in ms (default 5,000). */
  readonly maxMs?: number;
  /** The outcome as the robustness doc states it, where `expected` depends on the machine. */
  readonly outcome?: string;
}

export const f = (ruleId: string, messageId: string, line: number, column: number): Expected => ({ ruleId, messageId, line, column });
const syntax = (messageId: string, line: number, column: number) => f('manifest/syntax', messageId, line, column);
const schema = (messageId: string, line: number, column: number) => f('manifest/schema', messageId, line, column);

/** Line and column (1-based) of the `occurrence`-th `needle` in `text`. */
export function pos(text: string, needle: string, occurrence = 0): [number, number] {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`corpus: "${needle}" occurs fewer than ${occurrence + 1} times`);
  }
  const before = text.slice(0, at);
  return [before.split('\n').length, at - before.lastIndexOf('\n')];
}
/** Line and column of `needle` inside the first `context` in `text` (for needles that also occur elsewhere). */
export function posIn(text: string, context: string, needle: string): [number, number] {
  const [line, column] = pos(text, context);
  const offset = context.indexOf(needle);
  if (offset === -1 || context.slice(0, offset).includes('\n')) throw new Error(`corpus: "${needle}" is not on the first line of "${context}"`);
  return [line, column + offset];
}
const syntaxAt = (messageId: string, text: string, needle: string, occurrence = 0) => syntax(messageId, ...pos(text, needle, occurrence));
const schemaAt = (messageId: string, text: string, needle: string, occurrence = 0) => schema(messageId, ...pos(text, needle, occurrence));
const schemaIn = (messageId: string, text: string, context: string, needle: string) => schema(messageId, ...posIn(text, context, needle));

/**
 * `text` with each `[from, to]` replaced; `from` must occur exactly once, so
 * a case never silently loses the hostile part it is about.
 */
export function swap(text: string, ...pairs: readonly (readonly [string, string])[]): string {
  let out = text;
  for (const [from, to] of pairs) {
    const at = out.indexOf(from);
    if (at === -1 || out.indexOf(from, at + 1) !== -1) throw new Error(`corpus: "${from}" must occur exactly once`);
    out = out.slice(0, at) + to + out.slice(at + from.length);
  }
  return out;
}

/** VALID under another name (names are unique across the corpus, which is also linted as one directory). */
export const named = (name: string, ...pairs: readonly (readonly [string, string])[]) => swap(VALID, ['  name: crm-salesforce', `  name: ${name}`], ...pairs);

/** A manifest missing its four top-level fields reports them at its first key. */
const missingTopLevel = (line: number, column: number, fields: readonly string[] = ['apiVersion', 'kind', 'metadata', 'spec']) =>
  fields.map(() => schema('required', line, column));

// ---------------------------------------------------------------- bombs

const LAUGHS = (() => {
  const levels = ['x-a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 9; i++) {
    const prev = String.fromCharCode(96 + i);
    const name = String.fromCharCode(97 + i);
    levels.push(`x-${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]`);
  }
  return `${named('bomb-laughs')}${levels.join('\n')}\n`;
})();
const HUGE_ANCHOR = `x-big: &big [${Array.from({ length: 5000 }, (_, i) => i).join(',')}]\nx-copies: [*big, *big, *big]\n`;
const UNDEFINED_ALIAS = named('alias-undefined', ['  vendor: Salesforce', '  vendor: *vendor']);
const SELF_ALIAS = `${named('alias-self')}x-self: &self {a: [1, *self]}\n`;
const GOOD_ALIASES = named(
  'alias-good',
  ['    business: jane.doe@example.com', '    business: &owner jane.doe@example.com'],
  ['  lifecycle: production', '  lifecycle: production\n  x-contact: *owner'],
  ['    subjects: [eu]', '    subjects: &regions [eu]'],
  ['    regions: [eu]', '    regions: *regions'],
);

// ---------------------------------------------------------------- nesting

const DEEP = 10_000;
const deepFlowSeq = `x: ${'['.repeat(DEEP)}${']'.repeat(DEEP)}\n`;
const deepFlowMap = `x: ${'{a: '.repeat(DEEP)}1${'}'.repeat(DEEP)}\n`;
const deepBlockSeq = `${'- '.repeat(DEEP)}x\n`;
const BLOCK_MAP_LEVELS = 3_000; // by indentation: 3,000 levels is 4.5 MB, under the size cap
const deepBlockMap = `${Array.from({ length: BLOCK_MAP_LEVELS }, (_, i) => `${' '.repeat(i)}a:`).join('\n')} 1\n`;
/** Nested flow sequences exactly `levels` deep. */
const nested = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}\n`;

// ---------------------------------------------------------------- size

const CAP = DEFAULT_MAX_FILE_BYTES;
/** A valid manifest padded with comment lines to exactly `size` bytes. */
function padded(name: string, size: number): () => Uint8Array {
  return () => {
    const head = Buffer.from(named(name));
    const line = Buffer.from(`# ${'z'.repeat(1021)}\n`); // 1,024 bytes
    const out = Buffer.alloc(size, 0x7a); // 'z'
    head.copy(out, 0);
    let at = head.length;
    while (at + line.length <= size - 1) at += line.copy(out, at);
    if (at < size) {
      out.write('#', at);
      out.write('\n', size - 1);
    }
    return out;
  };
}
const FIFTY_MB = 50 * 1024 * 1024;
const MANY_DOCS = 10_000;
const FAILING_EVERY = 1_000;
/** 10,000 small valid manifests in flow style; every 1,000th lets internal data in without SSO. */
const manyDocuments = (() => {
  const docs: string[] = [];
  for (let i = 0; i < MANY_DOCS; i++) {
    const protocol = i % FAILING_EVERY === FAILING_EVERY - 1 ? 'none' : 'saml';
    docs.push(
      `{apiVersion: saasgov.dev/v1, kind: SaaSApp, metadata: {name: doc-${i}, owner: {business: a@example.com, technical: b@example.com}}, ` +
        `spec: {vendor: V, url: "https://v.example.com", lifecycle: deprecated, data: {classification: internal}, ` +
        `sso: {protocol: ${protocol}, okta: {preconfiguredApp: v}}, provisioning: {deprovisioning: {method: automatic}}, access: {groups: [g]}}}`,
    );
  }
  return `${docs.join('\n---\n')}\n`;
})();
const manyDocumentsExpected = Array.from({ length: MANY_DOCS / FAILING_EVERY }, (_, k) => {
  const doc = k * FAILING_EVERY + FAILING_EVERY - 1;
  return f('sso/required', 'none', 2 * doc + 1, pos(manyDocuments, 'protocol: none', k)[1] + 'protocol: '.length);
});
const MEGABYTE_SCALAR = named('long-scalar', ['  description: CRM for the sales team', `  description: "${'x'.repeat(1024 * 1024)}"`]);
const LONG_LINE = named('long-line', ['  plan: Enterprise', `  plan: ${'p'.repeat(100_000)}\n  # ${'c'.repeat(100_000)}`]);
const LABELS = 40_000;
const manyLabels = (() => {
  const labels = Array.from({ length: LABELS }, (_, i) => `    l${i}: v`);
  return named('many-labels', ['    department: sales\n', `    department: sales\n${labels.join('\n')}\n    1: one\n    "1": again\n`]);
})();

// ---------------------------------------------------------------- encoding

const BINARY = Uint8Array.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, 0x00, 0x00, 0xff, 0xfe, 0x10]);
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d]);
const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));
const utf16 = (text: string, bigEndian: boolean) => {
  const le = Buffer.from(`\uFEFF${text}`, 'utf16le');
  return bigEndian ? le.swap16() : le;
};
const NUL_IN_VALUE = named('nul-value', ['  plan: Enterprise', '  plan: Enter\u0000prise']);
const [LATIN1_HEAD, LATIN1_TAIL] = named('latin1').split('  plan: Enterprise\n') as [string, string];
const CR_ONLY = 'apiVersion: saasgov.dev/v1\rkind: SaaSApp\rmetadata: {name: cr-only}\r';
/** With a BOM and CRLF line endings, and one finding whose position must not move. */
const CRLF = named('crlf', ['    protocol: saml', '    protocol: none']).replace(/\n/g, '\r\n');
const TABS = `${named('tabs')}x-notes:\n\tfirst: a tab as indentation\n`;
const TAB_IN_VALUE = named('tab-value', ['  plan: Enterprise', '  plan: "Enter\tprise"\t# tab after the value']);
const RAW_ESC = named('raw-esc', ['  plan: Enterprise', '  plan: \u001b[2JEnterprise']);
const C1 = named('c1-control', ['  plan: Enterprise', '  plan: Enter\u009bprise']);

// ---------------------------------------------------------------- keys

const PROTO = [
  'apiVersion: saasgov.dev/v1',
  'kind: SaaSApp',
  '__proto__: {polluted: yes}',
  'constructor: {prototype: {polluted: yes}}',
  'prototype: {polluted: yes}',
  'metadata:',
  '  name: proto-keys',
  '  labels: {__proto__: x, toString: y}',
  'x-ext: {__proto__: {polluted: yes}}',
  '',
].join('\n');
const OBJECT_METHOD_KEYS = named('method-keys', ['    department: sales\n', '    toString: a\n    valueOf: b\n    hasOwnProperty: c\n    isPrototypeOf: d\n']);
const METHOD_KEYS_IN_SPEC = named('method-keys-in-spec', ['  vendor: Salesforce', '  vendor: Salesforce\n  toString: 1\n  valueOf: {a: 1}\n  hasOwnProperty: [x]']);
const INTEGER_KEYS = named('integer-keys', ['  vendor: Salesforce', '  vendor: Salesforce\n  10: ten\n  2: two\n  1: one']);
const DUPLICATES = named('duplicate-keys', ['    department: sales\n', '    department: sales\n    1: one\n    "1": two\n    department: again\n']);
const COMPLEX_KEY = named('complex-key', ['  costCenter: CC-4410', '  ? [cost, center]\n  : CC-4410']);

// ---------------------------------------------------------------- tags, directives, merge keys

const MERGE_PLAIN = [
  'apiVersion: saasgov.dev/v1',
  'kind: SaaSApp',
  'x-base: &base {vendor: Salesforce, url: "https://acme.my.salesforce.com"}',
  'metadata: {name: merge-plain, owner: {business: jane.doe@example.com, technical: it-apps@example.com}}',
  'spec:',
  '  <<: *base',
  '  lifecycle: production',
  '  data: {classification: public}',
  '  sso: {protocol: none}',
  '',
].join('\n');
const MERGE_EXPLICIT = swap(MERGE_PLAIN, ['merge-plain', 'merge-explicit'], ['  <<: *base', '  ? !!merge <<\n  : *base']);
const TAGS = named(
  'tags',
  ['  description: CRM for the sales team', '  description: !!js/function "function () { return process.exit(1) }"'],
  ['  costCenter: CC-4410', '  costCenter: !!python/object/apply:os.system ["rm -rf /"]'],
  ['  vendor: Salesforce', '  vendor: !Ref VendorName'],
);
const KNOWN_TAGS = named(
  'known-tags',
  ['  plan: Enterprise', '  plan: !!binary aGVsbG8='],
  ['    lastRestoreTest: 2026-10-02', '    lastRestoreTest: !!timestamp 2026-10-02'],
  ['    groups: [sales, sales-admins]', '    groups: !!set {sales, sales-admins}'],
);
const YAML11 = `%YAML 1.1\n---\n${named('yaml-1-1', ['    enforced: true', '    enforced: on'])}`;
const TAG_DIRECTIVE = `%TAG !e! tag:evil.example,2000:\n---\n${named('tag-directive', ['  plan: Enterprise', '  plan: !e!plan Enterprise'])}`;

// ---------------------------------------------------------------- YAML 1.1 traps

const TRAP_STRINGS = named('traps-strings', [
  '    department: sales\n',
  '    norway: no\n    on: on\n    off: off\n    yes: yes\n    y: y\n    n: n\n    sexagesimal: 1:20\n',
]);
const TRAP_NUMBERS = named(
  'traps-numbers',
  ['  costCenter: CC-4410', '  costCenter: 0755'],
  ['  plan: Enterprise', '  plan: 1e3'],
  ['  displayName: Salesforce Sales Cloud', '  displayName: .inf'],
  ['  description: CRM for the sales team', '  description: 1.10'],
  ['    provider: OwnBackup', '    provider: 0x1F'],
  ['    department: sales', '    department: sales\n    badge: 12345678901234567890'],
);
const TRAP_BOOLEANS = named('traps-booleans', ['    enforced: true', '    enforced: yes'], ['    dpaSigned: true', '    dpaSigned: on']);
const TRAP_DATES = named('traps-dates', ['  lifecycle: production', '  lifecycle: poc\n  pocEnds: 2027-01-15'], ['    source: production', '    source: synthetic']);

// ---------------------------------------------------------------- hostile text

const BIDI = named(
  'bidi-controls',
  ['  name: bidi-controls', '  name: "crm\u202Eeciovni"'],
  ['  displayName: Salesforce Sales Cloud', '  displayName: "Sales\u202Eecrof\u202C Cloud \u2066isolate\u2069 \u200Bzero-width"'],
  ['  costCenter: CC-4410', '  costCenter: CC-4410\n  "team\u202Erenwo": x'],
);
const CONFUSABLES = named(
  'confusables',
  ['apiVersion: saasgov.dev/v1', 'apiVersion: saasgov.dev/v1\u200D'],
  ['kind: SaaSApp', 'kind: SaaS\u0410pp'],
  ['    protocol: saml', '    protocol: s\u0430ml'],
  ['  vendor: Salesforce', '  vendor: Salesforce\n  \u0455eats: 3'],
);
/** Astral characters (two UTF-16 code units each) before a finding on its line: columns count code units (SARIF columnKind utf16CodeUnits). */
const ASTRAL = named('astral-columns', ['  labels:\n    department: sales\n', '  labels: {emoji: "😀😀 𝔘𝔫𝔦𝔠𝔬𝔡𝔢", count: 12}\n']);
const CONFUSABLE_NAME = swap(VALID, ['  name: crm-salesforce', '  name: \u0441rm-salesforce']);
const TERMINAL = named(
  'terminal-escapes',
  ['  lifecycle: production', '  lifecycle: "\\e[31mproduction\\e[0m"'],
  ['  costCenter: CC-4410', '  costCenter: CC-4410\n  "\\e]8;;https://evil.example\\e\\\\click\\e]8;;\\e\\\\": x\n  "\\rOK  all checks passed\\e[K": y'],
);
const COMMANDS = named(
  'workflow-commands',
  ['  lifecycle: production', '  lifecycle: "\\n::error file=forged.yaml::forged"'],
  ['  costCenter: CC-4410', '  costCenter: CC-4410\n  "::stop-commands::resume-here": x\n  "##[set-output name=x;]y": y\n  "%0A::warning ::encoded": z'],
);
const HOSTILE_FILE = named('hostile-file-name', ['    protocol: saml', '    protocol: none']);

// ---------------------------------------------------------------- documents

const MIXED_DOCUMENTS = `${named('mixed-first')}---\njust a scalar\n---\n- a\n- list\n---\n${named('mixed-last')}`;

/** A valid manifest for `good.yaml` of case `id`: every case is linted beside one, which must stay clean. */
export const goodFor = (id: string) => named(`good-${id}`.slice(0, 63));

export const CORPUS: readonly CorpusCase[] = [
  // Alias bombs and aliases
  {
    id: 'alias-bomb-laughs',
    category: 'bombs',
    hazard: '"Billion laughs": 9 levels of 9 aliases each (387 million strings if expanded)',
    entries: { 'app.yaml': LAUGHS },
    expected: { 'app.yaml': [syntaxAt('aliasCount', LAUGHS, '*c')] }, // the alias that passes 100 expansions
  },
  {
    id: 'alias-bomb-huge-anchor',
    category: 'bombs',
    hazard: 'A 5,000-item anchor aliased three times (15,000 values from 3 aliases)',
    entries: { 'app.yaml': `${named('huge-anchor')}${HUGE_ANCHOR}` },
    expected: { 'app.yaml': [syntaxAt('aliasNodes', `${named('huge-anchor')}${HUGE_ANCHOR}`, '*big', 1)] },
  },
  {
    id: 'alias-undefined',
    category: 'bombs',
    hazard: 'An alias to an anchor that does not exist (`yaml` reads it as null)',
    entries: { 'app.yaml': UNDEFINED_ALIAS },
    expected: { 'app.yaml': [syntaxAt('unknownAlias', UNDEFINED_ALIAS, '*vendor')] },
  },
  {
    id: 'alias-self-reference',
    category: 'bombs',
    hazard: 'An alias inside the value its anchor names (a cycle)',
    entries: { 'app.yaml': SELF_ALIAS },
    expected: { 'app.yaml': [syntaxAt('aliasCycle', SELF_ALIAS, '*self')] },
  },
  {
    id: 'alias-legitimate',
    category: 'bombs',
    hazard: 'A valid manifest that reuses values through anchors and aliases',
    entries: { 'app.yaml': GOOD_ALIASES },
    expected: { 'app.yaml': [] },
  },

  // Deep nesting
  {
    id: 'deep-flow-sequences-twice',
    category: 'nesting',
    hazard: '10,000 nested `[` in two documents of one file (a second deep document aborts Node in `yaml`)',
    entries: { 'app.yaml': `${deepFlowSeq}---\n${deepFlowSeq}` },
    expected: { 'app.yaml': [syntax('tooDeep', 1, 4 + MAX_DEPTH - 1), syntax('tooDeep', 3, 4 + MAX_DEPTH - 1)] },
  },
  {
    id: 'deep-flow-mappings-twice',
    category: 'nesting',
    hazard: '10,000 nested `{a: ` in two documents',
    entries: { 'app.yaml': `${deepFlowMap}---\n${deepFlowMap}` },
    expected: { 'app.yaml': [syntax('tooDeep', 1, 4 + 4 * (MAX_DEPTH - 1)), syntax('tooDeep', 3, 4 + 4 * (MAX_DEPTH - 1))] },
  },
  {
    id: 'deep-block-sequences-twice',
    category: 'nesting',
    hazard: '10,000 nested block sequences (`- - - …`) in two documents',
    entries: { 'app.yaml': `${deepBlockSeq}---\n${deepBlockSeq}` },
    expected: { 'app.yaml': [syntax('tooDeep', 1, 1 + 2 * MAX_DEPTH), syntax('tooDeep', 3, 1 + 2 * MAX_DEPTH)] },
  },
  {
    id: 'deep-block-mappings',
    category: 'nesting',
    hazard: `${BLOCK_MAP_LEVELS.toLocaleString('en')} block mappings nested by indentation (4.5 MB, just under the size cap)`,
    entries: { 'app.yaml': deepBlockMap },
    expected: { 'app.yaml': [syntax('tooDeep', MAX_DEPTH + 1, MAX_DEPTH + 1)] },
    maxMs: 10_000,
  },
  {
    id: 'depth-at-limit',
    category: 'nesting',
    hazard: `Exactly ${MAX_DEPTH} levels (the limit) in one document, ${MAX_DEPTH + 1} in the next`,
    entries: { 'app.yaml': `${nested(MAX_DEPTH)}---\n${nested(MAX_DEPTH + 1)}` },
    expected: { 'app.yaml': [schema('notMapping', 1, 1), syntax('tooDeep', 3, MAX_DEPTH + 1)] },
  },

  // Size and volume
  {
    id: 'size-50-mb',
    category: 'size',
    hazard: 'A 50 MB file (41 s and 2.8 GB to parse), generated at test time: refused unread',
    entries: { 'app.yaml': { kind: 'generated', size: '50 MB', bytes: () => Buffer.alloc(FIFTY_MB, 0x61).fill('a: "', 0, 4) } },
    expected: { 'app.yaml': [syntax('tooLarge', 1, 1)] },
    maxMs: 3_000,
  },
  {
    id: 'size-over-cap-by-one-byte',
    category: 'size',
    hazard: 'A valid manifest padded with comments to the size cap plus one byte',
    entries: { 'app.yaml': { kind: 'generated', size: '5 MiB + 1 byte', bytes: padded('over-cap', CAP + 1) } },
    expected: { 'app.yaml': [syntax('tooLarge', 1, 1)] },
  },
  {
    id: 'size-at-cap',
    category: 'size',
    hazard: 'A valid manifest padded with comments to exactly the size cap (5 MiB): read, and clean',
    entries: { 'app.yaml': { kind: 'generated', size: '5 MiB', bytes: padded('at-cap', CAP) } },
    expected: { 'app.yaml': [] },
    maxMs: 10_000,
  },
  {
    id: 'documents-10000',
    category: 'size',
    hazard: '10,000 manifests in one file (2.9 MB); every 1,000th fails `sso/required`',
    entries: { 'app.yaml': manyDocuments },
    expected: { 'app.yaml': manyDocumentsExpected },
    maxMs: 30_000,
  },
  {
    id: 'scalar-1-mb',
    category: 'size',
    hazard: 'A 1 MB double-quoted scalar in a valid manifest',
    entries: { 'app.yaml': MEGABYTE_SCALAR },
    expected: { 'app.yaml': [] },
  },
  {
    id: 'line-100k-characters',
    category: 'size',
    hazard: 'A 100,000-character plain scalar line and a 100,000-character comment line',
    entries: { 'app.yaml': LONG_LINE },
    expected: { 'app.yaml': [] },
  },
  {
    id: 'keys-40000-one-mapping',
    category: 'size',
    hazard: "40,000 labels in one mapping (the `yaml` duplicate check is quadratic: 31 s), then `1` and `\"1\"`",
    entries: { 'app.yaml': manyLabels },
    expected: { 'app.yaml': [syntaxAt('duplicateKey', manyLabels, '"1": again')] },
    maxMs: 10_000,
  },

  // Encoding and bytes
  {
    id: 'binary-elf',
    category: 'encoding',
    hazard: 'Binary data (an ELF header) named `.yaml`',
    entries: { 'app.yaml': BINARY },
    expected: { 'app.yaml': [syntax('binary', 1, 8)] },
  },
  {
    id: 'binary-png',
    category: 'encoding',
    hazard: 'A PNG header (a byte that is not UTF-8, CRLF, ^Z, LF, then NUL)',
    entries: { 'app.yaml': PNG },
    expected: { 'app.yaml': [syntax('binary', 3, 1)] },
  },
  {
    id: 'invalid-utf8-latin1',
    category: 'encoding',
    hazard: 'Latin-1 text (`café` as byte 0xE9), which lenient decoders turn into U+FFFD',
    entries: { 'app.yaml': bytes(LATIN1_HEAD, '  plan: caf', [0xe9], '\n', LATIN1_TAIL) },
    expected: { 'app.yaml': [syntax('notUtf8', ...pos(named('latin1'), 'Enterprise'))].map((e) => ({ ...e, column: e.column + 3 })) },
  },
  {
    id: 'invalid-utf8-overlong',
    category: 'encoding',
    hazard: 'An overlong encoding of `/` (0xC0 0xAF) and a UTF-8-encoded surrogate (0xED 0xA0 0x80)',
    entries: { 'app.yaml': bytes('a: ok\nb: x', [0xc0, 0xaf], '\nc: ', [0xed, 0xa0, 0x80], '\n') },
    expected: { 'app.yaml': [syntax('notUtf8', 2, 5)] },
  },
  {
    id: 'utf16-le-bom',
    category: 'encoding',
    hazard: 'A valid manifest saved as UTF-16 LE with BOM (decoded as UTF-8 it parses into garbage)',
    entries: { 'app.yaml': utf16(named('utf16-le'), false) },
    expected: { 'app.yaml': [syntax('utf16', 1, 1)] },
  },
  {
    id: 'utf16-be-bom',
    category: 'encoding',
    hazard: 'A valid manifest saved as UTF-16 BE with BOM',
    entries: { 'app.yaml': utf16(named('utf16-be'), true) },
    expected: { 'app.yaml': [syntax('utf16', 1, 1)] },
  },
  {
    id: 'utf8-bom-and-crlf',
    category: 'encoding',
    hazard: 'A UTF-8 BOM and CRLF line endings: read, and a finding at the same line and column as without them',
    entries: { 'app.yaml': `\uFEFF${CRLF}` },
    expected: { 'app.yaml': [f('sso/required', 'none', ...pos(CRLF.replace(/\r\n/g, '\n'), 'none'))] },
  },
  {
    id: 'nul-byte',
    category: 'encoding',
    hazard: 'A NUL byte inside a value (valid UTF-8, invalid YAML)',
    entries: { 'app.yaml': NUL_IN_VALUE },
    expected: { 'app.yaml': [syntax('binary', ...pos(NUL_IN_VALUE, '\u0000'))] },
  },
  {
    id: 'cr-only-line-endings',
    category: 'encoding',
    hazard: 'Old-Mac CR-only line endings: `yaml` reads the whole file as line 1',
    entries: { 'app.yaml': CR_ONLY },
    expected: { 'app.yaml': [syntax('yamlError', 1, 13), syntax('loneCr', 1, 27), syntax('yamlError', 1, 34), syntax('yamlError', 1, 67)] },
  },
  {
    id: 'tab-indentation',
    category: 'encoding',
    hazard: 'A tab in indentation',
    entries: { 'app.yaml': TABS },
    expected: { 'app.yaml': [syntaxAt('yamlError', TABS, '\tfirst')] },
  },
  {
    id: 'tab-inside-values',
    category: 'encoding',
    hazard: 'Tabs inside a quoted value and before a comment (allowed): clean',
    entries: { 'app.yaml': TAB_IN_VALUE },
    expected: { 'app.yaml': [] },
  },
  {
    id: 'raw-escape-character',
    category: 'encoding',
    hazard: 'A raw ESC byte (`ESC[2J`, clear screen) in a plain value',
    entries: { 'app.yaml': RAW_ESC },
    expected: { 'app.yaml': [syntaxAt('nonPrintable', RAW_ESC, '\u001b')] },
  },
  {
    id: 'c1-control',
    category: 'encoding',
    hazard: 'A C1 control (U+009B, the 8-bit CSI) in a plain value',
    entries: { 'app.yaml': C1 },
    expected: { 'app.yaml': [syntaxAt('nonPrintable', C1, '\u009b')] },
  },

  // Keys and prototypes
  {
    id: 'prototype-keys',
    category: 'keys',
    hazard: '`__proto__`, `constructor`, `prototype` keys at the top, in labels and in an extension (and `Object.prototype` stays clean)',
    entries: { 'app.yaml': PROTO },
    expected: {
      'app.yaml': [
        ...missingTopLevel(1, 1, ['spec']),
        schemaAt('forbiddenKey', PROTO, '__proto__'),
        schemaAt('forbiddenKey', PROTO, 'constructor'),
        schemaAt('forbiddenKey', PROTO, 'prototype: {polluted', 1), // the one inside `constructor` is never read
        schemaAt('required', PROTO, 'metadata'),
        schemaAt('forbiddenKey', PROTO, '__proto__', 1),
        schemaAt('forbiddenKey', PROTO, '__proto__', 2),
      ],
    },
  },
  {
    id: 'object-method-keys',
    category: 'keys',
    hazard: 'Labels named `toString`, `valueOf`, `hasOwnProperty`, `isPrototypeOf` (they break naive code): valid, clean',
    entries: { 'app.yaml': OBJECT_METHOD_KEYS },
    expected: { 'app.yaml': [] },
  },
  {
    id: 'object-method-keys-in-spec',
    category: 'keys',
    hazard: '`toString: 1`, `valueOf: {…}`, `hasOwnProperty: […]` as keys (a `toString` key breaks `${obj}`)',
    entries: { 'app.yaml': METHOD_KEYS_IN_SPEC },
    expected: {
      'app.yaml': [
        schemaAt('unknownKey', METHOD_KEYS_IN_SPEC, 'toString'),
        schemaAt('unknownKey', METHOD_KEYS_IN_SPEC, 'valueOf'),
        schemaAt('unknownKey', METHOD_KEYS_IN_SPEC, 'hasOwnProperty'),
      ],
    },
  },
  {
    id: 'integer-like-keys',
    category: 'keys',
    hazard: 'Keys `10`, `2`, `1` (`Object.keys` would list them first and sorted): findings in source order',
    entries: { 'app.yaml': INTEGER_KEYS },
    expected: {
      'app.yaml': [schemaAt('unknownKey', INTEGER_KEYS, '10: ten'), schemaAt('unknownKey', INTEGER_KEYS, '2: two'), schemaAt('unknownKey', INTEGER_KEYS, '1: one')],
    },
  },
  {
    id: 'duplicate-keys',
    category: 'keys',
    hazard: 'Duplicate keys, including `1` and `"1"` (the same key once loaded), which `yaml` does not flag',
    entries: { 'app.yaml': DUPLICATES },
    expected: { 'app.yaml': [syntaxAt('duplicateKey', DUPLICATES, '"1": two'), syntaxAt('duplicateKey', DUPLICATES, 'department: again')] },
  },
  {
    id: 'complex-key',
    category: 'keys',
    hazard: 'A sequence used as a mapping key (`? [cost, center]`)',
    entries: { 'app.yaml': COMPLEX_KEY },
    expected: { 'app.yaml': [schemaAt('complexKey', COMPLEX_KEY, '[cost, center]')] },
  },

  // Tags, directives, merge keys
  {
    id: 'merge-key-plain',
    category: 'tags',
    hazard: '`<<: *base` (YAML 1.1 merge): stays a literal, unknown key; nothing is merged',
    entries: { 'app.yaml': MERGE_PLAIN },
    expected: { 'app.yaml': [schemaAt('required', MERGE_PLAIN, 'spec:'), schemaAt('required', MERGE_PLAIN, 'spec:'), schemaAt('unknownKey', MERGE_PLAIN, '<<')] },
  },
  {
    id: 'merge-key-explicit-tag',
    category: 'tags',
    hazard: '`? !!merge <<` (merges even in YAML 1.2 in `yaml`)',
    entries: { 'app.yaml': MERGE_EXPLICIT },
    expected: { 'app.yaml': [syntaxAt('tag', MERGE_EXPLICIT, '!!merge')] },
  },
  {
    id: 'custom-tags',
    category: 'tags',
    hazard: '`!!js/function`, `!!python/object/apply:os.system`, `!Ref`',
    entries: { 'app.yaml': TAGS },
    expected: { 'app.yaml': [syntaxAt('tag', TAGS, '!!js/function'), syntaxAt('tag', TAGS, '!!python'), syntaxAt('tag', TAGS, '!Ref')] },
  },
  {
    id: 'known-tags',
    category: 'tags',
    hazard: '`!!binary`, `!!timestamp`, `!!set` (would become a Buffer, a Date, a Set and vanish from JSON)',
    entries: { 'app.yaml': KNOWN_TAGS },
    expected: { 'app.yaml': [syntaxAt('tag', KNOWN_TAGS, '!!binary'), syntaxAt('tag', KNOWN_TAGS, '!!set'), syntaxAt('tag', KNOWN_TAGS, '!!timestamp')] },
  },
  {
    id: 'yaml-1-1-directive',
    category: 'tags',
    hazard: '`%YAML 1.1` (would turn `on` into true): refused; `on` stays text',
    entries: { 'app.yaml': YAML11 },
    expected: { 'app.yaml': [syntax('directive', 1, 1)] },
  },
  {
    id: 'tag-directive',
    category: 'tags',
    hazard: '`%TAG` declaring a handle, and a value tagged with it',
    entries: { 'app.yaml': TAG_DIRECTIVE },
    // The handle resolves, as `yaml` resolves it: the tag is refused by policy, not as an unresolvable one.
    expected: { 'app.yaml': [syntax('directive', 1, 1), syntaxAt('tag', TAG_DIRECTIVE, '!e!plan')] },
  },

  // YAML 1.1 traps
  {
    id: 'traps-strings-stay-strings',
    category: 'traps',
    hazard: 'Labels `no`, `on`, `off`, `yes`, `y`, `n`, `1:20` (booleans and sexagesimal in YAML 1.1): text, clean',
    entries: { 'app.yaml': TRAP_STRINGS },
    expected: { 'app.yaml': [] },
  },
  {
    id: 'traps-numbers-in-text',
    category: 'traps',
    hazard: '`0755`, `1e3`, `.inf`, `1.10`, `0x1F`, a 20-digit integer in text fields: numbers in YAML 1.2 (some lose digits), so "quote it"',
    entries: { 'app.yaml': TRAP_NUMBERS },
    expected: {
      'app.yaml': [
        schemaAt('quoteIt', TRAP_NUMBERS, '.inf'),
        schemaAt('quoteIt', TRAP_NUMBERS, '1.10'),
        schemaAt('quoteIt', TRAP_NUMBERS, '0755'),
        schemaAt('quoteIt', TRAP_NUMBERS, '1e3'),
        schemaAt('quoteIt', TRAP_NUMBERS, '0x1F'),
        schemaAt('quoteIt', TRAP_NUMBERS, '12345678901234567890'),
      ],
    },
  },
  {
    id: 'traps-yes-on-not-booleans',
    category: 'traps',
    hazard: '`enforced: yes`, `dpaSigned: on`: text in YAML 1.2, never silently true',
    entries: { 'app.yaml': TRAP_BOOLEANS },
    expected: { 'app.yaml': [schemaIn('type', TRAP_BOOLEANS, 'enforced: yes', 'yes'), schemaIn('type', TRAP_BOOLEANS, 'dpaSigned: on', 'on')] },
  },
  {
    id: 'traps-dates-stay-strings',
    category: 'traps',
    hazard: 'Unquoted dates (`pocEnds: 2027-01-15`) stay text, never a JavaScript Date: clean',
    entries: { 'app.yaml': TRAP_DATES },
    expected: { 'app.yaml': [] },
  },

  // Hostile text
  {
    id: 'bidi-controls',
    category: 'text',
    hazard: 'Bidi overrides, isolates and a zero-width space in the app name, a value and a key',
    entries: { 'app.yaml': BIDI },
    expected: { 'app.yaml': [schemaAt('nameFormat', BIDI, '"crm'), schemaAt('unknownKey', BIDI, '"team')] },
  },
  {
    id: 'unicode-confusables',
    category: 'text',
    hazard: 'Cyrillic look-alikes in `kind`, `protocol` and a key, a zero-width joiner in `apiVersion`',
    entries: { 'app.yaml': CONFUSABLES },
    expected: {
      'app.yaml': [
        schemaAt('literal', CONFUSABLES, 'saasgov.dev'),
        schemaAt('literal', CONFUSABLES, 'SaaS'),
        schemaAt('unknownKey', CONFUSABLES, '\u0455eats'),
        schemaAt('enum', CONFUSABLES, 's\u0430ml'),
      ],
    },
  },
  {
    id: 'astral-characters-before-a-finding',
    category: 'text',
    hazard: 'Emoji and mathematical letters (two UTF-16 code units each) before a finding on the same line',
    entries: { 'app.yaml': ASTRAL },
    expected: { 'app.yaml': [schemaIn('quoteIt', ASTRAL, 'count: 12', '12')] },
  },
  {
    id: 'confusable-app-name',
    category: 'text',
    hazard: 'An app name with a Cyrillic `с` that looks like an existing app',
    entries: { 'app.yaml': CONFUSABLE_NAME },
    expected: { 'app.yaml': [schemaAt('nameFormat', CONFUSABLE_NAME, '\u0441rm')] },
  },
  {
    id: 'terminal-escapes',
    category: 'text',
    hazard: 'Escape sequences quoted in messages: colours, an OSC 8 hyperlink, a `\\r` that overwrites the line',
    entries: { 'app.yaml': TERMINAL },
    expected: {
      'app.yaml': [schemaAt('unknownKey', TERMINAL, '"\\e]8'), schemaAt('unknownKey', TERMINAL, '"\\rOK'), schemaAt('enum', TERMINAL, '"\\e[31m')],
    },
  },
  {
    id: 'workflow-command-injection',
    category: 'text',
    hazard: 'GitHub workflow commands (`::error`, `::stop-commands::`, `##[set-output`) in keys and values',
    entries: { 'app.yaml': COMMANDS },
    expected: {
      'app.yaml': [
        schemaAt('unknownKey', COMMANDS, '"::stop'),
        schemaAt('unknownKey', COMMANDS, '"##['),
        schemaAt('unknownKey', COMMANDS, '"%0A'),
        schemaAt('enum', COMMANDS, '"\\n::error'),
      ],
    },
  },
  {
    id: 'hostile-file-name',
    category: 'text',
    hazard: 'A file name with a newline, a workflow command, an escape sequence and a bidi override',
    entries: { 'apps/x\n::error file=forged.yaml::forged\u001b[31m\u202E.yaml': HOSTILE_FILE },
    expected: { 'apps/x\n::error file=forged.yaml::forged\u001b[31m\u202E.yaml': [f('sso/required', 'none', ...pos(HOSTILE_FILE, 'none'))] },
  },

  // Files and directories
  {
    id: 'symlink-loop',
    category: 'files',
    hazard: 'Directory links to `..` and `.` in the linted tree: walked once, no endless loop',
    entries: { 'apps/app.yaml': named('symlink-loop'), 'apps/up': { kind: 'symlink', target: '..' }, 'apps/here': { kind: 'symlink', target: '.' } },
    expected: { 'apps/app.yaml': [] },
  },
  {
    id: 'directory-named-yaml',
    category: 'files',
    hazard: 'A directory named `x.yaml` (its manifests are linted, the directory is not read as a file)',
    entries: { 'x.yaml/inner.yaml': named('directory-named-yaml'), 'empty.yaml': { kind: 'dir' } },
    expected: { 'x.yaml/inner.yaml': [] },
  },
  {
    id: 'broken-symlink',
    category: 'files',
    hazard: 'A link to a file that does not exist (unreadable: ENOENT)',
    entries: { 'app.yaml': { kind: 'symlink', target: 'missing.yaml' } },
    expected: { 'app.yaml': [syntax('unreadable', 1, 1)] },
  },
  {
    id: 'symlink-to-itself',
    category: 'files',
    hazard: 'A link to itself (unreadable: ELOOP)',
    entries: { 'app.yaml': { kind: 'symlink', target: 'app.yaml' } },
    expected: { 'app.yaml': [syntax('unreadable', 1, 1)] },
  },
  {
    id: 'fifo',
    category: 'files',
    hazard: 'A FIFO named `.yaml` and a link to it (opening one for reading blocks until a writer comes)',
    entries: { 'pipe.yaml': { kind: 'fifo' }, 'link.yaml': { kind: 'symlink', target: 'pipe.yaml' } },
    expected: { 'link.yaml': [syntax('notAFile', 1, 1)], 'pipe.yaml': [syntax('notAFile', 1, 1)] },
  },
  {
    id: 'unreadable-permissions',
    category: 'files',
    hazard: 'A file with mode 000: unreadable (EACCES) for a normal user; root reads it anyway, and it is clean',
    entries: { 'app.yaml': { kind: 'unreadable', content: named('unreadable-permissions') } },
    expected: { 'app.yaml': process.getuid?.() === 0 ? [] : [syntax('unreadable', 1, 1)] },
    outcome: '`manifest/syntax` unreadable; as root: clean',
  },

  // Empty and odd documents
  {
    id: 'empty-file',
    category: 'documents',
    hazard: 'An empty file',
    entries: { 'app.yaml': '' },
    expected: { 'app.yaml': [schema('noDocument', 1, 1)] },
  },
  {
    id: 'comments-only',
    category: 'documents',
    hazard: 'A file of only comments (and a document marker)',
    entries: { 'app.yaml': '# apiVersion: saasgov.dev/v1\n# kind: SaaSApp\n---\n# nothing else\n' },
    expected: { 'app.yaml': [schema('noDocument', 1, 1)] },
  },
  {
    id: 'scalar-document',
    category: 'documents',
    hazard: 'A document that is a plain scalar',
    entries: { 'app.yaml': 'just some text\n' },
    expected: { 'app.yaml': [schema('notMapping', 1, 1)] },
  },
  {
    id: 'mixed-documents',
    category: 'documents',
    hazard: 'A valid manifest, a scalar, a list and another valid manifest in one file',
    entries: { 'app.yaml': MIXED_DOCUMENTS },
    expected: { 'app.yaml': [schemaAt('notMapping', MIXED_DOCUMENTS, 'just a scalar'), schemaAt('notMapping', MIXED_DOCUMENTS, '- a')] },
  },
  {
    id: 'duplicate-app-across-documents',
    category: 'documents',
    hazard: 'The same app name in two documents of one file',
    entries: { 'app.yaml': `${named('twice')}---\n${named('twice')}` },
    expected: { 'app.yaml': [f('manifest/unique-name', 'duplicate', ...pos(`${named('twice')}---\n${named('twice')}`, 'twice', 1))] },
  },
];

/** A case's expected outcome in words: per file, "clean" or its findings by rule and message id. */
function outcome(c: CorpusCase): string {
  if (c.outcome !== undefined) return c.outcome;
  const files = Object.entries(c.expected);
  return files
    .map(([file, list]) => {
      const counts = new Map<string, number>();
      for (const e of list) counts.set(`\`${e.ruleId}\` ${e.messageId}`, (counts.get(`\`${e.ruleId}\` ${e.messageId}`) ?? 0) + 1);
      const found = list.length === 0 ? 'clean' : [...counts].map(([k, n]) => (n > 1 ? `${k} ×${n.toLocaleString('en')}` : k)).join(', ');
      return files.length > 1 || file !== 'app.yaml' ? `${visibleControls(file)}: ${found}` : found;
    })
    .join('; ');
}

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The corpus as the Markdown of docs/robustness.md (between its corpus markers). */
export function corpusMarkdown(): string {
  const lines = [`${CORPUS.length} cases in ${Object.keys(CATEGORIES).length} categories. Every case is linted beside a valid manifest, which must stay clean.`, ''];
  for (const [category, title] of Object.entries(CATEGORIES) as [Category, string][]) {
    const cases = CORPUS.filter((c) => c.category === category);
    lines.push(`### ${title} (${cases.length})`, '', '| Case | Input | Expected |', '| --- | --- | --- |');
    for (const c of cases) lines.push(`| \`${c.id}\` | ${cell(c.hazard)} | ${cell(outcome(c))} |`);
    lines.push('');
  }
  return lines.join('\n');
}
