/** The formatter contract: a pure function from results to text. */
import type { AnyRule } from '../engine/rule';
import type { LintResult } from '../engine/results';

export interface FormatContext {
  /** The working directory; output paths are shown relative to it. */
  readonly cwd: string;
  readonly color: boolean;
  readonly version: string;
  readonly asOf: string;
  readonly rules: ReadonlyMap<string, AnyRule>;
}

export type Formatter = (results: readonly LintResult[], context: FormatContext) => string;
