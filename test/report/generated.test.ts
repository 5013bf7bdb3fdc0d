/**
 * The report on an inventory from the synthetic-manifest generator (a draft of
 * the format, see test/fixtures/report/generated/README.md), checked against
 * the generator's own verdicts (`truth.json`): every file is a row, files it
 * made without required fields are invalid, and every violation it planted in
 * a manifest that matches the schema fails the matching family.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAMILY_IDS, type FamilyId } from '../../src/report/families';
import { reportFiles } from '../helpers';

const DIR = path.resolve(__dirname, '../fixtures/report/generated');
const truth = JSON.parse(readFileSync(path.join(DIR, 'truth.json'), 'utf8')) as Record<string, string[]>;
const files = Object.fromEntries(readdirSync(path.join(DIR, 'apps')).map((f) => [`apps/${f}`, readFileSync(path.join(DIR, 'apps', f), 'utf8')]));

/** The family whose rules cover each kind of violation the generator plants. */
const FAMILY_OF_KIND: Record<string, FamilyId> = {
  'sso-none': 'sso',
  'sso-not-enforced': 'sso',
  'saml-sha1': 'sso',
  'http-redirect': 'sso',
  'implicit-grant': 'sso',
  'scim-disabled': 'provisioning',
  'no-backup': 'backup',
  'eu-pii-region': 'residency',
  'poc-expired': 'other',
  'waiver-expired': 'other',
  'inline-secret': 'other',
};

describe('a generated inventory (draft format)', () => {
  const report = reportFiles(files);
  const kindOf = (file: string) => truth[path.basename(file)]!;

  it('has one row per file, none dropped', () => {
    expect(report.apps.map((a) => a.file)).toEqual(Object.keys(files).sort());
    expect(Object.keys(truth).sort()).toEqual(Object.keys(files).map((f) => path.basename(f)).sort());
  });

  it('shows manifests that fail the schema as invalid: every control family unknown, "other" failing with the manifest findings', () => {
    const invalid = report.apps.filter((a) => !a.valid);
    expect(invalid.length).toBeGreaterThan(10);
    for (const app of report.apps.filter((a) => kindOf(a.file).includes('missing-required'))) expect(app.valid).toBe(false);
    for (const app of invalid) {
      expect(app.verdict).toBe('invalid');
      for (const f of FAMILY_IDS.filter((x) => x !== 'other')) expect(app.cells[f]).toEqual({ state: 'unknown', findings: [] });
      expect(app.cells.other.state).toBe('fail');
      const rules = new Set(app.cells.other.findings.map((i) => app.findings[i]!.ruleId));
      expect(rules.has('manifest/schema') || rules.has('manifest/syntax')).toBe(true);
    }
  });

  it('fails the matching family for every violation the generator planted in a valid manifest', () => {
    const planted = report.apps.filter((a) => a.valid).flatMap((a) => kindOf(a.file).map((kind) => ({ app: a, kind })));
    expect(new Set(planted.map((p) => p.kind))).toEqual(new Set(Object.keys(FAMILY_OF_KIND)));
    for (const { app, kind } of planted) {
      const family = FAMILY_OF_KIND[kind]!;
      expect({ file: app.file, kind, state: app.cells[family].state }).toEqual({ file: app.file, kind, state: 'fail' });
      expect(app.verdict).toBe('nonCompliant');
    }
  });

  it('never shows the planted credential', () => {
    const app = report.apps.find((a) => kindOf(a.file).includes('inline-secret') && a.valid)!;
    expect(app.findings.some((f) => f.ruleId === 'secrets/no-inline-secrets')).toBe(true);
    expect(JSON.stringify(report)).not.toContain(['AKIA', 'IOSFODNN7EXAMPLE'].join(''));
  });
});
