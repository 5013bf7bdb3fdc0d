/**
 * A lint run at scale: files are linted in worker threads (both cores) or in
 * the main thread, taken from the cache when unchanged, and handed to the
 * caller one at a time in path order — final, project rules included — so the
 * output can be streamed and nothing is kept. The findings are the same
 * whatever the number of workers and whether the cache is used.
 */
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { defaultConfig, parseConfigFile } from '../config/load';
import { ConfigResolver } from '../config/resolve';
import { DEFAULT_MAX_FILE_BYTES, readManifestFile } from '../manifest/read';
import { PACKAGE_ROOT, VERSION } from '../util/package';
import { contentHash, LintCache, type CacheHit, type CacheStrategy } from './cache';
import { displayPath } from './files';
import { resolveFiles, type LintRunOptions } from './lint';
import { lintSource, type FileOutcome, type LintFileOptions } from './lint-file';
import { merge, ProjectChecker } from './project';
import type { AnyRule, ProjectDocument } from './rule';
import { countsOf, type LintMessage, type LintResult, type ResultCounts } from './results';

export interface RunOptions extends LintRunOptions {
  /** The config file the run uses (`null`: defaults); workers load it themselves. */
  readonly configFile: string | null;
  /** Worker threads besides this one; `undefined` picks by the number of files and cores, 0 lints in this thread only. */
  readonly workers?: number;
  readonly cache?: { readonly file: string; readonly strategy: CacheStrategy };
  /**
   * The files a change adds (`--new-since`): they are linted and handed over
   * after all the others, so cross-file rules meet the files already there
   * first and report a clash (a duplicate name) in the file that brings it.
   */
  readonly isAdded?: (file: string) => boolean;
}

/**
 * How a run renders each file's text, chosen by the caller (the CLI hands its
 * formatter's): the engine only calls it, so findings stay data here and
 * formats stay downstream.
 */
export interface FileRendering {
  /** One file's text. */
  readonly render: (result: LintResult) => string;
  /** What the text depends on besides the findings: the cache keeps texts under it. */
  readonly key: string;
  /** Plain data a worker thread makes the same renderer from (see `serveLintWorker`). */
  readonly spec: unknown;
}

/** What a worker needs to lint files exactly as the main thread would. */
export interface WorkerSetup {
  readonly cwd: string;
  readonly configFile: string | null;
  readonly asOf: string;
  readonly maxFileBytes: number;
  /** Hash each file's content (only the cache needs it). */
  readonly hash: boolean;
  /** The run's `FileRendering.spec`: workers render each file's text, so only text crosses threads. */
  readonly render?: unknown;
}

/** A file linted for the cache: its outcome and the hash of its content. */
export interface CachedOutcome {
  readonly outcome: FileOutcome;
  readonly hash?: string;
}

/** The argument bin/saasgov.js starts a lint worker thread with (it loads the program's worker: src/cli/lint-worker.ts). */
const LINT_WORKER = '--saasgov-lint-worker';

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

/** One file as `runLint` hands it over: its result, or its cached text with its counts. */
export type RunFile =
  | { readonly result: LintResult; readonly fragment?: string; readonly counts: ResultCounts }
  | { readonly result?: undefined; readonly fragment: string | Uint8Array; readonly counts: ResultCounts };


/** A file a worker linted and rendered: only what the main thread needs of it. */
export interface RenderedFile {
  readonly hash?: string;
  readonly counts: ResultCounts;
  readonly claims: ProjectDocument[];
  readonly fragment: string;
}

/** A linted file as a worker gives it back: rendered when the run renders, else its whole outcome. */
export type WorkerResult = { readonly linted: CachedOutcome } | { readonly rendered: RenderedFile };

/** Lints one file and renders it (in a worker thread). */
export function lintAndRender(file: string, options: LintFileOptions, hash: boolean, render: (result: LintResult) => string): RenderedFile {
  const { outcome, hash: contentHash } = lintOne(file, options, hash);
  return {
    ...(contentHash ? { hash: contentHash } : {}),
    counts: countsOf(outcome.result),
    claims: outcome.projectDocuments,
    fragment: render(outcome.result),
  };
}

