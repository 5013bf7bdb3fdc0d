/**
 * Test helpers: lint YAML text in memory with a given config and as-of date,
 * and find exact positions of text in a manifest, so tests assert
 * line/column/endLine/endColumn without counting by hand.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { LineCounter, parseDocument } from 'yaml';
import { parseConfigFile } from '../src/config/load';
import { ConfigResolver } from '../src/config/resolve';
import { applyProjectRules } from '../src/engine/lint';
import { lintSource } from '../src/engine/lint-file';
import type { LintMessage, LintResult } from '../src/engine/results';
import { decodeManifest } from '../src/manifest/read';
import { buildReport } from '../src/report/build';
import type { Report } from '../src/report/model';
import { RULES_BY_ID } from '../rules';

/** The as-of date tests use unless they say otherwise. */
export const AS_OF = '2026-12-01';

export interface LintTextOptions {
  asOf?: string;
  /** A `saasgov.config.yaml` text. */
  config?: string;
  /** File name shown in results (default `apps/app.yaml`). */
  file?: string;
}

/** Parses a config text as if it were `saasgov.config.yaml` in a temporary directory. */
export function configFromText(text: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'saasgov-config-'));
  try {
    const file = path.join(dir, 'saasgov.config.yaml');
    writeFileSync(file, text);
    return { ...parseConfigFile(file, RULES_BY_ID), baseDir: '/repo', filePath: '/repo/saasgov.config.yaml' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Lints several in-memory files (text, or raw bytes) as one run (project rules included). */
export function lintFiles(files: Record<string, string | Uint8Array>, options: Omit<LintTextOptions, 'file'> = {}): LintResult[] {
  const config = configFromText(options.config ?? '{}');
  const asOf = options.asOf ?? AS_OF;
  const resolver = new ConfigResolver(config, RULES_BY_ID, asOf);
  const names = Object.keys(files).sort();
  const outcomes = names.map((name) => {
    const filePath = `/repo/${name}`;
    const content = files[name]!;
    return lintSource(filePath, decodeManifest(typeof content === 'string' ? Buffer.from(content, 'utf8') : content), {
      env: { asOf, rules: RULES_BY_ID },
      settings: resolver.settingsFor(filePath),
      displayPath: name,
      keepManifests: true,
    });
  });
  return applyProjectRules(outcomes, resolver, RULES_BY_ID);
}

/**
 * The posture report of several in-memory files linted as one run (see
 * `lintFiles`), with the same config and as-of for the report's
 * applicability; files are shown relative to `/repo`.
 */
export function reportFiles(files: Record<string, string>, options: Omit<LintTextOptions, 'file'> = {}): Report {
  const asOf = options.asOf ?? AS_OF;
  const resolver = new ConfigResolver(configFromText(options.config ?? '{}'), RULES_BY_ID, asOf);
  return buildReport(lintFiles(files, options), { asOf, rules: RULES_BY_ID, cwd: '/repo', settingsFor: (f) => resolver.settingsFor(f), version: '0.0.0-test' });
}

/** Lints one in-memory manifest file. */
export function lintText(text: string, options: LintTextOptions = {}): LintResult {
  return lintFiles({ [options.file ?? 'apps/app.yaml']: text }, options)[0]!;
}

/** The findings of `ruleId` (all when omitted), as comparable records. */
export function findings(result: LintResult, ruleId?: string) {
  return result.messages.filter((m) => ruleId === undefined || m.ruleId === ruleId).map(brief);
}

/** The suppressed findings of `ruleId`. */
export function suppressed(result: LintResult, ruleId?: string) {
  return result.suppressedMessages.filter((m) => ruleId === undefined || m.ruleId === ruleId).map(brief);
}

function brief(m: LintMessage) {
  return { ruleId: m.ruleId, messageId: m.messageId, line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn };
}

/**
 * The range of the `occurrence`-th (0-based) match of `needle` in `text`, as
 * `{ line, column, endLine, endColumn }` (1-based, end exclusive).
 */
export function rangeOf(text: string, needle: string, occurrence = 0) {
  let at = -1;
  for (let i = 0; i <= occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at === -1) throw new Error(`"${needle}" occurs fewer than ${occurrence + 1} times`);
  }
  const before = text.slice(0, at);
  const line = before.split('\n').length;
  const column = at - before.lastIndexOf('\n');
  const inner = needle.split('\n');
  const endLine = line + inner.length - 1;
  const endColumn = inner.length === 1 ? column + needle.length : inner.at(-1)!.length + 1;
  return { line, column, endLine, endColumn };
}

/**
 * The range of `needle` inside the first occurrence of `context` (a longer,
 * unique piece of text such as `enforced: on`), for needles that also occur
 * elsewhere.
 */
export function within(text: string, context: string, needle: string) {
  const start = text.indexOf(context);
  if (start === -1) throw new Error(`"${context}" does not occur`);
  const offset = context.indexOf(needle);
  if (offset === -1) throw new Error(`"${needle}" is not in "${context}"`);
  const before = text.slice(0, start + offset);
  const line = before.split('\n').length;
  const column = start + offset - before.lastIndexOf('\n');
  return { line, column, endLine: line, endColumn: column + needle.length };
}

/** A finding record at `needle` inside `context` (see `within`). */
export function atWithin(ruleId: string, messageId: string, text: string, context: string, needle: string) {
  return { ruleId, messageId, ...within(text, context, needle) };
}

/** A finding record at the range of `needle` in `text`. */
export function at(ruleId: string, messageId: string, text: string, needle: string, occurrence = 0) {
  return { ruleId, messageId, ...rangeOf(text, needle, occurrence) };
}

/**
 * `text` with changes applied: `set` maps dot paths (`spec.sso.protocol`,
 * `spec.waivers.0.rule`) to values; `remove` lists dot paths to delete.
 */
export function edit(text: string, changes: { set?: Record<string, unknown>; remove?: string[] }): string {
  const doc = parseDocument(text, { lineCounter: new LineCounter() });
  const toPath = (p: string) => p.split('.').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  for (const [p, v] of Object.entries(changes.set ?? {})) doc.setIn(toPath(p), v);
  for (const p of changes.remove ?? []) doc.deleteIn(toPath(p));
  return doc.toString({ lineWidth: 0 });
}

/**
 * A manifest that passes every rule of the recommended preset on AS_OF: a
 * confidential, production SAML app through the Okta Integration Network.
 */
export const VALID = `apiVersion: saasgov.dev/v1
kind: SaaSApp
metadata:
  name: crm-salesforce
  displayName: Salesforce Sales Cloud
  description: CRM for the sales team
  owner:
    team: sales-ops
    business: jane.doe@example.com
    technical: it-apps@example.com
  costCenter: CC-4410
  labels:
    department: sales
spec:
  vendor: Salesforce
  url: https://acme.my.salesforce.com
  plan: Enterprise
  lifecycle: production
  seats: 250
  data:
    classification: confidential
    categories: [pii, customer]
    source: production
    subjects: [eu]
  sso:
    protocol: saml
    enforced: true
    mfa: required
    okta:
      preconfiguredApp: salesforce
  provisioning:
    scim:
      enabled: true
      features: [create, update, deactivate, push-groups]
    deprovisioning:
      method: automatic
  access:
    groups: [sales, sales-admins]
  backup:
    strategy: third-party
    provider: OwnBackup
    frequency: daily
    retentionDays: 365
    lastRestoreTest: 2026-10-02
  residency:
    regions: [eu]
    transferMechanism: scc
  vendorAssurance:
    dpaSigned: true
    certifications: [soc2-type2, iso27001]
`;

/** The range of the `occurrence`-th (0-based) mapping key `key` in `text` (where a missing field is reported). */
export function keyRange(text: string, key: string, occurrence = 0) {
  const r = rangeOf(text, `${key}:`, occurrence);
  return { ...r, endColumn: r.endColumn - 1 };
}

/** A finding record at mapping key `key`. */
export function atKey(ruleId: string, messageId: string, text: string, key: string, occurrence = 0) {
  return { ruleId, messageId, ...keyRange(text, key, occurrence) };
}

/** A waiver of `rule` that `waiver/valid` accepts on AS_OF: approved by a non-owner, with a ticket, a reason and an expiry within 365 days. */
export function waiverOf(rule: string) {
  return {
    rule,
    reason: 'Accepted risk until the vendor contract renewal; reviewed monthly by IT security',
    approvedBy: 'ciso@example.com',
    ticket: 'SEC-1234',
    expires: '2027-03-01',
  };
}

/** `text` with one valid waiver of `rule` (see `waiverOf`). */
export function withWaiver(text: string, rule: string): string {
  return edit(text, { set: { 'spec.waivers': [waiverOf(rule)] } });
}
