/**
 * `saasgov plan [paths…]`: an offline preview of what `pulumi up` would do in
 * Okta — the Pulumi program run under Pulumi's runtime mocks, with no Okta
 * and no Pulumi CLI (SPEC §7); with `--state FILE` (a `pulumi stack export`)
 * against the stack's current state, as a pull-request preview (§7.1). The
 * Pulumi SDK is loaded only inside the action, so the other commands never
 * load `@pulumi/*`.
 */
import { InvalidArgumentError, Option, type Command } from 'commander';
// Type-only imports and the formatters' names: nothing here loads the Pulumi SDK.
import { PLAN_FORMAT_NAMES, type PlanFormatName } from '../plan/format';
import { SaasgovError } from '../util/errors';
import { asOfOption, configOption, emit, EXIT, resolveAsOf, type CliIO } from './common';

interface PlanCommandOptions {
  config?: string;
  format: PlanFormatName;
  outputFile?: string;
  asOf?: string;
  stack?: string;
  state?: string;
}

export function parseStackName(value: string): string {
  if (!/^[\w.-]{1,100}$/.test(value)) throw new InvalidArgumentError('a stack name is letters, digits, _, . and -');
  return value;
}

/**
 * The plan module is loaded from `dist/src` beside the bundle (scripts/bundle.mjs),
 * with its own copy of `SaasgovError`: its errors are re-made as this one's, so
 * the CLI prints them as the one-line user errors they are.
 */
function asCliError(error: unknown): unknown {
  if (error instanceof Error && error.name === 'SaasgovError' && !(error instanceof SaasgovError)) {
    return new SaasgovError((error as SaasgovError).code, error.message);
  }
  return error;
}

export function registerPlan(program: Command, io: CliIO): void {
  program
    .command('plan')
    .description(
      'offline preview of what `pulumi up` would do in Okta for the manifests (no Okta, no Pulumi CLI); ' +
        'with --state, against the stack\'s current state; with no paths, the config\'s "manifests", else ./apps — what the Pulumi program reads',
    )
    .argument('[paths...]', 'files, directories or globs of manifests, as for lint')
    .addOption(configOption())
    .addOption(new Option('-f, --format <name>', 'output format').choices(PLAN_FORMAT_NAMES).default('text'))
    .option('-o, --output-file <file>', 'write the plan to a file (atomically) instead of standard output')
    .addOption(asOfOption())
    .option('--stack <name>', 'stack name used in the resource URNs (default: the state\'s, else dev)', parseStackName)
    .option('--state <file>', 'the stack\'s current state, as written by `pulumi stack export --file <file>`: steps become create, update, replace, delete, same or import')
    .addHelpText(
      'after',
      '\nManifests are judged exactly as `saasgov lint` judges them. Without --state every step is create (or import, for an app\n' +
        'adopted by okta.appId) and failing manifests are listed as skipped. With --state an app the stack holds whose manifest\n' +
        'fails is held as last deployed (its steps are same) and listed as held; a manifest deleted is a delete (a production app\n' +
        'is retained in Okta). Secret inputs are shown as [secret], values known only after deployment as [unknown].\n' +
        '\nExit status: 0 the plan was computed and every manifest passes, 1 the plan was computed but some manifests fail (skipped or held),\n' +
        '2 usage or configuration error, a path that matches no file, a state file that is not an export of this project,\n' +
        'or a manifest the program refuses.\n',
    )
    .action(async (paths: string[], options: PlanCommandOptions) => {
      const asOf = resolveAsOf(options.asOf);
      // Loaded here, not at start-up: it brings the Pulumi SDK, which only `plan` needs
      // (the bundle turns this into a require: see scripts/bundle.mjs).
      const { computePlan, readStackExport, PLAN_FORMATTERS, PROJECT, ProvisioningRefused } = await import('../plan/index.js');
      let plan;
      try {
        const state = options.state !== undefined ? readStackExport(options.state, io.cwd, PROJECT) : undefined;
        plan = await computePlan({
          cwd: io.cwd,
          paths,
          ...(options.config ? { configFile: options.config } : {}),
          asOf,
          ...(options.stack ? { stack: options.stack } : {}),
          ...(state ? { state } : {}),
        });
      } catch (error) {
        if (!(error instanceof ProvisioningRefused)) throw asCliError(error);
        io.stderr(`saasgov: ${error.message}\n`);
        io.exitCode = EXIT.error;
        return;
      }
      emit(io, PLAN_FORMATTERS[options.format](plan), options.outputFile);
      io.exitCode = plan.skipped.length > 0 || plan.held.length > 0 ? EXIT.findings : EXIT.ok;
    });
}
