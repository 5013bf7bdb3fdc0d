/** The formatter contract: a pure function from results to text. */
import type { AnyRule } from '../engine/rule';
import type { LintResult } from '../engine/results';

/** One recorded finding of a baseline file (`--write-baseline`). */
export interface BaselineEntry {
  readonly fingerprint: string;
  readonly rule: string;
  readonly app: string | null;
  /** Dot path in the document, or `null` for a finding on raw text. */
  readonly path: string | null;
  /** The manifest, relative to the repository root (`/` separators). */
  readonly file: string;
  readonly message: string;
}

/**
 * What a run compared its findings with (`--baseline FILE` or `--new-since REF`):
 * findings already known there are left out of `results`.
 */
export interface Comparison {
  readonly kind: 'baseline' | 'new-since';
  /** The baseline file (as given) or the git ref (with its commit). */
  readonly against: string;
  /** Findings not reported because `against` already had them. */
  readonly known: number;
  /** Baseline entries that no longer occur (prune them); always empty for `new-since`. */
  readonly stale: readonly BaselineEntry[];
}

export interface FormatContext {
  /** The working directory; output paths are shown relative to it. */
  readonly cwd: string;
  readonly color: boolean;
  readonly version: string;
  readonly asOf: string;
  readonly rules: ReadonlyMap<string, AnyRule>;
  /**
   * The repository root (default: `cwd`). SARIF `%SRCROOT%`, GitHub
   * annotations, JUnit and Markdown show paths relative to it, as GitHub does.
   */
  readonly srcRoot?: string;
  /** Set when findings were compared with a baseline or a base ref. */
  readonly comparison?: Comparison;
  /** The config's `ruleDocsUrl`: where rule links point instead of saasgov's repository (see `ruleDocUrl`). */
  readonly ruleDocsUrl?: string;
}

export type Formatter = (results: readonly LintResult[], context: FormatContext) => string;
