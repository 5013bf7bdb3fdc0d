/**
 * The fast path of the loader: plain data and positions straight from the
 * CST, for documents in the common shape of manifests — block mappings and
 * sequences with one-line scalar keys, one-line flow collections, plain,
 * quoted and block scalars, comments. It builds no `yaml` Document (composing
 * one costs about as much as lexing and parsing together).
 *
 * It is deliberately narrow: anything else — anchors and aliases, tags,
 * explicit or multi-line keys, empty values, tabs, multi-line flow
 * collections, comment-only entries, any error a check below cannot rule out
 * — makes it give up (`null`), and the caller composes the document with
 * `yaml`'s Composer, which reports every error exactly. Where it does not give
 * up, it produces the same data, the same findings and the same positions as
 * the composer path: a differential test holds it to that on every YAML text
 * of the test suite and on generated inventories.
 */
import { CST } from 'yaml';
import { findEntry, type NodeRange, type TreeAccess } from './locate';
import { safeKey } from '../secrets/detect';
import type { LoadProblem } from './types';

/** A node of the light tree kept for locating findings. */
export type FastNode = FastScalar | FastMap | FastSeq;
interface FastScalar {
  readonly kind: 'scalar';
  readonly range: NodeRange;
  /** The scalar's string value before typing (what `yaml` calls its source). */
  readonly source: string;
}
interface FastMap {
  readonly kind: 'map';
  readonly range: NodeRange;
  /** Every entry in order, duplicates included (the first one wins, as in the data). */
  readonly names: string[];
  readonly keys: FastScalar[];
  readonly values: FastNode[];
}
interface FastSeq {
  readonly kind: 'seq';
  readonly range: NodeRange;
  readonly items: FastNode[];
}

export interface FastDocument {
  readonly value: unknown;
  readonly root: FastNode;
  readonly problems: LoadProblem[];
  /** Whether a key starts with `x-`. */
  readonly extensions: boolean;
}

/** Thrown (one instance, no stack) when the document is outside the fast path. */
const GIVE_UP: unique symbol = Symbol('give up');
const giveUp = (): never => {
  throw GIVE_UP;
};

/** Keys that could reach an object's prototype chain (see parse.ts). */
const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

// The YAML 1.2 core schema, exactly as `yaml` resolves plain scalars (null, bool, int, float, else string).
const CORE_NULL = /^(?:~|[Nn]ull|NULL)?$/;
const CORE_BOOL = /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/;
const CORE_OCT = /^0o[0-7]+$/;
const CORE_INT = /^[-+]?[0-9]+$/;
const CORE_HEX = /^0x[0-9a-fA-F]+$/;
const CORE_NAN_INF = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/;
const CORE_EXP = /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/;
const CORE_FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;

/** A plain scalar's value under the core schema. */
export function corePlainValue(s: string): string | number | boolean | null {
  if (CORE_NULL.test(s)) return null;
  if (CORE_BOOL.test(s)) return s[0] === 't' || s[0] === 'T';
  if (CORE_OCT.test(s)) return parseInt(s.substring(2), 8);
  if (CORE_INT.test(s)) return parseInt(s, 10);
  if (CORE_HEX.test(s)) return parseInt(s.substring(2), 16);
  if (CORE_NAN_INF.test(s)) return s.slice(-3).toLowerCase() === 'nan' ? NaN : s[0] === '-' ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
  if (CORE_EXP.test(s) || CORE_FLOAT.test(s)) return parseFloat(s);
  return s;
}

type Tokens = readonly CST.SourceToken[] | undefined;

