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
 * Everything else is read as `yaml` reads it, with its errors at its
 * positions: docs/yaml.md lists the differences, and yaml-suite.test.ts holds
 * the loader to them on the official YAML test suite.
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
  type YAMLError,
} from 'yaml';
import { safeKey } from '../secrets/detect';
import { fastCompose, fastTree } from './fast-compose';
import { fastLex } from './fast-lex';
import { documentLocator, keyName, treeLocator } from './locate';
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
  /** Directives, error tokens and stray `...` before the document, in stream order. */
  prelude: CST.Token[];
  doc: CST.Document | TooDeepDocument;
  /** Its `...`, and at the end of the stream the directives and error tokens after the last document. */
  after: CST.Token[];
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
  let prelude: CST.Token[] = [];
  // One Composer for the stream, as `yaml` has: after `%YAML 1.1`, `%TAG` handles last beyond their document.
  let composer: Composer | undefined;
  const stream: Stream = { text, lineCounter, fast: options.fast ?? true, composer: () => (composer ??= new Composer(COMPOSE_OPTIONS)) };
  const finish = (group: DocumentGroup, end: number): ParsedDocument | undefined => {
    const parsed = parseDocument(stream, { start: index === 0 ? 0 : group.doc.offset, end }, group, index++);
    // A `---` with nothing but comments after it is an empty document, not a manifest (a file of only those holds none).
    return isEmptyDocument(parsed) ? undefined : parsed;
  };
  for (const token of cstTokens(text)) {
    if (token.type === 'document' || token.type === 'too-deep') {
      const done = current && finish(current, token.offset);
      if (done) yield done;
      current = { prelude, doc: token, after: [] };
      prelude = [];
    } else if (token.type === 'doc-end' && current) {
      current.after.push(token);
    } else if (token.type === 'directive' || token.type === 'error' || token.type === 'doc-end') {
      prelude.push(token);
    }
  }
  if (!current) {
    if (prelude.length > 0) yield orphanDocument(text, prelude);
    return;
  }
  // Trailing directives or errors with no document after them: give them to the last document.
  current.after.push(...prelude);
  const last = finish(current, text.length);
  if (last) yield last;
}

