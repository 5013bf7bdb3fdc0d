/**
 * Builds the posture report from lint results: a pure function of the results,
 * the rules, the rule settings and the as-of date. It judges nothing itself:
 * findings, suppressions and waiver validity come from the engine, and "not
 * applicable" from the scope predicates of `families.ts`.
 */
import { displayPath } from '../engine/files';
import { compareMessages, type DocumentResult, type LintMessage, type LintResult } from '../engine/results';
import { judgesManifests, type AnyRule, type RuleSettings } from '../engine/rule';
import { checkWaiver, type WaiverValidOptions } from '../engine/waivers';
import { classificationRank, isSensitive } from '../manifest/facts';
import type { Classification, Manifest } from '../manifest/schema';
import { CLASSIFICATIONS } from '../manifest/schema';
import { daysBetween } from '../util/dates';
import { FAMILIES, FAMILY_IDS, familyOf, ruleApplies, type FamilyId } from './families';
import {
  FRAMEWORKS,
  REPORT_SCHEMA_VERSION,
  STATE_PRECEDENCE,
  WAIVER_BUCKETS,
  type App,
  type Cell,
  type CellState,
  type ClassificationSummary,
  type ControlEvidence,
  type FamilySummary,
  type Finding,
  type Framework,
  type Poc,
  type Report,
  type Risk,
  type StateCounts,
  type Verdict,
  type VerdictCounts,
  type WaiverBucketId,
  type WaiverEntry,
} from './model';

export interface ReportOptions {
  /** The evaluation date the results were linted with. */
  readonly asOf: string;
  /** Every registered rule (the registry the results were linted with); the report keeps those that judge manifests. */
  readonly rules: ReadonlyMap<string, AnyRule>;
  /** Files are shown relative to this directory. */
  readonly cwd: string;
  /** The rule settings in effect for a file (absolute path), as the lint run used them. */
  readonly settingsFor: (filePath: string) => RuleSettings;
  /** saasgov's version, recorded in the report. */
  readonly version: string;
  /** How many apps the riskiest list holds (default 10). */
  readonly riskiest?: number;
}

/** Shown instead of a manifest value that a `secrets/no-inline-secrets` finding points at. */
export const REDACTED = '[redacted: looks like a credential]';

/** Builds the report. `results` must come from a run with `keepManifests: true`. */
export function buildReport(results: readonly LintResult[], reportOptions: ReportOptions): Report {
  // The report judges manifests as `lint` does. The org rules (okta/*) run only in `audit okta`, against
  // the org: here they would show as passed by every app and their controls as evidenced, having run on nothing.
  const options = { ...reportOptions, rules: new Map([...reportOptions.rules].filter(([, rule]) => judgesManifests(rule))) };
  const sortedResults = [...results].sort((a, b) => cmp(a.filePath, b.filePath));
  const rows = sortedResults.flatMap((r) => rowsOf(r, options));
  const apps = rows.map((r) => r.app);
  const waiverEntries = rows.flatMap((r) => waiversOf(r, options));
  const waivers = WAIVER_BUCKETS.map((b) => ({ id: b.id, label: b.label, waivers: waiverEntries.filter((w) => bucketOf(w.daysToExpiry) === b.id) }));
  const pocs = rows.flatMap((r) => pocOf(r, options)).sort(comparePocs);
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    generator: { name: 'saasgov', version: options.version },
    asOf: options.asOf,
    families: FAMILIES.map((f) => ({ id: f.id, label: f.label, description: f.description, rules: [...rulesOfFamily(f.id, options.rules)] })),
    summary: {
      apps: apps.length,
      verdicts: countVerdicts(apps),
      shares: {
        compliant: share(apps.filter((a) => a.verdict === 'compliant').length, apps.length),
        compliantOrWaived: share(apps.filter((a) => a.verdict === 'compliant' || a.verdict === 'waived').length, apps.length),
      },
      findings: {
        errors: sum(apps, (a) => a.counts.errors),
        warnings: sum(apps, (a) => a.counts.warnings),
        suppressed: sum(apps, (a) => a.counts.suppressed),
      },
      families: FAMILY_IDS.map((f) => familySummary(f, apps)),
      classifications: [...CLASSIFICATIONS, 'unknown' as const].map((c) => classificationSummary(c, apps)),
      riskiest: riskiest(apps, options.riskiest ?? 10),
      waivers: {
        expired: waivers[0]!.waivers.length,
        within30: waivers[1]!.waivers.length,
        within60: waivers[2]!.waivers.length,
        within90: waivers[3]!.waivers.length,
        later: waivers[4]!.waivers.length,
        total: waiverEntries.length,
      },
      pocs: {
        total: pocs.length,
        ended: pocs.filter((p) => p.status === 'ended').length,
        noEndDate: pocs.filter((p) => p.status === 'noEndDate').length,
        productionData: pocs.filter((p) => p.productionData).length,
      },
    },
    apps,
    waivers,
    controls: controlEvidence(rows, options.rules),
    pocs,
  };
}