/** A plain scalar `yaml` does more with than take its source: several lines, or a first character it reports. */
const PLAIN_TO_RESOLVE = /^[\t,%|>@`]|\n/;

/**
 * Checks separating tokens: spaces (no tabs), line breaks and comments, a
 * comment only after white space. Returns whether a line break was seen.
 */
function trivia(tokens: Tokens, spaced: boolean): boolean {
  let newline = false;
  let hasSpace = spaced;
  if (tokens) {
    for (const t of tokens) {
      switch (t.type) {
        case 'space':
          if (t.source.includes('\t')) giveUp();
          hasSpace = true;
          break;
        case 'newline':
          newline = true;
          hasSpace = true;
          break;
        case 'comment':
          if (!hasSpace) giveUp();
          break;
        default:
          giveUp();
      }
    }
  }
  return newline;
}

class FastComposer {
  readonly problems: LoadProblem[] = [];
  extensions = false;

  constructor(
    private readonly line: (offset: number) => number,
    private readonly lineStart: (offset: number) => number,
  ) {}

  node(token: CST.Token, inFlow: boolean): [unknown, FastNode] {
    switch (token.type) {
      case 'block-map':
        return inFlow ? giveUp() : this.blockMap(token);
      case 'block-seq':
        return inFlow ? giveUp() : this.blockSeq(token);
      case 'flow-collection':
        return this.flowCollection(token);
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
        if (inFlow && token.source.includes('\n')) giveUp();
        return this.scalar(token);
      case 'block-scalar':
        return inFlow ? giveUp() : this.scalar(token);
      default:
        return giveUp();
    }
  }

  scalar(token: CST.FlowScalar | CST.BlockScalar): [unknown, FastScalar] {
    if (token.type === 'scalar' && !PLAIN_TO_RESOLVE.test(token.source)) {
      // Most scalars: one plain line with nothing but white space after it. Its value is its source, as
      // `yaml` resolves it (no folding, no bad first character, no comment), without building closures.
      const valueEnd = token.offset + token.source.length;
      let end = valueEnd;
      let plain = true;
      if (token.end) {
        for (const t of token.end) {
          if (t.type !== 'space' && t.type !== 'newline') plain = false;
          end += t.source.length;
        }
      }
      if (plain) return [corePlainValue(token.source), { kind: 'scalar', range: [token.offset, valueEnd, end], source: token.source }];
    }
    if (token.type === 'block-scalar') {
      for (const p of token.props) if (p.type !== 'block-scalar-header' && p.type !== 'space' && p.type !== 'comment' && p.type !== 'newline') giveUp();
    }
    let failed = false;
    const r = CST.resolveAsScalar(token, true, () => {
      failed = true;
    });
    if (failed || !r) return giveUp();
    const value = token.type === 'scalar' ? corePlainValue(r.value) : r.value;
    return [value, { kind: 'scalar', range: r.range, source: r.value }];
  }

  /** A mapping key: a one-line flow scalar; returns its name as the data names it. */
  key(token: CST.Token | null | undefined): [string, FastScalar] {
    if (!token || (token.type !== 'scalar' && token.type !== 'single-quoted-scalar' && token.type !== 'double-quoted-scalar')) return giveUp();
    if (token.source.includes('\n')) giveUp();
    if (token.end) for (const t of token.end) if (t.type !== 'space') giveUp();
    const [value, node] = this.scalar(token);
    return [value === null ? '' : String(value), node]; // as `yaml` names a null key (locate.ts keyName)
  }

  /**
   * Adds an entry to a mapping's data, with the duplicate and forbidden-key
   * checks of the composer path, which never reads the value of a refused
   * key: the problems found inside it are taken back.
   */
  put(out: Record<string, unknown>, name: string, key: FastScalar, convert: () => [unknown, FastNode], firstKey: (name: string) => FastScalar | undefined): FastNode {
    const problems = this.problems.length;
    const extensions = this.extensions;
    const [value, node] = convert();
    const range = { start: key.range[0], end: key.range[1] };
    const first = Object.hasOwn(out, name) || FORBIDDEN_KEYS.has(name) ? firstKey(name) : undefined;
    if ((first && first !== key) || FORBIDDEN_KEYS.has(name)) {
      this.problems.length = problems;
      this.extensions = extensions;
      this.problems.push(
        first && first !== key
          ? { ruleId: 'manifest/syntax', messageId: 'duplicateKey', range, data: { key: safeKey(name), line: this.line(first.range[0]) } }
          : { ruleId: 'manifest/schema', messageId: 'forbiddenKey', range, data: { key: name } },
      );
      return node;
    }
    if (name.startsWith('x-')) this.extensions = true;
    out[name] = value;
    return node;
  }

  blockMap(bm: CST.BlockMap): [unknown, FastMap] {
    const out: Record<string, unknown> = {};
    const node: FastMap = { kind: 'map', range: [0, 0, 0], names: [], keys: [], values: [] };
    let end = bm.offset;
    for (const item of bm.items) {
      if (item.explicitKey || !item.key || !item.sep || !item.value) giveUp();
      trivia(item.start, true);
      const keyToken = item.key as CST.Token;
      if ('indent' in keyToken && keyToken.indent !== bm.indent) giveUp(); // "All mapping items must start at the same column"
      const [name, key] = this.key(keyToken);
      // The separator: spaces, the `:`, then separating tokens.
      const sep = item.sep!;
      let i = 0;
      while (sep[i]?.type === 'space' && !sep[i]!.source.includes('\t')) i++;
      const colon = sep[i];
      if (colon?.type !== 'map-value-ind' || colon.offset - keyToken.offset > 1024) giveUp();
      const newline = trivia(sep.slice(i + 1), false);
      const valueToken = item.value as CST.Token;
      if (valueToken.type === 'block-map' || valueToken.type === 'block-seq') {
        // A block collection as a value starts on the next line, further in (a sequence may start at the key's column).
        if (!newline || valueToken.indent < bm.indent || (valueToken.type === 'block-map' && valueToken.indent === bm.indent)) giveUp();
      }
      node.names.push(name);
      node.keys.push(key);
      const valueNode = this.put(out, name, key, () => this.node(valueToken, false), (n) => node.keys[node.names.indexOf(n)]);
      node.values.push(valueNode);
      end = valueNode.range[2];
    }
    return [out, { ...node, range: [bm.offset, end, end] }];
  }

  blockSeq(bs: CST.BlockSequence): [unknown, FastSeq] {
    const out: unknown[] = [];
    const items: FastNode[] = [];
    let end = bs.offset;
    let column: number | undefined;
    for (const item of bs.items) {
      if (!item.value) giveUp();
      const at = item.start.findIndex((t) => t.type === 'seq-item-ind');
      if (at === -1 || item.start.findIndex((t, i) => i > at && t.type === 'seq-item-ind') !== -1) giveUp();
      trivia(item.start.slice(0, at), true);
      trivia(item.start.slice(at + 1), false);
      const dash = item.start[at]!;
      const col = dash.offset - this.lineStart(dash.offset);
      if (column !== undefined && col !== column) giveUp();
      column = col;
      const [value, node] = this.node(item.value as CST.Token, false);
      out.push(value);
      items.push(node);
      end = node.range[2];
    }
    return [out, { kind: 'seq', range: [bs.offset, end, end], items }];
  }

  flowCollection(fc: CST.FlowCollection): [unknown, FastNode] {
    const isMap = fc.start.source === '{';
    if (!isMap && fc.start.source !== '[') giveUp();
    const [close, ...after] = fc.end;
    if (close?.source !== (isMap ? '}' : ']')) giveUp();
    const closeEnd = close!.offset + close!.source.length;
    trivia(after as CST.SourceToken[], false);
    const endOffset = after.reduce((o, t) => o + t.source.length, closeEnd);
    const range: NodeRange = [fc.offset, closeEnd, after.length > 0 ? endOffset : closeEnd];
    const separators = (tokens: Tokens, comma: boolean) => {
      let commas = 0;
      for (const t of tokens ?? []) {
        if (t.type === 'comma') commas++;
        else if (t.type !== 'space' || t.source.includes('\t')) giveUp();
      }
      if (commas !== (comma ? 1 : 0)) giveUp();
    };
    if (isMap) {
      const out: Record<string, unknown> = {};
      const node: FastMap = { kind: 'map', range, names: [], keys: [], values: [] };
      fc.items.forEach((item, i) => {
        if (!item.key || !item.sep || !item.value) giveUp();
        separators(item.start, i > 0);
        const [name, key] = this.key(item.key);
        const sep = item.sep!;
        let colons = 0;
        for (const t of sep) {
          if (t.type === 'map-value-ind') colons++;
          else if (t.type !== 'space' || t.source.includes('\t')) giveUp();
        }
        if (colons !== 1) giveUp();
        node.names.push(name);
        node.keys.push(key);
        node.values.push(this.put(out, name, key, () => this.node(item.value as CST.Token, true), (n) => node.keys[node.names.indexOf(n)]));
      });
      return [out, node];
    }
    const out: unknown[] = [];
    const items: FastNode[] = [];
    fc.items.forEach((item, i) => {
      if (item.key || item.sep || !item.value) giveUp();
      separators(item.start, i > 0);
      const [value, node] = this.node(item.value as CST.Token, true);
      out.push(value);
      items.push(node);
    });
    return [out, { kind: 'seq', range, items }];
  }
}

/**
 * Composes `doc` on the fast path, or returns `null` when it is outside it
 * (then compose it with `yaml`). `line` gives the 1-based line of an offset,
 * `lineStart` the offset where its line starts.
 */
export function fastCompose(doc: CST.Document, line: (offset: number) => number, lineStart: (offset: number) => number): FastDocument | null {
  if (!doc.value) return null;
  try {
    let docStart = false;
    let newlineAfterStart = false;
    let hasSpace = true;
    for (const t of doc.start) {
      if (t.type === 'doc-start') {
        if (docStart) giveUp();
        docStart = true;
        hasSpace = false;
      } else if (t.type === 'newline') {
        newlineAfterStart ||= docStart;
        hasSpace = true;
      } else if (t.type === 'space') {
        if (t.source.includes('\t')) giveUp();
        hasSpace = true;
      } else if (t.type !== 'comment' || !hasSpace) {
        giveUp();
      }
    }
    const value = doc.value;
    if (docStart && (value.type === 'block-map' || value.type === 'block-seq') && !newlineAfterStart) giveUp();
    trivia(doc.end, true);
    const composer = new FastComposer(line, lineStart);
    const [data, root] = composer.node(value, false);
    return { value: data, root, problems: composer.problems, extensions: composer.extensions };
  } catch (error) {
    if (error === GIVE_UP) return null;
    throw error;
  }
}

/** The locator's view of the fast tree. */
export function fastTree(root: FastNode): TreeAccess<FastNode> {
  return {
    root,
    range: (n) => n.range,
    entry(n, name) {
      if (n.kind !== 'map') return undefined;
      const i = findEntry(n, n.names.length, (k) => n.names[k], name);
      return i === -1 ? undefined : { key: n.keys[i]!, value: n.values[i]! };
    },
    item: (n, i) => (n.kind === 'seq' && i < n.items.length ? n.items[i] : undefined),
    firstKey: (n) => (n.kind === 'map' ? n.keys[0] : undefined),
    isEmpty: (n) => n.kind === 'scalar' && n.source === '',
    source: (n) => (n.kind === 'scalar' && n.source !== '' ? n.source : undefined),
  };
}
