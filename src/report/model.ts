/**
 * The governance posture report as data: what `buildReport` returns, what the
 * `json` format prints (documented in the README, "Governance posture report"), and what the HTML and
 * Markdown renderers draw. Plain JSON values only; every list is sorted and
 * every object is built in a fixed key order, so the same input gives the same
 * bytes. The only date in it is the as-of date.
 */
import type { Classification } from '../manifest/schema';
import type { FamilyId } from './families';

/** Bumped when a field is removed or changes meaning; adding a field keeps the version. */
export const REPORT_SCHEMA_VERSION = 1;

/**
 * The state of one rule, one matrix cell (a family) or one control for one app:
 * - `pass`: in scope, no finding;
 * - `warn`: passes, with warning findings (the document still passes lint);
 * - `waived`: has findings, all suppressed by valid waivers;
 * - `fail`: an error finding that no waiver suppresses;
 * - `na`: not applicable: no enabled rule of the cell is in scope for the app;
 * - `unknown`: the manifest could not be read or failed `manifest/schema`, so
 *   the rules could not judge it (counted as failing, never as passing).
 */
export type CellState = 'pass' | 'warn' | 'waived' | 'fail' | 'na' | 'unknown';

/** Worst first: how rule states combine into a cell or a control. */
export const STATE_PRECEDENCE: readonly CellState[] = ['fail', 'unknown', 'waived', 'warn', 'pass', 'na'];

/**
 * An app's verdict: `compliant` (no error finding, no waiver used; warnings
 * allowed), `waived` (compliant thanks to waivers), `nonCompliant` (an error
 * finding lint would fail on), `invalid` (the manifest could not be judged).
 */
export type Verdict = 'compliant' | 'waived' | 'nonCompliant' | 'invalid';
export const VERDICTS: readonly Verdict[] = ['compliant', 'waived', 'nonCompliant', 'invalid'];

/** Counts per state. */
export type StateCounts = Record<CellState, number>;
/** Counts per verdict. */
export type VerdictCounts = Record<Verdict, number>;

/** The whole report. */
export interface Report {
  readonly schemaVersion: typeof REPORT_SCHEMA_VERSION;
  readonly generator: { readonly name: 'saasgov'; readonly version: string };
  /** The evaluation date, `YYYY-MM-DD`. */
  readonly asOf: string;
  /** The matrix columns, in order. */
  readonly families: readonly ReportFamily[];
  readonly summary: Summary;
  /** One row per YAML document (an unreadable file is one row), in file path order then document order. */
  readonly apps: readonly App[];
  /** Waivers by time to expiry: expired, within 30, 31–60, 61–90 days, later. */
  readonly waivers: readonly WaiverBucket[];
  /** Per compliance control of the rule metadata: which apps pass, fail or are waived. */
  readonly controls: readonly ControlEvidence[];
  /** Apps with lifecycle `poc`, ended or soonest-ending first. */
  readonly pocs: readonly Poc[];
}

export interface ReportFamily {
  readonly id: FamilyId;
  readonly label: string;
  readonly description: string;
  /** Rule ids whose findings the column shows, sorted. */
  readonly rules: readonly string[];
}

export interface Summary {
  readonly apps: number;
  readonly verdicts: VerdictCounts;
  /** Shares of all apps (0–1, 4 decimals; `null` when there are no apps). */
  readonly shares: { readonly compliant: number | null; readonly compliantOrWaived: number | null };
  /** Findings across all apps: unsuppressed errors and warnings, and suppressed (waived) findings. */
  readonly findings: { readonly errors: number; readonly warnings: number; readonly suppressed: number };
  readonly families: readonly FamilySummary[];
  readonly classifications: readonly ClassificationSummary[];
  /** The riskiest apps (score > 0), highest first, at most 10. */
  readonly riskiest: readonly RiskEntry[];
  /** Waivers per bucket. */
  readonly waivers: Record<WaiverBucketId, number> & { readonly total: number };
  readonly pocs: { readonly total: number; readonly ended: number; readonly noEndDate: number; readonly productionData: number };
}

export interface FamilySummary {
  readonly family: FamilyId;
  readonly counts: StateCounts;
  /** Apps for which the family is not `na`. */
  readonly applicable: number;
  /** `pass` + `warn`. */
  readonly passing: number;
  /** passing / applicable (0–1, 4 decimals), `null` when no app is in scope. */
  readonly share: number | null;
}

export interface ClassificationSummary {
  /** `unknown`: manifests that could not be judged. */
  readonly classification: Classification | 'unknown';
  readonly apps: number;
  readonly verdicts: VerdictCounts;
}

export interface RiskEntry {
  /** The app's `id`. */
  readonly app: string;
  readonly name: string | null;
  readonly score: number;
}

