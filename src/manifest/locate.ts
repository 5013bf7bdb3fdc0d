/**
 * Maps a path in a document to a text range, the way Spectral does: rules
 * report paths, never lines. A wrong value points at the value, a bad key at
 * the key, and a missing field at the nearest existing parent key.
 */
import { isAlias, isMap, isScalar, isSeq, type Document, type Node, type Pair } from 'yaml';
import type { Path, TextRange } from './types';

/** What a path resolves to: the deepest node that exists on it. */
export interface PathTarget {
  /** Whether the whole path exists. */
  readonly found: boolean;
  /** The key node of the last mapping entry on the path that exists (if any). */
  readonly key: Node | null;
  /** The value node at the deepest existing point (may be null: `a:` with no value). */
  readonly value: Node | null;
}

function deref(doc: Document, node: Node | null): Node | null {
  let n = node;
  for (let hops = 0; n && isAlias(n) && hops < 100; hops++) n = (n.resolve(doc) as Node | undefined) ?? null;
  return n;
}

/** Resolves `path` in `doc`, following aliases, as far as it exists. */
export function resolvePath(doc: Document, path: Path): PathTarget {
  let value = deref(doc, doc.contents as Node | null);
  let key: Node | null = null;
  for (const seg of path) {
    if (isMap(value)) {
      const pair = findPair(value.items as Pair<Node, Node>[], String(seg));
      if (!pair) return { found: false, key, value };
      key = pair.key;
      value = deref(doc, pair.value);
    } else if (isSeq(value) && typeof seg === 'number' && seg < value.items.length) {
      value = deref(doc, value.items[seg] as Node | null);
      // A sequence item has no key: point at the item's first key, if it is a mapping.
      key = null;
    } else {
      return { found: false, key, value };
    }
  }
  return { found: true, key, value };
}

/** Mappings with more entries than this get an index, so locating every key of a huge mapping stays linear. */
const INDEX_FROM = 32;
const indexes = new WeakMap<readonly Pair<Node, Node>[], Map<string, Pair<Node, Node>>>();

/** The first entry of `items` whose key is `name`. */
function findPair(items: Pair<Node, Node>[], name: string): Pair<Node, Node> | undefined {
  if (items.length <= INDEX_FROM) {
    for (const pair of items) if (isScalar(pair.key) && String(pair.key.value) === name) return pair;
    return undefined;
  }
  let index = indexes.get(items);
  if (!index) {
    index = new Map();
    for (const pair of items) {
      if (!isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (!index.has(key)) index.set(key, pair);
    }
    indexes.set(items, index);
  }
  return index.get(name);
}

const range = (node: Node): TextRange => {
  const r = node.range ?? [0, 0, 0];
  return { start: r[0], end: r[1] };
};

/**
 * The text range for a finding at `path`: the value (default) or the key of
 * the last segment; when the path does not exist, the nearest existing parent
 * key (or, for a sequence item or the root, the first key inside it).
 */
export function locatePath(doc: Document, path: Path, at: 'key' | 'value' = 'value'): TextRange {
  const t = resolvePath(doc, path);
  if (t.found) {
    if (at === 'key' && t.key) return range(t.key);
    if (t.value && !(isScalar(t.value) && t.value.source === '' && t.key)) return range(t.value);
    if (t.key) return range(t.key);
  } else if (t.key) {
    return range(t.key);
  }
  // The root or a sequence item: its first key, else the node itself.
  if (isMap(t.value) && t.value.items.length > 0) {
    const first = t.value.items[0]!.key as Node | null;
    if (first) return range(first);
  }
  if (t.value) return range(t.value);
  return { start: 0, end: 0 };
}
