/** `saasgov audit okta [paths…]`: the Okta org against the inventory, in every lint format (SPEC §9.2). */
import { Option, type Command } from 'commander';
import { auditOkta } from '../audit';
import { FORMAT_NAMES, FORMATTERS, type FormatName } from '../formatters';
import { findRepoRoot } from '../util/repo';
import { RULES_BY_ID } from '../../rules';
import { asOfOption, configOption, emit, EXIT, formatContext, parseCount, resolveAsOf, resolveConfig, type CliIO } from './common';
import { addOktaOptions, oktaReader, progressReporter, type OktaCommandOptions } from './okta';

interface AuditCommandOptions extends OktaCommandOptions {
  config?: string;
  format: FormatName;
  outputFile?: string;
  asOf?: string;
  since: number;
  deployer: string[];
  color: boolean;
}

export function registerAudit(program: Command, io: CliIO): void {
  const parent = program.command('audit').description('compare what runs with the inventory: `saasgov audit okta`');
  const okta = parent
    .command('okta')
    .description('compare the Okta org with the manifests (read-only): apps nobody declared, declared apps gone, drift, changes made outside the pipeline')
    .argument('[paths...]', 'the manifests, as for lint (default: the config\'s "manifests", else ./apps, else the current directory)')
    .addOption(configOption())
    .addOption(new Option('-f, --format <name>', 'output format').choices(FORMAT_NAMES).default('stylish'))
    .option('-o, --output-file <file>', 'write the report to a file (atomically) instead of standard output')
    .addOption(asOfOption())
    .option('--since <days>', 'days of System Log to read for okta/changed-outside', (v) => Math.max(1, parseCount(v)), 30)
    .option('--deployer <login>', "the pipeline's System Log actor (its service account's login or OAuth client id); repeatable", (v: string, prev: string[]) => [...prev, v], [] as string[])
    .option('--no-color', 'no colour (also off when output is not a terminal or NO_COLOR is set)');
  addOktaOptions(okta)
    .addHelpText('after', '\nExit status: 0 no error finding, 1 error findings, 2 usage error, or Okta refused or could not be reached.\n')
    .action(async (paths: string[], options: AuditCommandOptions) => {
      const asOf = resolveAsOf(options.asOf);
      const config = resolveConfig(io, options.config, RULES_BY_ID);
      const reader = oktaReader(io, options);
      const progress = progressReporter(io, options);
      const { results } = await auditOkta(reader, {
        cwd: io.cwd,
        config,
        rules: RULES_BY_ID,
        asOf,
        paths,
        sinceDays: options.since,
        deployers: options.deployer,
        ...(progress ? { progress } : {}),
      });
      const context = formatContext(io, config, options, asOf, findRepoRoot(io.cwd) ?? io.cwd);
      emit(io, FORMATTERS[options.format](results, context), options.outputFile);
      io.stderr(`saasgov: audited ${results.filter((r) => !r.location).length} manifest files against ${reader.orgUrl}; ${reader.stats.requests} requests to Okta\n`);
      io.exitCode = results.some((r) => r.errorCount > 0) ? EXIT.findings : EXIT.ok;
    });
}
