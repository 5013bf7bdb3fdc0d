/**
 * A lint run at scale: files are linted in worker threads (both cores) or in
 * the main thread, taken from the cache when unchanged, and handed to the
 * caller one at a time in path order — final, project rules included — so the
 * output can be streamed and nothing is kept. The findings are the same
 * whatever the number of workers and whether the cache is used.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { defaultConfig, parseConfigFile } from '../config/load';
import { ConfigResolver } from '../config/resolve';
import { DEFAULT_MAX_FILE_BYTES, readManifestFile } from '../manifest/read';
import { PACKAGE_ROOT, VERSION } from '../util/package';
import { contentHash, LintCache, type CacheStrategy } from './cache';
import { displayPath } from './files';
import { resolveFiles, type LintRunOptions } from './lint';
import { lintSource, type FileOutcome, type LintFileOptions } from './lint-file';
import { ProjectChecker } from './project';
import type { AnyRule } from './rule';
import type { LintResult } from './results';

export interface RunOptions extends LintRunOptions {
  /** The config file the run uses (`null`: defaults); workers load it themselves. */
  readonly configFile: string | null;
  /** Worker threads besides this one; `undefined` picks by the number of files and cores, 0 lints in this thread only. */
  readonly workers?: number;
  readonly cache?: { readonly file: string; readonly strategy: CacheStrategy };
}

/** What a worker needs to lint files exactly as the main thread would. */
export interface WorkerSetup {
  readonly cwd: string;
  readonly configFile: string | null;
  readonly asOf: string;
  readonly maxFileBytes: number;
  /** Hash each file's content (only the cache needs it). */
  readonly hash: boolean;
}

/** A file linted for the cache: its outcome and the hash of its content. */
export interface CachedOutcome {
  readonly outcome: FileOutcome;
  readonly hash?: string;
}

/** Below this many files to lint, starting workers costs more than it saves. */
const MIN_FILES_FOR_WORKERS = 400;
/** Files per message to a worker. */
const BATCH = 64;
/** Batches handed out beyond the next one to emit: bounds memory when one worker is slow. */
const WINDOW = 16;

/** Lints one file (with the hash of its content, for the cache). */
export function lintOne(filePath: string, options: LintFileOptions, hash: boolean): CachedOutcome {
  const read = readManifestFile(filePath, options.maxFileBytes, hash ? contentHash : undefined);
  return { outcome: lintSource(filePath, read, options), ...(read.hash ? { hash: read.hash } : {}) };
}

/** The per-file lint options for `file` in a run. */
export function fileOptions(setup: WorkerSetup, resolver: ConfigResolver, rules: ReadonlyMap<string, AnyRule>, file: string): LintFileOptions {
  return {
    env: { asOf: setup.asOf, rules },
    settings: resolver.settingsFor(file),
    displayPath: displayPath(setup.cwd, file),
    maxFileBytes: setup.maxFileBytes,
    keepManifests: false,
  };
}

/** The key under which cached outcomes are valid. */
function cacheKey(options: RunOptions): string {
  const configText = options.configFile ? safeRead(options.configFile) : '';
  return contentHash(
    JSON.stringify([VERSION, options.cwd, options.configFile, configText, options.asOf, options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES]),
  );
}

function safeRead(file: string): string {
  try {
    return readManifestFile(file).text ?? '';
  } catch {
    return '';
  }
}

/**
 * Lints the run's files and calls `onResult` for each, in path order.
 * Resolves to the number of files.
 */
