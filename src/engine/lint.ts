/**
 * A whole lint run: expand paths, lint every file, then run project rules
 * (cross-file) over the claims of all files, and return results in path order.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Config } from '../config/load';
import { ConfigResolver } from '../config/resolve';
import { DEFAULT_MAX_FILE_BYTES } from '../manifest/read';
import { displayPath, expandPaths, toPosix } from './files';
import { lintFile, type FileOutcome } from './lint-file';
import { ProjectChecker } from './project';
import type { AnyRule, RuleEnvironment } from './rule';
import type { LintResult } from './results';

export interface LintRunOptions {
  readonly cwd: string;
  readonly config: Config;
  readonly rules: ReadonlyMap<string, AnyRule>;
  /** Evaluation date `YYYY-MM-DD`. */
  readonly asOf: string;
  /** Files, directories and globs; empty: what {@link defaultPaths} says. */
  readonly paths: readonly string[];
  readonly maxFileBytes?: number;
  readonly keepManifests?: boolean;
}

/**
 * What a command reads, and the directory those paths are relative to: the
 * paths given (relative to the working directory); else the config's
 * `manifests` (relative to the config file); else `apps/` beside the config
 * file — in the working directory without one — when it is a directory; else
 * the working directory. The same for every command (docs/configuration.md).
 */
export function defaultPaths(paths: readonly string[], config: Config, cwd: string): { readonly paths: readonly string[]; readonly cwd: string } {
  if (paths.length > 0) return { paths, cwd };
  if (config.manifests !== undefined) return { paths: config.manifests, cwd: config.baseDir };
  if (statSync(path.join(config.baseDir, 'apps'), { throwIfNoEntry: false })?.isDirectory()) return { paths: ['apps'], cwd: config.baseDir };
  return { paths: ['.'], cwd };
}

/** The files a run lints (absolute, `/`, sorted). Throws `NO_FILES` for a path that matches nothing. */
export function resolveFiles(options: LintRunOptions, resolver: ConfigResolver): string[] {
  const { config } = options;
  const what = defaultPaths(options.paths, config, options.cwd);
  return expandPaths(what.paths, {
    cwd: what.cwd,
    isIgnored: (f) => resolver.isIgnored(f),
    ...(config.filePath ? { unlisted: new Set([toPosix(config.filePath)]) } : {}),
  });
}

/** Lints the run's files; results are in path order, findings sorted. */
export function lintProject(options: LintRunOptions): LintResult[] {
  const resolver = new ConfigResolver(options.config, options.rules, options.asOf);
  const env: RuleEnvironment = { asOf: options.asOf, rules: options.rules };
  const outcomes = resolveFiles(options, resolver).map((file) =>
    lintFile(file, {
      env,
      settings: resolver.settingsFor(file),
      displayPath: displayPath(options.cwd, file),
      maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
      keepManifests: options.keepManifests ?? false,
    }),
  );
  return applyProjectRules(outcomes, resolver, options.rules);
}

/** Runs project rules over file outcomes in path order and returns the final results. */
export function applyProjectRules(outcomes: readonly FileOutcome[], resolver: ConfigResolver, rules: ReadonlyMap<string, AnyRule>): LintResult[] {
  const checker = new ProjectChecker(rules, resolver);
  return outcomes.map((o) => checker.add(o));
}