/** An app row with what later sections need: its manifest, settings, and the state of every rule. */
interface Row {
  readonly app: App;
  readonly manifest: Manifest | undefined;
  readonly settings: RuleSettings;
  readonly ruleStates: ReadonlyMap<string, CellState>;
  /** The document's suppressed findings, to count what each waiver suppresses. */
  readonly suppressed: readonly LintMessage[];
}

function rowsOf(result: LintResult, options: ReportOptions): Row[] {
  const file = displayPath(options.cwd, result.filePath);
  const settings = options.settingsFor(result.filePath);
  // A file that could not be read, or holds no document, is still one row (nothing lost).
  const documents: readonly DocumentResult[] =
    result.documents.length > 0 ? result.documents : [{ index: 0, line: 1, app: null, errorCount: result.errorCount, warningCount: result.warningCount, failedRules: [] }];
  return documents.map((doc) => {
    const messages = result.messages.filter((m) => m.document === doc.index || result.documents.length === 0);
    const suppressed = result.suppressedMessages.filter((m) => m.document === doc.index || result.documents.length === 0);
    const all = [...messages, ...suppressed].sort(compareMessages);
    const findings: Finding[] = all.map((m) => ({
      ruleId: m.ruleId,
      family: familyOf(m.ruleId),
      severity: m.severity === 2 ? 'error' : 'warning',
      suppressed: m.suppressions !== undefined,
      message: m.message,
      line: m.line,
      column: m.column,
      path: m.path,
      waivers: (m.suppressions ?? []).map((s) => s.ticket),
    }));
    const manifest = doc.manifest;
    const ruleStates = new Map<string, CellState>();
    for (const rule of options.rules.values()) ruleStates.set(rule.id, ruleState(rule.id, findings, manifest, settings));
    const cells = {} as Record<FamilyId, Cell>;
    for (const f of FAMILY_IDS) {
      const states = [...ruleStates].filter(([id]) => familyOf(id) === f).map(([, s]) => s);
      cells[f] = { state: worst(states), findings: findings.flatMap((x, i) => (x.family === f ? [i] : [])) };
    }
    const verdict = verdictOf(manifest, cells);
    const classification = manifest?.spec.data.classification ?? null;
    const secretPaths = findings.filter((x) => x.ruleId === 'secrets/no-inline-secrets' && x.path !== null).map((x) => x.path!);
    const show = (value: string | undefined, at: string): string | null => (value === undefined ? null : secretPaths.some((p) => overlaps(p, at)) ? REDACTED : value);
    const app: App = {
      id: `${file}#${doc.index}`,
      file,
      document: doc.index,
      line: doc.line,
      name: show(doc.app ?? undefined, 'metadata.name'),
      displayName: show(manifest?.metadata.displayName, 'metadata.displayName'),
      vendor: show(manifest?.spec.vendor, 'spec.vendor'),
      owner: {
        team: show(manifest?.metadata.owner.team, 'metadata.owner.team'),
        business: show(manifest?.metadata.owner.business, 'metadata.owner.business'),
        technical: show(manifest?.metadata.owner.technical, 'metadata.owner.technical'),
      },
      classification,
      lifecycle: manifest?.spec.lifecycle ?? null,
      seats: manifest?.spec.seats ?? null,
      valid: manifest !== undefined,
      verdict,
      risk: riskOf(classification, cells),
      counts: {
        errors: findings.filter((x) => !x.suppressed && x.severity === 'error').length,
        warnings: findings.filter((x) => !x.suppressed && x.severity === 'warning').length,
        suppressed: findings.filter((x) => x.suppressed).length,
      },
      cells,
      findings,
    };
    return { app, manifest, settings, ruleStates, suppressed };
  });
}

/**
 * The state of one rule for one document: its findings decide first (an
 * unsuppressed error fails, a suppressed finding is waived, an unsuppressed
 * warning warns); without findings, an `off` rule or one out of scope is `na`,
 * and a rule that could not run on an invalid manifest is `unknown`.
 */