/**
 * Lints the run's files and calls `onFile` for each, in path order (the
 * files `isAdded` names last). With
 * `rendering`, a file unchanged since the cached run (and without findings of
 * cross-file rules) comes back as its cached text, and a file linted in a
 * worker thread as the text the worker rendered; every other file comes back
 * as its result, with its text when rendering. Resolves to the number of
 * files.
 */
export async function runLint(options: RunOptions, onFile: (file: RunFile) => void, rendering?: FileRendering): Promise<number> {
  const resolver = new ConfigResolver(options.config, options.rules, options.asOf);
  const files = addedLast(resolveFiles(options, resolver), options.isAdded);
  const setup: WorkerSetup = {
    cwd: options.cwd,
    configFile: options.configFile,
    asOf: options.asOf,
    maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES,
    hash: options.cache !== undefined,
    ...(rendering ? { render: rendering.spec } : {}),
  };
  const render = rendering ? { key: rendering.key, fragment: rendering.render } : undefined;
  const cache = options.cache ? LintCache.open(options.cache.file, cacheKey(options), options.cache.strategy, files) : null;
  const checker = new ProjectChecker(options.rules, resolver);
  const lintHere = (file: string) => lintOne(file, fileOptions(setup, resolver, options.rules, file), setup.hash);

  /** Per file: linted here, or linted and rendered in a worker. */
  const ready: (WorkerResult | undefined)[] = new Array(files.length);
  /** Per file found unchanged: its entry in the cache. */
  const hits: (CacheHit | undefined)[] = new Array(files.length);
  const todo: number[] = [];
  for (let i = 0; i < files.length; i++) {
    const hit = cache?.get(i);
    if (hit === undefined) todo.push(i);
    else hits[i] = hit;
  }

  /** Emits file `i`, linted (or re-linted), and keeps in the cache what a later run needs. */
  const emit = (i: number, linted: CachedOutcome, added: readonly LintMessage[]) => {
    const result = merge(linted.outcome.result, added);
    const counts = countsOf(linted.outcome.result);
    // Text can be reused only when no cross-file finding was added to the file's own.
    const fragment = render && added.length === 0 ? render.fragment(result) : undefined;
    // A file that could not be read is not kept (`set` ignores it): nothing to key it by.
    cache?.set(i, linted.hash, {
      counts,
      claims: linted.outcome.projectDocuments,
      fragments: fragment !== undefined ? { [render!.key]: Buffer.from(fragment) } : {},
      ...(fragment === undefined ? { outcome: linted.outcome } : {}),
    });
    onFile({ result, counts: countsOf(result), ...(fragment !== undefined ? { fragment } : {}) });
  };

  /** Emits file `i`, found unchanged: decoded only now, so no more than one cached file is held at a time. */
  const emitCached = (i: number, hit: CacheHit) => {
    const file = files[i]!;
    const cached = cache!.load(hit);
    if (!cached) {
      // A damaged record: lint the file as if it were not cached.
      const linted = lintHere(file);
      emit(i, linted, checker.visit(file, linted.outcome.projectDocuments));
      return;
    }
    const added = checker.visit(file, cached.claims);
    const fragment = render ? cached.fragments[render.key] : undefined;
    if (fragment !== undefined && added.length === 0) {
      onFile({ fragment, counts: cached.counts });
    } else if (cached.outcome) {
      const result = merge(cached.outcome.result, added);
      if (render && added.length === 0) {
        const text = render.fragment(result);
        cache!.addFragment(i, render.key, Buffer.from(text));
        onFile({ result, counts: cached.counts, fragment: text });
      } else {
        onFile({ result, counts: countsOf(result) });
      }
    } else {
      // Kept as another format's text only: lint it again (its content is unchanged, so is the result).
      emit(i, lintHere(file), added);
    }
  };

  let next = 0;
  const flush = () => {
    for (; next < files.length; next++) {
      const file = files[next]!;
      const hit = hits[next];
      const item = ready[next];
      if (hit !== undefined) {
        emitCached(next, hit);
        continue;
      }
      if (item === undefined) return;
      ready[next] = undefined; // emitted: forget it
      if ('linted' in item) {
        emit(next, item.linted, checker.visit(file, item.linted.outcome.projectDocuments));
        continue;
      }
      const r = item.rendered;
      const added = checker.visit(file, r.claims);
      if (added.length === 0) {
        cache?.set(next, r.hash, { counts: r.counts, claims: r.claims, fragments: { [render!.key]: Buffer.from(r.fragment) } });
        onFile({ fragment: r.fragment, counts: r.counts });
      } else {
        // Cross-file findings change its text: lint it again here, with them.
        emit(next, lintHere(file), added);
      }
    }
  };
  const done = (i: number, result: WorkerResult) => {
    ready[i] = result;
  };

  // Threads in all, this one included: `workers` counts the extra ones.
  const threads = 1 + (options.workers ?? (todo.length >= MIN_FILES_FOR_WORKERS ? Math.min(availableParallelism(), 4) - 1 : 0));
  try {
    if (threads <= 1 || todo.length === 0) {
      for (let k = 0; k < todo.length; k++) {
        done(todo[k]!, { linted: lintHere(files[todo[k]!]!) });
        flush();
        // Now and then, let signals in: an interrupted run removes its temporary files (util/cleanup).
        if (k % BATCH === BATCH - 1) await new Promise<void>((resolve) => setImmediate(resolve));
      }
    } else {
      await lintInParallel(setup, lintHere, files, todo, threads, done, flush);
    }
    flush();
    cache?.save();
  } finally {
    cache?.close();
  }
  return files.length;
}

