/**
 * Turns manifest text into YAML documents with positions and plain data,
 * defending against the hazards measured in HAZARDS.md:
 * - nesting depth is measured while the CST is built, lexeme by lexeme, and a
 *   too-deep document is never closed or composed: both recurse, and a second
 *   deeply nested document can overflow the stack or abort Node;
 * - duplicate keys are found with a Set per mapping (the built-in check is
 *   quadratic), `1` and `"1"` counting as the same key;
 * - `%YAML`/`%TAG` directives, explicit tags and non-printable characters are
 *   findings, the schema is always YAML 1.2 core and dates stay strings;
 * - aliases are expanded under a budget, and cycles are refused;
 * - `__proto__`, `constructor` and `prototype` keys are refused, so no key
 *   of a parsed object (a plain object, fast to read) can reach a prototype.
 */
import {
  Composer,
  Lexer,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  type LineCounter,
  Parser,
  type CST,
  type Document,
  type Node,
  type ParsedNode,
} from 'yaml';
import { safeKey } from '../secrets/detect';
import { fastCompose, fastTree } from './fast-compose';
import { fastLex } from './fast-lex';
import { documentLocator, treeLocator } from './locate';
import type { LoadProblem, ParsedDocument, TextRange } from './types';

/** Deepest nesting of collections a manifest may have (a valid one needs 5). */
export const MAX_DEPTH = 64;
/** Most alias expansions per document (`yaml`'s own default is 100). */
export const MAX_ALIASES = 100;
/** Most nodes a document may gain through aliases (stops "billion laughs"). */
export const MAX_ALIAS_NODES = 10_000;

const COMPOSE_OPTIONS = {
  schema: 'core',
  version: '1.2',
  uniqueKeys: false,
  resolveKnownTags: false,
  merge: false,
  strict: true,
  prettyErrors: false,
  intAsBigInt: false,
} as const;

/** Keys that could reach an object's prototype chain. */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Characters YAML 1.2 does not allow in a stream (outside c-printable), plus a
 * CR that is not followed by LF (YAML does not read it as a line break, so the
 * positions of everything after it would be wrong).
 */
const NON_PRINTABLE = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x84\x86-\x9F\uFFFE\uFFFF]|\r(?!\n)/;

const problem = (
  ruleId: LoadProblem['ruleId'],
  messageId: string,
  range: TextRange,
  data: Record<string, string | number> = {},
): LoadProblem => ({ ruleId, messageId, data, range });

const rangeOf = (node: { range?: readonly number[] | null }): TextRange => {
  const r = node.range ?? [0, 0];
  return { start: r[0] ?? 0, end: r[1] ?? r[0] ?? 0 };
};

/** A document the parser was stopped in, because it nests too deep (see `cstTokens`). */
interface TooDeepDocument {
  readonly type: 'too-deep';
  /** Where the document starts. */
  readonly offset: number;
  /** The collection that is one level too deep. */
  readonly at: number;
}

interface DocumentGroup {
  doc: CST.Document | TooDeepDocument;
  docEnd?: CST.DocumentEnd;
  directives: CST.Directive[];
  errors: CST.ErrorToken[];
}

/**
 * Parses `text` into documents. `lineCounter` receives the line starts.
 * Never throws for any input.
 */
export function parseManifestText(text: string, lineCounter: LineCounter, options: ParseOptions = {}): ParsedDocument[] {
  return [...parseManifestDocuments(text, lineCounter, options)];
}

export interface ParseOptions {
  /** Use the fast path for documents in its subset (default true; tests compare both paths). */
  readonly fast?: boolean;
}

/**
 * The documents of `text`, one at a time: a file of thousands of documents is
 * never held parsed and composed all at once. `lineCounter` receives the line
 * starts before the first document. Never throws for any input.
 */
