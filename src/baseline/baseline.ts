/**
 * Baselines, for adopting saasgov on an existing inventory: a file that
 * records today's findings by fingerprint (`--write-baseline`), so later runs
 * report only findings not in it (`--baseline`) and list the entries that no
 * longer occur so they can be pruned. The same subtraction serves
 * `--new-since`, with the findings of the base tree as the baseline.
 *
 * Fingerprints (rule id + app + path + message id + offending value) do not
 * move with lines, indentation, key order or the file's location, so a
 * baseline survives re-formatting; changing the offending value makes a new
 * finding.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { displayPath } from '../engine/files';
import { countMessages, type LintMessage, type LintResult } from '../engine/results';
import type { BaselineEntry } from '../formatters/types';
import { SaasgovError } from '../util/errors';

export type { BaselineEntry };

/** The format version of baseline files. */
export const BASELINE_VERSION = 1;

const ABOUT =
  'saasgov baseline: findings accepted when saasgov was adopted. `saasgov lint --baseline <this file>` reports only findings not listed here. ' +
  'Entries are matched by fingerprint (rule, app, path in the document, offending value), not by line; regenerate with --write-baseline.';

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The unsuppressed findings of a run as baseline entries, sorted by file, rule, path and fingerprint. */
export function baselineEntries(results: readonly LintResult[], root: string): BaselineEntry[] {
  const entries = results.flatMap((r) =>
    r.messages.map((m) => ({
      fingerprint: m.fingerprint,
      rule: m.ruleId,
      app: m.app,
      path: m.path,
      file: displayPath(root, r.filePath),
      message: m.message,
    })),
  );
  return entries.sort((a, b) => cmp(a.file, b.file) || cmp(a.rule, b.rule) || cmp(a.path ?? '', b.path ?? '') || cmp(a.fingerprint, b.fingerprint));
}

/** A baseline file's text: stable JSON (fixed key order, sorted entries, no timestamps). */
export function serializeBaseline(entries: readonly BaselineEntry[]): string {
  return `${JSON.stringify({ $comment: ABOUT, version: BASELINE_VERSION, tool: 'saasgov', findings: entries }, null, 2)}\n`;
}

const entrySchema = z.object({
  fingerprint: z.string().regex(/^[0-9a-f]{32}$/),
  // A rule id (`category/name`): it is printed and linked, so nothing else is accepted.
  rule: z.string().regex(/^[a-z][a-z0-9-]*\/[a-z][a-z0-9-]*$/),
  app: z.string().nullable(),
  path: z.string().nullable(),
  file: z.string(),
  message: z.string(),
});
const fileSchema = z.object({ version: z.literal(BASELINE_VERSION), tool: z.literal('saasgov'), findings: z.array(entrySchema) });

/** Reads a baseline file; a missing or malformed file is a usage error (exit 2), never an empty baseline. */
export function readBaseline(file: string, shown: string): BaselineEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SaasgovError('USAGE', `cannot read the baseline ${shown}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} (create it with --write-baseline ${shown})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new SaasgovError('USAGE', `the baseline ${shown} is not JSON: ${(error as Error).message}`);
  }
  const parsed = fileSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SaasgovError('USAGE', `${shown} is not a saasgov baseline (version ${BASELINE_VERSION}): ${issue.path.join('.') || 'the file'}: ${issue.message}`);
  }
  return parsed.data.findings;
}

/** A run's findings after subtracting known ones. */
export interface Subtraction {
  readonly results: LintResult[];
  /** Findings left out because they were known. */
  readonly known: number;
  /** Known entries that matched no current finding (reported or waived). */
  readonly unmatched: BaselineEntry[];
}

/**
 * Leaves out of `results` each finding whose fingerprint is known. Matching
 * counts occurrences: two known entries with one fingerprint hide two
 * findings, not more. A waived finding consumes its entry without being
 * counted (it is still there, only waived), so its entry is not stale.
 */
export function subtractKnown(results: readonly LintResult[], known: readonly BaselineEntry[]): Subtraction {
  const pool = new Map<string, BaselineEntry[]>();
  for (const e of known) pool.set(e.fingerprint, [...(pool.get(e.fingerprint) ?? []), e]);
  const take = (m: LintMessage) => {
    const queue = pool.get(m.fingerprint);
    return queue !== undefined && queue.shift() !== undefined;
  };
  let hidden = 0;
  const kept = results.map((r) => {
    const messages = r.messages.filter((m) => {
      const isKnown = take(m);
      if (isKnown) hidden++;
      return !isKnown;
    });
    return withMessages(r, messages);
  });
  for (const r of results) for (const m of r.suppressedMessages) take(m);
  const unmatched = known.filter((e) => pool.get(e.fingerprint)!.includes(e));
  return { results: kept, known: hidden, unmatched };
}

/** `r` with only `messages`, its counts and per-document totals recomputed. */
function withMessages(r: LintResult, messages: LintMessage[]): LintResult {
  if (messages.length === r.messages.length) return r;
  const documents = r.documents.map((d) => {
    const mine = messages.filter((m) => m.document === d.index);
    const counts = countMessages(mine);
    const failedRules = [...new Set(mine.filter((m) => m.severity === 2).map((m) => m.ruleId))].sort();
    return { ...d, errorCount: counts.errorCount, warningCount: counts.warningCount, failedRules };
  });
  return { ...r, messages, ...countMessages(messages), documents };
}
