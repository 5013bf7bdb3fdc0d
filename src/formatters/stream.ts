/**
 * Streaming formatters: text for one file at a time, so a run over 100,000
 * manifests writes each file's part as soon as it is final and keeps nothing.
 * `collect` turns one into a plain formatter, so each format has one
 * implementation.
 */
import { countsOf, type LintResult, type ResultCounts } from '../engine/results';
import type { FormatContext, Formatter } from './types';

export interface FormatStream {
  /**
   * Accounts for the next file, whose text is a fragment (what `fragment`
   * gave, perhaps kept by the cache), from its counts; returns the text that
   * goes before the fragment (a separator).
   */
  before(counts: ResultCounts): string;
  /** The closing text (summary, brackets). */
  end(): string;
}

/**
 * A streaming format: how one file renders on its own (a pure, cacheable
 * fragment), and a stream that joins fragments (separators, summary).
 */
export interface StreamingFormat {
  /** One file's text on its own; it may depend on the working directory and colour only (workers render it too). */
  fragment(result: LintResult, context: Pick<FormatContext, 'cwd' | 'color'>): string;
  stream(context: FormatContext): FormatStream;
}

/** The text for the next file of `stream` (in path order): what goes before it, then its fragment. */
export function fileText(format: StreamingFormat, stream: FormatStream, result: LintResult, context: Pick<FormatContext, 'cwd' | 'color'>): string {
  return stream.before(countsOf(result)) + format.fragment(result, context);
}

/** A plain formatter from a streaming one. */
export const collect =
  (format: StreamingFormat): Formatter =>
  (results, context) => {
    const s = format.stream(context);
    return results.map((r) => fileText(format, s, r, context)).join('') + s.end();
  };
