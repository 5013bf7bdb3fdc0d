/**
 * `--new-since <git-ref>`: the findings a change introduces. The manifests of
 * the ref's tree are checked out into a temporary directory (through a
 * temporary index: the repository's index, work tree and worktree list are
 * never touched), linted with the same paths, config and as-of date, and
 * their fingerprints subtracted from the current run's. The current run
 * lints the whole current tree as usual, so cross-file rules
 * (`manifest/unique-name`) still see every manifest; the files the base tree
 * does not have are the ones the change adds, which cross-file rules visit
 * last (a duplicate name is reported in the file that adds it). The
 * temporary checkout is removed when the run ends, fails, or is interrupted.
 */
import type { execFileSync as ExecFileSync } from 'node:child_process';
import { mkdirSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Config } from '../config/load';
import { ConfigResolver } from '../config/resolve';
import { expandPaths, toPosix } from '../engine/files';
import { defaultPaths, type LintRunOptions } from '../engine/lint';
import type { LintResult } from '../engine/results';
import { runLint } from '../engine/run';
import { interrupted, removeOnInterrupt } from '../util/cleanup';
import { SaasgovError } from '../util/errors';
import { randomHex } from '../util/hash';
import { baselineEntries, type BaselineEntry } from './baseline';

// Loaded when `--new-since` runs git, not at every start (child_process brings the network modules with it).
const execFileSync: typeof ExecFileSync = ((...args: Parameters<typeof ExecFileSync>) =>
  process.getBuiltinModule('node:child_process').execFileSync(...args)) as typeof ExecFileSync;

/** The current run's options (the base tree is linted with the same ones), and the ref. */
export interface BaseTreeOptions extends LintRunOptions {
  /** The git ref to compare with (branch, tag, commit). */
  readonly ref: string;
}

export interface BaseTreeFindings {
  /** The commit the ref names (full hash). */
  readonly commit: string;
  /** The base tree's unsuppressed findings, as baseline entries. */
  readonly findings: BaselineEntry[];
  /** Whether a file of the current tree (absolute) is one the base tree does not have: the change adds it. */
  readonly isAdded: (file: string) => boolean;
}

const MANIFEST = /\.ya?ml$/i;

/**
 * Runs git and waits (git writes into the temporary checkout: it is removed
 * only once git is done). Ctrl-C reaches git too: when git dies of a signal,
 * so does this process, after its cleanup.
 */
function git(args: readonly string[], cwd: string, options: { input?: string; env?: NodeJS.ProcessEnv } = {}): string {
  try {
    return execFileSync('git', args, {
      cwd,
      encoding: 'utf8',
      input: options.input ?? '',
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
      maxBuffer: 512 * 1024 * 1024,
    });
  } catch (error) {
    const signal = (error as { signal?: NodeJS.Signals | null }).signal;
    if (signal === 'SIGINT' || signal === 'SIGTERM' || signal === 'SIGHUP') interrupted(signal);
    throw error;
  }
}

const realOrSelf = (p: string) => {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
};

/** Whether `inner` is `outer` or inside it. */
const isInside = (outer: string, inner: string) => {
  const rel = path.relative(outer, inner);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
};

/** Lints the manifests of `ref`'s tree as the current run lints the work tree. */
export async function lintBaseTree(options: BaseTreeOptions): Promise<BaseTreeFindings> {
  const { ref } = options;
  // A ref is never an option: `--new-since=--output=x` must not reach git as one.
  if (ref === '' || ref.startsWith('-')) throw new SaasgovError('USAGE', `--new-since needs a git ref such as origin/main, not "${ref}"`);
  let top: string;
  try {
    top = realpathSync(git(['rev-parse', '--show-toplevel'], options.cwd).trim());
  } catch {
    throw new SaasgovError('USAGE', `--new-since needs a git repository, and ${options.cwd} is not inside one (or git is not installed)`);
  }
  let commit: string;
  try {
    commit = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], top).trim();
  } catch {
    throw new SaasgovError(
      'USAGE',
      `--new-since: "${ref}" is not a commit of this repository; in a shallow clone fetch it first (git fetch --depth=1 origin ${ref}, or actions/checkout with fetch-depth: 0)`,
    );
  }

  // Made after its removal is arranged, so no signal falls between the two.
  const temp = path.join(tmpdir(), `saasgov-base-${randomHex(6)}`);
  const forget = removeOnInterrupt(temp);
  try {
    mkdirSync(temp, { mode: 0o700 });
    const tree = path.join(temp, 'tree');
    mkdirSync(tree);
    // Only the YAML files of the base tree are written out, through a temporary index.
    const env = { ...process.env, GIT_INDEX_FILE: path.join(temp, 'index') };
    git(['read-tree', commit], top, { env });
    const files = git(['ls-files', '-z'], top, { env })
      .split('\0')
      .filter((f) => MANIFEST.test(f));
    if (files.length > 0) git(['checkout-index', '--force', `--prefix=${tree}${path.sep}`, '-z', '--stdin'], top, { env, input: files.join('\0') });
    const isAdded = addedFiles(top, new Set(files));

    const map = (p: string) => (isInside(top, p) ? path.join(tree, path.relative(top, p)) : p);
    const cwd = map(realpathSync(options.cwd));
    mkdirSync(cwd, { recursive: true });
    const config: Config = { ...options.config, baseDir: map(realOrSelf(options.config.baseDir)) };
    const resolver = new ConfigResolver(config, options.rules, options.asOf);

    // The same arguments as the current run, each allowed to match nothing in the base tree (a path the change adds).
    const what = defaultPaths(
      options.paths.map((p) => (path.isAbsolute(p) ? map(p) : p)),
      config,
      cwd,
    );
    const unlisted = new Set(options.config.filePath ? [toPosix(map(realOrSelf(options.config.filePath)))] : []);
    const found = new Set<string>();
    for (const arg of what.paths) {
      try {
        for (const f of expandPaths([arg], { cwd: what.cwd, isIgnored: (f) => resolver.isIgnored(f), unlisted })) found.add(f);
      } catch (error) {
        if (!(error instanceof SaasgovError && error.code === 'NO_FILES')) throw error;
      }
    }
    if (found.size === 0) return { commit, findings: [], isAdded };
    // In this thread (the config is the mapped one, which workers could not load), taking turns with signals.
    const results: LintResult[] = [];
    const run = { cwd, config, configFile: null, rules: options.rules, asOf: options.asOf, paths: [...found].sort(), workers: 0 };
    await runLint(options.maxFileBytes === undefined ? run : { ...run, maxFileBytes: options.maxFileBytes }, (file) => results.push(file.result!));
    return { commit, findings: baselineEntries(results, tree), isAdded };
  } finally {
    rmSync(temp, { recursive: true, force: true });
    forget();
  }
}

/** Whether a file of the work tree under `top` is not among the base tree's `files` (paths relative to `top`, `/`). */
function addedFiles(top: string, files: ReadonlySet<string>): (file: string) => boolean {
  const relative = (file: string) => path.relative(top, file).split(path.sep).join('/');
  // Paths as the run found them first; through symbolic links (a work tree reached by a link) only when that fails.
  return (file) => !files.has(relative(file)) && !files.has(relative(realOrSelf(file)));
}
