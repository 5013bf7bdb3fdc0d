import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempTree } from '../run-cli';
import { cli } from './run';

const ROOT = path.resolve(__dirname, '../..');
const FIXTURES = path.join(ROOT, 'test/fixtures/report');

/** A copy of the fixture inventory (apps/ and saasgov.config.yaml) in a fresh directory. */
function inventory(): string {
  const dir = tempTree({}, 'saasgov-report-');
  cpSync(FIXTURES, dir, { recursive: true });
  return dir;
}

const report = (dir: string, ...args: string[]) => cli(['report', '--as-of', '2026-12-01', ...args], { cwd: dir });

describe('saasgov report', () => {
  it('writes the HTML report to -o and exits 0 although apps have findings', async () => {
    const dir = inventory();
    const r = await report(dir, '-o', 'out/report.html');
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    const html = readFileSync(path.join(dir, 'out/report.html'), 'utf8');
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<h1>SaaS governance posture</h1>');
    expect((await cli(['lint', '--as-of', '2026-12-01'], { cwd: dir })).code).toBe(1);
  });

  it('prints HTML by default, and markdown or json with -f', async () => {
    const dir = inventory();
    expect((await report(dir)).stdout.startsWith('<!DOCTYPE html>')).toBe(true);
    expect((await report(dir, '-f', 'markdown')).stdout.startsWith('# SaaS governance posture\n')).toBe(true);
    const json = JSON.parse((await report(dir, '--format', 'json')).stdout);
    expect(json).toMatchObject({ schemaVersion: 1, asOf: '2026-12-01', summary: { apps: 8 } });
  });

  it('judges manifests exactly as lint does: same files, findings, suppressions, config', async () => {
    const dir = inventory();
    const lint = JSON.parse((await cli(['lint', '--as-of', '2026-12-01', '-f', 'json'], { cwd: dir })).stdout) as {
      filePath: string;
      messages: { ruleId: string; line: number; column: number }[];
      suppressedMessages: { ruleId: string; line: number; column: number }[];
    }[];
    const r = JSON.parse((await report(dir, '-f', 'json')).stdout) as { apps: { file: string; findings: { ruleId: string; line: number; column: number; suppressed: boolean }[] }[] };
    const fromLint = lint.flatMap((f) => [
      ...f.messages.map((m) => [path.relative(dir, f.filePath), m.ruleId, m.line, m.column, false]),
      ...f.suppressedMessages.map((m) => [path.relative(dir, f.filePath), m.ruleId, m.line, m.column, true]),
    ]);
    const fromReport = r.apps.flatMap((a) => a.findings.map((m) => [a.file, m.ruleId, m.line, m.column, m.suppressed]));
    const key = (x: unknown[]) => JSON.stringify(x);
    expect(fromReport.map(key).sort()).toEqual(fromLint.map(key).sort());
    // The config's residency/allowed-regions setting is in effect (found in the working directory).
    expect(fromReport.some((f) => f[1] === 'residency/allowed-regions')).toBe(true);
  });

  it('takes paths and --config like lint', async () => {
    const dir = inventory();
    writeFileSync(path.join(dir, 'saasgov.config.yaml'), 'rules:\n  residency/allowed-regions: off\n');
    const r = JSON.parse((await report(dir, '-f', 'json', 'apps/hr-payroll.yaml', '--config', path.join(FIXTURES, 'saasgov.config.yaml'))).stdout);
    expect(r.apps.map((a: { name: string }) => a.name)).toEqual(['hr-payroll']);
    expect(r.apps[0].findings.map((f: { ruleId: string }) => f.ruleId)).toContain('residency/allowed-regions');
  });

  it('applies --as-of as lint does', async () => {
    const dir = inventory();
    const later = JSON.parse((await cli(['report', '--as-of', '2027-01-10', '-f', 'json'], { cwd: dir })).stdout);
    expect(later.asOf).toBe('2027-01-10');
    const marketing = later.pocs.find((p: { name: string }) => p.name === 'marketing-poc');
    expect(marketing).toMatchObject({ daysLeft: -20, status: 'ended' });
  });

  it('exits 2 on usage and configuration errors', async () => {
    const dir = inventory();
    expect(await report(dir, '--as-of', '2026-02-30')).toMatchObject({ code: 2, stderr: 'saasgov: --as-of must be a date YYYY-MM-DD, not "2026-02-30"\n' });
    expect((await report(dir, '-f', 'pdf')).code).toBe(2);
    expect(await report(dir, 'nope/')).toMatchObject({ code: 2, stderr: 'saasgov: No such file or directory: nope/\n' });
    writeFileSync(path.join(dir, 'bad.yaml'), 'rules:\n  sso/mfaa: error\n');
    const bad = await report(dir, '--config', 'bad.yaml');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('sso/mfaa');
  });

  it('documents its options and exit status in --help', async () => {
    const r = await cli(['report', '--help'], { cwd: ROOT });
    expect(r.code).toBe(0);
    for (const s of ['-c, --config', '-f, --format', 'html', 'markdown', 'json', '-o, --output-file', '--as-of', 'Exit status: 0 when the report was written']) expect(r.stdout).toContain(s);
  });
});

describe('startup cost of the other commands', () => {
  it('nothing under src/report is reachable from the CLI entry through static imports (report loads it lazily)', () => {
    const seen = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      // Static `import … from '…'` and `export … from '…'`, not `import('…')` and not type-only imports.
      for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?\sfrom\s+'(\.[^']+)'/gm)) {
        const base = path.resolve(path.dirname(file), m[1]!.replace(/\.js$/, ''));
        for (const candidate of [`${base}.ts`, path.join(base, 'index.ts')]) {
          try {
            readFileSync(candidate);
            visit(candidate);
            break;
          } catch {
            // not this candidate
          }
        }
      }
    };
    visit(path.join(ROOT, 'src/cli/main.ts'));
    expect(seen.has(path.join(ROOT, 'src/cli/report.ts'))).toBe(true);
    expect([...seen].filter((f) => f.includes(`${path.sep}src${path.sep}report${path.sep}`))).toEqual([]);
    expect(readFileSync(path.join(ROOT, 'src/cli/report.ts'), 'utf8')).toContain("await import('../report/index.js')");
  });
});
