/**
 * The scale features never change a finding: sequential, parallel (worker
 * threads) and cached runs print byte-identical JSON, the cache follows file
 * changes (cross-file rules included), and a damaged cache, two concurrent
 * runs (in one process or two) or a run killed at any moment never break a
 * later run.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempTree } from '../run-cli';
import { PACKAGE_ROOT } from '../../src/util/package';
import { cli } from '../cli/run';
import { edit, VALID } from '../helpers';

const COUNT = 150;
const BIN = path.join(PACKAGE_ROOT, 'bin', 'saasgov.js');

function manifest(i: number): string {
  const name = `app-${String(i).padStart(4, '0')}`;
  switch (i % 5) {
    case 0:
      return edit(VALID, { set: { 'metadata.name': name } });
    case 1:
      return edit(VALID, { set: { 'metadata.name': name, 'spec.sso.protocol': 'none' } });
    case 2:
      return edit(VALID, { set: { 'metadata.name': name, 'spec.data.classification': 'secret' } });
    case 3:
      // A duplicate name, in every other such file after an empty document (so its document index is 1).
      return `${i % 2 === 0 ? '---\n# placeholder\n---\n' : ''}${edit(VALID, { set: { 'metadata.name': `app-${String(i - 3).padStart(4, '0')}` } })}`;
    default:
      return `${edit(VALID, { set: { 'metadata.name': name } })}---\napiVersion: saasgov.dev/v1\nkind: [broken\n`;
  }
}

let dir: string;

/**
 * The cache is a journal: a header line, then segments, each an index line
 * (render keys; per file its path, size, time, hash and the lengths of what
 * follows) and per file the JSON of what is kept of it and the bytes of each
 * text, each followed by a line break; every segment whole.
 */
function expectReadableCache(file: string): void {
  const bytes = readFileSync(file);
  let at = bytes.indexOf(10);
  expect(JSON.parse(bytes.toString('latin1', 0, at))).toMatchObject({ format: 'saasgov-cache/7' });
  let files = 0;
  for (at++; at < bytes.length; ) {
    const end = bytes.indexOf(10, at);
    const index = JSON.parse(bytes.toString('latin1', at, end)) as { keys: string[]; files: [string, number, number, string, number, number[]][] };
    expect(index.keys).toEqual(expect.arrayContaining([expect.any(String)]));
    at = end + 1;
    for (const entry of index.files) {
      expect(entry).toEqual([expect.any(String), expect.any(Number), expect.any(Number), expect.stringMatching(/^[0-9a-f]{40}$/), expect.any(Number), expect.any(Array)]);
      expect(JSON.parse(bytes.toString('latin1', at, at + entry[4]))).toMatchObject({ counts: expect.any(Object), claims: expect.any(Array) });
      at += entry[4];
      expect(bytes[at++]).toBe(10);
      for (let t = 0; t < entry[5].length; t += 2) {
        expect(index.keys[entry[5][t]!]).toEqual(expect.any(String));
        at += entry[5][t + 1]!;
        expect(bytes[at++]).toBe(10);
      }
      files++;
    }
  }
  expect(files).toBeGreaterThan(0);
}

const lint = (...args: string[]) => cli(['lint', 'apps', '-f', 'json', '--as-of', '2026-12-01', ...args], { cwd: dir });

/** The same run in a real process, through the launcher (bin/saasgov.js) as users start it. */
const lintProcess = (...args: string[]) =>
  new Promise<{ code: number | null; stdout: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'lint', 'apps', '-f', 'json', '--as-of', '2026-12-01', ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'ignore'] });
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => void (stdout += d.toString()));
    child.on('error', reject);
    child.once('close', (code) => resolve({ code, stdout }));
  });

beforeAll(() => {
  dir = tempTree({}, 'saasgov-run-');
  mkdirSync(path.join(dir, 'apps'));
  for (let i = 0; i < COUNT; i++) writeFileSync(path.join(dir, 'apps', `app-${String(i).padStart(4, '0')}.yaml`), manifest(i));
});

