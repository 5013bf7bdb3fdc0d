/**
 * `yaml`'s own reading of a text and the loader's, side by side in the
 * loader's vocabulary, the differences between them, and the policy
 * differences that explain some (docs/yaml.md says why each exists). The
 * official YAML test suite (yaml-suite.test.ts) and the examples of
 * docs/yaml.md (yaml-doc.test.ts) are checked with it.
 */
import { isDeepStrictEqual } from 'node:util';
import { isAlias, isScalar, LineCounter, parseAllDocuments, visit, type Document, type Node } from 'yaml';
import { parseManifestText } from '../../src/manifest/parse';
import { decodeManifest } from '../../src/manifest/read';

/** A finding of either reading: a loader problem, or a `yaml` error or warning in the loader's terms. */
export interface Finding {
  readonly messageId: string;
  readonly start: number;
  readonly end: number;
  /** `yaml`'s message, for its errors and warnings. */
  readonly detail?: string;
}

interface Reading {
  readonly findings: Finding[];
  /** The value of each document by its index in the stream (the loader's: only where it has no problem). */
  readonly values: Map<number, unknown>;
}

/** What `yaml` read, and where its keys are that the policies are about. */
export interface YamlReading extends Reading {
  /** Documents that hold nothing (no content, no error). */
  readonly emptyDocuments: Set<number>;
  /** Where keys start that are collections, or aliases to one. */
  readonly collectionKeys: Set<number>;
  /** Where keys start whose name in the data is an earlier key's of the same mapping, though `yaml` found them different. */
  readonly sameNameKeys: Set<number>;
}

/** The name `yaml`'s `toJS` gives a scalar key (null becomes ''), `undefined` for a collection. */
function jsKeyName(doc: Document, key: unknown): string | undefined {
  const node = isAlias(key) ? key.resolve(doc) : key;
  if (!isScalar(node)) return undefined;
  return node.value === null ? '' : String(node.value);
}

/**
 * `yaml`'s reading with its default options (but errors without the pretty
 * excerpt, and no console warning for a collection key), positions moved
 * back by `shift` (a byte-order mark the loader never sees). An alias to no
 * anchor, which only `toJS` reports, is an `unknownAlias` at the alias, as
 * the loader reports it.
 */
export function yamlReading(text: string, shift = 0): YamlReading {
  const docs = parseAllDocuments(text, { prettyErrors: false, logLevel: 'error' }) as Document.Parsed[] & Partial<Pick<Document.Parsed, 'errors' | 'warnings'>>;
  const findings: Finding[] = [];
  const reading: YamlReading = { findings, values: new Map(), emptyDocuments: new Set(), collectionKeys: new Set(), sameNameKeys: new Set() };
  const add = (errors: Document.Parsed['errors'], warnings: Document.Parsed['warnings']) => {
    for (const e of errors) {
      const at = { start: e.pos[0] - shift, end: e.pos[1] - shift };
      findings.push(e.code === 'DUPLICATE_KEY' ? { messageId: 'duplicateKey', ...at } : { messageId: 'yamlError', ...at, detail: e.message });
    }
    for (const w of warnings) findings.push({ messageId: 'yamlWarning', start: w.pos[0] - shift, end: w.pos[1] - shift, detail: w.message });
  };
  if (docs.length === 0) add(docs.errors ?? [], docs.warnings ?? []);
  docs.forEach((doc, i) => {
    add(doc.errors, doc.warnings);
    const start = (node: unknown) => (node as Node).range![0] - shift;
    visit(doc, {
      Alias(_, node) {
        if (!node.resolve(doc)) findings.push({ messageId: 'unknownAlias', start: start(node), end: node.range![1] - shift });
      },
      Map(_, map) {
        const names = new Map<string, unknown>();
        for (const { key } of map.items) {
          const name = jsKeyName(doc, key);
          if (name === undefined) reading.collectionKeys.add(start(key));
          else if (!names.has(name)) names.set(name, key);
          else if (!(isScalar(key) && isScalar(names.get(name)) && key.value === (names.get(name) as { value: unknown }).value)) reading.sameNameKeys.add(start(key));
        }
      },
    });
    if (doc.errors.length === 0 && (doc.contents === null || (isScalar(doc.contents) && doc.contents.source === '' && !doc.contents.anchor && !doc.contents.tag))) reading.emptyDocuments.add(i);
    try {
      reading.values.set(i, doc.toJS());
    } catch (error) {
      reading.values.set(i, error);
    }
  });
  return reading;
}

