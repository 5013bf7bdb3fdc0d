/**
 * The data model between the loader and the rules: documents with positions,
 * and the problems the loader found before any rule runs.
 */
import type { LineCounter } from 'yaml';
import type { Locator } from './locate';

/** A path into a YAML document: mapping keys and sequence indices. */
export type Path = readonly (string | number)[];

/** A half-open range of UTF-16 offsets into a file's text. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

/** A loader problem: what `manifest/syntax` or `manifest/schema` reports. */
export interface LoadProblem {
  readonly ruleId: 'manifest/syntax' | 'manifest/schema';
  readonly messageId: string;
  readonly data: Readonly<Record<string, string | number>>;
  /** Where: a text range, a line/column, or a path resolved against the document. */
  readonly range?: TextRange;
  readonly position?: { readonly line: number; readonly column: number };
  readonly path?: Path;
  readonly at?: 'key' | 'value';
}

/** One YAML document of a manifest file. */
export interface ParsedDocument {
  /** 0-based position of the document in its file. */
  readonly index: number;
  /** The document's text range in the file. */
  readonly range: TextRange;
  /** Finds the text of a path; `null` when the document could not be composed safely. */
  readonly locator: Locator | null;
  /**
   * The document as plain data (plain objects; `__proto__`, `constructor` and
   * `prototype` keys are refused, so no key reaches a prototype), or `undefined`
   * when the YAML could not be turned into data.
   */
  readonly value: unknown;
  /** `manifest/syntax` (and structural `manifest/schema`) problems. */
  readonly problems: LoadProblem[];
  /** Whether a key starts with `x-` (an extension); `undefined`: unknown. */
  readonly extensions?: boolean;
  /** Whether the document holds nothing at all (`---` with only comments). */
  readonly empty?: boolean;
  /** Whether the fast path composed it (see fast-compose.ts). */
  readonly fast?: boolean;
}

/** A manifest file after reading and parsing. */
export interface ParsedFile {
  /** Absolute path, with `/` separators. */
  readonly filePath: string;
  /** The decoded text, or `null` when the file could not be read as text. */
  readonly text: string | null;
  /** Line starts of `text`, for offset → line/column. */
  readonly lineCounter: LineCounter;
  readonly documents: ParsedDocument[];
  /** Problems of the file as a whole (unreadable, too large, not UTF-8, empty). */
  readonly fileProblems: LoadProblem[];
}