export function* parseManifestDocuments(text: string, lineCounter: LineCounter, options: ParseOptions = {}): Generator<ParsedDocument, void> {
  // Every LF starts a line (CR alone is not a line break: it is a finding).
  lineCounter.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
  // Group the stream: directives and stray tokens belong to the next document, so a document is
  // complete when the next one starts.
  let current: DocumentGroup | undefined;
  let index = 0;
  let directives: CST.Directive[] = [];
  let errors: CST.ErrorToken[] = [];
  const finish = (group: DocumentGroup, end: number): ParsedDocument | undefined => {
    const parsed = parseDocument(text, { start: index === 0 ? 0 : group.doc.offset, end }, group, index++, lineCounter, options.fast ?? true);
    // A `---` with nothing but comments after it is an empty document, not a manifest (a file of only those holds none).
    return isEmptyDocument(parsed) ? undefined : parsed;
  };
  for (const token of cstTokens(text)) {
    if (token.type === 'document' || token.type === 'too-deep') {
      const done = current && finish(current, token.offset);
      if (done) yield done;
      current = { doc: token, directives, errors };
      directives = [];
      errors = [];
    } else if (token.type === 'doc-end') {
      if (current && !current.docEnd) current.docEnd = token;
    } else if (token.type === 'directive') {
      directives.push(token);
    } else if (token.type === 'error') {
      errors.push(token);
    }
  }
  if (!current) {
    if (errors.length > 0 || directives.length > 0) yield orphanDocument(text, directives, errors);
    return;
  }
  // Trailing directives or errors with no document after them: give them to the last document.
  current.directives.push(...directives);
  current.errors.push(...errors);
  const last = finish(current, text.length);
  if (last) yield last;
}

/**
 * The CST tokens of `text`. `yaml`'s Parser opens collections iteratively but
 * closes them recursively when one later token ends many at once: 10,000
 * nested block sequences followed by `---` (or by a dedented key) overflow the
 * stack. So the parser is fed one lexeme at a time and stopped as soon as a
 * document holds more than MAX_DEPTH open collections; that document becomes
 * a `too-deep` marker, and parsing resumes at the next document marker (`---`
 * or `...` at a line start, which no scalar may contain).
 */
function* cstTokens(text: string): Generator<CST.Token | TooDeepDocument, void> {
  for (let from = 0; ; ) {
    const parser = new Parser();
    parser.offset = from;
    let deep: TooDeepDocument | undefined;
    for (const lexeme of (from === 0 && fastLex(text)) || new Lexer().lex(from === 0 ? text : text.slice(from))) {
      yield* parser.next(lexeme);
      // The stack holds the open collections (and a few other tokens): counted only when it could be too deep.
      if (parser.stack.length > MAX_DEPTH && (deep = tooDeep(parser.stack))) break;
    }
    if (!deep) {
      yield* parser.end();
      return;
    }
    yield deep;
    DOCUMENT_MARKER.lastIndex = deep.at;
    const next = DOCUMENT_MARKER.exec(text);
    if (!next) return;
    from = next.index;
  }
}

const DOCUMENT_MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/** The too-deep document on the parser's stack, if more than MAX_DEPTH collections are open. */
function tooDeep(stack: readonly CST.Token[]): TooDeepDocument | undefined {
  let depth = 0;
  for (const token of stack) {
    if ((token.type === 'block-map' || token.type === 'block-seq' || token.type === 'flow-collection') && ++depth > MAX_DEPTH) {
      return { type: 'too-deep', offset: stack[0]!.offset, at: token.offset };
    }
  }
  return undefined;
}

function isEmptyDocument(d: ParsedDocument): boolean {
  return d.problems.length === 0 && (d.value === null || d.value === undefined) && d.empty === true;
}

function orphanDocument(text: string, directives: CST.Directive[], errors: CST.ErrorToken[]): ParsedDocument {
  const problems: LoadProblem[] = [
    ...directives.map((t) => problem('manifest/syntax', 'directive', { start: t.offset, end: t.offset + t.source.length })),
    ...errors.map((t) => problem('manifest/syntax', 'yamlError', { start: t.offset, end: t.offset + t.source.length }, { detail: t.message })),
  ];
  return { index: 0, range: { start: 0, end: text.length }, locator: null, value: undefined, problems };
}