export async function runLint(options: RunOptions, onResult: (result: LintResult) => void): Promise<number> {
  const resolver = new ConfigResolver(options.config, options.rules, options.asOf);
  const files = resolveFiles(options, resolver);
  const setup: WorkerSetup = {
    cwd: options.cwd,
    configFile: options.configFile,
    asOf: options.asOf,
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    hash: options.cache !== undefined,
  };
  const cache = options.cache ? LintCache.open(options.cache.file, cacheKey(options), options.cache.strategy) : null;
  const checker = new ProjectChecker(options.rules, resolver);

  const outcomes: (FileOutcome | undefined)[] = new Array(files.length);
  const todo: number[] = [];
  files.forEach((file, i) => {
    const hit = cache?.get(file);
    if (hit) outcomes[i] = hit;
    else todo.push(i);
  });

  let next = 0;
  const flush = () => {
    while (next < files.length && outcomes[next] !== undefined) {
      onResult(checker.add(outcomes[next]!));
      outcomes[next] = undefined; // emitted: forget it
      next++;
    }
  };
  const done = (i: number, linted: CachedOutcome) => {
    cache?.set(files[i]!, linted.hash, linted.outcome);
    outcomes[i] = linted.outcome;
  };

  const lintHere = (file: string) => lintOne(file, fileOptions(setup, resolver, options.rules, file), setup.hash);
  // Threads in all, this one included: `workers` counts the extra ones.
  const threads = 1 + (options.workers ?? (todo.length >= MIN_FILES_FOR_WORKERS ? Math.min(availableParallelism(), 4) - 1 : 0));
  if (threads <= 1 || todo.length === 0) {
    for (const i of todo) {
      done(i, lintHere(files[i]!));
      flush();
    }
  } else {
    await lintInParallel(setup, lintHere, files, todo, threads, done, flush);
  }
  flush();
  cache?.save();
  return files.length;
}

/**
 * Lints `todo` on `threads` threads: this one and `threads - 1` workers, all
 * taking batches from one queue (the main thread between handling worker
 * messages). Using this thread too saves a whole V8 heap of memory.
 */
async function lintInParallel(
  setup: WorkerSetup,
  lintHere: (file: string) => CachedOutcome,
  files: readonly string[],
  todo: readonly number[],
  threads: number,
  done: (i: number, linted: CachedOutcome) => void,
  flush: () => void,
): Promise<void> {
  const batches: number[][] = [];
  for (let b = 0; b < todo.length; b += BATCH) batches.push(todo.slice(b, b + BATCH));
  let handedOut = 0;
  let finished = 0;
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  // Stay within WINDOW batches of what is finished, so results never pile up.
  const take = () => (handedOut < batches.length && handedOut - finished <= WINDOW ? batches[handedOut++] : undefined);
  // The bundled worker starts faster; without a bundle (a plain `tsc` build), the compiled module.
  const bundled = path.join(PACKAGE_ROOT, 'dist', 'worker.cjs');
  const workerFile = existsSync(bundled) ? bundled : path.join(PACKAGE_ROOT, 'dist', 'src', 'engine', 'worker.js');
  const pool = Array.from({ length: Math.min(threads - 1, batches.length) }, () => new Worker(workerFile, { workerData: setup }));
  const inFlight = new Map<Worker, number>();
  const give = (worker: Worker) => {
    // Two batches per worker, so it never waits while this thread is busy linting.
    while ((inFlight.get(worker) ?? 0) < 2) {
      const batch = take();
      if (!batch) return;
      inFlight.set(worker, (inFlight.get(worker) ?? 0) + 1);
      worker.postMessage(batch.map((i) => ({ index: i, file: files[i]! })));
    }
  };
  for (const worker of pool) {
    worker.on('message', (msg: { results?: { index: number; linted: CachedOutcome }[]; error?: string }) => {
      if (msg.error !== undefined) failure ??= new Error(msg.error);
      else for (const r of msg.results!) done(r.index, r.linted);
      inFlight.set(worker, (inFlight.get(worker) ?? 1) - 1);
      finished++;
      flush();
      for (const w of pool) give(w);
      notify();
    });
    worker.on('error', (error) => {
      failure ??= error;
      notify();
    });
    worker.on('exit', (code) => {
      if (code !== 0 && finished < batches.length) failure ??= new Error(`a lint worker stopped with exit code ${code}`);
      notify();
    });
    give(worker);
  }
  try {
    while (finished < batches.length && !failure) {
      const batch = take();
      if (batch) {
        for (const i of batch) done(i, lintHere(files[i]!));
        finished++;
        flush();
        for (const w of pool) give(w);
        // Let worker messages in between batches.
        await new Promise<void>((resolve) => setImmediate(resolve));
      } else {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
    }
    if (failure) throw failure;
  } finally {
    await Promise.all(pool.map((w) => w.terminate()));
  }
}

/** The configuration a worker uses: the run's config file, parsed again (or the defaults). */
export function setupConfig(setup: WorkerSetup, rules: ReadonlyMap<string, AnyRule>): ConfigResolver {
  const config = setup.configFile ? parseConfigFile(setup.configFile, rules, setup.cwd) : defaultConfig(setup.cwd);
  return new ConfigResolver(config, rules, setup.asOf);
}
