/**
 * What a lint run produces: ESLint's result shape (so ESLint tooling reads our
 * JSON), plus saasgov's own fields on each message and per-document facts for
 * the report and the Pulumi program.
 */
import type { Manifest } from '../manifest/schema';

/** A waiver that suppressed a finding (SPEC §2.3). */
export interface Suppression {
  readonly kind: 'external';
  /** The waiver's reason. */
  readonly justification: string;
  readonly approvedBy: string;
  readonly ticket: string;
  readonly expires: string;
}

/** One finding, located. Lines and columns are 1-based; end columns are exclusive. */
export interface LintMessage {
  readonly ruleId: string;
  /** 2 error, 1 warning. */
  readonly severity: 1 | 2;
  readonly message: string;
  readonly messageId: string;
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** Dot path in the document (`spec.sso.protocol`), or `null` for a finding on raw text. */
  readonly path: string | null;
  /** `metadata.name` of the document, when known. */
  readonly app: string | null;
  /** Stable across re-formatting and file moves: rule id + app + path (+ the offending value). */
  readonly fingerprint: string;
  /** 0-based index of the YAML document in its file. */
  readonly document: number;
  /** Set on `manifest/syntax` findings, as ESLint marks parse errors. */
  readonly fatal?: true;
  readonly suppressions?: readonly Suppression[];
}

/** One YAML document of a file, as the report and the Pulumi program need it. */
export interface DocumentResult {
  readonly index: number;
  /** Line where the document starts. */
  readonly line: number;
  readonly app: string | null;
  /** The typed manifest, when the run keeps manifests and the document matched the schema. */
  readonly manifest?: Manifest;
  readonly errorCount: number;
  readonly warningCount: number;
  /** Rule ids with error findings (not suppressed), sorted. */
  readonly failedRules: readonly string[];
}

/**
 * What a result is about when it is not a file: an app of the Okta org that
 * no manifest declares (`saasgov audit okta`). Its `filePath` is then the
 * app's Admin Console URL, and its findings have no line (0).
 */
export interface OrgAppLocation {
  readonly kind: 'okta-app';
  readonly id: string;
  readonly label: string;
  readonly adminUrl: string;
}

/** The result for one file. */
export interface LintResult {
  /** Absolute path with `/` separators (an Admin Console URL for an org app: see `location`). */
  readonly filePath: string;
  /** Set when the result is about an org app, not a file. */
  readonly location?: OrgAppLocation;
  readonly messages: LintMessage[];
  readonly suppressedMessages: LintMessage[];
  readonly errorCount: number;
  readonly warningCount: number;
  readonly fatalErrorCount: number;
  readonly fixableErrorCount: 0;
  readonly fixableWarningCount: 0;
  readonly documents: DocumentResult[];
}

/** Compares findings: line, column, rule, message — plain `<`, no locale. */
export function compareMessages(a: LintMessage, b: LintMessage): number {
  return (
    a.line - b.line ||
    a.column - b.column ||
    (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0) ||
    (a.message < b.message ? -1 : a.message > b.message ? 1 : 0)
  );
}

/** Totals of a result, recomputed from its messages. */
export function countMessages(messages: readonly LintMessage[]): Pick<LintResult, 'errorCount' | 'warningCount' | 'fatalErrorCount'> {
  let errorCount = 0;
  let warningCount = 0;
  let fatalErrorCount = 0;
  for (const m of messages) {
    if (m.severity === 2) errorCount++;
    else warningCount++;
    if (m.fatal) fatalErrorCount++;
  }
  return { errorCount, warningCount, fatalErrorCount };
}

/** A result with only its errors (`--quiet`): warnings are neither shown nor counted. */
export function errorsOnly(r: LintResult): LintResult {
  const messages = r.messages.filter((m) => m.severity === 2);
  return { ...r, messages, warningCount: 0 };
}

/** A file's counts, for totals and summaries without its findings (a file whose text comes from the cache). */
export interface ResultCounts {
  readonly errorCount: number;
  readonly warningCount: number;
  readonly suppressedCount: number;
  /** Set for an app of the Okta org that no manifest declares (`audit okta`): a result, but not a file. */
  readonly orgApp?: true;
}

/** A result's counts. */
export function countsOf(r: LintResult): ResultCounts {
  const counts = { errorCount: r.errorCount, warningCount: r.warningCount, suppressedCount: r.suppressedMessages.length };
  return r.location ? { ...counts, orgApp: true } : counts;
}
