/** `saasgov lint [paths…]`: lint manifests and print findings in the chosen format. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { baselineEntries, readBaseline, serializeBaseline, subtractKnown, type Subtraction } from '../baseline/baseline';
import { lintBaseTree } from '../baseline/new-since';
import type { CacheStrategy } from '../engine/cache';
import { displayPath } from '../engine/files';
import { errorsOnly, type LintResult } from '../engine/results';
import { runLint } from '../engine/run';
import { FORMAT_NAMES, FORMATTERS, type FormatName } from '../formatters';
import { fileRendering, FRAGMENT_FORMATS, isFragmentFormat, type RenderSpec } from '../formatters/fragment';
import { fileText } from '../formatters/stream';
import { inert } from '../formatters/escape';
import { plural } from '../formatters/shared';
import type { BaselineEntry, Comparison, FormatContext } from '../formatters/types';
import { compareText } from '../util/compare';
import { findRepoRoot } from '../util/repo';
import { blockWriter, openAtomicWriter, writeFileAtomic } from '../util/write';
import { RULES_BY_ID } from '../../rules';
import { asOfOption, configOption, emit, formatContext, maxFileSizeOption, EXIT, parseCount, resolveAsOf, resolveConfig, type CliIO } from './common';

interface Report {
  readonly format: FormatName;
  readonly file: string;
}

interface LintOptions {
  config?: string;
  format: FormatName;
  outputFile?: string;
  report: Report[];
  maxWarnings?: number;
  quiet?: boolean;
  asOf?: string;
  color: boolean;
  maxFileSize: number;
  baseline?: string;
  writeBaseline?: string;
  newSince?: string;
  cache?: boolean;
  cacheLocation: string;
  cacheStrategy: CacheStrategy;
  concurrency?: number;
}

/** The default cache file, in the working directory. */
export const DEFAULT_CACHE_FILE = '.saasgovcache';

function parseConcurrency(value: string): number | undefined {
  if (value === 'auto') return undefined;
  if (value === 'off') return 0;
  if (/^\d+$/.test(value) && Number(value) >= 1 && Number(value) <= 64) return Number(value);
  throw new InvalidArgumentError('expected a number of threads (1-64), auto or off');
}

/** Stale baseline entries listed on standard error before "and N more". */
const MAX_STALE_SHOWN = 10;

/** `--report FORMAT=FILE`, repeatable. */
function parseReport(value: string, previous: Report[]): Report[] {
  const m = /^([a-z]+)=(.+)$/.exec(value);
  if (!m || !(FORMAT_NAMES as readonly string[]).includes(m[1]!)) {
    throw new InvalidArgumentError(`expected FORMAT=FILE with FORMAT one of ${FORMAT_NAMES.join(', ')}, e.g. sarif=saasgov.sarif`);
  }
  return [...previous, { format: m[1] as FormatName, file: m[2]! }];
}

