/**
 * Maps a path in a document to a text range, the way Spectral does: rules
 * report paths, never lines. A wrong value points at the value, a bad key at
 * the key, and a missing field at the nearest existing parent key.
 *
 * One algorithm over two trees: `yaml`'s composed Document (the general case)
 * and the light tree the fast composer records (fast-compose.ts). Both give
 * the same ranges for the same text, which a differential test checks.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { Path, TextRange } from './types';

/** A node's range as `yaml` keeps it: start, end of the value, end of the node (comments included). */
export type NodeRange = readonly [number, number, number];

/** How the locator walks a tree. */
export interface TreeAccess<N> {
  readonly root: N | null;
  range(node: N): NodeRange;
  /** The entry named `name` of a mapping node, or `undefined` when `node` is no mapping or has no such key. */
  entry(node: N, name: string): { readonly key: N; readonly value: N | null } | undefined;
  /** Item `index` of a sequence node, or `undefined`. */
  item(node: N, index: number): N | null | undefined;
  /** The first key of a mapping node, if it has one. */
  firstKey(node: N): N | undefined;
  /** Whether `node` is an empty scalar (`key:` with nothing after it). */
  isEmpty(node: N): boolean;
  /** A scalar's source text (for "quote it" hints). */
  source(node: N): string | undefined;
}

/** Finds the text of findings in one document. */
export interface Locator {
  /**
   * The text range for a finding at `path`: the value (default) or the key of
   * the last segment; when the path does not exist, the nearest existing parent
   * key (or, for a sequence item or the root, the first key inside it).
   */
  locate(path: Path, at?: 'key' | 'value'): TextRange;
  /** The source text of the scalar at `path`, if the path leads to one. */
  scalarSource(path: Path): string | undefined;
}

interface Target<N> {
  readonly found: boolean;
  readonly key: N | null;
  readonly value: N | null;
}

function resolve<N>(tree: TreeAccess<N>, path: Path): Target<N> {
  let value = tree.root;
  let key: N | null = null;
  for (const seg of path) {
    if (value === null) return { found: false, key, value };
    const entry = tree.entry(value, String(seg));
    if (entry) {
      key = entry.key;
      value = entry.value;
      continue;
    }
    const item = typeof seg === 'number' ? tree.item(value, seg) : undefined;
    if (item === undefined) return { found: false, key, value };
    value = item;
    // A sequence item has no key: point at the item's first key, if it is a mapping.
    key = null;
  }
  return { found: true, key, value };
}

/** The locator over any tree. */
export function treeLocator<N>(tree: TreeAccess<N>): Locator {
  const range = (node: N): TextRange => {
    const r = tree.range(node);
    return { start: r[0], end: r[1] };
  };
  return {
    locate(path, at = 'value') {
      const t = resolve(tree, path);
      if (t.found) {
        if (at === 'key' && t.key) return range(t.key);
        if (t.value && !(tree.isEmpty(t.value) && t.key)) return range(t.value);
        if (t.key) return range(t.key);
      } else if (t.key) {
        return range(t.key);
      }
      // The root or a sequence item: its first key, else the node itself.
      const first = t.value === null ? undefined : tree.firstKey(t.value);
      if (first !== undefined) return range(first);
      if (t.value) return range(t.value);
      return { start: 0, end: 0 };
    },
    scalarSource(path) {
      const t = resolve(tree, path);
      return t.found && t.value !== null ? tree.source(t.value) : undefined;
    },
  };
}

/** Mappings with more entries than this get an index, so locating every key of a huge mapping stays linear. */
const INDEX_FROM = 32;
const indexes = new WeakMap<object, Map<string, number>>();

/**
 * The position of the first entry named `name` among `count` entries, `nameAt`
 * giving each entry's name (`undefined` for a key that has none).
 */
export function findEntry(owner: object, count: number, nameAt: (i: number) => string | undefined, name: string): number {
  if (count <= INDEX_FROM) {
    for (let i = 0; i < count; i++) if (nameAt(i) === name) return i;
    return -1;
  }
  let index = indexes.get(owner);
  if (!index) {
    index = new Map();
    for (let i = 0; i < count; i++) {
      const n = nameAt(i);
      if (n !== undefined && !index.has(n)) index.set(n, i);
    }
    indexes.set(owner, index);
  }
  return index.get(name) ?? -1;
}

function deref(doc: Document, node: Node | null): Node | null {
  let n = node;
  for (let hops = 0; n && isAlias(n) && hops < 100; hops++) n = (n.resolve(doc) as Node | undefined) ?? null;
  return n;
}

/**
 * The name a composed mapping key has in the data, as `yaml`'s `toJS` names
 * it: a scalar's value as text, `''` for null (an empty key, `~`, `null`), an
 * alias by the scalar it refers to; `undefined` for a collection (or an alias
 * to one, or to nothing).
 */
export function keyName(doc: Document, key: unknown): string | undefined {
  if (key === null || key === undefined) return '';
  const node = isAlias(key) ? key.resolve(doc) : key;
  if (!isScalar(node)) return undefined;
  return node.value === null ? '' : String(node.value);
}

/** A locator over a composed `yaml` Document (aliases followed). */
export function documentLocator(doc: Document): Locator {
  return treeLocator<Node>({
    root: deref(doc, doc.contents as Node | null),
    range: (node) => (node.range ?? [0, 0, 0]) as NodeRange,
    entry(node, name) {
      if (!isMap(node)) return undefined;
      const items = node.items as Pair<Node, Node>[];
      const i = findEntry(items, items.length, (k) => keyName(doc, items[k]!.key), name);
      return i === -1 ? undefined : { key: items[i]!.key, value: deref(doc, items[i]!.value) };
    },
    item(node, index) {
      if (!isSeq(node) || index >= node.items.length) return undefined;
      return deref(doc, node.items[index] as Node | null);
    },
    firstKey(node) {
      if (!isMap(node) || node.items.length === 0) return undefined;
      return (node.items[0]!.key as Node | null) ?? undefined;
    },
    isEmpty: (node) => isScalar(node) && node.source === '',
    source: (node) => (isScalar(node) && node.source ? String(node.source) : undefined),
  });
}