/** The loader's reading: which documents it gives, and whether any has a syntax finding. */
export function loaderReading(text: string): Reading & { readonly documents: Set<number>; readonly syntax: boolean } {
  const docs = parseManifestText(text, new LineCounter());
  const findings: Finding[] = [];
  const values = new Map<number, unknown>();
  const documents = new Set<number>();
  let syntax = false;
  for (const d of docs) {
    documents.add(d.index);
    for (const p of d.problems) {
      findings.push({ messageId: p.messageId, start: p.range!.start, end: p.range!.end, ...(p.messageId === 'yamlError' ? { detail: String(p.data.detail) } : {}) });
      syntax ||= p.ruleId === 'manifest/syntax';
    }
    if (d.problems.length === 0) values.set(d.index, d.value);
  }
  return { findings, values, documents, syntax };
}

/** A finding only one reading has, a value that differs, a document only `yaml` has, or `yaml` reading a text differently after a byte-order mark. */
export type Difference =
  | { readonly kind: 'loader-only' | 'yaml-only'; readonly finding: Finding }
  | { readonly kind: 'value'; readonly index: number; readonly loader: unknown; readonly yaml: unknown }
  | { readonly kind: 'yaml-document'; readonly index: number }
  | { readonly kind: 'bom' };

/**
 * Where two findings are the same: message and range, and `yaml`'s text. A
 * duplicate key by its start only (the loader marks the whole key, `yaml`
 * its first character).
 */
const keyOf = (f: Finding) => (f.messageId === 'duplicateKey' ? `duplicateKey ${f.start}` : `${f.messageId} ${f.start}-${f.end} ${JSON.stringify(f.detail ?? null)}`);

/** How one text is read: as it is, or as a file's bytes after a byte-order mark. */
export interface Variant {
  /** The text the loader reads. */
  readonly text: string;
  /** Whether the file starts with a byte-order mark (the loader reads the text decoded from its bytes). */
  readonly bom: boolean;
}

/** `text` as it is. */
export const plain = (text: string): Variant => ({ text, bom: false });

/** `text` saved with a byte-order mark, as the loader decodes it from the bytes. */
export function withBom(text: string): Variant {
  const decoded = decodeManifest(Buffer.from(`\uFEFF${text}`, 'utf8'));
  if (decoded.text !== text) throw new Error('the byte-order mark is not decoded away');
  return { text: decoded.text, bom: true };
}

/**
 * The differences between the loader's reading of a text and `yaml`'s. With
 * a byte-order mark, `yaml` reads the mark and the text after it (positions
 * one ahead); where that reading differs from its reading of the text alone,
 * the difference is `bom` and the text alone is the reference.
 */
export function differences(variant: Variant): { differences: Difference[]; yaml: YamlReading; syntax: boolean } {
  const loader = loaderReading(variant.text);
  let yaml = yamlReading(variant.text);
  const out: Difference[] = [];
  if (variant.bom) {
    const marked = yamlReading(`\uFEFF${variant.text}`, 1);
    if (isDeepStrictEqual(marked, yaml)) yaml = marked;
    else out.push({ kind: 'bom' });
  }
  const unmatched = new Map<string, number>();
  for (const f of yaml.findings) unmatched.set(keyOf(f), (unmatched.get(keyOf(f)) ?? 0) + 1);
  for (const f of loader.findings) {
    const n = unmatched.get(keyOf(f)) ?? 0;
    if (n > 0) unmatched.set(keyOf(f), n - 1);
    else out.push({ kind: 'loader-only', finding: f });
  }
  for (const f of yaml.findings) {
    const n = unmatched.get(keyOf(f)) ?? 0;
    if (n === 0) continue;
    unmatched.set(keyOf(f), n - 1);
    out.push({ kind: 'yaml-only', finding: f });
  }
  for (const index of yaml.values.keys()) if (!loader.documents.has(index)) out.push({ kind: 'yaml-document', index });
  for (const [index, value] of loader.values) {
    const theirs = yaml.values.get(index);
    if (!isDeepStrictEqual(value, theirs)) out.push({ kind: 'value', index, loader: value, yaml: theirs });
  }
  return { differences: out, yaml, syntax: loader.syntax };
}

