/** `saasgov lint [paths…]`: lint manifests and print findings in the chosen format. */
import { Option, type Command } from 'commander';
import { lintProject } from '../engine/lint';
import type { LintResult } from '../engine/results';
import { FORMAT_NAMES, FORMATTERS, type FormatName } from '../formatters';
import { DEFAULT_MAX_FILE_BYTES } from '../manifest/read';
import { VERSION } from '../util/package';
import { RULES_BY_ID } from '../../rules';
import { asOfOption, configOption, emit, EXIT, parseCount, parseSize, resolveAsOf, resolveConfig, useColor, type CliIO } from './common';

interface LintOptions {
  config?: string;
  format: FormatName;
  outputFile?: string;
  maxWarnings?: number;
  quiet?: boolean;
  asOf?: string;
  color: boolean;
  maxFileSize: number;
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
    .option('--max-file-size <size>', 'largest manifest file read, e.g. 5MB or 512KB (default 5MB)', parseSize, DEFAULT_MAX_FILE_BYTES)
    .addHelpText(
      'after',
      '\nExit status: 0 no errors (and no more warnings than --max-warnings), 1 findings, 2 usage or configuration error.\n',
    )
    .action((paths: string[], options: LintOptions) => {
      const asOf = resolveAsOf(options.asOf);
      const config = resolveConfig(io, options.config, RULES_BY_ID);
      let results = lintProject({ cwd: io.cwd, config, rules: RULES_BY_ID, asOf, paths, maxFileBytes: options.maxFileSize });
      if (options.quiet) results = results.map(errorsOnly);
      const text = FORMATTERS[options.format](results, {
        cwd: io.cwd,
        color: useColor(io, options.color, options.outputFile !== undefined),
        version: VERSION,
        asOf,
        rules: RULES_BY_ID,
      });
      emit(io, text, options.outputFile);
      const errors = results.reduce((n, r) => n + r.errorCount, 0);
      const warnings = results.reduce((n, r) => n + r.warningCount, 0);
      const tooManyWarnings = options.maxWarnings !== undefined && warnings > options.maxWarnings;
      io.exitCode = errors > 0 || tooManyWarnings ? EXIT.findings : EXIT.ok;
      if (tooManyWarnings && errors === 0) io.stderr(`saasgov: ${warnings} warnings, more than --max-warnings ${options.maxWarnings}\n`);
    });
}

function errorsOnly(r: LintResult): LintResult {
  const messages = r.messages.filter((m) => m.severity === 2);
  return { ...r, messages, warningCount: 0 };
}
