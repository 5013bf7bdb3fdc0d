/** `saasgov lint [paths…]`: lint manifests and print findings in the chosen format. */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { baselineEntries, readBaseline, serializeBaseline, subtractKnown, type Subtraction } from '../baseline/baseline';
import { lintBaseTree } from '../baseline/new-since';
import { displayPath } from '../engine/files';
import { lintProject } from '../engine/lint';
import type { LintResult } from '../engine/results';
import { FORMAT_NAMES, FORMATTERS, type FormatName } from '../formatters';
import { inert } from '../formatters/escape';
import type { BaselineEntry, Comparison, FormatContext } from '../formatters/types';
import { DEFAULT_MAX_FILE_BYTES } from '../manifest/read';
import { VERSION } from '../util/package';
import { findRepoRoot } from '../util/repo';
import { writeFileAtomic } from '../util/write';
import { RULES_BY_ID } from '../../rules';
import { asOfOption, configOption, emit, EXIT, parseCount, parseSize, resolveAsOf, resolveConfig, useColor, type CliIO } from './common';

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
    .description('lint manifests: files, directories (recursively, *.yaml and *.yml) and globs; with no paths, the config\'s "manifests", else the current directory')
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
    .option('--max-file-size <size>', 'largest manifest file read, e.g. 5MB or 512KB (default 5MB)', parseSize, DEFAULT_MAX_FILE_BYTES)
    .addOption(
      new Option('--baseline <file>', 'report only findings not recorded in this baseline file, and list its entries that no longer occur').conflicts(['writeBaseline', 'newSince']),
    )
    .addOption(new Option('--write-baseline <file>', "record today's findings in this baseline file (sorted JSON, written atomically)").conflicts(['newSince']))
    .addOption(new Option('--new-since <git-ref>', 'report only findings that are not in the manifests of this git ref (e.g. origin/main): what a change introduces'))
    .addHelpText(
      'after',
      '\nExit status: 0 no errors (and no more warnings than --max-warnings), 1 findings, 2 usage or configuration error.\n' +
        'With --baseline, --write-baseline or --new-since, findings already known are neither shown nor counted.\n',
    )
    .action((paths: string[], options: LintOptions) => {
      const asOf = resolveAsOf(options.asOf);
      const config = resolveConfig(io, options.config, RULES_BY_ID);
      const srcRoot = findRepoRoot(io.cwd) ?? io.cwd;
      const run = { cwd: io.cwd, config, rules: RULES_BY_ID, asOf, paths, maxFileBytes: options.maxFileSize };
      let results = lintProject(run);
      let comparison: Comparison | undefined;

      if (options.writeBaseline !== undefined) {
        const entries = baselineEntries(results, srcRoot);
        writeFileAtomic(path.resolve(io.cwd, options.writeBaseline), serializeBaseline(entries));
        io.stderr(`saasgov: recorded ${entries.length} finding${entries.length === 1 ? '' : 's'} in the baseline ${inert(options.writeBaseline)}\n`);
        const sub = subtractKnown(results, entries);
        results = sub.results;
        comparison = { kind: 'baseline', against: options.writeBaseline, known: sub.known, stale: [] };
      } else if (options.baseline !== undefined) {
        const sub = subtractKnown(results, readBaseline(path.resolve(io.cwd, options.baseline), options.baseline));
        results = sub.results;
        comparison = { kind: 'baseline', against: options.baseline, known: sub.known, stale: staleEntries(sub, results, srcRoot) };
        reportComparison(io, comparison);
      } else if (options.newSince !== undefined) {
        const base = lintBaseTree({ ...run, ref: options.newSince });
        const sub = subtractKnown(results, base.findings);
        results = sub.results;
        comparison = { kind: 'new-since', against: `${options.newSince} (${base.commit.slice(0, 12)})`, known: sub.known, stale: [] };
        reportComparison(io, comparison);
      }

      if (options.quiet) results = results.map(errorsOnly);
      const context: FormatContext = {
        cwd: io.cwd,
        color: useColor(io, options.color, options.outputFile !== undefined),
        version: VERSION,
        asOf,
        rules: RULES_BY_ID,
        srcRoot,
        ...(comparison ? { comparison } : {}),
      };
      emit(io, FORMATTERS[options.format](results, context), options.outputFile);
      for (const report of options.report) emit(io, FORMATTERS[report.format](results, { ...context, color: false }), report.file);

      const errors = results.reduce((n, r) => n + r.errorCount, 0);
      const warnings = results.reduce((n, r) => n + r.warningCount, 0);
      const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
      io.exitCode = errors > 0 || tooManyWarnings ? EXIT.findings : EXIT.ok;
      if (tooManyWarnings && errors === 0) io.stderr(`saasgov: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
    });
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
  io.stderr(`saasgov: ${c.known} finding${c.known === 1 ? '' : 's'} already ${against} not reported\n`);
  if (c.stale.length === 0) return;
  io.stderr(`saasgov: ${c.stale.length} baseline entr${c.stale.length === 1 ? 'y no longer occurs' : 'ies no longer occur'}; prune them with --write-baseline ${inert(c.against)}:\n`);
  for (const e of c.stale.slice(0, MAX_STALE_SHOWN)) io.stderr(`  ${inert(e.file)}  ${inert(e.rule)}  ${inert(e.path ?? '')}  ${e.fingerprint}\n`);
  if (c.stale.length > MAX_STALE_SHOWN) io.stderr(`  and ${c.stale.length - MAX_STALE_SHOWN} more\n`);
}

function errorsOnly(r: LintResult): LintResult {
  const messages = r.messages.filter((m) => m.severity === 2);
  return { ...r, messages, warningCount: 0 };
}