/** A documented policy difference: its heading in docs/yaml.md, and which differences it explains. */
export interface Policy {
  /** The anchor of its heading in docs/yaml.md. */
  readonly id: string;
  readonly explains: (d: Difference, text: string, yaml: YamlReading) => boolean;
}

const loaderOnly = (d: Difference, messageId: string): d is { kind: 'loader-only'; finding: Finding } => d.kind === 'loader-only' && d.finding.messageId === messageId;

/**
 * The policy differences from `yaml`'s reading, and nothing else: each
 * explains one kind of difference, and only where the text shows its cause.
 */
export const POLICIES: readonly Policy[] = [
  // `%YAML`, `%TAG` (any directive) is a finding of its own, beside `yaml`'s errors about it.
  { id: 'directives', explains: (d, text) => loaderOnly(d, 'directive') && text[d.finding.start] === '%' },
  // An explicit tag is a finding of its own.
  { id: 'tags', explains: (d, text) => loaderOnly(d, 'tag') && text[d.finding.start] === '!' },
  // A key that is a list or a mapping (or an alias to one) is a schema finding; `yaml` makes its YAML text the key.
  { id: 'collection-keys', explains: (d, _text, yaml) => loaderOnly(d, 'complexKey') && yaml.collectionKeys.has(d.finding.start) },
  // Keys are compared by their name in the data: `1` and `"1"` are one key, and the second is a duplicate.
  { id: 'duplicate-keys', explains: (d, _text, yaml) => loaderOnly(d, 'duplicateKey') && yaml.sameNameKeys.has(d.finding.start) },
  // `__proto__`, `constructor` and `prototype` are never keys of the data.
  { id: 'prototype-keys', explains: (d, text) => loaderOnly(d, 'forbiddenKey') && /^["']?(?:__proto__|constructor|prototype)/.test(text.slice(d.finding.start)) },
  // An alias inside the value it refers to is refused; `yaml` builds a value that contains itself.
  { id: 'aliases', explains: (d, text) => loaderOnly(d, 'aliasCycle') && text[d.finding.start] === '*' },
  // `yaml`'s warnings are not findings: it reads the whole document, and so does saasgov.
  { id: 'warnings', explains: (d) => d.kind === 'yaml-only' && d.finding.messageId === 'yamlWarning' },
  // After a byte-order mark, `yaml` reads the text as it reads it without the mark (it misreads some: a `- ` at the start).
  { id: 'byte-order-mark', explains: (d) => d.kind === 'bom' },
  // A document that holds nothing (a `---` with at most comments after it) is no manifest.
  { id: 'empty-documents', explains: (d, _text, yaml) => d.kind === 'yaml-document' && yaml.emptyDocuments.has(d.index) },
];

/** The differences of a text that no policy explains, and the policies that explain the others. */
export function explain(variant: Variant): { unexplained: Difference[]; policies: Set<string>; syntax: boolean } {
  const { differences: found, yaml, syntax } = differences(variant);
  const policies = new Set<string>();
  const unexplained = found.filter((d) => {
    const policy = POLICIES.find((p) => p.explains(d, variant.text, yaml));
    if (policy) policies.add(policy.id);
    return !policy;
  });
  return { unexplained, policies, syntax };
}
