/**
 * Every command that writes a file (`lint -o`, `lint --report`, `report -o`,
 * `schema -o`, `plan -o`) writes it the same way: a regular file is replaced
 * atomically and keeps its permissions; a FIFO gets the output through (it
 * stays a FIFO); a symbolic link is followed (it stays a link, its target
 * gets the output); a read-only file is an error, exit 2, left as it was.
 * Only FIFOs, links and files in a temporary directory: never a real device.
 */
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, lstatSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { fixtureText } from '../okta/manifests';
import { tempTree } from '../run-cli';
import { cli } from './run';

const AS_OF = ['--as-of', '2026-12-01'];

/** Each command writing `file`, from a directory holding two manifests that pass lint and that the Pulumi program can provision. */
const WRITERS: [string, (file: string) => string[]][] = [
  ['lint -o (streamed)', (file) => ['lint', 'apps', ...AS_OF, '-f', 'json', '-o', file]],
  ['lint -o (whole run)', (file) => ['lint', 'apps', ...AS_OF, '-f', 'sarif', '-o', file]],
  ['lint --report', (file) => ['lint', 'apps', ...AS_OF, '--report', `markdown=${file}`]],
  ['report -o', (file) => ['report', 'apps', ...AS_OF, '-f', 'json', '-o', file]],
  ['schema -o', (file) => ['schema', '-o', file]],
  ['plan -o', (file) => ['plan', 'apps', ...AS_OF, '-f', 'json', '-o', file]],
];

function project(): string {
  return tempTree({ 'apps/payroll.yaml': fixtureText('payroll.yaml'), 'apps/expenses.yaml': fixtureText('expenses.yaml') });
}

/** Reads a FIFO to its end in another process (opening it for writing waits for a reader); stopped when the test ends. */
function drain(fifo: string): Promise<string> {
  const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'inherit'] });
  onTestFinished(() => void reader.kill());
  let text = '';
  reader.stdout.setEncoding('utf8').on('data', (s: string) => (text += s));
  return new Promise((resolve, reject) => {
    reader.once('error', reject);
    reader.once('close', () => resolve(text));
  });
}

describe.each(WRITERS)('%s', (_name, args) => {
  it('replaces a regular file atomically, keeping its permissions, and leaves no temporary file', async () => {
    const dir = project();
    writeFileSync(path.join(dir, 'out'), 'old');
    chmodSync(path.join(dir, 'out'), 0o640);
    const r = await cli(args('out'), { cwd: dir });
    expect(r.stderr).toBe('');
    expect(readFileSync(path.join(dir, 'out'), 'utf8')).not.toBe('old');
    expect(statSync(path.join(dir, 'out')).mode & 0o777).toBe(0o640);
    expect(readdirSync(dir).sort()).toEqual(['apps', 'out']);
  });

  it('writes through a FIFO, which stays a FIFO', async () => {
    const dir = project();
    const reference = await cli(args('reference'), { cwd: dir });
    const fifo = path.join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const read = drain(fifo);
    const r = await cli(args('pipe'), { cwd: dir });
    expect([r.code, r.stderr]).toEqual([reference.code, '']);
    expect(await read).toBe(readFileSync(path.join(dir, 'reference'), 'utf8'));
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['apps', 'pipe', 'reference']);
  });

  it('follows a symbolic link: the link stays, its target gets the output (also a dangling link)', async () => {
    const dir = project();
    await cli(args('reference'), { cwd: dir });
    const expected = readFileSync(path.join(dir, 'reference'), 'utf8');
    writeFileSync(path.join(dir, 'target'), 'old');
    symlinkSync('target', path.join(dir, 'link'));
    symlinkSync('reports/new', path.join(dir, 'dangling'));
    await cli(args('link'), { cwd: dir });
    await cli(args('dangling'), { cwd: dir });
    expect(readlinkSync(path.join(dir, 'link'))).toBe('target');
    expect(readFileSync(path.join(dir, 'target'), 'utf8')).toBe(expected);
    expect(readlinkSync(path.join(dir, 'dangling'))).toBe('reports/new');
    expect(readFileSync(path.join(dir, 'reports/new'), 'utf8')).toBe(expected);
  });

  it('refuses a read-only file (even as root), exit 2, and leaves it as it was', async () => {
    const dir = project();
    writeFileSync(path.join(dir, 'out'), 'keep me');
    chmodSync(path.join(dir, 'out'), 0o444);
    symlinkSync('out', path.join(dir, 'link'));
    for (const target of ['out', 'link']) {
      const r = await cli(args(target), { cwd: dir });
      expect(r).toMatchObject({ code: 2, stderr: `saasgov: cannot write ${target}: it is read-only (make it writable, e.g. chmod u+w, or choose another file)\n` });
    }
    expect(readFileSync(path.join(dir, 'out'), 'utf8')).toBe('keep me');
    expect(readdirSync(dir).sort()).toEqual(['apps', 'link', 'out']);
  });
});

it('refuses a directory as the output file, exit 2', async () => {
  const dir = project();
  const r = await cli(['lint', 'apps', ...AS_OF, '-o', 'apps'], { cwd: dir });
  expect(r).toMatchObject({ code: 2, stderr: 'saasgov: cannot write apps: it is a directory\n' });
});
