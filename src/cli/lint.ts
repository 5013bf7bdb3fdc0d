/** `saasgov lint [paths…]`: lint manifests and print findings in the chosen format. */
import path from 'node:path';
import { InvalidArgumentError, Option, type Command } from 'commander';
import type { CacheStrategy } from '../engine/cache';
import type { LintResult } from '../engine/results';
import { runLint } from '../engine/run';
import { FORMAT_NAMES, FORMATTERS, STREAMING_FORMATTERS, type FormatName } from '../formatters';
import type { FormatContext } from '../formatters/types';
import { DEFAULT_MAX_FILE_BYTES } from '../manifest/read';
import { VERSION } from '../util/package';
import { openAtomicWriter } from '../util/write';
import { RULES_BY_ID } from '../../rules';
import { asOfOption, configOption, EXIT, parseCount, parseSize, resolveAsOf, resolveConfig, useColor, type CliIO } from './common';

interface LintOptions {
  config?: string;
  format: FormatName;
  outputFile?: string;
  maxWarnings?: number;
  quiet?: boolean;
  asOf?: string;
  color: boolean;
  maxFileSize: number;
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
  if (/^\d+$/.test(value) && Number(value) <= 64) return Number(value);
  throw new InvalidArgumentError('expected a number of worker threads (0-64), auto or off');
}

export function registerLint(program: Command, io: CliIO): void {
  program
    .command('lint')
    .description('lint manifests: files, directories (recursively, *.yaml and *.yml) and globs; with no paths, the config\'s "manifests", else the current directory')
    .argument('[paths...]', 'files, directories or globs to lint')
    .addOption(configOption())
    .addOption(new Option('-f, --format <name>', 'output format').choices(FORMAT_NAMES).default('stylish'))
    .option('-o, --output-file <file>', 'write the report to a file (atomically) instead of standard output')
    .option('--max-warnings <n>', 'exit with status 1 when there are more warnings than this', parseCount)
    .option('--quiet', 'report errors only (warnings are neither shown nor counted)')
    .addOption(asOfOption())
    .option('--no-color', 'no colour (also off when output is not a terminal or NO_COLOR is set)')
    .option('--max-file-size <size>', 'largest manifest file read, e.g. 5MB or 512KB', parseSize, DEFAULT_MAX_FILE_BYTES)
    .option('--cache', 'reuse the results of unchanged files from the cache file')
    .option('--cache-location <file>', 'the cache file', DEFAULT_CACHE_FILE)
    .addOption(
      new Option('--cache-strategy <strategy>', 'how changed files are found: size and time, then content (metadata), or always content')
        .choices(['metadata', 'content'])
        .default('metadata'),
    )
    .option('--concurrency <n>', 'worker threads: a number, auto (by files and cores) or off', parseConcurrency)
    .addHelpText('after', '\nExit status: 0 no errors (and no more warnings than --max-warnings), 1 findings, 2 usage or configuration error.\n')
    .action(async (paths: string[], options: LintOptions) => {
      const asOf = resolveAsOf(options.asOf);
      const config = resolveConfig(io, options.config, RULES_BY_ID);
      const context: FormatContext = {
        cwd: io.cwd,
        color: useColor(io, options.color, options.outputFile !== undefined),
        version: VERSION,
        asOf,
        rules: RULES_BY_ID,
      };
      const writer = options.outputFile === undefined ? null : openAtomicWriter(path.resolve(io.cwd, options.outputFile));
      const write = (text: string) => (writer ? writer.write(text) : io.stdout(text));
      const stream = STREAMING_FORMATTERS[options.format]?.(context);
      const collected: LintResult[] = [];
      let errors = 0;
      let warnings = 0;
      try {
        await runLint(
          {
            cwd: io.cwd,
            config,
            configFile: config.filePath,
            rules: RULES_BY_ID,
            asOf,
            paths,
            maxFileBytes: options.maxFileSize,
            ...(options.concurrency !== undefined ? { workers: options.concurrency } : {}),
            ...(options.cache ? { cache: { file: path.resolve(io.cwd, options.cacheLocation), strategy: options.cacheStrategy } } : {}),
          },
          (linted) => {
            const result = options.quiet ? errorsOnly(linted) : linted;
            errors += result.errorCount;
            warnings += result.warningCount;
            if (stream) write(stream.file(result));
            else collected.push(result);
          },
        );
        write(stream ? stream.end() : FORMATTERS[options.format](collected, context));
        writer?.commit();
      } catch (error) {
        writer?.abort();
        throw error;
      }
      const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
      io.exitCode = errors > 0 || tooManyWarnings ? EXIT.findings : EXIT.ok;
      if (tooManyWarnings && errors === 0) io.stderr(`saasgov: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
    });
}

function errorsOnly(r: LintResult): LintResult {
  const messages = r.messages.filter((m) => m.severity === 2);
  return { ...r, messages, warningCount: 0 };
}
