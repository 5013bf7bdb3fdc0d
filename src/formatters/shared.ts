/** Small pieces the CI formats share: repository-relative paths, counts, wording. */
import { displayPath } from '../engine/files';
import type { LintMessage, LintResult } from '../engine/results';
import type { FormatContext } from './types';

/** A file as CI tools want it: relative to the repository root, `/` separators (absolute when outside it). */
export function repoPath(context: FormatContext, filePath: string): string {
  return displayPath(context.srcRoot ?? context.cwd, filePath);
}

/** What a result is about, as CI formats show it: the repository-relative file, or an org app's Admin Console URL. */
export function resultPath(context: FormatContext, result: LintResult): string {
  return result.location ? result.location.adminUrl : repoPath(context, result.filePath);
}

/** `Okta app "Salesforce" (0oa…)`: the name of an org app's section, for results without a file. */
export function orgAppTitle(result: LintResult): string | null {
  return result.location ? `Okta app "${result.location.label}" (${result.location.id})` : null;
}

/** `1 error`, `2 errors`. */
export { plural } from '../util/plural';

/** Totals over a run: findings, files, and the org apps without a manifest (`audit okta`), which are not files. */
export function totals(results: readonly LintResult[]) {
  let errors = 0;
  let warnings = 0;
  let waived = 0;
  let failingFiles = 0;
  let orgApps = 0;
  for (const r of results) {
    errors += r.errorCount;
    warnings += r.warningCount;
    waived += r.suppressedMessages.length;
    if (r.location) orgApps++;
    else if (r.messages.length > 0) failingFiles++;
  }
  return { errors, warnings, waived, failingFiles, files: results.length - orgApps, orgApps };
}

/** `apps/crm.yaml:12:5`, or what the finding is about alone when it has no position (an org app's finding). */
export function placeOf(where: string, m: LintMessage): string {
  return m.line > 0 ? `${where}:${m.line}:${m.column}` : where;
}

/** One document of a file, as the per-app views (Markdown, JUnit) list it. */
export interface DocumentView {
  /** 0-based document index. */
  readonly index: number;
  /** `metadata.name`, or `null` when the document has none we trust. */
  readonly app: string | null;
  readonly messages: readonly LintMessage[];
  readonly suppressed: readonly LintMessage[];
}

/**
 * The documents of a file with their findings, in document order. A file
 * that could not be read or holds no document still yields one entry, so
 * every file appears in every report.
 */
export function documentsOf(result: LintResult): DocumentView[] {
  const indices = new Set<number>([...result.documents.map((d) => d.index), ...result.messages.map((m) => m.document), ...result.suppressedMessages.map((m) => m.document)]);
  if (indices.size === 0) indices.add(0);
  return [...indices]
    .sort((a, b) => a - b)
    .map((index) => {
      const doc = result.documents.find((d) => d.index === index);
      const messages = result.messages.filter((m) => m.document === index);
      const suppressed = result.suppressedMessages.filter((m) => m.document === index);
      const app = doc?.app ?? messages[0]?.app ?? suppressed[0]?.app ?? null;
      return { index, app, messages, suppressed };
    });
}

/** `crm-salesforce`, or `document 2` for a document without a name. */
export function documentLabel(view: DocumentView): string {
  return view.app ?? `document ${view.index + 1}`;
}