describe('lint at scale', () => {
  it('prints byte-identical JSON sequentially, in worker threads and from the cache', async () => {
    const sequential = await lint('--concurrency', 'off');
    expect(sequential.code).toBe(1);
    const results = JSON.parse(sequential.stdout) as { messages: { ruleId: string }[] }[];
    expect(results).toHaveLength(COUNT);
    expect(new Set(results.flatMap((r) => r.messages.map((m) => m.ruleId)))).toEqual(
      new Set(['sso/required', 'manifest/schema', 'manifest/unique-name', 'manifest/syntax']),
    );
    for (const args of [['--concurrency', '2'], ['--concurrency', 'auto'], ['--concurrency', '3']]) {
      expect((await lint(...args)).stdout, args.join(' ')).toBe(sequential.stdout);
    }
    rmSync(path.join(dir, '.saasgovcache'), { force: true });
    const cold = await lint('--cache');
    const warm = await lint('--cache');
    const warmContent = await lint('--cache', '--cache-strategy', 'content');
    expect(cold.stdout).toBe(sequential.stdout);
    expect(warm.stdout).toBe(sequential.stdout);
    expect(warmContent.stdout).toBe(sequential.stdout);
  });

  it('follows changed files with the cache, cross-file rules included', async () => {
    await lint('--cache');
    // app-0003 duplicates app-0000's name: rename app-0000, and app-0003 (unchanged, cached) must stop failing.
    const first = path.join(dir, 'apps', 'app-0000.yaml');
    const original = readFileSync(first, 'utf8');
    writeFileSync(first, original.replace('name: app-0000', 'name: app-0000-renamed'));
    try {
      const warm = await lint('--cache');
      const cold = await lint('--concurrency', 'off');
      expect(warm.stdout).toBe(cold.stdout);
      const byName = Object.fromEntries(
        (JSON.parse(warm.stdout) as { filePath: string; messages: { ruleId: string }[] }[]).map((r) => [path.basename(r.filePath), r.messages.map((m) => m.ruleId)]),
      );
      expect(byName['app-0003.yaml']).toEqual([]);
      expect(byName['app-0008.yaml']).toEqual(['manifest/unique-name']);
    } finally {
      writeFileSync(first, original);
    }
    expect((await lint('--cache')).stdout).toBe((await lint()).stdout);
  });

  it('ignores a damaged cache, and survives two concurrent runs', async () => {
    const expected = (await lint()).stdout;
    writeFileSync(path.join(dir, '.saasgovcache'), '{"key": "truncated", "entr');
    expect((await lint('--cache')).stdout).toBe(expected);
    const [a, b] = await Promise.all([lint('--cache', '--concurrency', '2'), lint('--cache', '--concurrency', '2')]);
    expect(a.stdout).toBe(expected);
    expect(b.stdout).toBe(expected);
    expectReadableCache(path.join(dir, '.saasgovcache'));
    expect((await lint('--cache')).stdout).toBe(expected);
  });

  it('lints again a file whose cache record is damaged inside (decoded only when the file is emitted)', async () => {
    const expected = (await lint()).stdout;
    await lint('--cache');
    const file = path.join(dir, '.saasgovcache');
    const bytes = readFileSync(file);
    // What is kept of the first file (after the header and index lines) loses its opening brace: same length.
    const kept = bytes.indexOf(10, bytes.indexOf(10) + 1) + 1;
    expect(bytes[kept]).toBe('{'.charCodeAt(0));
    bytes[kept] = ' '.charCodeAt(0);
    writeFileSync(file, bytes);
    expect((await lint('--cache')).stdout).toBe(expected);
    // The file's new record was appended to the journal (later records win), and is used from then on.
    expect(readFileSync(file).length).toBeGreaterThan(bytes.length);
    expect((await lint('--cache')).stdout).toBe(expected);
  });

  it('survives runs killed at any moment (SIGKILL) with --cache: the cache stays readable and right, and killed runs leave no temporary file for long', async () => {
    const expected = (await lint()).stdout;
    rmSync(path.join(dir, '.saasgovcache'), { force: true });
    await lint('--cache'); // a cache to keep intact
    const killed = new Set<number>();
    for (const delayMs of [0, 80, 200, 350, 600]) {
      const child = spawn(process.execPath, [BIN, 'lint', 'apps', '-f', 'json', '--as-of', '2026-12-01', '--cache', '--cache-strategy', 'content'], { cwd: dir, stdio: 'ignore' });
      const exited = new Promise((resolve) => child.once('exit', resolve));
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (child.kill('SIGKILL')) killed.add(child.pid!);
      await exited;
      expectReadableCache(path.join(dir, '.saasgovcache'));
      for (const tmp of readdirSync(dir).filter((f) => f.endsWith('.tmp'))) expect(killed.has(Number(/\.(\d+)\.[0-9a-f]+\.tmp$/.exec(tmp)?.[1]))).toBe(true);
      expect((await lint('--cache')).stdout).toBe(expected);
      expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    }
    expect(killed.size).toBeGreaterThan(0);
  });

  it('gives two real processes sharing the cache the right output, and leaves a readable cache', async () => {
    const expected = (await lint()).stdout;
    rmSync(path.join(dir, '.saasgovcache'), { force: true });
    for (let round = 0; round < 2; round++) {
      const [a, b] = await Promise.all([lintProcess('--cache'), lintProcess('--cache')]); // cold, then warm
      expect(a).toEqual({ code: 1, stdout: expected });
      expect(b).toEqual({ code: 1, stdout: expected });
      expectReadableCache(path.join(dir, '.saasgovcache'));
    }
    expect((await lint('--cache')).stdout).toBe(expected);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps each format\'s text apart in one cache: json, stylish, quiet, sarif alternate with the same outputs as without it', async () => {
    rmSync(path.join(dir, '.saasgovcache'), { force: true });
    const variants = [['-f', 'json'], ['-f', 'stylish'], ['-f', 'stylish', '--quiet'], ['-f', 'json', '--quiet'], ['-f', 'sarif']];
    const plain = await Promise.all(variants.map((v) => cli(['lint', 'apps', '--as-of', '2026-12-01', ...v], { cwd: dir })));
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < variants.length; i++) {
        const cached = await cli(['lint', 'apps', '--as-of', '2026-12-01', '--cache', ...variants[i]!], { cwd: dir });
        expect(cached, `${variants[i]!.join(' ')}, round ${round}`).toEqual(plain[i]);
      }
    }
  });

  it('starts lint workers through the launcher, which keeps their compiled code for the next run', async () => {
    const dist = path.join(PACKAGE_ROOT, 'dist');
    const workerCaches = () => readdirSync(dist).filter((f) => /^worker\.cjs\.\d+-\d+\.v8cache$/.test(f));
    for (const f of workerCaches()) rmSync(path.join(dist, f), { force: true });
    const expected = { code: 1, stdout: (await lint('--concurrency', 'off')).stdout };
    expect(await lintProcess('--concurrency', '2')).toEqual(expected);
    expect(workerCaches()).toHaveLength(1);
    const written = statSync(path.join(dist, workerCaches()[0]!)).mtimeMs;
    expect(await lintProcess('--concurrency', '2')).toEqual(expected);
    // Accepted by V8, so not written again.
    expect(statSync(path.join(dist, workerCaches()[0]!)).mtimeMs).toBe(written);
  });

  it('rejects a bad --concurrency', async () => {
    expect((await lint('--concurrency', 'many')).code).toBe(2);
  });
});
