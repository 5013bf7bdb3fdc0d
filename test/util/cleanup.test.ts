/**
 * An interrupted run leaves nothing behind: the real binary, stopped by
 * SIGINT (Ctrl-C) or SIGTERM while it works, removes `--new-since`'s
 * temporary checkout of the base tree and `-o`'s temporary file, then ends
 * as the signal would end it.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/util/package';
import { gitRepo, type GitRepo } from '../git-repo';
import { edit, VALID } from '../helpers';
import { tempTree } from '../run-cli';

const BIN = path.join(PACKAGE_ROOT, 'bin', 'saasgov.js');
/** Enough manifests that a run lasts long enough to be interrupted half-way. */
const COUNT = 1500;

let repo: GitRepo;
beforeAll(() => {
  const files: Record<string, string> = {};
  for (let i = 0; i < COUNT; i++) {
    const name = `app-${String(i).padStart(4, '0')}`;
    files[`apps/${name}.yaml`] = edit(VALID, { set: { 'metadata.name': name }, ...(i % 3 === 0 ? { remove: ['metadata.owner.business'] } : {}) });
  }
  repo = gitRepo(files);
}, 120_000);

/**
 * Starts `saasgov lint …` with its own temporary directory; once `started`
 * sees what the run creates, sends `signal` — to the whole process group, as
 * Ctrl-C in a terminal does (git, run by `--new-since`, gets it too), or to
 * saasgov alone, as `kill` does; resolves to how the run ended.
 */
async function interrupt(args: string[], signal: NodeJS.Signals, toGroup: boolean, started: (tmp: string) => boolean) {
  const tmp = tempTree({}, 'saasgov-signal-');
  const child = spawn(process.execPath, [BIN, 'lint', ...args], { cwd: repo.dir, env: { ...process.env, TMPDIR: tmp }, stdio: ['ignore', 'ignore', 'pipe'], detached: true });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
  const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, sig) => resolve({ code, signal: sig })));
  let seen = false;
  const watch = setInterval(() => {
    if (seen || !started(tmp)) return;
    seen = true;
    if (toGroup) process.kill(-child.pid!, signal);
    else child.kill(signal);
  }, 2);
  const end = await ended;
  clearInterval(watch);
  return { ...end, seen, stderr, tmp };
}

describe('an interrupted lint', () => {
  it.each([
    ['SIGINT', true],
    ['SIGINT', false],
    ['SIGTERM', false],
  ] as const)('removes the checkout of --new-since on %s (to the process group: %s)', async (signal, toGroup) => {
    const base = (tmp: string) => readdirSync(tmp).filter((f) => f.startsWith('saasgov-base-'));
    const r = await interrupt(['apps', '-f', 'json', '--as-of', '2026-12-01', '--new-since', 'HEAD'], signal, toGroup, (tmp) => base(tmp).length > 0);
    expect(r.seen).toBe(true);
    expect([r.signal, r.code, r.stderr]).toEqual([signal, null, '']);
    expect(base(r.tmp)).toEqual([]);
  });

  it.each([
    ['SIGINT', true],
    ['SIGTERM', false],
  ] as const)('removes the temporary file of -o on %s (to the process group: %s), and writes no report', async (signal, toGroup) => {
    const out = path.join(repo.dir, 'reports', `${signal}.json`);
    const temps = () => (existsSync(path.dirname(out)) ? readdirSync(path.dirname(out)) : []);
    const r = await interrupt(['apps', '-f', 'json', '--as-of', '2026-12-01', '-o', out], signal, toGroup, () => temps().length > 0);
    expect(r.seen).toBe(true);
    expect([r.signal, r.code, r.stderr]).toEqual([signal, null, '']);
    expect(temps()).toEqual([]);
  });
});
