/**
 * How one file's text is rendered for a streaming format, from a plain
 * description (so worker threads render it too, and the cache keeps it under
 * a key that says what it depends on).
 */
import { errorsOnly, type LintResult } from '../engine/results';
import type { FileRendering } from '../engine/run';
import { jsonStream } from './json';
import { stylishStream } from './stylish';
import type { StreamingFormat } from './stream';

/** The formats whose output is one text per file. */
export const FRAGMENT_FORMATS = { json: jsonStream, stylish: stylishStream } as const satisfies Record<string, StreamingFormat>;

export interface RenderSpec {
  readonly format: keyof typeof FRAGMENT_FORMATS;
  readonly color: boolean;
  /** `--quiet`: errors only. */
  readonly quiet: boolean;
  readonly cwd: string;
}

/** What a file's text depends on besides its findings (the working directory is part of the cache key). */
export function renderKey(spec: RenderSpec): string {
  return `${spec.format}|color=${spec.color}|quiet=${spec.quiet}`;
}

/** Renders one file's text as `spec` says. */
export function fragmentRenderer(spec: RenderSpec): (result: LintResult) => string {
  const format = FRAGMENT_FORMATS[spec.format];
  const context = { cwd: spec.cwd, color: spec.color };
  return (result) => format.fragment(spec.quiet ? errorsOnly(result) : result, context);
}

/** What `runLint` renders each file with, in this thread and (from `spec`) in worker threads. */
export function fileRendering(spec: RenderSpec): FileRendering {
  return { render: fragmentRenderer(spec), key: renderKey(spec), spec };
}

/** Whether a format renders one text per file (and so can stream and be cached as text). */
export function isFragmentFormat(name: string): name is RenderSpec['format'] {
  return Object.hasOwn(FRAGMENT_FORMATS, name);
}
