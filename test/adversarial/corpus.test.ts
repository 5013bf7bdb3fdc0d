/**
 * Runs the hostile-input corpus (corpus.ts) through the CLI: each case
 * in-process, in its own directory beside a valid manifest that must stay
 * clean, with its exact findings, exit status 0 or 1, a time bound and a
 * stylish report that no terminal or CI log would act on; then the whole
 * corpus at once through the real binary under a 256 MB heap, which must
 * print the same findings — and a few cases alone through the binary with a
 * timeout, where a crash of Node itself would show.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES_BY_ID } from '../../rules';
import { PACKAGE_ROOT } from '../../src/util/package';
import { cli } from '../cli/run';
import { terminalUnsafe, workflowCommandLines } from '../formatters/parsers';
import { AS_OF } from '../helpers';
import { tempTree } from '../run-cli';
import { CORPUS, goodFor, type CorpusCase, type Entry, type Expected } from './corpus';

const BIN = path.join(PACKAGE_ROOT, 'bin', 'saasgov.js');
const DEFAULT_MAX_MS = 5_000;

interface JsonResult {
  filePath: string;
  errorCount: number;
  messages: { ruleId: string; messageId: string; message: string; line: number; column: number; fatal?: boolean }[];
}

const order = (a: Expected, b: Expected) => a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) || (a.messageId < b.messageId ? -1 : 1);

/** What a run reported, as `{ relative path: findings }`; files and findings must come in order (path; line, column, rule, message). */
function findingsByFile(stdout: string, dir: string): Record<string, Expected[]> {
  const out: Record<string, Expected[]> = {};
  const results = JSON.parse(stdout) as JsonResult[];
  const files = results.map((r) => r.filePath);
  expect(files).toEqual([...files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  for (const r of results) {
    const keys = r.messages.map((m) => [m.line, m.column, m.ruleId, m.message] as const);
    const sorted = [...keys].sort((a, b) => a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : 0) || (a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : 0));
    expect(keys, r.filePath).toEqual(sorted);
    out[path.relative(dir, r.filePath).split(path.sep).join('/')] = r.messages.map((m) => ({ ruleId: m.ruleId, messageId: m.messageId, line: m.line, column: m.column })).sort(order);
  }
  return out;
}

/** What a case must report, good.yaml included. */
function expectedOf(c: CorpusCase, prefix = ''): Record<string, Expected[]> {
  const out: Record<string, Expected[]> = { [`${prefix}good.yaml`]: [] };
  for (const [file, list] of Object.entries(c.expected)) out[`${prefix}${file}`] = [...list].sort(order);
  return out;
}

const exitOf = (c: CorpusCase) => (Object.values(c.expected).some((list) => list.some((e) => RULES_BY_ID.get(e.ruleId)!.severity === 'error')) ? 1 : 0);

function materialize(dir: string, name: string, entry: Entry): void {
  const file = path.join(dir, name);
  mkdirSync(path.dirname(file), { recursive: true });
  if (typeof entry === 'string' || entry instanceof Uint8Array) writeFileSync(file, entry);
  else if (entry.kind === 'generated') writeFileSync(file, entry.bytes());
  else if (entry.kind === 'dir') mkdirSync(file, { recursive: true });
  else if (entry.kind === 'symlink') symlinkSync(entry.target, file);
  else if (entry.kind === 'fifo') execFileSync('mkfifo', [file]);
  else {
    writeFileSync(file, entry.content);
    chmodSync(file, 0o000);
  }
}

let root: string;
let reports: string;

beforeAll(() => {
  root = tempTree({}, 'saasgov-corpus-');
  reports = tempTree({}, 'saasgov-corpus-reports-');
  for (const c of CORPUS) {
    const dir = path.join(root, c.id);
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'good.yaml'), goodFor(c.id));
    for (const [name, entry] of Object.entries(c.entries)) materialize(dir, name, entry);
  }
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(reports, { recursive: true, force: true });
});

describe('the corpus', () => {
  it('has at least 40 cases with unique ids, and an outcome for every case', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(CORPUS.map((c) => c.id)).size).toBe(CORPUS.length);
    for (const c of CORPUS) {
      expect(c.id).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(Object.keys(c.expected).length, c.id).toBeGreaterThan(0);
    }
  });
});

describe.each(CORPUS.map((c) => [c.id, c] as const))('%s', (id, c) => {
  it('gives its exact findings through the CLI, the valid manifest beside it stays clean, exit 0 or 1, in bounded time', async () => {
    const dir = path.join(root, id);
    const stylishFile = path.join(reports, `${id}.txt`);
    const started = performance.now();
    const r = await cli(['lint', '.', '-f', 'json', '--report', `stylish=${stylishFile}`, '--as-of', AS_OF, '--concurrency', 'off'], { cwd: dir });
    const elapsed = performance.now() - started;
    expect(r.stderr).toBe('');
    expect(r.code).toBe(exitOf(c));
    expect(findingsByFile(r.stdout, dir)).toEqual(expectedOf(c));
    expect(elapsed).toBeLessThan(c.maxMs ?? DEFAULT_MAX_MS);
    if (c.category === 'keys') {
      expect(Object.prototype).not.toHaveProperty('polluted');
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    }

    // The stylish report, as a terminal and a CI log would read it.
    const stylish = readFileSync(stylishFile, 'utf8');
    expect(workflowCommandLines(stylish)).toEqual([]);
    expect(terminalUnsafe(stylish)).toEqual([]);
    expect(stylish).not.toContain('##[');
  });
});

describe('the whole corpus through the real binary', () => {
  it('prints the same findings for every file in one run, under a 256 MB heap, exit 1', () => {
    const started = performance.now();
    const r = spawnSync(process.execPath, ['--max-old-space-size=256', BIN, 'lint', '.', '-f', 'json', '--as-of', AS_OF], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(r.error).toBeUndefined();
    expect(r.signal).toBeNull();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    const expected = Object.assign({}, ...CORPUS.map((c) => expectedOf(c, `${c.id}/`))) as Record<string, Expected[]>;
    expect(findingsByFile(r.stdout, root)).toEqual(expected);
    expect(performance.now() - started).toBeLessThan(60_000);
  });

  it.each(['deep-flow-sequences-twice', 'deep-block-sequences-twice', 'alias-bomb-laughs', 'size-50-mb', 'fifo'])(
    '%s alone: exit 1 under a 128 MB heap within its bound, no crash of Node',
    (id) => {
      const c = CORPUS.find((x) => x.id === id)!;
      const dir = path.join(root, id);
      const r = spawnSync(process.execPath, ['--max-old-space-size=128', BIN, 'lint', '.', '-f', 'json', '--as-of', AS_OF], {
        cwd: dir,
        encoding: 'utf8',
        timeout: 20_000,
      });
      expect(r.signal).toBeNull();
      expect(r.stderr).toBe('');
      expect(r.status).toBe(1);
      expect(findingsByFile(r.stdout, dir)).toEqual(expectedOf(c));
    },
  );
});