/** What the documents of one stream share. */
interface Stream {
  readonly text: string;
  readonly lineCounter: LineCounter;
  /** Whether documents in its subset take the fast path. */
  readonly fast: boolean;
  /** The stream's Composer (created when a document first needs it). */
  readonly composer: () => Composer;
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

function orphanDocument(text: string, tokens: readonly CST.Token[]): ParsedDocument {
  const problems = [...directiveProblems(tokens), ...streamErrors(tokens)];
  return { index: 0, range: { start: 0, end: text.length }, locator: null, value: undefined, problems };
}

/** Every directive is a finding: manifests are always read as YAML 1.2 core (docs/yaml.md). */
function directiveProblems(tokens: readonly CST.Token[]): LoadProblem[] {
  return tokens.filter((t) => t.type === 'directive').map((d) => problem('manifest/syntax', 'directive', { start: d.offset, end: d.offset + d.source.trimEnd().length }));
}

const yamlProblem = (e: YAMLError): LoadProblem => problem('manifest/syntax', 'yamlError', { start: e.pos[0], end: e.pos[1] }, { detail: e.message });

/** `yaml`'s errors for tokens outside a composed document (directives, error tokens), as its Composer reports them. */
function streamErrors(tokens: readonly CST.Token[]): LoadProblem[] {
  const composer = new Composer(COMPOSE_OPTIONS);
  for (const t of tokens) Array.from(composer.next(t)); // no document among them: nothing is yielded
  return composer.streamInfo().errors.map(yamlProblem);
}

function parseDocument(stream: Stream, range: TextRange, group: DocumentGroup, index: number): ParsedDocument {
  const { text, lineCounter } = stream;
  const outside = [...group.prelude, ...group.after];
  const problems = directiveProblems(outside);
  const bad = NON_PRINTABLE.exec(text.slice(range.start, range.end));
  if (bad) {
    const at = range.start + bad.index;
    const code = (bad[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
    problems.push(problem('manifest/syntax', bad[0] === '\r' ? 'loneCr' : 'nonPrintable', { start: at, end: at + 1 }, { code }));
  }

  if (group.doc.type === 'too-deep') {
    // Never composed: the parser was stopped in it (see cstTokens).
    problems.push(...streamErrors(outside), problem('manifest/syntax', 'tooDeep', { start: group.doc.at, end: group.doc.at + 1 }, { max: MAX_DEPTH }));
    return { index, range, locator: null, value: undefined, problems };
  }
  const cst = inspectCst(group.doc);
  for (const t of cst.tags) {
    problems.push(problem('manifest/syntax', 'tag', { start: t.offset, end: t.offset + t.source.length }, { tag: t.source }));
  }
  if (cst.tooDeepAt !== undefined) {
    // Never compose it: deep recursion in `yaml` can abort the whole process.
    problems.push(...streamErrors(outside), problem('manifest/syntax', 'tooDeep', { start: cst.tooDeepAt, end: cst.tooDeepAt + 1 }, { max: MAX_DEPTH }));
    return { index, range, locator: null, value: undefined, problems };
  }

  if (stream.fast && problems.length === 0 && outside.length === 0) {
    const line = (offset: number) => lineCounter.linePos(offset).line;
    const lineStart = (offset: number) => offset - lineCounter.linePos(offset).col + 1;
    const fast = fastCompose(group.doc, line, lineStart);
    if (fast) return { index, range, locator: treeLocator(fastTree(fast.root)), value: fast.value, problems: settle(fast.problems), extensions: fast.extensions, fast: true };
  }

  // The document's tokens as `yaml` composes them in the stream: its directives set the tag handles, and their
  // errors (and a missing `---` after them) are the document's. `end()` yields it and keeps the stream's state.
  // (A document that skips the Composer has no directives: skipping it changes no state.)
  const composer = stream.composer();
  for (const t of [...group.prelude, group.doc, ...group.after]) Array.from(composer.next(t)); // yields nothing: the document is still open
  const [doc] = [...composer.end()] as Document.Parsed[];
  if (!doc) return { index, range, locator: null, value: undefined, problems };
  problems.push(...doc.errors.map(yamlProblem));
  // `yaml`'s warnings are not findings: it reads the document in full, and so does saasgov (docs/yaml.md).
  const converter = new Converter(doc, text, lineCounter, problems);
  let value: unknown;
  try {
    value = converter.convert(doc.contents);
  } catch (error) {
    if (!(error instanceof AliasLimit)) throw error;
    value = undefined;
  }
  const empty = isScalar(doc.contents) && doc.contents.source === '';
  return { index, range, locator: documentLocator(doc), value, problems: settle(problems), extensions: converter.extensions, empty };
}

/**
 * A document's problems as reported: each once (a problem reached twice
 * through an alias is one; two different errors at one place are two), and
 * only the syntax ones when there is one — SPEC §1: a document with a
 * `manifest/syntax` finding gets no other (the loader's schema findings,
 * complex and forbidden keys, included).
 */
function settle(problems: LoadProblem[]): LoadProblem[] {
  if (problems.length === 0) return problems;
  const syntax = problems.some((p) => p.ruleId === 'manifest/syntax');
  const seen = new Set<string>();
  return problems.filter((p) => {
    if (syntax && p.ruleId !== 'manifest/syntax') return false;
    const key = `${p.messageId}:${p.range?.start}:${p.range?.end}:${JSON.stringify(p.data)}`;
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

/** White space and comments (what may stand between an empty key and its `:`). */
const BLANK = /(?:[ \t\r\n]|#[^\n]*)*/y;

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
    private readonly text: string,
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
        if (isAlias(key)) {
          // A key may be an alias too: it is the scalar (or collection) it refers to.
          if (++this.aliases > MAX_ALIASES) this.aliasLimit(key, 'aliasCount', MAX_ALIASES);
          if (!key.resolve(this.doc)) {
            this.problems.push(problem('manifest/syntax', 'unknownAlias', rangeOf(key), { anchor: key.source }));
            continue;
          }
        }
        const name = keyName(this.doc, key);
        if (name === undefined) {
          this.problems.push(problem('manifest/schema', 'complexKey', rangeOf(key!)));
          continue;
        }
        const keyRange = this.keyRange(node, key);
        const first = Object.hasOwn(out, name) || FORBIDDEN_KEYS.has(name) ? node.items.find((p) => keyName(this.doc, p.key) === name)! : undefined;
        if (first && first !== pair) {
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

  /** Where a key's finding goes: the key; for an empty key (`: b`), the `:` after it, where `yaml` reports it. */
  private keyRange(map: Node, key: Node | null): TextRange {
    if (key === null) return rangeOf(map);
    const r = rangeOf(key);
    if (r.start !== r.end) return r;
    BLANK.lastIndex = r.start;
    const at = BLANK.exec(this.text) ? BLANK.lastIndex : r.start;
    return { start: at, end: at + 1 };
  }

  private aliasLimit(node: Node, messageId: string, max: number): never {
    this.problems.push(problem('manifest/syntax', messageId, rangeOf(this.expanding ?? node), { max }));
    throw new AliasLimit();
  }
}

