/**
 * `yaml`'s own reading of a text and the loader's, side by side in one
 * vocabulary, and the differences between them.
 */
import { isDeepStrictEqual } from 'node:util';
import { LineCounter, parseAllDocuments, visit, type Document } from 'yaml';
import { parseManifestText } from '../../src/manifest/parse';

/** A finding of either reading: a loader problem, or a `yaml` error or warning in the loader's terms. */
export interface Finding {
  readonly messageId: string;
  readonly start: number;
  readonly end: number;
  /** `yaml`'s message, for its errors and warnings. */
  readonly detail?: string;
}

export interface Reading {
  readonly findings: Finding[];
  /** The value of each document (by index in the stream), `undefined` where there is none. */
  readonly values: Map<number, unknown>;
}

/** `yaml`'s reading with its default options (errors without the pretty excerpt). */
export function yamlReading(text: string): Reading {
  const docs = parseAllDocuments(text, { prettyErrors: false }) as Document.Parsed[] & { errors?: Document.Parsed['errors']; warnings?: Document.Parsed['warnings'] };
  const findings: Finding[] = [];
  const values = new Map<number, unknown>();
  const add = (errors: Document.Parsed['errors'], warnings: Document.Parsed['warnings']) => {
    for (const e of errors) findings.push(e.code === 'DUPLICATE_KEY' ? { messageId: 'duplicateKey', start: e.pos[0], end: e.pos[1] } : { messageId: 'yamlError', start: e.pos[0], end: e.pos[1], detail: e.message });
    for (const w of warnings) findings.push({ messageId: 'yamlWarning', start: w.pos[0], end: w.pos[1], detail: w.message });
  };
  if (docs.length === 0) add(docs.errors ?? [], docs.warnings ?? []);
  docs.forEach((doc, i) => {
    add(doc.errors, doc.warnings);
    visit(doc, {
      Alias(_, node) {
        if (!node.resolve(doc)) findings.push({ messageId: 'unknownAlias', start: node.range![0], end: node.range![1] });
      },
    });
    try {
      values.set(i, doc.toJS());
    } catch (error) {
      values.set(i, error instanceof Error ? new Error(error.message) : error);
    }
  });
  return { findings, values };
}

/** The loader's reading. */
export function loaderReading(text: string): Reading & { problems: string[] } {
  const docs = parseManifestText(text, new LineCounter());
  const findings: Finding[] = [];
  const values = new Map<number, unknown>();
  const problems: string[] = [];
  for (const d of docs) {
    for (const p of d.problems) {
      findings.push({ messageId: p.messageId, start: p.range?.start ?? -1, end: p.range?.end ?? -1, ...(p.messageId === 'yamlError' ? { detail: String(p.data.detail) } : {}) });
      problems.push(p.ruleId);
    }
    values.set(d.index, d.problems.length === 0 ? d.value : undefined);
  }
  return { findings, values, problems };
}

const keyOf = (f: Finding) => (f.messageId === 'duplicateKey' ? `duplicateKey ${f.start}` : `${f.messageId} ${f.start}-${f.end}${f.detail === undefined ? '' : ` ${JSON.stringify(f.detail)}`}`);

/** A difference: a finding only one reading has, or a document whose value differs. */
export type Difference =
  | { readonly kind: 'loader-only' | 'yaml-only'; readonly finding: Finding }
  | { readonly kind: 'value'; readonly index: number; readonly loader: unknown; readonly yaml: unknown };

/** The differences between the loader's reading of `text` and `yaml`'s. */
export function differences(text: string): Difference[] {
  const a = loaderReading(text);
  const b = yamlReading(text);
  const out: Difference[] = [];
  const count = new Map<string, number>();
  for (const f of b.findings) count.set(keyOf(f), (count.get(keyOf(f)) ?? 0) + 1);
  for (const f of a.findings) {
    const n = count.get(keyOf(f)) ?? 0;
    if (n > 0) count.set(keyOf(f), n - 1);
    else out.push({ kind: 'loader-only', finding: f });
  }
  for (const f of b.findings) {
    const n = count.get(keyOf(f)) ?? 0;
    if (n > 0) {
      count.set(keyOf(f), n - 1);
      out.push({ kind: 'yaml-only', finding: f });
    }
  }
  for (const [index, value] of a.values) {
    if (value === undefined) continue;
    const y = b.values.get(index);
    if (!isDeepStrictEqual(value, y)) out.push({ kind: 'value', index, loader: value, yaml: y });
  }
  return out;
}
