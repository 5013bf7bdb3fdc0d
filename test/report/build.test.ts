/**
 * The report model from known inputs: the fixture inventory (hand-written
 * manifests whose outcome is stated in each file's comment) and generated
 * inventories whose posture is decided by the generator. Expectations are
 * written out or computed from the inputs, never read back from the model.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REDACTED } from '../../src/report/build';
import { FAMILY_IDS, type FamilyId } from '../../src/report/families';
import type { App, CellState, Report, Verdict } from '../../src/report/model';
import { renderJson } from '../../src/report/json';
import { AS_OF, edit, reportFiles, VALID } from '../helpers';
import { generateInventory } from './inventory';

const FIXTURES = path.resolve(__dirname, '../fixtures/report');
const fixtureFiles = (): Record<string, string> =>
  Object.fromEntries(readdirSync(path.join(FIXTURES, 'apps')).map((f) => [`apps/${f}`, readFileSync(path.join(FIXTURES, 'apps', f), 'utf8')]));
const fixtureConfig = (): string => readFileSync(path.join(FIXTURES, 'saasgov.config.yaml'), 'utf8');

const byName = (report: Report, name: string): App => report.apps.find((a) => a.name === name)!;
const cells = (app: App) => Object.fromEntries(FAMILY_IDS.map((f) => [f, app.cells[f].state]));

describe('the fixture inventory', () => {
  const report = reportFiles(fixtureFiles(), { config: fixtureConfig() });

  it('has one row per app, in file order, with the identity columns', () => {
    expect(report.apps.map((a) => a.name)).toEqual([
      'analytics-poc',
      'crm-salesforce',
      'design-figma',
      'hr-payroll',
      'legacy-fileshare',
      'marketing-poc',
      'support-zendesk',
      'wiki-public',
    ]);
    expect(byName(report, 'hr-payroll')).toMatchObject({
      id: 'apps/hr-payroll.yaml#0',
      file: 'apps/hr-payroll.yaml',
      document: 0,
      displayName: 'Gusto Payroll',
      vendor: 'Gusto',
      owner: { team: 'people-ops', business: 'maria.rossi@example.com', technical: 'hr-systems@example.com' },
      classification: 'restricted',
      lifecycle: 'production',
      seats: 40,
      valid: true,
    });
    // A manifest that fails the schema keeps its row, named from its raw metadata.name.
    expect(byName(report, 'legacy-fileshare')).toMatchObject({ valid: false, displayName: null, classification: null, lifecycle: null, seats: null });
  });

  it('fills every matrix cell as the fixtures state', () => {
    const expected: Record<string, Record<FamilyId, CellState>> = {
      'analytics-poc': { sso: 'pass', mfa: 'pass', provisioning: 'pass', backup: 'na', residency: 'pass', vendor: 'pass', ownership: 'fail', other: 'fail' },
      'crm-salesforce': { sso: 'pass', mfa: 'pass', provisioning: 'pass', backup: 'pass', residency: 'pass', vendor: 'pass', ownership: 'pass', other: 'pass' },
      'design-figma': { sso: 'pass', mfa: 'na', provisioning: 'pass', backup: 'warn', residency: 'na', vendor: 'na', ownership: 'pass', other: 'pass' },
      'hr-payroll': { sso: 'fail', mfa: 'fail', provisioning: 'waived', backup: 'fail', residency: 'fail', vendor: 'fail', ownership: 'pass', other: 'pass' },
      'legacy-fileshare': {
        sso: 'unknown',
        mfa: 'unknown',
        provisioning: 'unknown',
        backup: 'unknown',
        residency: 'unknown',
        vendor: 'unknown',
        ownership: 'unknown',
        other: 'fail',
      },
      'marketing-poc': { sso: 'waived', mfa: 'na', provisioning: 'pass', backup: 'na', residency: 'na', vendor: 'na', ownership: 'pass', other: 'warn' },
      'support-zendesk': { sso: 'waived', mfa: 'pass', provisioning: 'pass', backup: 'waived', residency: 'pass', vendor: 'pass', ownership: 'pass', other: 'pass' },
      'wiki-public': { sso: 'na', mfa: 'na', provisioning: 'pass', backup: 'na', residency: 'na', vendor: 'na', ownership: 'pass', other: 'pass' },
    };
    expect(Object.fromEntries(report.apps.map((a) => [a.name, cells(a)]))).toEqual(expected);
  });

  it('links each cell to exactly the findings of its family', () => {
    const hr = byName(report, 'hr-payroll');
    const rulesOf = (f: FamilyId) => hr.cells[f].findings.map((i) => hr.findings[i]!.ruleId);
    expect(rulesOf('sso')).toEqual(['sso/no-password-vaulting']);
    expect(rulesOf('mfa')).toEqual(['sso/mfa']);
    expect(rulesOf('provisioning')).toEqual(['provisioning/scim']);
    expect(rulesOf('backup')).toEqual(['backup/required', 'backup/restore-tested']);
    expect(rulesOf('residency')).toEqual(['residency/allowed-regions', 'residency/transfers']);
    expect(rulesOf('vendor')).toEqual(['vendor/assurance', 'vendor/assurance']);
    expect(rulesOf('ownership')).toEqual([]);
    const scim = hr.findings[hr.cells.provisioning.findings[0]!]!;
    expect(scim).toMatchObject({ ruleId: 'provisioning/scim', severity: 'error', suppressed: true, waivers: ['SEC-2001'], line: 27, column: 16, path: 'spec.provisioning.scim.enabled' });
    // Every finding is behind exactly one cell.
    for (const app of report.apps) {
      const linked = FAMILY_IDS.flatMap((f) => app.cells[f].findings).sort((a, b) => a - b);
      expect(linked).toEqual(app.findings.map((_, i) => i));
    }
  });

  it('gives each app the verdict lint would: error findings fail, waivers are compliant, warnings pass', () => {
    const verdicts: Record<string, Verdict> = Object.fromEntries(report.apps.map((a) => [a.name, a.verdict]));
    expect(verdicts).toEqual({
      'analytics-poc': 'nonCompliant',
      'crm-salesforce': 'compliant',
      'design-figma': 'compliant',
      'hr-payroll': 'nonCompliant',
      'legacy-fileshare': 'invalid',
      'marketing-poc': 'waived',
      'support-zendesk': 'waived',
      'wiki-public': 'compliant',
    });
    expect(byName(report, 'hr-payroll').counts).toEqual({ errors: 7, warnings: 1, suppressed: 1 });
  });

  it('counts the summary', () => {
    const s = report.summary;
    expect(s.apps).toBe(8);
    expect(s.verdicts).toEqual({ compliant: 3, waived: 2, nonCompliant: 2, invalid: 1 });
    expect(s.shares).toEqual({ compliant: 0.375, compliantOrWaived: 0.625 });
    expect(s.findings).toEqual({ errors: 12, warnings: 3, suppressed: 4 });
    expect(s.families.find((f) => f.family === 'sso')).toEqual({
      family: 'sso',
      counts: { pass: 3, warn: 0, waived: 2, fail: 1, na: 1, unknown: 1 },
      applicable: 7,
      passing: 3,
      share: 0.4286,
    });
    expect(s.families.find((f) => f.family === 'backup')).toEqual({
      family: 'backup',
      counts: { pass: 1, warn: 1, waived: 1, fail: 1, na: 3, unknown: 1 },
      applicable: 5,
      passing: 2,
      share: 0.4,
    });
    expect(s.classifications).toEqual([
      { classification: 'public', apps: 1, verdicts: { compliant: 1, waived: 0, nonCompliant: 0, invalid: 0 } },
      { classification: 'internal', apps: 2, verdicts: { compliant: 1, waived: 1, nonCompliant: 0, invalid: 0 } },
      { classification: 'confidential', apps: 3, verdicts: { compliant: 1, waived: 1, nonCompliant: 1, invalid: 0 } },
      { classification: 'restricted', apps: 1, verdicts: { compliant: 0, waived: 0, nonCompliant: 1, invalid: 0 } },
      { classification: 'unknown', apps: 1, verdicts: { compliant: 0, waived: 0, nonCompliant: 0, invalid: 1 } },
    ]);
    expect(s.waivers).toEqual({ expired: 1, within30: 1, within60: 1, within90: 1, later: 1, total: 5 });
    expect(s.pocs).toEqual({ total: 2, ended: 1, noEndDate: 0, productionData: 1 });
  });

  it('ranks the riskiest apps by classification weight × failing columns', () => {
    expect(report.summary.riskiest).toEqual([
      // Unknown classification counts as restricted (4); 7 unknown families + "other" failing.
      { app: 'apps/legacy-fileshare.yaml#0', name: 'legacy-fileshare', score: 32 },
      // restricted (4) × sso, mfa, backup, residency, vendor; the waived SCIM column does not count.
      { app: 'apps/hr-payroll.yaml#0', name: 'hr-payroll', score: 20 },
      // confidential (3) × ownership, other.
      { app: 'apps/analytics-poc.yaml#0', name: 'analytics-poc', score: 6 },
    ]);
    expect(byName(report, 'hr-payroll').risk).toEqual({ score: 20, weight: 4, failing: 5 });
    expect(byName(report, 'crm-salesforce').risk).toEqual({ score: 0, weight: 3, failing: 0 });
  });

  it('buckets every waiver by days to expiry, with the engine\'s validity', () => {
    const buckets = Object.fromEntries(report.waivers.map((b) => [b.id, b.waivers.map((w) => [w.name, w.rule, w.ticket, w.daysToExpiry, w.valid, w.suppresses])]));
    expect(buckets).toEqual({
      expired: [['analytics-poc', 'lifecycle/poc-expiry', 'SEC-1990', -6, false, 0]],
      within30: [['marketing-poc', 'sso/saml-hardening', 'SEC-2044', 19, true, 1]],
      within60: [['support-zendesk', 'sso/oidc-hardening', 'SEC-2101', 50, true, 1]],
      within90: [['hr-payroll', 'provisioning/scim', 'SEC-2001', 76, true, 1]],
      later: [['support-zendesk', 'backup/restore-tested', 'SEC-2102', 211, true, 1]],
    });
    expect(report.waivers[0]!.waivers[0]).toMatchObject({
      approvedBy: 'cto@example.com',
      reason: 'Evaluation extended until the board decision in November',
      expires: '2026-11-25',
      problems: ['expired'],
    });
  });

  it('lists per control the apps that pass, fail, are waived or unknown', () => {
    const control = (id: string) => {
      const c = report.controls.find((x) => x.id === id)!;
      const names = (ids: readonly string[]) => ids.map((a) => report.apps.find((x) => x.id === a)!.name);
      return { framework: c.framework, rules: c.rules, pass: names(c.apps.pass), warn: names(c.apps.warn), waived: names(c.apps.waived), fail: names(c.apps.fail), unknown: names(c.apps.unknown), na: c.notApplicable };
    };
    expect(control('SOC 2 CC6.6')).toEqual({
      framework: 'SOC 2',
      rules: ['sso/mfa'],
      pass: ['analytics-poc', 'crm-salesforce', 'support-zendesk'],
      warn: [],
      waived: [],
      fail: ['hr-payroll'],
      unknown: ['legacy-fileshare'],
      na: 3,
    });
    expect(control('SOC 2 A1.2')).toEqual({
      framework: 'SOC 2',
      rules: ['backup/required', 'backup/restore-tested', 'backup/retention'],
      pass: ['crm-salesforce'],
      warn: ['design-figma'],
      waived: ['support-zendesk'],
      fail: ['hr-payroll'],
      unknown: ['legacy-fileshare'],
      na: 3,
    });
    // manifest/schema evidences A.5.9 too: the invalid manifest fails it rather than being unknown.
    expect(control('ISO 27001:2022 A.5.9')).toMatchObject({ fail: ['analytics-poc', 'legacy-fileshare'], unknown: [], na: 0 });
    // SAML/OIDC hardening: not applicable to the swa and none apps.
    expect(control('RFC 9700')).toMatchObject({
      framework: 'Other',
      waived: ['marketing-poc', 'support-zendesk'],
      pass: ['analytics-poc', 'crm-salesforce', 'design-figma'],
      unknown: ['legacy-fileshare'],
      na: 2,
    });
    // Every control of every rule appears once, frameworks in order, ids in natural order.
    const ids = report.controls.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id.startsWith('CIS v8'))).toEqual(['CIS v8 3.8', 'CIS v8 5.6', 'CIS v8 6.1', 'CIS v8 6.2', 'CIS v8 6.3', 'CIS v8 6.5', 'CIS v8 6.7', 'CIS v8 6.8', 'CIS v8 11.2', 'CIS v8 11.5', 'CIS v8 15.1', 'CIS v8 15.4', 'CIS v8 15.5']);
    expect([...new Set(report.controls.map((c) => c.framework))]).toEqual(['SOC 2', 'ISO 27001', 'NIST 800-53', 'CIS v8', 'GDPR', 'Other']);
  });

  it('leaves out the org rules (okta/*): they judge the org in `audit okta`, and ran on no manifest here', () => {
    const ruleIds = [...report.families.flatMap((f) => f.rules), ...report.controls.flatMap((c) => c.rules)];
    expect(ruleIds.filter((id) => id.startsWith('okta/'))).toEqual([]);
    // Their controls (software inventory, change control) are evidenced by no manifest rule.
    expect(report.controls.map((c) => c.id)).not.toContain('NIST 800-53 CM-3');
  });

  it('tracks PoCs with end dates, days left and production data', () => {
    expect(report.pocs).toEqual([
      { app: 'apps/analytics-poc.yaml#0', name: 'analytics-poc', classification: 'confidential', pocEnds: '2026-11-20', daysLeft: -11, status: 'ended', productionData: true, sensitive: true, state: 'fail' },
      { app: 'apps/marketing-poc.yaml#0', name: 'marketing-poc', classification: 'internal', pocEnds: '2026-12-21', daysLeft: 20, status: 'running', productionData: false, sensitive: false, state: 'pass' },
    ]);
  });

  it('is deterministic and stable: same input, same bytes; a schema version; no date but as-of', () => {
    const again = reportFiles(fixtureFiles(), { config: fixtureConfig() });
    expect(renderJson(again)).toBe(renderJson(report));
    expect(Object.keys(report)).toEqual(['schemaVersion', 'generator', 'asOf', 'families', 'summary', 'apps', 'waivers', 'controls', 'pocs']);
    expect(report.schemaVersion).toBe(1);
    const dates = new Set(renderJson(report).match(/\d{4}-\d{2}-\d{2}T/g) ?? []);
    expect(dates.size).toBe(0);
  });
});

describe('applicability follows the configuration', () => {
  it('a rule that is off applies to nothing: its family becomes not applicable', () => {
    const r = reportFiles({ 'apps/a.yaml': VALID }, { config: 'rules:\n  sso/mfa: off\n' });
    expect(r.apps[0]!.cells.mfa.state).toBe('na');
    expect(reportFiles({ 'apps/a.yaml': VALID }).apps[0]!.cells.mfa.state).toBe('pass');
  });

  it('residency/allowed-regions applies only to the classifications its option names', () => {
    const internal = edit(VALID, { set: { 'spec.data.classification': 'internal', 'spec.data.categories': [] } });
    expect(reportFiles({ 'apps/a.yaml': internal }).apps[0]!.cells.residency.state).toBe('na');
    const r = reportFiles({ 'apps/a.yaml': internal }, { config: 'rules:\n  residency/allowed-regions: [error, {allowed: {internal: [eu]}}]\n' });
    expect(r.apps[0]!.cells.residency.state).toBe('pass');
  });

  it('provisioning/scim follows minSeats', () => {
    // 250 seats, not sensitive, SCIM off but deprovisioning automatic: only the seat count brings SCIM in scope.
    const app = edit(VALID, { set: { 'spec.data.classification': 'internal', 'spec.provisioning.scim.enabled': false } });
    expect(reportFiles({ 'apps/a.yaml': app }).apps[0]!.cells.provisioning.state).toBe('fail');
    expect(reportFiles({ 'apps/a.yaml': app }, { config: 'rules:\n  provisioning/scim: [error, {minSeats: 1000}]\n' }).apps[0]!.cells.provisioning.state).toBe('pass');
  });
});

describe('rows for every input', () => {
  it('a file that is empty or unreadable as text is one invalid row named by its file', () => {
    const r = reportFiles({ 'apps/empty.yaml': '', 'apps/latin1.yaml': '\xff\xfe' });
    expect(r.apps.map((a) => [a.id, a.name, a.valid, a.verdict, a.cells.sso.state, a.cells.other.state])).toEqual([
      ['apps/empty.yaml#0', null, false, 'invalid', 'unknown', 'fail'],
      ['apps/latin1.yaml#0', null, false, 'invalid', 'unknown', 'fail'],
    ]);
  });

  it('several documents in one file are several rows', () => {
    const second = VALID.replace('name: crm-salesforce', 'name: crm-second');
    const r = reportFiles({ 'apps/two.yaml': `${VALID}---\n${second}` });
    expect(r.apps.map((a) => [a.id, a.name, a.document, a.verdict])).toEqual([
      ['apps/two.yaml#0', 'crm-salesforce', 0, 'compliant'],
      ['apps/two.yaml#1', 'crm-second', 1, 'compliant'],
    ]);
  });

  it('never shows a value that secrets/no-inline-secrets flagged', () => {
    const key = 'AKIA' + 'ABCDEFGHIJKLMNOP';
    const text = edit(VALID, { set: { 'metadata.displayName': `CRM ${key}`, 'spec.waivers': [{ rule: 'sso/mfa', reason: `temporary key ${key} until rotation done`, approvedBy: 'ciso@example.com', ticket: 'SEC-9', expires: '2027-01-01' }] } });
    const r = reportFiles({ 'apps/a.yaml': text });
    expect(r.apps[0]!.displayName).toBe(REDACTED);
    expect(r.waivers.flatMap((b) => b.waivers)[0]!.reason).toBe(REDACTED);
    expect(renderJson(r)).not.toContain(key);
  });
});

describe('generated inventories', () => {
  const bucketOf = (days: number) => (days < 0 ? 'expired' : days <= 30 ? 'within30' : days <= 60 ? 'within60' : days <= 90 ? 'within90' : 'later');
  const rankOf = { public: 1, internal: 2, confidential: 3, restricted: 4 } as const;

  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}: matrix, verdicts, counts, risk, waiver buckets and control evidence match the generator`, () => {
      const inventory = generateInventory(60, seed, AS_OF);
      const report = reportFiles(Object.fromEntries(inventory.map((g) => [g.file, g.text])));
      expect(report.apps.map((a) => a.name)).toEqual(inventory.map((g) => g.name));

      for (const [i, g] of inventory.entries()) {
        const app = report.apps[i]!;
        expect({ name: app.name, valid: app.valid, cells: cells(app) }).toEqual({ name: g.name, valid: g.valid, cells: g.cells });
        const states = Object.values(g.cells);
        const verdict: Verdict = !g.valid ? 'invalid' : states.includes('fail') ? 'nonCompliant' : states.includes('waived') ? 'waived' : 'compliant';
        expect(app.verdict).toBe(verdict);
        const failing = states.filter((s) => s === 'fail' || s === 'unknown').length;
        expect(app.risk.score).toBe((g.valid ? rankOf[g.classification] : 4) * failing);
      }

      for (const f of FAMILY_IDS) {
        const counts = { pass: 0, warn: 0, waived: 0, fail: 0, na: 0, unknown: 0 };
        for (const g of inventory) counts[g.cells[f]]++;
        expect(report.summary.families.find((x) => x.family === f)!.counts).toEqual(counts);
      }
      expect(report.summary.verdicts.invalid).toBe(inventory.filter((g) => !g.valid).length);

      const expectedWaivers = inventory.flatMap((g) => g.waivers.map((w) => [bucketOf(w.days), g.name, w.rule, w.days] as const));
      const actualWaivers = report.waivers.flatMap((b) => b.waivers.map((w) => [b.id, w.name, w.rule, w.daysToExpiry] as const));
      const key = (x: readonly unknown[]) => JSON.stringify(x);
      expect(actualWaivers.map(key).sort()).toEqual(expectedWaivers.map(key).sort());
      for (const b of report.waivers) for (const w of b.waivers) expect(w.valid).toBe(w.daysToExpiry >= 0);

      // Controls evidenced by the rules of one family list the apps of that family's cells.
      const single: Record<string, FamilyId> = { 'SOC 2 CC6.6': 'mfa', 'GDPR Art. 28': 'vendor', 'CIS v8 15.1': 'ownership', 'SOC 2 A1.2': 'backup', 'CIS v8 3.8': 'residency', 'SOC 2 CC6.2': 'provisioning' };
      for (const [id, family] of Object.entries(single)) {
        const c = report.controls.find((x) => x.id === id)!;
        const names = (state: CellState) => inventory.filter((g) => g.cells[family] === state).map((g) => `${g.file}#0`);
        expect(c.apps).toEqual({ pass: names('pass'), warn: names('warn'), waived: names('waived'), fail: names('fail'), unknown: names('unknown') });
        expect(c.notApplicable).toBe(names('na').length);
      }
    });
  }
});
