/**
 * A seeded generator of app inventories with known posture, for the report's
 * tests. Each app is built from an intended outcome per control family (pass,
 * fail, waived, warn or not applicable, within what SPEC §2.1 makes possible
 * for its classification and lifecycle), so the expected matrix comes from the
 * generator's choices, not from the code under test.
 */
import { stringify } from 'yaml';
import type { FamilyId } from '../../src/report/families';
import type { CellState } from '../../src/report/model';
import { addDays } from '../../src/util/dates';

type Classification = 'public' | 'internal' | 'confidential' | 'restricted';

export interface GeneratedWaiver {
  readonly rule: string;
  /** Days from as-of to expiry (negative: expired). */
  readonly days: number;
}

export interface GeneratedApp {
  readonly file: string;
  readonly name: string;
  readonly text: string;
  readonly valid: boolean;
  readonly classification: Classification;
  readonly lifecycle: 'poc' | 'production' | 'deprecated';
  readonly cells: Readonly<Record<FamilyId, CellState>>;
  readonly waivers: readonly GeneratedWaiver[];
}

/** mulberry32: a small deterministic PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` apps (one file each, `apps/gen-<seed>-<i>.yaml`) judged on `asOf` with the recommended preset. */
export function generateInventory(n: number, seed: number, asOf: string): GeneratedApp[] {
  const rand = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const apps: GeneratedApp[] = [];
  for (let i = 0; i < n; i++) {
    const name = `gen-${seed}-${String(i).padStart(3, '0')}`;
    const classification = pick<Classification>(['public', 'internal', 'confidential', 'restricted']);
    const lifecycle = pick(['production', 'production', 'production', 'poc', 'deprecated'] as const);
    const sensitive = classification === 'confidential' || classification === 'restricted';
    const personal = sensitive || rand() < 0.3;
    const seats = 1 + Math.floor(rand() * 200);
    const waivers: GeneratedWaiver[] = [];
    const waive = (rule: string) => waivers.push({ rule, days: 1 + Math.floor(rand() * 365) });
    const cells = {} as Record<FamilyId, CellState>;

    const spec: Record<string, unknown> = {
      vendor: `Vendor ${i}`,
      url: `https://${name}.example.com`,
      lifecycle,
      ...(lifecycle === 'poc' ? { pocEnds: addDays(asOf, 40) } : {}),
      seats,
      data: {
        classification,
        ...(personal ? { categories: ['pii'], subjects: ['eu'] } : {}),
        source: lifecycle === 'poc' ? 'synthetic' : 'production',
      },
      access: { groups: [`team-${i}`] },
    };
    const owner: Record<string, string> = { team: `team-${i}`, business: `owner-${i}@example.com`, technical: `admin-${i}@example.com` };

    // SSO: sso/required (internal+), no-password-vaulting and enforced (sensitive).
    cells.sso = classification === 'public' ? pick(['na', 'pass'] as const) : pick(['pass', 'fail', 'waived'] as const);
    if (cells.sso === 'na') spec.sso = { protocol: pick(['none', 'swa']) };
    else if (cells.sso === 'pass') spec.sso = { protocol: 'saml', enforced: true, okta: { preconfiguredApp: 'acme' } };
    else if (!sensitive) {
      spec.sso = { protocol: 'none' };
      if (cells.sso === 'waived') waive('sso/required');
    } else if (cells.sso === 'fail') spec.sso = { protocol: 'swa' };
    else {
      spec.sso = { protocol: 'saml', enforced: false, okta: { preconfiguredApp: 'acme' } };
      waive('sso/enforced');
    }
    // MFA: sensitive only.
    cells.mfa = sensitive ? pick(['pass', 'fail', 'waived'] as const) : 'na';
    const sso = spec.sso as Record<string, unknown>;
    if (cells.mfa === 'pass') sso.mfa = 'required';
    if (cells.mfa === 'waived') waive('sso/mfa');

    // Provisioning: deprovisioning applies to every app; SCIM from 25 seats or sensitive data.
    cells.provisioning = pick(['pass', 'fail', 'waived'] as const);
    if (cells.provisioning === 'pass') spec.provisioning = { scim: { enabled: true, features: ['create', 'deactivate'] } };
    else if (cells.provisioning === 'waived') {
      waive('provisioning/deprovisioning');
      if (seats >= 25 || sensitive) waive('provisioning/scim');
    }

    // Backup: production apps with internal or more sensitive data.
    const backupApplies = lifecycle === 'production' && classification !== 'public';
    cells.backup = backupApplies ? pick(['pass', 'warn', 'fail', 'waived'] as const) : 'na';
    if (cells.backup === 'pass') spec.backup = { strategy: 'vendor-native', retentionDays: 400, lastRestoreTest: addDays(asOf, -30) };
    if (cells.backup === 'warn') spec.backup = { strategy: 'vendor-native', retentionDays: 400 };
    // No backup, waived: with nothing to restore, backup/restore-tested asks nothing either.
    if (cells.backup === 'waived') waive('backup/required');

    // Residency: declared for sensitive data; transfers for personal data of EU people.
    cells.residency = sensitive || personal ? pick(['pass', 'fail', 'waived'] as const) : 'na';
    if (cells.residency === 'pass') spec.residency = { regions: ['eu'] };
    else if (cells.residency !== 'na') {
      if (!sensitive) spec.residency = { regions: ['us'] };
      if (cells.residency === 'waived') waive(sensitive ? 'residency/declared' : 'residency/transfers');
    }

    // Vendor assurance: sensitive or personal data.
    cells.vendor = sensitive || personal ? pick(['pass', 'fail', 'waived'] as const) : 'na';
    if (cells.vendor === 'pass') spec.vendorAssurance = { dpaSigned: true, certifications: ['soc2-type2'] };
    else if (cells.vendor !== 'na') {
      spec.vendorAssurance = { dpaSigned: false, certifications: ['soc2-type2'] };
      if (cells.vendor === 'waived') waive('vendor/assurance');
    }

    // Ownership: every app.
    cells.ownership = pick(['pass', 'fail', 'waived'] as const);
    if (cells.ownership !== 'pass') delete owner.technical;
    if (cells.ownership === 'waived') waive('ownership/owners');

    // Other rules: an expired waiver fails waiver/valid; a valid one ending within 30 days warns (waiver/expiring).
    const expired = rand() < 0.15;
    if (expired) waivers.push({ rule: 'ownership/owners', days: -1 - Math.floor(rand() * 60) });
    cells.other = expired ? 'fail' : waivers.some((w) => w.days >= 0 && w.days <= 30) ? 'warn' : 'pass';

    if (waivers.length > 0) {
      spec.waivers = waivers.map((w, k) => ({
        rule: w.rule,
        reason: `Accepted risk number ${k} until the contract renewal, reviewed monthly`,
        approvedBy: 'ciso@example.com',
        ticket: `SEC-${seed}-${i}-${k}`,
        expires: addDays(asOf, w.days),
      }));
    }
    // One app in ten does not match the schema: every control family is then unknown.
    const valid = rand() >= 0.1;
    if (!valid) {
      spec.colour = 'blue';
      for (const f of Object.keys(cells) as FamilyId[]) cells[f] = f === 'other' ? 'fail' : 'unknown';
    }
    const manifest = { apiVersion: 'saasgov.dev/v1', kind: 'SaaSApp', metadata: { name, owner }, spec };
    apps.push({ file: `apps/${name}.yaml`, name, text: stringify(manifest), valid, classification, lifecycle, cells, waivers: valid ? waivers : [] });
  }
  return apps;
}