function ruleState(ruleId: string, findings: readonly Finding[], manifest: Manifest | undefined, settings: RuleSettings): CellState {
  const mine = findings.filter((f) => f.ruleId === ruleId);
  if (mine.some((f) => !f.suppressed && f.severity === 'error')) return 'fail';
  if (mine.some((f) => f.suppressed)) return 'waived';
  if (mine.length > 0) return 'warn';
  if ((settings.get(ruleId)?.severity ?? 'off') === 'off') return 'na';
  if (manifest === undefined) {
    // These two produced the document's verdict; every other rule needs a valid manifest (or readable text).
    return ruleId === 'manifest/syntax' || ruleId === 'manifest/schema' ? 'pass' : 'unknown';
  }
  return ruleApplies(ruleId, manifest, settings) ? 'pass' : 'na';
}

/** The worst of several states (`na` when there are none). */
export function worst(states: readonly CellState[]): CellState {
  for (const s of STATE_PRECEDENCE) if (states.includes(s)) return s;
  return 'na';
}

function verdictOf(manifest: Manifest | undefined, cells: Readonly<Record<FamilyId, Cell>>): Verdict {
  if (manifest === undefined) return 'invalid';
  const states = FAMILY_IDS.map((f) => cells[f].state);
  if (states.includes('fail') || states.includes('unknown')) return 'nonCompliant';
  return states.includes('waived') ? 'waived' : 'compliant';
}

function riskOf(classification: Classification | null, cells: Readonly<Record<FamilyId, Cell>>): Risk {
  const weight = classification === null ? CLASSIFICATIONS.length : classificationRank(classification) + 1;
  const failing = FAMILY_IDS.filter((f) => cells[f].state === 'fail' || cells[f].state === 'unknown').length;
  return { score: weight * failing, weight, failing };
}

/** Whether two formatted paths are the same field or one contains the other (`spec.waivers[0]` and `spec.waivers[0].reason`). */
function overlaps(a: string, b: string): boolean {
  const inside = (x: string, y: string) => x === y || x.startsWith(`${y}.`) || x.startsWith(`${y}[`);
  return a === '' || b === '' || inside(a, b) || inside(b, a);
}

function rulesOfFamily(family: FamilyId, rules: ReadonlyMap<string, AnyRule>): string[] {
  return [...rules.keys()].filter((id) => familyOf(id) === family).sort(cmp);
}

function emptyStates(): StateCounts {
  return { pass: 0, warn: 0, waived: 0, fail: 0, na: 0, unknown: 0 };
}

function countVerdicts(apps: readonly App[]): VerdictCounts {
  const out = { compliant: 0, waived: 0, nonCompliant: 0, invalid: 0 };
  for (const a of apps) out[a.verdict]++;
  return out;
}

function familySummary(family: FamilyId, apps: readonly App[]): FamilySummary {
  const counts = emptyStates();
  for (const a of apps) counts[a.cells[family].state]++;
  const applicable = apps.length - counts.na;
  const passing = counts.pass + counts.warn;
  return { family, counts, applicable, passing, share: share(passing, applicable) };
}

function classificationSummary(classification: Classification | 'unknown', apps: readonly App[]): ClassificationSummary {
  const mine = apps.filter((a) => (a.classification ?? 'unknown') === classification);
  return { classification, apps: mine.length, verdicts: countVerdicts(mine) };
}

function riskiest(apps: readonly App[], limit: number) {
  return apps
    .filter((a) => a.risk.score > 0)
    .sort((a, b) => b.risk.score - a.risk.score || b.risk.weight - a.risk.weight || b.counts.errors - a.counts.errors || cmp(a.id, b.id))
    .slice(0, limit)
    .map((a) => ({ app: a.id, name: a.name, score: a.risk.score }));
}