/**
 * Risk = weight × failing. weight: public 1, internal 2, confidential 3,
 * restricted 4, and 4 when the classification is unknown (fail closed).
 * failing: cells (of all eight columns) in state `fail` or `unknown`. Waived
 * cells are accepted risk and do not count.
 */
export interface Risk {
  readonly score: number;
  readonly weight: number;
  readonly failing: number;
}

export interface App {
  /** `<file>#<document>`: unique, stable while the file keeps its path. */
  readonly id: string;
  /** Path relative to the working directory, `/`-separated. */
  readonly file: string;
  /** 0-based index of the YAML document in the file. */
  readonly document: number;
  /** Line where the document starts. */
  readonly line: number;
  /** `metadata.name`, when known. */
  readonly name: string | null;
  readonly displayName: string | null;
  readonly vendor: string | null;
  readonly owner: { readonly team: string | null; readonly business: string | null; readonly technical: string | null };
  readonly classification: Classification | null;
  readonly lifecycle: 'poc' | 'production' | 'deprecated' | null;
  readonly seats: number | null;
  /** Whether the document matched the schema (else every control family is `unknown`). */
  readonly valid: boolean;
  readonly verdict: Verdict;
  readonly risk: Risk;
  readonly counts: { readonly errors: number; readonly warnings: number; readonly suppressed: number };
  /** One cell per family, in family order. */
  readonly cells: Readonly<Record<FamilyId, Cell>>;
  /** Every finding of the document, suppressed ones included, by line, column, rule. */
  readonly findings: readonly Finding[];
}

export interface Cell {
  readonly state: CellState;
  /** Indices into the app's `findings`. */
  readonly findings: readonly number[];
}

export interface Finding {
  readonly ruleId: string;
  readonly family: FamilyId;
  readonly severity: 'error' | 'warning';
  /** Suppressed by a valid waiver. */
  readonly suppressed: boolean;
  readonly message: string;
  readonly line: number;
  readonly column: number;
  /** Dot path in the document, or `null` for a finding on raw text. */
  readonly path: string | null;
  /** Tickets of the waivers that suppress it (empty unless suppressed). */
  readonly waivers: readonly string[];
}

export type WaiverBucketId = 'expired' | 'within30' | 'within60' | 'within90' | 'later';
export const WAIVER_BUCKETS: readonly { readonly id: WaiverBucketId; readonly label: string; readonly maxDays: number }[] = [
  { id: 'expired', label: 'Expired', maxDays: -1 },
  { id: 'within30', label: 'Expiring within 30 days', maxDays: 30 },
  { id: 'within60', label: 'Expiring in 31–60 days', maxDays: 60 },
  { id: 'within90', label: 'Expiring in 61–90 days', maxDays: 90 },
  { id: 'later', label: 'Expiring later', maxDays: Infinity },
];

export interface WaiverBucket {
  readonly id: WaiverBucketId;
  readonly label: string;
  /** By expiry date, then app, then rule. */
  readonly waivers: readonly WaiverEntry[];
}

export interface WaiverEntry {
  readonly app: string;
  readonly name: string;
  readonly rule: string;
  readonly approvedBy: string;
  readonly ticket: string;
  readonly reason: string;
  readonly expires: string;
  /** Days from as-of to `expires` (negative: expired that many days ago). */
  readonly daysToExpiry: number;
  /** Whether the engine accepts the waiver (SPEC §2.3); only valid waivers suppress findings. */
  readonly valid: boolean;
  /** Why it is not valid: `waiver/valid` message ids (unknownRule, notWaivable, expired, tooLong, selfApproved). */
  readonly problems: readonly string[];
  /** Findings it suppresses. */
  readonly suppresses: number;
}

export interface ControlEvidence {
  /** As in the rule metadata, e.g. `SOC 2 CC6.1`, `ISO 27001:2022 A.5.16`. */
  readonly id: string;
  readonly framework: Framework;
  /** Rules that evidence the control, sorted. */
  readonly rules: readonly string[];
  /** App ids per state, in app order (`na` apps are only counted). */
  readonly apps: { readonly pass: readonly string[]; readonly warn: readonly string[]; readonly waived: readonly string[]; readonly fail: readonly string[]; readonly unknown: readonly string[] };
  readonly notApplicable: number;
}

export const FRAMEWORKS = ['SOC 2', 'ISO 27001', 'NIST 800-53', 'CIS v8', 'GDPR', 'Other'] as const;
export type Framework = (typeof FRAMEWORKS)[number];

export interface Poc {
  readonly app: string;
  readonly name: string;
  readonly classification: Classification;
  readonly pocEnds: string | null;
  /** Days from as-of to `pocEnds`; negative when overdue; `null` without an end date. */
  readonly daysLeft: number | null;
  readonly status: 'noEndDate' | 'ended' | 'running';
  /** `data.source: production`. */
  readonly productionData: boolean;
  readonly sensitive: boolean;
  /** State of the `lifecycle/*` rules for the app. */
  readonly state: CellState;
}