export function registerLint(program: Command, io: CliIO): void {
  program
    .command('lint')
    .description(
      'lint manifests: files, directories (recursively, *.yaml and *.yml) and globs; with no paths, the config\'s "manifests", else ./apps, else the current directory ' +
        '(a directory or glob never picks dot-files, dot-folders, node_modules, what git ignores, or the config file)',
    )
    .argument('[paths...]', 'files, directories or globs to lint')
    .addOption(configOption())
    .addOption(new Option('-f, --format <name>', 'output format').choices(FORMAT_NAMES).default('stylish'))
    .option('-o, --output-file <file>', 'write the report to a file (atomically) instead of standard output')
    .addOption(
      new Option('--report <format=file>', 'also write the report in another format to a file (repeatable), e.g. --report sarif=saasgov.sarif --report markdown=summary.md')
        .argParser(parseReport)
        .default([], 'none'),
    )
    .option('--max-warnings <n>', 'exit with status 1 when there are more warnings than this', parseCount)
    .option('--quiet', 'report errors only (warnings are neither shown nor counted)')
    .addOption(asOfOption())
    .option('--no-color', 'no colour (also off when output is not a terminal or NO_COLOR is set)')
    .addOption(maxFileSizeOption())
    .addOption(
      new Option('--baseline <file>', 'report only findings not recorded in this baseline file, and list its entries that no longer occur').conflicts(['writeBaseline', 'newSince']),
    )
    .addOption(new Option('--write-baseline <file>', "record today's findings in this baseline file (sorted JSON, written atomically)").conflicts(['newSince']))
    .addOption(new Option('--new-since <git-ref>', 'report only findings that are not in the manifests of this git ref (e.g. origin/main): what a change introduces'))
    .option('--cache', 'reuse the results of unchanged files from the cache file')
    .option('--cache-location <file>', 'the cache file', DEFAULT_CACHE_FILE)
    .addOption(
      new Option('--cache-strategy <strategy>', 'how changed files are found: size and time, then content (metadata), or always content')
        .choices(['metadata', 'content'])
        .default('metadata'),
    )
    .option('--concurrency <n>', 'threads that lint: a number (this one included), auto (by files and cores) or off', parseConcurrency)
    .addHelpText(
      'after',
      '\nExit status: 0 no errors (and no more warnings than --max-warnings), 1 findings, 2 usage or configuration error.\n' +
        'With --baseline, --write-baseline or --new-since, findings already known are neither shown nor counted.\n',
    )
    .action(async (paths: string[], options: LintOptions) => {
      const asOf = resolveAsOf(options.asOf);
      const config = resolveConfig(io, options.config, RULES_BY_ID);
      const srcRoot = findRepoRoot(io.cwd) ?? io.cwd;
      const run = {
        cwd: io.cwd,
        config,
        configFile: config.filePath,
        rules: RULES_BY_ID,
        asOf,
        paths,
        maxFileBytes: options.maxFileSize,
        ...(options.concurrency !== undefined ? { workers: Math.max(0, options.concurrency - 1) } : {}),
        ...(options.cache ? { cache: { file: path.resolve(io.cwd, options.cacheLocation), strategy: options.cacheStrategy } } : {}),
      };
      const context = formatContext(io, config, options, asOf, srcRoot);
      const compare = options.baseline !== undefined || options.writeBaseline !== undefined || options.newSince !== undefined;
      const format = options.format;
      const totals =
        !compare && options.report.length === 0 && isFragmentFormat(format)
          ? await lintStreaming(io, run, options, format, context)
          : await lintCollected(io, run, options, context, srcRoot);
      const tooManyWarnings = options.maxWarnings !== undefined && totals.warnings > options.maxWarnings;
      io.exitCode = totals.errors > 0 || tooManyWarnings ? EXIT.findings : EXIT.ok;
      if (tooManyWarnings && totals.errors === 0) io.stderr(`saasgov: ${plural(totals.warnings, 'warning')}, more than --max-warnings ${options.maxWarnings}\n`);
    });
}

type Run = Parameters<typeof runLint>[0];
interface Totals {
  errors: number;
  warnings: number;
}

/**
 * The large-run path: each file's part of the output is written as soon as
 * the file is final, so nothing is kept (no baseline, no extra reports).
 */
async function lintStreaming(io: CliIO, run: Run, options: LintOptions, formatName: RenderSpec['format'], context: FormatContext): Promise<Totals> {
  const format = FRAGMENT_FORMATS[formatName];
  const writer = options.outputFile === undefined ? null : openAtomicWriter(path.resolve(io.cwd, options.outputFile), options.outputFile);
  const stdout = blockWriter((block) => io.stdout(Buffer.from(block)));
  const write = writer ? writer.write : stdout.write;
  const stream = format.stream(context);
  const totals = { errors: 0, warnings: 0 };
  try {
    await runLint(
      run,
      (file) => {
        const counts = options.quiet ? { ...file.counts, warningCount: 0 } : file.counts;
        totals.errors += counts.errorCount;
        totals.warnings += counts.warningCount;
        if (file.fragment === undefined) {
          write(fileText(format, stream, options.quiet ? errorsOnly(file.result!) : file.result!, context));
        } else {
          write(stream.before(counts));
          write(file.fragment);
        }
      },
      fileRendering({ format: formatName, color: context.color, quiet: options.quiet === true, cwd: context.cwd }),
    );
    write(stream.end());
    stdout.flush();
    writer?.commit();
  } catch (error) {
    writer?.abort();
    throw error;
  }
  return totals;
}