/** `files` (in path order) with those `isAdded` names moved to the end, each part in path order. */
function addedLast(files: string[], isAdded: ((file: string) => boolean) | undefined): string[] {
  if (!isAdded) return files;
  const added = files.filter(isAdded);
  if (added.length === 0) return files;
  const set = new Set(added);
  return [...files.filter((f) => !set.has(f)), ...added];
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
  done: (i: number, result: WorkerResult) => void,
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
  // Through the launcher, which loads the program's worker: the bundle (from a V8 code cache, so it starts
  // faster), or without one (a plain `tsc` build) the compiled module.
  const launcher = path.join(PACKAGE_ROOT, 'bin', 'saasgov.js');
  // Loaded only for a run large enough to use it.
  const { Worker } = process.getBuiltinModule('node:worker_threads');
  const pool = Array.from({ length: Math.min(threads - 1, batches.length) }, () => new Worker(launcher, { workerData: setup, argv: [LINT_WORKER] }));
  const exited = pool.map((w) => new Promise<void>((resolve) => w.once('exit', () => resolve())));
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
    worker.on('message', (msg: { results?: ({ index: number } & WorkerResult)[]; error?: string }) => {
      if (msg.error !== undefined) failure ??= new Error(msg.error);
      else for (const r of msg.results!) done(r.index, r);
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
        for (const i of batch) done(i, { linted: lintHere(files[i]!) });
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
    // Told to stop, a worker ends as a program does (the launcher keeps the code it compiled for the
    // next run); after a failure, it is stopped at once.
    for (const w of pool) {
      if (failure) void w.terminate();
      else w.postMessage(null);
    }
    await Promise.all(exited);
  }
}

/** The configuration a worker uses: the run's config file, parsed again (or the defaults). */
export function setupConfig(setup: WorkerSetup, rules: ReadonlyMap<string, AnyRule>): ConfigResolver {
  const config = setup.configFile ? parseConfigFile(setup.configFile, rules, setup.cwd) : defaultConfig(setup.cwd);
  return new ConfigResolver(config, rules, setup.asOf);
}
