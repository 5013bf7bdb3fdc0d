/**
 * `saasgov init`: set up a governance repository — the config, apps/ with an
 * example that passes, the JSON Schema for editors, the GitHub workflow and
 * the pre-commit config — so an empty repository has a green CI in one
 * command. The files are those of examples/governance-repo (shipped with the
 * package); nothing that exists is ever overwritten.
 */
import { mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { displayPath } from '../engine/files';
import { manifestJsonSchema } from '../manifest/json-schema';
import { SaasgovError } from '../util/errors';
import { PACKAGE_ROOT } from '../util/package';
import type { CliIO } from './common';
import { createExclusive } from './new';

/** The example governance repository `init` copies. */
const KIT = path.join(PACKAGE_ROOT, 'examples', 'governance-repo');
const EXAMPLE = 'apps/status-page.yaml';
/** What `init` writes, in this order; the example only into an apps/ that holds no manifest. */
export const INIT_FILES = ['saasgov.config.yaml', EXAMPLE, 'saasgov.schema.json', '.github/workflows/saasgov.yml', '.pre-commit-config.yaml'] as const;

const text = (file: (typeof INIT_FILES)[number]): string =>
  file === 'saasgov.schema.json' ? `${JSON.stringify(manifestJsonSchema(), null, 2)}\n` : readFileSync(path.join(KIT, file), 'utf8');

const holdsManifests = (dir: string): boolean => {
  try {
    return readdirSync(dir, { recursive: true }).some((f) => /\.ya?ml$/i.test(String(f)));
  } catch {
    return false;
  }
};

/** What stands where `file` (relative to `dir`) would go: the file itself, or a non-directory in its place's path. */
function blocking(dir: string, file: string): string | undefined {
  const parts = file.split('/');
  for (let i = 1; i <= parts.length; i++) {
    const at = parts.slice(0, i).join('/');
    const stat = statSync(path.join(dir, at), { throwIfNoEntry: false });
    if (stat && (i === parts.length || !stat.isDirectory())) return at;
  }
  return undefined;
}

export function registerInit(program: Command, io: CliIO): void {
  program
    .command('init')
    .description(
      'set up a governance repository here: saasgov.config.yaml, apps/ with an example that passes, saasgov.schema.json for editors, ' +
        'the GitHub workflow and the pre-commit config; never overwrites (exit 2, nothing written, when one of them exists)',
    )
    .action(() => {
      const files = INIT_FILES.filter((f) => f !== EXAMPLE || !holdsManifests(path.join(io.cwd, 'apps')));
      // A file there, or a file where one of its directories would be.
      const taken = [...new Set(files.map((f) => blocking(io.cwd, f)).filter((f) => f !== undefined))];
      if (taken.length > 0) {
        throw new SaasgovError('USAGE', `init never overwrites, and ${taken.join(', ')} already exist${taken.length === 1 ? 's' : ''}: move ${taken.length === 1 ? 'it' : 'them'} away, or add the rest by hand (docs/ci.md)`);
      }
      for (const f of files) {
        const target = path.join(io.cwd, f);
        let created: boolean;
        try {
          mkdirSync(path.dirname(target), { recursive: true });
          created = createExclusive(target, text(f));
        } catch (error) {
          throw new SaasgovError('USAGE', `cannot write ${f} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message}); nothing after it was written`);
        }
        if (!created) throw new SaasgovError('USAGE', `${displayPath(io.cwd, target)} appeared while init ran; nothing after it was written`);
      }
      const skipped = files.includes(EXAMPLE) ? '' : ' (apps/ already holds manifests: no example added)';
      io.stdout(
        `Created ${files.join(', ')}${skipped}.\n` +
          'Next: saasgov lint (it passes); saasgov new <name> for your first app; commit and push, and the workflow lints every pull request.\n',
      );
    });
}
