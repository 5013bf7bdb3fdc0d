import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules';
import { tempTree } from '../run-cli';
import { cli } from './run';

const dir = (config?: string) => {
  const d = tempTree({}, 'saasgov-info-');
  if (config !== undefined) writeFileSync(path.join(d, 'saasgov.config.yaml'), config);
  return d;
};

describe('saasgov rules', () => {
  it('lists every rule with id, category, severity in effect, waivable, controls and description (json)', async () => {
    const r = await cli(['rules', '--format', 'json'], { cwd: dir() });
    expect(r.code).toBe(0);
    const rows = JSON.parse(r.stdout) as { id: string; category: string; severity: string; waivable: boolean; controls: string[]; description: string }[];
    expect(rows.map((x) => x.id)).toEqual(RULES.map((x) => x.id));
    expect(rows.find((x) => x.id === 'sso/mfa')).toEqual({
      id: 'sso/mfa',
      category: 'sso',
      severity: 'error',
      waivable: true,
      controls: expect.arrayContaining(['SOC 2 CC6.6', 'NIST 800-53 IA-2(1)']),
      description: expect.any(String),
    });
    expect(rows.find((x) => x.id === 'waiver/expiring')!.severity).toBe('warn');
  });

  it('shows the severity in effect under the configuration: strict, off, errorFrom', async () => {
    const config = 'extends: strict\nrules:\n  waiver/unused: off\n  backup/restore-tested:\n    severity: warn\n    errorFrom: 2027-01-01\n';
    const before = JSON.parse((await cli(['rules', '-f', 'json', '--as-of', '2026-12-31'], { cwd: dir(config) })).stdout) as { id: string; severity: string }[];
    const sev = (rows: typeof before, id: string) => rows.find((x) => x.id === id)!.severity;
    expect(sev(before, 'waiver/expiring')).toBe('error');
    expect(sev(before, 'waiver/unused')).toBe('off');
    expect(sev(before, 'backup/restore-tested')).toBe('warn');
    const after = JSON.parse((await cli(['rules', '-f', 'json', '--as-of', '2027-01-01'], { cwd: dir(config) })).stdout) as typeof before;
    expect(sev(after, 'backup/restore-tested')).toBe('error');
  });

  it('prints a table with the controls of each rule', async () => {
    const r = await cli(['rules'], { cwd: dir() });
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => l.startsWith('sso/mfa '));
    expect(lines[at]).toMatch(/^sso\/mfa\s+sso\s+error\s+yes\s+/);
    expect(lines[at + 1]!.trim()).toMatch(/^controls: SOC 2 CC6\.6;/);
  });
});

describe('saasgov explain', () => {
  it("prints a rule's documentation", async () => {
    const r = await cli(['explain', 'sso/mfa'], { cwd: dir() });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(readFileSync(path.resolve(__dirname, '../../rules/sso/mfa.md'), 'utf8'));
    expect(r.stdout.split('\n')[0]).toBe('sso/mfa (error in recommended, waivable)');
  });

  it('refuses an unknown rule id with exit 2 and a "did you mean"', async () => {
    const r = await cli(['explain', 'sso/mfaa'], { cwd: dir() });
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe('saasgov: unknown rule "sso/mfaa"; did you mean `sso/mfa`? (saasgov rules lists them)\n');
  });
});

describe('saasgov schema', () => {
  it('prints the JSON Schema generated from the manifest schema', async () => {
    const r = await cli(['schema'], { cwd: dir() });
    const schema = JSON.parse(r.stdout) as { $schema: string; properties: Record<string, unknown>; required: string[] };
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.required).toEqual(['apiVersion', 'kind', 'metadata', 'spec']);
  });
});
