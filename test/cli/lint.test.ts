import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { edit, VALID } from '../helpers';
import { VERSION } from '../../src/util/package';
import { tempTree } from '../run-cli';
import { cli } from './run';

const ROOT = path.resolve(__dirname, '../..');
const WARN_ONLY = edit(VALID, { set: { 'spec.waivers': [{ rule: 'ownership/owners', reason: 'Owner leaves in January; successor named then', approvedBy: 'ciso@example.com', ticket: 'GRC-1', expires: '2027-01-31' }] } });
const FAILING = edit(VALID, { set: { 'metadata.name': 'crm-failing' }, remove: ['metadata.owner.business'] });

const project = (files: Record<string, string>): string => tempTree(files, 'saasgov-cli-');

const lint = (dir: string, ...args: string[]) => cli(['lint', '--as-of', '2026-12-01', ...args], { cwd: dir });

describe('saasgov lint', () => {
  it('exits 0 on clean manifests', async () => {
    const dir = project({ 'apps/crm.yaml': VALID });
    const r = await lint(dir, 'apps');
    expect(r).toMatchObject({ code: 0, stderr: '' });
    expect(r.stdout).toBe('✔ no problems (1 of 1 file clean)\n');
  });

  it('exits 1 on errors and prints file:line:column, rule and message', async () => {
    const dir = project({ 'apps/crm.yaml': VALID, 'apps/bad.yaml': FAILING });
    const r = await lint(dir, 'apps');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('apps/bad.yaml\n  apps/bad.yaml:7:3  error    `metadata.owner.business` is missing');
    expect(r.stdout).toContain('ownership/owners');
    expect(r.stdout.trimEnd().split('\n').at(-1)).toBe('✖ 1 problem (1 error, 0 warnings); 1 of 2 files clean');
  });

  it('lints the config\'s manifests when given no paths, else the current directory, honouring ignores', async () => {
    const dir = project({
      'saasgov.config.yaml': 'manifests: ["apps/**/*.yaml"]\nignores: ["apps/archive/**"]\n',
      'apps/crm.yaml': VALID,
      'apps/archive/old.yaml': FAILING,
      'other/x.yaml': FAILING,
    });
    expect((await lint(dir)).code).toBe(0);
    const plain = project({ 'a.yaml': VALID, 'sub/b.yml': FAILING });
    const r = await lint(plain, '-f', 'json');
    expect(JSON.parse(r.stdout).map((x: { filePath: string }) => path.relative(plain, x.filePath))).toEqual(['a.yaml', 'sub/b.yml']);
  });

  it('accepts globs and explicit files; a path that matches nothing is exit 2', async () => {
    const dir = project({ 'apps/a.yaml': VALID, 'apps/b.yaml': VALID.replace('crm-salesforce', 'crm-b'), 'notes.txt': 'x' });
    expect((await lint(dir, 'apps/*.yaml')).code).toBe(0);
    expect((await lint(dir, 'apps/a.yaml')).code).toBe(0);
    const missing = await lint(dir, 'nope/');
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toBe('saasgov: No such file or directory: nope/\n');
    expect((await lint(dir, 'apps/*.yml')).stderr).toBe('saasgov: No manifest (*.yaml, *.yml) matches apps/*.yml\n');
  });

  it('honours --max-warnings and --quiet', async () => {
    const dir = project({ 'apps/crm.yaml': WARN_ONLY });
    expect((await lint(dir, 'apps')).code).toBe(0);
    const strict = await lint(dir, 'apps', '--max-warnings', '0');
    expect(strict.code).toBe(1);
    expect(strict.stderr).toBe('saasgov: 1 warning, more than --max-warnings 0\n');
    const quiet = await lint(dir, 'apps', '--quiet', '--max-warnings', '0');
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain('waiver/unused');
    expect((await lint(dir, 'apps', '--max-warnings', 'lots')).code).toBe(2);
  });

  it('rejects a bad --as-of, an unknown format and an unknown option with exit 2', async () => {
    const dir = project({ 'apps/crm.yaml': VALID });
    const asOf = await cli(['lint', 'apps', '--as-of', '2026-02-30'], { cwd: dir });
    expect(asOf).toMatchObject({ code: 2, stderr: 'saasgov: --as-of must be a date YYYY-MM-DD, not "2026-02-30"\n' });
    expect((await lint(dir, 'apps', '-f', 'yaml')).code).toBe(2);
    expect((await lint(dir, 'apps', '--frobnicate')).code).toBe(2);
    expect((await cli(['lnt'], { cwd: dir })).code).toBe(2);
  });

  it('points rule links at the config\'s ruleDocsUrl (a mirror) in every format that links', async () => {
    const mirror = 'https://git.example.com/platform/saasgov/-/blob/v{version}/rules/{rule}.md';
    const dir = project({ 'saasgov.config.yaml': `ruleDocsUrl: ${mirror}\n`, 'apps/bad.yaml': FAILING });
    const r = await lint(dir, 'apps', '-f', 'sarif', '--report', 'markdown=summary.md', '--report', 'junit=junit.xml');
    expect(r.code).toBe(1);
    const link = `https://git.example.com/platform/saasgov/-/blob/v${VERSION}/rules/ownership/owners.md`;
    const sarif = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { helpUri: string }[] } } }[] };
    expect(sarif.runs[0]!.tool.driver.rules.map((x) => x.helpUri)).toEqual([link]);
    expect(readFileSync(path.join(dir, 'summary.md'), 'utf8')).toContain(`[ownership/owners](${link})`);
    expect(readFileSync(path.join(dir, 'junit.xml'), 'utf8')).toContain(`(${link})`);
    for (const text of [r.stdout, readFileSync(path.join(dir, 'summary.md'), 'utf8'), readFileSync(path.join(dir, 'junit.xml'), 'utf8')]) {
      expect(text).not.toContain('github.com/saasgov/saasgov/blob');
    }
  });

  it('exits 2 with a one-line message for a config error', async () => {
    const dir = project({ 'saasgov.config.yaml': 'rules:\n  ownership/owner: error\n', 'apps/crm.yaml': VALID });
    const r = await lint(dir, 'apps');
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('saasgov: saasgov.config.yaml:2:3: unknown rule "ownership/owner"; did you mean `ownership/owners`?\n');
  });

  it('writes -o atomically, prints nothing, and leaves no temporary file', async () => {
    const dir = project({ 'apps/crm.yaml': FAILING });
    const r = await lint(dir, 'apps', '-f', 'json', '-o', 'report.json');
    expect(r).toMatchObject({ code: 1, stdout: '' });
    expect(JSON.parse(readFileSync(path.join(dir, 'report.json'), 'utf8'))).toHaveLength(1);
    expect(readdirSync(dir).sort()).toEqual(['apps', 'report.json']);
  });


  it('creates the directory of -o and --report files, streamed or not', async () => {
    const dir = project({ 'apps/crm.yaml': FAILING });
    // json streams file by file; sarif is written at the end with the --report file.
    expect((await lint(dir, 'apps', '-f', 'json', '-o', 'out/a/report.json')).code).toBe(1);
    expect((await lint(dir, 'apps', '-f', 'sarif', '-o', 'out/b/report.sarif', '--report', 'junit=out/c/junit.xml')).code).toBe(1);
    expect(JSON.parse(readFileSync(path.join(dir, 'out/a/report.json'), 'utf8'))).toHaveLength(1);
    expect(JSON.parse(readFileSync(path.join(dir, 'out/b/report.sarif'), 'utf8')).version).toBe('2.1.0');
    expect(readFileSync(path.join(dir, 'out/c/junit.xml'), 'utf8')).toContain('<testsuites');
  });

  it('exits 2 with one line naming an output file that cannot be written', async () => {
    const dir = project({ 'apps/crm.yaml': FAILING, 'taken': 'a file, not a directory' });
    for (const format of ['json', 'sarif']) {
      const r = await lint(dir, 'apps', '-f', format, '-o', 'taken/report.out');
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^saasgov: cannot write .*taken[/\\]report\.out: E[A-Z]+: .*\n$/);
    }
  });
  it('prints ESLint-shaped JSON with saasgov fields, deterministic across runs', async () => {
    const dir = project({ 'apps/crm.yaml': FAILING, 'apps/ok.yaml': WARN_ONLY.replace('crm-salesforce', 'crm-ok') });
    const first = await lint(dir, 'apps', '-f', 'json');
    const second = await lint(dir, 'apps', '-f', 'json');
    expect(first.stdout).toBe(second.stdout);
    const [bad, ok] = JSON.parse(first.stdout);
    expect(Object.keys(bad)).toEqual(['filePath', 'messages', 'suppressedMessages', 'errorCount', 'warningCount', 'fatalErrorCount', 'fixableErrorCount', 'fixableWarningCount']);
    expect(bad.filePath).toBe(path.join(dir, 'apps/crm.yaml'));
    expect(bad.messages[0]).toEqual({
      ruleId: 'ownership/owners',
      severity: 2,
      message: expect.stringContaining('`metadata.owner.business` is missing'),
      messageId: 'missing',
      line: 7,
      column: 3,
      endLine: 7,
      endColumn: 8,
      path: 'metadata.owner.business',
      app: 'crm-failing',
      fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(ok).toMatchObject({ errorCount: 0, warningCount: 1, fixableErrorCount: 0, fixableWarningCount: 0 });
  });

  it('reports waived findings as suppressed, not counted', async () => {
    const waived = edit(FAILING, { set: { 'spec.waivers': [{ rule: 'ownership/owners', reason: 'Owner left; successor named in January', approvedBy: 'ciso@example.com', ticket: 'GRC-2', expires: '2027-01-31' }] } });
    const dir = project({ 'apps/crm.yaml': waived });
    const r = await lint(dir, 'apps', '-f', 'json');
    expect(r.code).toBe(0);
    const [result] = JSON.parse(r.stdout);
    expect(result.errorCount).toBe(0);
    expect(result.suppressedMessages).toEqual([
      expect.objectContaining({
        ruleId: 'ownership/owners',
        suppressions: [{ kind: 'external', justification: 'Owner left; successor named in January', approvedBy: 'ciso@example.com', ticket: 'GRC-2', expires: '2027-01-31' }],
      }),
    ]);
    expect((await lint(dir, 'apps')).stdout).toContain('1 finding waived');
  });

  it('colours only on a terminal, never with NO_COLOR or --no-color', async () => {
    const dir = project({ 'apps/crm.yaml': FAILING });
    const esc = '\u001b[';
    expect((await cli(['lint', 'apps'], { cwd: dir, isTTY: true })).stdout).toContain(esc);
    expect((await cli(['lint', 'apps'], { cwd: dir, isTTY: false })).stdout).not.toContain(esc);
    expect((await cli(['lint', 'apps'], { cwd: dir, isTTY: true, env: { NO_COLOR: '1' } })).stdout).not.toContain(esc);
    expect((await cli(['lint', 'apps', '--no-color'], { cwd: dir, isTTY: true })).stdout).not.toContain(esc);
  });

  it('turns hostile files into findings and still lints the others', async () => {
    const deep = `a: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    const dir = project({
      'apps/good.yaml': VALID,
      'apps/deep.yaml': `${deep}---\n${deep}`,
      'apps/bomb.yaml': `a: &a [${Array(9).fill('"lol"').join(',')}]\n${'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(',')}]`).join('\n')}\n`,
      'apps/empty.yaml': '',
      'apps/comments.yaml': '# nothing here\n',
      'apps/list.yaml': '- a\n',
      'apps/proto.yaml': '__proto__: {polluted: true}\n',
      'apps/x.yaml/inner.yaml': VALID.replace('crm-salesforce', 'crm-inner'),
    });
    writeFileSync(path.join(dir, 'apps/binary.yaml'), Buffer.from([0x61, 0x00, 0xff, 0xfe]));
    writeFileSync(path.join(dir, 'apps/utf16.yaml'), Buffer.from('\uFEFFa: b\n', 'utf16le'));
    writeFileSync(path.join(dir, 'apps/big.yaml'), `a: "${'x'.repeat(6 * 1024 * 1024)}"\n`);
    symlinkSync(path.join(dir, 'missing-target.yaml'), path.join(dir, 'apps/broken.yaml'));
    symlinkSync('..', path.join(dir, 'apps/loop'));
    const started = Date.now();
    const r = await lint(dir, 'apps', '-f', 'json');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(r.code).toBe(1);
    const byFile = Object.fromEntries(
      JSON.parse(r.stdout).map((x: { filePath: string; messages: { ruleId: string; messageId: string; line: number }[] }) => [
        path.relative(dir, x.filePath),
        x.messages.map((m) => `${m.ruleId}:${m.messageId}:${m.line}`),
      ]),
    );
    expect(byFile).toEqual({
      'apps/big.yaml': ['manifest/syntax:tooLarge:1'],
      'apps/binary.yaml': ['manifest/syntax:binary:1'],
      'apps/bomb.yaml': ['manifest/syntax:aliasCount:4'],
      'apps/broken.yaml': ['manifest/syntax:unreadable:1'],
      'apps/comments.yaml': ['manifest/schema:noDocument:1'],
      'apps/deep.yaml': ['manifest/syntax:tooDeep:1', 'manifest/syntax:tooDeep:3'],
      'apps/empty.yaml': ['manifest/schema:noDocument:1'],
      'apps/good.yaml': [],
      'apps/list.yaml': ['manifest/schema:notMapping:1'],
      'apps/proto.yaml': expect.arrayContaining(['manifest/schema:forbiddenKey:1']),
      'apps/utf16.yaml': ['manifest/syntax:utf16:1'],
      'apps/x.yaml/inner.yaml': [],
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('reports a FIFO (or a link to one) as not a regular file instead of waiting for a writer', async () => {
    const dir = project({ 'apps/good.yaml': VALID });
    execFileSync('mkfifo', [path.join(dir, 'apps/pipe.yaml')]);
    symlinkSync('pipe.yaml', path.join(dir, 'apps/link.yaml'));
    const started = Date.now();
    const r = await lint(dir, 'apps', '-f', 'json');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(r.code).toBe(1);
    const byFile = JSON.parse(r.stdout).map((x: { filePath: string; messages: { messageId: string }[] }) => [path.relative(dir, x.filePath), x.messages.map((m) => m.messageId)]);
    expect(byFile).toEqual([
      ['apps/good.yaml', []],
      ['apps/link.yaml', ['notAFile']],
      ['apps/pipe.yaml', ['notAFile']],
    ]);
    expect((await lint(dir, 'apps/pipe.yaml')).code).toBe(1);
  });
});

describe('saasgov (binary)', () => {
  it('runs from bin/ after the build: --help, --version, exit codes', () => {
    const bin = path.join(ROOT, 'bin', 'saasgov.js');
    expect(execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' })).toContain('Usage: saasgov');
    expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const dir = project({ 'apps/bad.yaml': FAILING });
    const r = spawnSync(process.execPath, [bin, 'lint', 'apps', '--as-of', '2026-12-01'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('apps/bad.yaml:7:3');
    expect(spawnSync(process.execPath, [bin, 'lint', 'nothing-here'], { cwd: dir }).status).toBe(2);
  });

  it('stops quietly when the reader of its output goes away (saasgov lint | head)', async () => {
    const bin = path.join(ROOT, 'bin', 'saasgov.js');
    const keys = Array.from({ length: 20_000 }, (_, i) => `k${i}: v`).join('\n');
    const dir = project({ 'apps/many.yaml': `apiVersion: saasgov.dev/v1\nkind: SaaSApp\n${keys}\n` });
    const child = spawn(process.execPath, [bin, 'lint', 'apps', '--as-of', '2026-12-01'], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => void (stderr += d.toString()));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(2);
  });
});