/** Every result at once: for baselines, `--new-since`, extra reports and the formats that need the whole run. */
async function lintCollected(io: CliIO, run: Run, options: LintOptions, base: FormatContext, srcRoot: string): Promise<Totals> {
  // The base tree first: it says which files the change adds (runLint hands them over last).
  const baseTree = options.newSince === undefined ? undefined : await lintBaseTree({ ...run, maxFileBytes: options.maxFileSize, ref: options.newSince });
  let results: LintResult[] = [];
  // Without a renderer every file comes back as its result.
  await runLint(baseTree ? { ...run, isAdded: baseTree.isAdded } : run, (file) => results.push(file.result!));
  if (baseTree) results.sort((a, b) => compareText(a.filePath, b.filePath));
  let comparison: Comparison | undefined;

  if (options.writeBaseline !== undefined) {
    const entries = baselineEntries(results, srcRoot);
    writeFileAtomic(path.resolve(io.cwd, options.writeBaseline), serializeBaseline(entries), options.writeBaseline);
    io.stderr(`saasgov: recorded ${plural(entries.length, 'finding')} in the baseline ${inert(options.writeBaseline)}\n`);
    const sub = subtractKnown(results, entries);
    results = sub.results;
    comparison = { kind: 'baseline', against: options.writeBaseline, known: sub.known, stale: [] };
  } else if (options.baseline !== undefined) {
    const sub = subtractKnown(results, readBaseline(path.resolve(io.cwd, options.baseline), options.baseline));
    results = sub.results;
    comparison = { kind: 'baseline', against: options.baseline, known: sub.known, stale: staleEntries(sub, results, srcRoot) };
    reportComparison(io, comparison);
  } else if (baseTree) {
    const sub = subtractKnown(results, baseTree.findings);
    results = sub.results;
    comparison = { kind: 'new-since', against: `${options.newSince} (${baseTree.commit.slice(0, 12)})`, known: sub.known, stale: [] };
    reportComparison(io, comparison);
  }

  if (options.quiet) results = results.map(errorsOnly);
  const context: FormatContext = { ...base, ...(comparison ? { comparison } : {}) };
  emit(io, FORMATTERS[options.format](results, context), options.outputFile);
  for (const report of options.report) emit(io, FORMATTERS[report.format](results, { ...context, color: false }), report.file);
  return {
    errors: results.reduce((n, r) => n + r.errorCount, 0),
    warnings: results.reduce((n, r) => n + r.warningCount, 0),
  };
}

/**
 * Baseline entries to prune: unmatched, and about a file this run linted or
 * a file that no longer exists (an entry about a file outside the paths
 * linted this time is not stale, only unchecked).
 */
function staleEntries(sub: Subtraction, results: readonly LintResult[], srcRoot: string): BaselineEntry[] {
  const linted = new Set(results.map((r) => displayPath(srcRoot, r.filePath)));
  return sub.unmatched.filter((e) => linted.has(e.file) || !existsSync(path.resolve(srcRoot, e.file)));
}

/** The comparison's summary on standard error, whatever the format. */
function reportComparison(io: CliIO, c: Comparison): void {
  const against = c.kind === 'baseline' ? `in the baseline ${inert(c.against)}` : `at ${inert(c.against)}`;
  io.stderr(`saasgov: ${plural(c.known, 'finding')} already ${against} not reported\n`);
  if (c.stale.length === 0) return;
  io.stderr(`saasgov: ${c.stale.length} baseline entr${c.stale.length === 1 ? 'y no longer occurs' : 'ies no longer occur'}; prune them with --write-baseline ${inert(c.against)}:\n`);
  for (const e of c.stale.slice(0, MAX_STALE_SHOWN)) io.stderr(`  ${inert(e.file)}  ${inert(e.rule)}  ${inert(e.path ?? '')}  ${e.fingerprint}\n`);
  if (c.stale.length > MAX_STALE_SHOWN) io.stderr(`  and ${c.stale.length - MAX_STALE_SHOWN} more\n`);
}
