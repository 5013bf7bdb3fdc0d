/**
 * No lost work: `-o FILE` is written through a temporary file and a rename,
 * so a run killed at any moment (SIGKILL: no handler runs) leaves the report
 * either absent or the complete previous one — never a truncated one — and
 * at most its own temporary file, which the next run writing that report
 * removes. Two runs writing the same report at once leave one complete
 * report. (The cache: test/engine/run.test.ts.)
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/util/package';
import { cli } from '../cli/run';
import { AS_OF } from '../helpers';
import { tempTree } from '../run-cli';

const BIN = path.join(PACKAGE_ROOT, 'bin', 'saasgov.js');
/** Enough files for worker threads (from 400) and a run long enough to be killed in. */
const FILES = 400;
const REPORT = 'report.json';

let dir: string;
/** The pids of the runs killed so far: only their temporary files may be left. */
const killedPids = new Set<number>();
const temps = () => readdirSync(dir).filter((f) => f.endsWith('.tmp'));
const lint = (...args: string[]) => cli(['lint', 'apps', '--as-of', AS_OF, '--concurrency', 'off', ...args], { cwd: dir });

/**
 * Starts the real binary writing `-o report.json`, waits until it has
 * written `minBytes` of the report's temporary file (or `delayMs` passed),
 * and kills it with SIGKILL. Resolves to its pid, and whether it was killed
 * before it finished.
 */
async function killMidRun(options: { minBytes?: number; delayMs?: number; format?: string }): Promise<{ pid: number; killed: boolean }> {
  const child = spawn(process.execPath, [BIN, 'lint', 'apps', '--as-of', AS_OF, '-f', options.format ?? 'json', '-o', REPORT], { cwd: dir, stdio: 'ignore' });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let done = false;
  void exited.then(() => (done = true));
  const started = Date.now();
  for (;;) {
    if (done) break;
    const elapsed = Date.now() - started;
    if (options.delayMs !== undefined && elapsed >= options.delayMs) break;
    if (options.minBytes !== undefined) {
      const tmp = temps().find((f) => f.includes(`.${child.pid}.`));
      if (tmp && statSafe(path.join(dir, tmp)) >= options.minBytes) break;
    }
    if (elapsed > 20_000) throw new Error('the run neither wrote its report nor ended');
    await new Promise((r) => setTimeout(r, 2));
  }
  const killed = !done && child.kill('SIGKILL');
  await exited;
  if (killed) killedPids.add(child.pid!);
  return { pid: child.pid!, killed };
}

function statSafe(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return -1;
  }
}

/** The report is absent or exactly `previous`; temporary files are only those of killed runs. */
function expectNothingLost(previous: string | null): void {
  if (previous === null) expect(existsSync(path.join(dir, REPORT))).toBe(false);
  else expect(readFileSync(path.join(dir, REPORT), 'utf8')).toBe(previous);
  for (const tmp of temps()) {
    const m = /^\.report\.json\.(\d+)\.[0-9a-f]{12}\.tmp$/.exec(tmp);
    expect(m, tmp).not.toBeNull();
    expect(killedPids.has(Number(m![1])), tmp).toBe(true);
  }
}

/** A small valid manifest on one line; every tenth lets internal data in without SSO (sso/required). */
const manifest = (i: number) =>
  `{apiVersion: saasgov.dev/v1, kind: SaaSApp, metadata: {name: app-${i}, owner: {business: a@example.com, technical: b@example.com}}, ` +
  `spec: {vendor: V, url: "https://v.example.com", lifecycle: deprecated, data: {classification: internal}, ` +
  `sso: {protocol: ${i % 10 === 0 ? 'none' : 'saml'}, okta: {preconfiguredApp: v}}, provisioning: {deprovisioning: {method: automatic}}, access: {groups: [g]}}}\n`;

beforeAll(() => {
  dir = tempTree(Object.fromEntries(Array.from({ length: FILES }, (_, i) => [`apps/app-${String(i).padStart(5, '0')}.yaml`, manifest(i)])), 'saasgov-lost-');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('-o FILE when the run is killed', () => {
  let complete: string;

  it('leaves no report at all when the first run is killed mid-way, and the next run removes its temporary file', async () => {
    const { killed } = await killMidRun({ minBytes: 1 });
    expect(killed).toBe(true);
    expectNothingLost(null);
    expect(temps()).toHaveLength(1); // the killed run's partial report, under its temporary name only

    const r = await lint('-f', 'json', '-o', REPORT);
    expect(r).toMatchObject({ code: 1, stdout: '', stderr: '' });
    complete = readFileSync(path.join(dir, REPORT), 'utf8');
    const results = JSON.parse(complete) as { messages: { ruleId: string }[] }[];
    expect(results).toHaveLength(FILES);
    expect(results.flatMap((x) => x.messages.map((m) => m.ruleId)).filter((id) => id === 'sso/required')).toHaveLength(FILES / 10);
    expect(temps()).toEqual([]);
  });

  it('keeps the complete previous report, byte for byte, whenever a later run is killed', async () => {
    // The next runs would report differently: a killed one must not leave any of that behind.
    writeFileSync(path.join(dir, 'apps', 'app-00001.yaml'), manifest(10).replace('app-10', 'app-1'));
    for (const when of [{ delayMs: 0 }, { minBytes: 1 }, { minBytes: 20_000 }, { delayMs: 300, format: 'sarif' }]) {
      await killMidRun(when);
      expectNothingLost(complete);
    }
    const r = await lint('-f', 'json', '-o', REPORT);
    expect(r.code).toBe(1);
    const updated = readFileSync(path.join(dir, REPORT), 'utf8');
    expect(updated).not.toBe(complete);
    expect(JSON.parse(updated)).toHaveLength(FILES);
    expect(temps()).toEqual([]);
    complete = updated;
  });

  it('leaves one complete report when two runs write it at once', async () => {
    const run = () =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [BIN, 'lint', 'apps', '--as-of', AS_OF, '-f', 'json', '-o', REPORT], { cwd: dir, stdio: 'ignore' });
        child.once('exit', resolve);
      });
    const codes = await Promise.all([run(), run()]);
    expect(codes).toEqual([1, 1]);
    expect(readFileSync(path.join(dir, REPORT), 'utf8')).toBe(complete);
    expect(temps()).toEqual([]);
  });
});
