/**
 * `saasgov plan [paths…]`: an offline preview of what `pulumi up` would create
 * in Okta — the Pulumi program run under Pulumi's runtime mocks, with no Okta
 * and no Pulumi CLI (SPEC §7). The Pulumi SDK is loaded only inside the
 * action, so the other commands never load `@pulumi/*`.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
// Type-only imports and the formatters' names: nothing here loads the Pulumi SDK.
import { PLAN_FORMAT_NAMES, type PlanFormatName } from '../plan/format';
import { asOfOption, configOption, emit, EXIT, resolveAsOf, type CliIO } from './common';

interface PlanCommandOptions {
  config?: string;
  format: PlanFormatName;
  outputFile?: string;
  asOf?: string;
  stack: string;
}

export function parseStackName(value: string): string {
  if (!/^[\w.-]{1,100}$/.test(value)) throw new InvalidArgumentError('a stack name is letters, digits, _, . and -');
  return value;
}

export function registerPlan(program: Command, io: CliIO): void {
  program
    .command('plan')
    .description(
      'offline preview of what `pulumi up` would create in Okta for the manifests that pass lint (no Okta, no Pulumi CLI); ' +
        'with no paths, the config\'s "manifests", else ./apps — what the Pulumi program reads',
    )
    .argument('[paths...]', 'files, directories or globs of manifests, as for lint')
    .addOption(configOption())
    .addOption(new Option('-f, --format <name>', 'output format').choices(PLAN_FORMAT_NAMES).default('text'))
    .option('-o, --output-file <file>', 'write the plan to a file (atomically) instead of standard output')
    .addOption(asOfOption())
    .option('--stack <name>', 'stack name used in the resource URNs', parseStackName, 'dev')
    .addHelpText(
      'after',
      '\nManifests are judged exactly as `saasgov lint` judges them; the ones that fail are listed as skipped.\n' +
        'Secret inputs are shown as [secret], values known only after deployment as [unknown].\n' +
        '\nExit status: 0 the plan was computed and every manifest passes, 1 the plan was computed but some manifests are skipped,\n' +
        '2 usage or configuration error, a path that matches no file, or a manifest the program cannot provision.\n',
    )
    .action(async (paths: string[], options: PlanCommandOptions) => {
      const asOf = resolveAsOf(options.asOf);
      // Loaded here, not at start-up: it brings the Pulumi SDK, which only `plan` needs
      // (the bundle turns this into a require: see scripts/bundle.mjs).
      const { computePlan, PLAN_FORMATTERS, ProvisioningRefused } = await import('../plan/index.js');
      let plan;
      try {
        plan = await computePlan({ cwd: io.cwd, paths, ...(options.config ? { configFile: options.config } : {}), asOf, stack: options.stack });
      } catch (error) {
        if (!(error instanceof ProvisioningRefused)) throw error;
        io.stderr(`saasgov: ${error.message}\n`);
        io.exitCode = EXIT.error;
        return;
      }
      emit(io, PLAN_FORMATTERS[options.format](plan), options.outputFile);
      io.exitCode = plan.skipped.length > 0 ? EXIT.findings : EXIT.ok;
    });
}
