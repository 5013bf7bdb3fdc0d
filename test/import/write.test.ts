/**
 * Writing an import, all or none: a name taken meanwhile undoes the files of
 * the run, and an interrupt (SIGINT) in the middle of the writes takes effect
 * only once they are all done — never a half-written directory, never a
 * temporary file left behind.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeImport, type ImportPlan } from '../../src/import';
import type { OrgApp } from '../../src/okta-api/org';
import { SaasgovError } from '../../src/util/errors';
import { PACKAGE_ROOT } from '../../src/util/package';

const plan = (names: string[]): ImportPlan => ({ files: names.map((name) => ({ name, app: {} as OrgApp, text: `metadata: {name: ${name}}\n` })), alreadyDeclared: 0, firstParty: 0, inactive: 0 });

let dir: string;
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('writeImport', () => {
  it('writes every file, or none when a name is taken meanwhile (and keeps the file that took it)', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'saasgov-import-'));
    expect(writeImport(dir, plan(['alpha', 'bravo'])).map((f) => path.basename(f))).toEqual(['alpha.yaml', 'bravo.yaml']);
    writeFileSync(path.join(dir, 'delta.yaml'), 'mine\n');
    const error = (() => {
      try {
        writeImport(dir, plan(['charlie', 'delta', 'echo']));
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(SaasgovError);
    expect((error as Error).message).toMatch(/a file of that name appeared meanwhile.*; nothing was written$/);
    expect(readdirSync(dir).sort()).toEqual(['alpha.yaml', 'bravo.yaml', 'delta.yaml']);
    expect(readFileSync(path.join(dir, 'delta.yaml'), 'utf8')).toBe('mine\n');
  });

  it('holds an interrupt until the files are all written: no half-written directory, no temporary file left', async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'saasgov-import-'));
    const count = 3_000;
    // The compiled module (npm run build), in a process of its own that is interrupted while it writes.
    const script = `
      const { writeImport } = require(${JSON.stringify(path.join(PACKAGE_ROOT, 'dist', 'src', 'import', 'index.js'))});
      const text = '# ' + 'x'.repeat(20000) + '\\n';
      const files = Array.from({ length: ${count} }, (_, i) => ({ name: 'app-' + i, app: {}, text }));
      process.stdout.write('writing\\n');
      writeImport(${JSON.stringify(dir)}, { files, alreadyDeclared: 0, firstParty: 0, inactive: 0 });
      process.stdout.write('written\\n');
    `;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'ignore', 'inherit'] });
    // Interrupted once the first file is on disk, i.e. in the middle of the writes (about a second for all).
    const poll = setInterval(() => {
      if (readdirSync(dir).length > 0) {
        clearInterval(poll);
        child.kill('SIGINT');
      }
    }, 2);
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.on('close', (_code, s) => resolve(s)));
    expect(signal).toBe('SIGINT');
    const left = readdirSync(dir);
    expect(left.filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // Held until the end: every file is there.
    expect(left.length).toBe(count);
  });
});