function parseDocument(text: string, range: TextRange, group: DocumentGroup, index: number, lineCounter: LineCounter, fastPath: boolean): ParsedDocument {
  const problems: LoadProblem[] = [];
  for (const d of group.directives) {
    problems.push(problem('manifest/syntax', 'directive', { start: d.offset, end: d.offset + d.source.trimEnd().length }));
  }
  for (const e of group.errors) {
    problems.push(problem('manifest/syntax', 'yamlError', { start: e.offset, end: e.offset + e.source.length }, { detail: e.message }));
  }
  const bad = NON_PRINTABLE.exec(text.slice(range.start, range.end));
  if (bad) {
    const at = range.start + bad.index;
    const code = (bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    problems.push(problem('manifest/syntax', bad[0] === '\r' ? 'loneCr' : 'nonPrintable', { start: at, end: at + 1 }, { code }));
  }

  if (group.doc.type === 'too-deep') {
    // Never composed: the parser was stopped in it (see cstTokens).
    problems.push(problem('manifest/syntax', 'tooDeep', { start: group.doc.at, end: group.doc.at + 1 }, { max: MAX_DEPTH }));
    return { index, range, locator: null, value: undefined, problems };
  }
  const cst = inspectCst(group.doc);
  for (const t of cst.tags) {
    problems.push(problem('manifest/syntax', 'tag', { start: t.offset, end: t.offset + t.source.length }, { tag: t.source }));
  }
  if (cst.tooDeepAt !== undefined) {
    // Never compose it: deep recursion in `yaml` can abort the whole process.
    problems.push(problem('manifest/syntax', 'tooDeep', { start: cst.tooDeepAt, end: cst.tooDeepAt + 1 }, { max: MAX_DEPTH }));
    return { index, range, locator: null, value: undefined, problems };
  }

  if (fastPath && problems.length === 0 && !group.docEnd) {
    const line = (offset: number) => lineCounter.linePos(offset).line;
    const lineStart = (offset: number) => offset - lineCounter.linePos(offset).col + 1;
    const fast = fastCompose(group.doc, line, lineStart);
    if (fast) return { index, range, locator: treeLocator(fastTree(fast.root)), value: fast.value, problems: fast.problems, extensions: fast.extensions, fast: true };
  }

  const composer = new Composer(COMPOSE_OPTIONS);
  const composed = [...composer.next(group.doc), ...(group.docEnd ? composer.next(group.docEnd) : []), ...composer.end()];
  const doc = composed[0] as Document.Parsed | undefined;
  if (!doc) return { index, range, locator: null, value: undefined, problems };
  for (const e of doc.errors) {
    problems.push(problem('manifest/syntax', 'yamlError', { start: e.pos[0], end: e.pos[1] }, { detail: e.message }));
  }
  for (const w of doc.warnings) {
    if (w.code === 'TAG_RESOLVE_FAILED') continue; // every explicit tag is already a finding
    problems.push(problem('manifest/syntax', 'yamlError', { start: w.pos[0], end: w.pos[1] }, { detail: w.message }));
  }
  const converter = new Converter(doc, lineCounter, problems);
  let value: unknown;
  try {
    value = converter.convert(doc.contents);
  } catch (error) {
    if (!(error instanceof AliasLimit)) throw error;
    value = undefined;
  }
  const empty = isScalar(doc.contents) && doc.contents.source === '';
  return { index, range, locator: documentLocator(doc), value, problems: dedupe(problems), extensions: converter.extensions, empty };
}

/** Problems reached twice through an alias are reported once. */
function dedupe(problems: LoadProblem[]): LoadProblem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.messageId}:${p.range?.start}:${p.range?.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Walks a document's CST with an explicit stack (no recursion), measuring the
 * nesting depth of collections and collecting explicit tags.
 */
function inspectCst(doc: CST.Document): { tooDeepAt?: number; tags: CST.SourceToken[] } {
  const tags: CST.SourceToken[] = [];
  const scan = (list: readonly CST.Token[] | undefined): void => {
    if (list) for (const t of list) if (t.type === 'tag') tags.push(t as CST.SourceToken);
  };
  scan(doc.start);
  const stack: { token: CST.Token; depth: number }[] = [];
  if (doc.value) stack.push({ token: doc.value, depth: 0 });
  while (stack.length > 0) {
    const { token, depth } = stack.pop()!;
    switch (token.type) {
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        const inner = depth + 1;
        if (inner > MAX_DEPTH) return { tooDeepAt: token.offset, tags };
        for (const item of token.items) {
          scan(item.start);
          scan(item.sep);
          if (item.key) stack.push({ token: item.key, depth: inner });
          if (item.value) stack.push({ token: item.value, depth: inner });
        }
        break;
      }
      case 'block-scalar':
        scan(token.props);
        break;
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'alias':
        scan(token.end);
        break;
      default:
        break;
    }
  }
  return { tags };
}

