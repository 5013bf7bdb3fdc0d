/**
 * How the command line reports mistakes: every user error — a bad option, a
 * bad path, a bad config, in any command, however it is loaded — is one line
 * `saasgov: <what to fix>` and exit status 2; "internal error" is kept for
 * defects.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main';
import { SaasgovError } from '../../src/util/errors';
import { PACKAGE_ROOT } from '../../src/util/package';
import { tempTree } from '../run-cli';
import { cli } from './run';

const BIN = path.join(PACKAGE_ROOT, 'bin', 'saasgov.js');

/** The real binary (the bundle, which loads `plan`'s modules from dist/src), as users run it. */
const binary = (cwd: string, ...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
};

describe('option parsing errors', () => {
  it.each([
    [['lint', '--bogus'], "saasgov: unknown option '--bogus'; run saasgov lint --help\n"],
    [['lint', '-f', 'yaml'], "saasgov: option '-f, --format <name>' argument 'yaml' is invalid. Allowed choices are stylish, json, sarif, github, junit, markdown.; run saasgov lint --help\n"],
    [['lint', '--max-warnings', 'lots'], "saasgov: option '--max-warnings <n>' argument 'lots' is invalid. expected a whole number >= 0; run saasgov lint --help\n"],
    [['lnt'], "saasgov: unknown command 'lnt' (Did you mean lint?); run saasgov --help\n"],
    [['explain'], "saasgov: missing required argument 'rule-id'; run saasgov explain --help\n"],
    [['report', '-f', 'pdf'], "saasgov: option '-f, --format <name>' argument 'pdf' is invalid. Allowed choices are html, markdown, json.; run saasgov report --help\n"],
  ])('%j: one line saying what to fix, exit 2', async (argv, stderr) => {
    const r = await cli(argv, { cwd: tempTree() });
    expect(r).toEqual({ code: 2, stdout: '', stderr });
  });

  it('still prints --help and --version on standard output, exit 0', async () => {
    const dir = tempTree();
    const help = await cli(['lint', '--help'], { cwd: dir });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: saasgov lint/);
    expect((await cli(['--version'], { cwd: dir })).code).toBe(0);
  });
});

describe('user errors from the real binary', () => {
  it.each([
    ['plan on an empty directory (no ./apps)', {}, ['plan'], /^saasgov: No such file or directory: apps\n$/],
    ['plan on a missing path', {}, ['plan', 'nope'], /^saasgov: No such file or directory: nope\n$/],
    ['plan with a bad config', { 'saasgov.config.yaml': 'extends: nope\n', 'apps/a.yaml': 'x: 1\n' }, ['plan'], /^saasgov: saasgov\.config\.yaml:1:10: extends: /],
    ['report on a missing path', {}, ['report', 'nope'], /^saasgov: No such file or directory: nope\n$/],
    ['lint with an unknown option', {}, ['lint', '--bogus'], /^saasgov: unknown option '--bogus'; run saasgov lint --help\n$/],
  ])('%s: saasgov: <what to fix>, exit 2', (_what, files, args, stderr) => {
    const r = binary(tempTree(files), ...args);
    expect(r.stderr).toMatch(stderr);
    expect(r.stderr).not.toContain('internal error');
    expect(r.stderr.split('\n')).toHaveLength(2); // one line
    expect([r.code, r.stdout]).toEqual([2, '']);
  });
});

describe('internal errors', () => {
  it('are only what is not a user error: a defect says "internal error", exit 2', async () => {
    const io = {
      stdout: () => {
        throw new TypeError('cannot read properties of undefined');
      },
      stderr: (s: string) => void errors.push(s),
      isTTY: false,
      env: {},
      cwd: tempTree(),
      exitCode: 0,
    };
    const errors: string[] = [];
    expect(await run(['rules'], io)).toBe(2);
    expect(errors).toEqual(['saasgov: internal error: cannot read properties of undefined (set SAASGOV_DEBUG=1 for details)\n']);
  });

  it('recognise a SaasgovError made by another copy of its class (the bundle and dist/src each hold one)', () => {
    const copy = { code: 'USAGE', message: 'x', [Symbol.for('saasgov.SaasgovError')]: true };
    expect(copy instanceof SaasgovError).toBe(true);
    expect(new Error('x') instanceof SaasgovError).toBe(false);
    class Narrower extends SaasgovError {}
    expect(new SaasgovError('USAGE', 'x') instanceof Narrower).toBe(false);
    expect(new Narrower('USAGE', 'x') instanceof SaasgovError).toBe(true);
  });
});
