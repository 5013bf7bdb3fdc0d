/**
 * `saasgov lint` and the other commands never load `@pulumi/*` (seconds of
 * start-up, and no reason to); only `saasgov plan` does, inside its action.
 * Checked on the built CLI in a fresh Node process, through `require.cache`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/util/package';
import { FIXTURES } from '../okta/manifests';

const MAIN = path.join(PACKAGE_ROOT, 'dist', 'src', 'cli', 'main.js');

/** Requires the built CLI, optionally runs it with `args`, and reports which `@pulumi` modules were loaded by exit. */
function pulumiModulesLoaded(args: string[] | null, scope = '@pulumi'): { count: number; status: number | null; stderr: string } {
  const script = `
    const main = require(${JSON.stringify(MAIN)});
    process.on('exit', () => {
      const loaded = Object.keys(require.cache).filter((f) => f.split(require('path').sep).join('/').includes('/node_modules/${scope}/'));
      process.stdout.write('\\n@pulumi modules loaded: ' + loaded.length + '\\n');
    });
    ${args === null ? '' : 'main.main(process.argv.slice(1));'}
  `;
  const result = spawnSync(process.execPath, ['-e', script, '--', ...(args ?? [])], { cwd: FIXTURES, encoding: 'utf8', timeout: 60_000 });
  const m = /@pulumi modules loaded: (\d+)\n$/.exec(result.stdout);
  if (!m) throw new Error(`no report from the child process: ${result.stdout}\n${result.stderr}`);
  return { count: Number(m[1]), status: result.status, stderr: result.stderr };
}

describe('loading @pulumi/* lazily', () => {
  it('needs the built CLI (npm run build)', () => {
    expect(existsSync(MAIN), `${MAIN} is missing: run npm run build`).toBe(true);
  });

  it('does not load it when the CLI module is required', () => {
    expect(pulumiModulesLoaded(null).count).toBe(0);
  });

  it.each([
    ['lint', ['lint', '--as-of', '2026-12-01', 'apps/payroll.yaml']],
    ['--help', ['--help']],
    ['plan --help', ['plan', '--help']],
    ['rules', ['rules']],
  ])('does not load it for saasgov %s', (_name, args) => {
    const { count, status } = pulumiModulesLoaded(args);
    expect(status).toBe(0);
    expect(count).toBe(0);
  });

  it.each([
    ['lint', ['lint', '--as-of', '2026-12-01', 'apps/payroll.yaml']],
    ['import okta --help', ['import', 'okta', '--help']],
  ])("does not load Okta's SDK for saasgov %s (only import okta and audit okta do, when they read the org)", (_name, args) => {
    const { count, status } = pulumiModulesLoaded(args, '@okta');
    expect(status).toBe(0);
    expect(count).toBe(0);
  });

  it('loads it for saasgov plan (the check sees it when it happens)', () => {
    const { count, status } = pulumiModulesLoaded(['plan', '--as-of', '2026-12-01', 'apps/payroll.yaml']);
    expect(status).toBe(0);
    expect(count).toBeGreaterThan(0);
  });
});