class AliasLimit extends Error {}

/**
 * Converts a composed document to plain data, checking what `yaml` does not:
 * duplicate keys, complex keys, forbidden keys, alias budgets and cycles.
 */
class Converter {
  private aliases = 0;
  private aliasNodes = 0;
  /** Whether any key starts with `x-` (validation copies the data without them only then). */
  extensions = false;
  /** The outermost alias being expanded: where an alias limit is reported. */
  private expanding: Node | null = null;
  private readonly resolving = new Set<Node>();

  constructor(
    private readonly doc: Document.Parsed,
    private readonly lineCounter: LineCounter,
    private readonly problems: LoadProblem[],
  ) {}

  convert(node: ParsedNode | Node | null | undefined, viaAlias = false): unknown {
    if (node === null || node === undefined) return null;
    if (viaAlias && ++this.aliasNodes > MAX_ALIAS_NODES) this.aliasLimit(node, 'aliasNodes', MAX_ALIAS_NODES);
    if (isScalar(node)) return node.value;
    if (isAlias(node)) {
      if (++this.aliases > MAX_ALIASES) this.aliasLimit(node, 'aliasCount', MAX_ALIASES);
      const target = node.resolve(this.doc);
      if (!target) {
        // `yaml` reports an alias to no anchor only when converting to JS: without this, it would read as null.
        this.problems.push(problem('manifest/syntax', 'unknownAlias', rangeOf(node), { anchor: node.source }));
        return null;
      }
      if (this.resolving.has(target)) {
        this.problems.push(problem('manifest/syntax', 'aliasCycle', rangeOf(node), { anchor: node.source }));
        return null;
      }
      this.resolving.add(target);
      const outermost = this.expanding === null;
      if (outermost) this.expanding = node;
      try {
        return this.convert(target, true);
      } finally {
        this.resolving.delete(target);
        if (outermost) this.expanding = null;
      }
    }
    if (isSeq(node)) return node.items.map((item) => this.convert(item as Node | null, viaAlias));
    if (isMap(node)) {
      // A plain object (fast for everything that reads it): the keys that could
      // reach its prototype are refused below, so none is ever assigned.
      const out: Record<string, unknown> = {};
      for (const pair of node.items) {
        const key = pair.key as Node | null;
        if (key !== null && !isScalar(key)) {
          this.problems.push(problem('manifest/schema', 'complexKey', rangeOf(key)));
          continue;
        }
        const name = key === null ? '' : String(key.value);
        const keyRange = key === null ? rangeOf(node) : rangeOf(key);
        if (Object.hasOwn(out, name) || (FORBIDDEN_KEYS.has(name) && this.forbiddenSeen(node, pair))) {
          const first = node.items.find((p) => (p.key === null ? '' : isScalar(p.key) ? String(p.key.value) : undefined) === name)!;
          const { line } = this.lineCounter.linePos(first.key === null ? rangeOf(node).start : rangeOf(first.key as Node).start);
          this.problems.push(problem('manifest/syntax', 'duplicateKey', keyRange, { key: safeKey(name), line }));
          continue;
        }
        if (FORBIDDEN_KEYS.has(name)) {
          this.problems.push(problem('manifest/schema', 'forbiddenKey', keyRange, { key: name }));
          continue;
        }
        if (name.startsWith('x-')) this.extensions = true;
        out[name] = this.convert(pair.value as Node | null, viaAlias);
      }
      return out;
    }
    return null;
  }

  /** Whether a forbidden key (never stored) appeared earlier in `map`: the second is a duplicate. */
  private forbiddenSeen(map: { items: readonly { key: unknown }[] }, pair: { key: unknown }): boolean {
    const name = String((pair.key as { value?: unknown }).value);
    for (const p of map.items) {
      if (p === pair) return false;
      if (isScalar(p.key) && String(p.key.value) === name) return true;
    }
    return false;
  }

  private aliasLimit(node: Node, messageId: string, max: number): never {
    this.problems.push(problem('manifest/syntax', messageId, rangeOf(this.expanding ?? node), { max }));
    throw new AliasLimit();
  }
}

