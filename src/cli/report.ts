/**
 * `saasgov report [paths…]`: the governance posture report (html, markdown,
 * json). Manifests are judged exactly as `lint` judges them; findings do not
 * fail the command (exit 0 once the report is written, 2 on usage or
 * configuration errors). The report library is loaded inside the action, so
 * other commands never load it.
 */
import { Option, type Command } from 'commander';
import { ConfigResolver } from '../config/resolve';
import { lintProject } from '../engine/lint';
import { VERSION } from '../util/package';
import { RULES_BY_ID } from '../../rules';
import { asOfOption, configOption, emit, maxFileSizeOption, EXIT, resolveAsOf, resolveConfig, type CliIO } from './common';

export const REPORT_FORMATS = ['html', 'markdown', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

interface ReportOptions {
  config?: string;
  format: ReportFormat;
  outputFile?: string;
  asOf?: string;
  maxFileSize: number;
}

export function registerReport(program: Command, io: CliIO): void {
  program
    .command('report')
    .description('governance posture report for the whole inventory: posture matrix, summary and charts, waivers, compliance evidence, PoC tracker')
    .argument('[paths...]', 'files, directories or globs, as for lint')
    .addOption(configOption())
    .addOption(new Option('-f, --format <name>', 'output format').choices(REPORT_FORMATS).default('html'))
    .option('-o, --output-file <file>', 'write the report to a file (atomically) instead of standard output')
    .addOption(asOfOption())
    .addOption(maxFileSizeOption())
    .addHelpText('after', '\nExit status: 0 when the report was written (findings are shown, they do not fail the command), 2 for a usage or configuration error.\n')
    .action(async (paths: string[], options: ReportOptions) => {
      const asOf = resolveAsOf(options.asOf);
      const config = resolveConfig(io, options.config, RULES_BY_ID);
      const results = lintProject({ cwd: io.cwd, config, rules: RULES_BY_ID, asOf, paths, maxFileBytes: options.maxFileSize, keepManifests: true });
      // The same settings lintProject used: same config, rules and as-of.
      const resolver = new ConfigResolver(config, RULES_BY_ID, asOf);
      const { buildReport, RENDERERS } = await import('../report/index.js');
      const report = buildReport(results, { asOf, rules: RULES_BY_ID, cwd: io.cwd, settingsFor: (file) => resolver.settingsFor(file), version: VERSION });
      emit(io, RENDERERS[options.format](report), options.outputFile);
      io.exitCode = EXIT.ok;
    });
}
