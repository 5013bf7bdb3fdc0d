/** `saasgov new <name>`: write a commented starter manifest that lints clean once its placeholders are filled. */
import { existsSync, linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import { displayPath } from '../engine/files';
import { APP_NAME, CLASSIFICATIONS, PROTOCOLS, type Classification } from '../manifest/schema';
import { starterConflict, starterManifest, type Protocol } from '../manifest/starter';
import { SaasgovError } from '../util/errors';
import type { CliIO } from './common';

interface NewOptions {
  classification: Classification;
  protocol: Protocol;
  dir: string;
  schema?: string;
}

/**
 * Creates `file` with `text`, atomically and only if it does not exist: the
 * text goes to a temporary file that is then hard-linked to the name (a link
 * never replaces an existing file).
 */
export function createExclusive(file: string, text: string): boolean {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.new.tmp`);
  writeFileSync(tmp, text, { flag: 'wx' });
  try {
    linkSync(tmp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    rmSync(tmp, { force: true });
  }
}

export function registerNew(program: Command, io: CliIO): void {
  program
    .command('new')
    .description('write a commented starter manifest <dir>/<name>.yaml with the fields the recommended rules need; never overwrites')
    .argument('<name>', 'the app name (metadata.name): lower-case letters, digits and dashes, e.g. crm-salesforce')
    .addOption(new Option('--classification <level>', 'the most sensitive data the app holds').choices(CLASSIFICATIONS).default('internal'))
    .addOption(new Option('--protocol <protocol>', 'how users sign in through Okta').choices(PROTOCOLS).default('saml'))
    .option('--dir <dir>', 'directory of the manifest', 'apps')
    .option('--schema <location>', 'add a "# yaml-language-server: $schema=<location>" line for editor completion (a path relative to the manifest, or a URL)')
    .action((name: string, options: NewOptions) => {
      if (!APP_NAME.test(name)) {
        throw new SaasgovError('USAGE', `"${name}" is not an app name: use 2 to 63 lower-case letters, digits and dashes, starting with a letter`);
      }
      const conflict = starterConflict(options.classification, options.protocol);
      if (conflict) throw new SaasgovError('USAGE', conflict);
      if (options.schema !== undefined && /[\u0000-\u001f\u007f]/.test(options.schema)) throw new SaasgovError('USAGE', '--schema must be one line');
      const dir = path.resolve(io.cwd, options.dir);
      const file = path.join(dir, `${name}.yaml`);
      const shown = displayPath(io.cwd, file);
      const taken = [file, path.join(dir, `${name}.yml`)].find((f) => existsSync(f));
      if (taken) throw new SaasgovError('USAGE', `${displayPath(io.cwd, taken)} already exists; saasgov new never overwrites a manifest`);
      const text = starterManifest({ name, classification: options.classification, protocol: options.protocol, ...(options.schema !== undefined ? { schema: options.schema } : {}) });
      let created: boolean;
      try {
        mkdirSync(dir, { recursive: true });
        created = createExclusive(file, text);
      } catch (error) {
        // --dir names a file, or a place that cannot be written: the user's to fix.
        throw new SaasgovError('OUTPUT', `cannot write ${shown}: ${(error as Error).message}`);
      }
      if (!created) throw new SaasgovError('USAGE', `${shown} already exists; saasgov new never overwrites a manifest`);
      io.stdout(`Created ${shown} (${options.classification} data, ${options.protocol} sign-in).\nReplace its "<…>" placeholders, then run: saasgov lint ${shown}\n`);
    });
}
