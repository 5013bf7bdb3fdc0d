/** `saasgov import okta --out DIR`: a manifest for every app already in the Okta org (SPEC §9.1). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { parseDocument } from 'yaml';
import { displayPath, expandPaths } from '../engine/files';
import { importable, planImport, readInventory, writeImport } from '../import';
import type { Defaults } from '../import/render';
import { readOrg } from '../okta-api/org';
import { SaasgovError } from '../util/errors';
import { RULES_BY_ID } from '../../rules';
import { configOption, resolveAsOf, resolveConfig, type CliIO } from './common';
import { addOktaOptions, oktaReader, progressReporter, type OktaCommandOptions } from './okta';

interface ImportCommandOptions extends OktaCommandOptions {
  out: string;
  defaults?: string;
  includeInactive?: boolean;
  config?: string;
  asOf?: string;
}

/** `--defaults FILE`: a partial manifest (a YAML mapping) merged under every import. */
function readDefaults(io: CliIO, file: string | undefined): Defaults {
  if (file === undefined) return {};
  let text: string;
  try {
    text = readFileSync(path.resolve(io.cwd, file), 'utf8');
  } catch (error) {
    throw new SaasgovError('USAGE', `cannot read --defaults ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
  }
  const doc = parseDocument(text, { schema: 'core', uniqueKeys: true });
  if (doc.errors.length > 0) throw new SaasgovError('USAGE', `--defaults ${file} is not valid YAML: ${doc.errors[0]!.message.split('\n')[0]}`);
  const value: unknown = doc.toJS({ maxAliasCount: 100 });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SaasgovError('USAGE', `--defaults ${file} must be a partial manifest (a mapping such as "metadata: {owner: …}" and "spec: {…}")`);
  }
  return value as Defaults;
}

/** The manifests the config points at (`manifests`), if any: their app ids are declared too. */
function configManifests(io: CliIO, configFile: string | undefined): string[] {
  const config = resolveConfig(io, configFile, RULES_BY_ID);
  if (config.manifests === undefined) return [];
  try {
    return expandPaths(config.manifests, { cwd: config.baseDir, isIgnored: () => false });
  } catch {
    return []; // a pattern that matches nothing yet: nothing declared there
  }
}

export function registerImport(program: Command, io: CliIO): void {
  const parent = program.command('import').description('write manifests for what already exists elsewhere: `saasgov import okta`');
  const okta = parent
    .command('okta')
    .description('write a manifest for every app already in the Okta org (read-only): Okta\'s facts filled in, placeholders where a person must decide; never overwrites')
    .requiredOption('--out <dir>', 'directory of the manifests, e.g. apps')
    .option('--defaults <file>', 'a partial manifest merged under every import (owners, classification, lifecycle, backup…)')
    .option('--include-inactive', 'import inactive apps too')
    .addOption(configOption())
    .addOption(new Option('--as-of <date>', "the date written in each file's header, YYYY-MM-DD (default: today, UTC)"));
  addOktaOptions(okta)
    .addHelpText('after', '\nApps whose id a manifest under --out (or under the config\'s "manifests") already names are skipped: re-running is safe.\nExit status: 0 imported, 2 usage error, Okta refused or could not be reached (nothing is written then).\n')
    .action(async (options: ImportCommandOptions) => {
      const date = resolveAsOf(options.asOf);
      const out = path.resolve(io.cwd, options.out);
      const defaults = readDefaults(io, options.defaults);
      const inventory = readInventory([out], configManifests(io, options.config));
      const reader = oktaReader(io, options);
      const progress = progressReporter(io, options);
      const org = await readOrg(reader, { details: (app) => importable(app, inventory, options.includeInactive === true), ...(progress ? { progress } : {}) });
      const plan = planImport(org, inventory, { includeInactive: options.includeInactive === true, defaults, date });
      writeImport(out, plan);
      const shown = displayPath(io.cwd, out) || '.';
      const skipped = [`${plan.firstParty} first-party`, ...(options.includeInactive ? [] : [`${plan.inactive} inactive`])].join(', ');
      io.stdout(
        `Imported ${plan.files.length} app${plan.files.length === 1 ? '' : 's'} from ${org.orgUrl} into ${shown}/ ` +
          `(${plan.alreadyDeclared} already declared; skipped: ${skipped}); ${reader.stats.requests} requests to Okta.\n`,
      );
      if (plan.files.length > 0) io.stdout(`Next: replace the "<…>" placeholders and empty values in each new file, then run: saasgov lint ${shown}\n`);
    });
}
