/**
 * Streaming formatters: text for one file at a time, so a run over 100,000
 * manifests writes each file's part as soon as it is final and keeps nothing.
 * `collect` turns one into a plain formatter, so each format has one
 * implementation.
 */
import type { LintResult } from '../engine/results';
import type { FormatContext, Formatter } from './types';

export interface FormatStream {
  /** The text for the next file (in path order). */
  file(result: LintResult): string;
  /** The closing text (summary, brackets). */
  end(): string;
}

export type StreamingFormatter = (context: FormatContext) => FormatStream;

/** A plain formatter from a streaming one. */
export const collect =
  (stream: StreamingFormatter): Formatter =>
  (results, context) => {
    const s = stream(context);
    return results.map((r) => s.file(r)).join('') + s.end();
  };