function waiversOf(row: Row, options: ReportOptions): WaiverEntry[] {
  const { manifest, app } = row;
  if (!manifest) return [];
  const waiverOptions = row.settings.get('waiver/valid')?.options as WaiverValidOptions;
  const env = { asOf: options.asOf, rules: options.rules };
  const secretPaths = app.findings.filter((f) => f.ruleId === 'secrets/no-inline-secrets' && f.path !== null).map((f) => f.path!);
  return (manifest.spec.waivers ?? []).map((w, i) => {
    const problems = checkWaiver(manifest, i, env, waiverOptions).map((p) => p.messageId);
    const show = (value: string, field: string) => (secretPaths.some((p) => overlaps(p, `spec.waivers[${i}].${field}`)) ? REDACTED : value);
    return {
      app: app.id,
      name: app.name ?? app.id,
      rule: show(w.rule, 'rule'),
      approvedBy: show(w.approvedBy, 'approvedBy'),
      ticket: show(w.ticket, 'ticket'),
      reason: show(w.reason, 'reason'),
      expires: w.expires,
      daysToExpiry: daysBetween(options.asOf, w.expires),
      valid: problems.length === 0,
      problems,
      suppresses:
        problems.length === 0
          ? row.suppressed.filter((m) => m.ruleId === w.rule && (m.suppressions ?? []).some((s) => s.ticket === w.ticket && s.expires === w.expires && s.approvedBy === w.approvedBy)).length
          : 0,
    };
  }).sort((a, b) => cmp(a.expires, b.expires) || cmp(a.app, b.app) || cmp(a.rule, b.rule) || cmp(a.ticket, b.ticket));
}

/** The bucket of a waiver expiring in `days` days (negative: expired). */
export function bucketOf(days: number): WaiverBucketId {
  return WAIVER_BUCKETS.find((b) => days <= b.maxDays)!.id;
}

function pocOf(row: Row, options: ReportOptions): Poc[] {
  const { manifest, app } = row;
  if (!manifest || manifest.spec.lifecycle !== 'poc') return [];
  const ends = manifest.spec.pocEnds ?? null;
  const daysLeft = ends === null ? null : daysBetween(options.asOf, ends);
  const lifecycle = [...row.ruleStates].filter(([id]) => id.startsWith('lifecycle/')).map(([, s]) => s);
  return [
    {
      app: app.id,
      name: app.name ?? app.id,
      classification: manifest.spec.data.classification,
      pocEnds: ends,
      daysLeft,
      status: daysLeft === null ? 'noEndDate' : daysLeft < 0 ? 'ended' : 'running',
      productionData: manifest.spec.data.source === 'production',
      sensitive: isSensitive(manifest),
      state: worst(lifecycle),
    },
  ];
}

function comparePocs(a: Poc, b: Poc): number {
  // No end date first, then soonest (most overdue) first.
  const da = a.daysLeft ?? -Infinity;
  const db = b.daysLeft ?? -Infinity;
  return (da === db ? 0 : da < db ? -1 : 1) || cmp(a.app, b.app);
}

function controlEvidence(rows: readonly Row[], rules: ReadonlyMap<string, AnyRule>): ControlEvidence[] {
  const byControl = new Map<string, string[]>();
  for (const rule of rules.values()) for (const c of rule.controls) byControl.set(c, [...(byControl.get(c) ?? []), rule.id]);
  return [...byControl]
    .map(([id, ruleIds]): ControlEvidence => {
      const apps = { pass: [] as string[], warn: [] as string[], waived: [] as string[], fail: [] as string[], unknown: [] as string[] };
      let notApplicable = 0;
      for (const row of rows) {
        const state = worst(ruleIds.map((r) => row.ruleStates.get(r) ?? 'na'));
        if (state === 'na') notApplicable++;
        else apps[state].push(row.app.id);
      }
      return { id, framework: frameworkOf(id), rules: [...ruleIds].sort(cmp), apps, notApplicable };
    })
    .sort((a, b) => FRAMEWORKS.indexOf(a.framework) - FRAMEWORKS.indexOf(b.framework) || naturalCompare(a.id, b.id));
}

/** The framework of a control id, from its prefix. */
export function frameworkOf(control: string): Framework {
  return FRAMEWORKS.find((f) => f !== 'Other' && (control === f || control.startsWith(`${f} `) || control.startsWith(`${f}:`))) ?? 'Other';
}

/** Compares strings with digit runs as numbers (`CIS v8 6.8` < `CIS v8 11.2`); no locale. */
export function naturalCompare(a: string, b: string): number {
  const pa = a.match(/\d+|\D+/g) ?? [];
  const pb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    const nx = /^\d/.test(x);
    const ny = /^\d/.test(y);
    if (nx && ny && Number(x) !== Number(y)) return Number(x) - Number(y);
    return cmp(x, y);
  }
  return pa.length - pb.length || cmp(a, b);
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

function sum<T>(items: readonly T[], f: (t: T) => number): number {
  return items.reduce((n, t) => n + f(t), 0);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

