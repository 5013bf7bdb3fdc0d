/**
 * `markdown`: a pull-request comment or `$GITHUB_STEP_SUMMARY` — a one-line
 * verdict, then what a reviewer reads first: every finding (with `--new-since`
 * or a baseline, the new ones), each with a link to its rule's documentation,
 * and waived findings with their waiver; then a table of the apps with
 * findings (app, file, errors, warnings, waived), capped with a count so a
 * large inventory does not push the findings away, and the apps without
 * findings folded away.
 *
 * All manifest text (messages, file names, waiver reasons) goes through
 * `escapeMarkdown`; the body is capped at GitHub's 65,536 characters with a
 * note saying how much was left out.
 */
import type { LintMessage } from '../engine/results';
import { ruleDocUrl } from '../util/package';
import { escapeHtmlText, escapeMarkdown, MARKDOWN_MAX_CHARS, neutraliseWorkflowCommands, redactSecrets } from './escape';
import { documentLabel, documentsOf, orgAppTitle, plural, resultPath, totals, type DocumentView } from './shared';
import type { BaselineEntry, Comparison, Formatter } from './types';

/** Apps listed in the folded "without findings" list before "and N more". */
const MAX_CLEAN_LISTED = 200;
/** Rows of the table of apps with findings before "and N more". */
export const MAX_APP_ROWS = 50;
/** Stale baseline entries listed before "and N more". */
const MAX_STALE_LISTED = 100;

interface Line {
  readonly text: string;
  /** How many findings the line shows (for the truncation note). */
  readonly findings?: number;
}

/** A rule id linked to its documentation (where `docs`, the config's `ruleDocsUrl`, says). */
const ruleLink = (ruleId: string, docs: string | undefined) => `[${escapeMarkdown(ruleId)}](${ruleDocUrl(ruleId, docs)})`;
/** ` line 3, column 5`; nothing for a finding without a position (an org app's). */
const where = (m: LintMessage) => (m.line > 0 ? ` line ${m.line}, column ${m.column}` : '');

function verdict(sum: ReturnType<typeof totals>, comparison: Comparison | undefined): string {
  const { errors, warnings, failingFiles, files, orgApps } = sum;
  const scope = comparison ? 'new ' : '';
  // `audit okta`: apps of the org that no manifest declares are findings without a file.
  const apps = orgApps > 0 ? ` and ${plural(orgApps, 'Okta app')} without one` : '';
  if (errors + warnings === 0) return `### ✅ saasgov: no ${scope}problems in ${plural(files, 'manifest file')}`;
  const icon = errors > 0 ? '❌' : '⚠️';
  const counts = [errors > 0 ? plural(errors, `${scope}error`) : '', warnings > 0 ? plural(warnings, `${scope}warning`) : ''].filter(Boolean).join(' and ');
  return `### ${icon} saasgov: ${counts} in ${failingFiles} of ${plural(files, 'manifest file')}${apps}`;
}

function comparisonNote(c: Comparison): string {
  const against = c.kind === 'baseline' ? `in the baseline ${escapeMarkdown(c.against)}` : `at ${escapeMarkdown(c.against)}`;
  return `${plural(c.known, 'finding')} already ${against} ${c.known === 1 ? 'is' : 'are'} not shown.`;
}

function staleLines(stale: readonly BaselineEntry[], docs: string | undefined): Line[] {
  const lines: Line[] = [
    { text: '' },
    { text: `#### Baseline entries that no longer occur (${stale.length})` },
    { text: '' },
    { text: 'These findings are fixed or gone: record the baseline again (`saasgov lint --write-baseline FILE`) to prune them.' },
    { text: '' },
  ];
  for (const e of stale.slice(0, MAX_STALE_LISTED)) {
    const app = e.app === null ? '' : ` (${escapeMarkdown(e.app)})`;
    const at = e.path === null ? '' : ` at ${escapeMarkdown(e.path)}`;
    lines.push({ text: `- ${ruleLink(e.rule, docs)} in ${escapeMarkdown(e.file)}${app}${at}: ${escapeMarkdown(e.message)}` });
  }
  if (stale.length > MAX_STALE_LISTED) lines.push({ text: `- and ${stale.length - MAX_STALE_LISTED} more` });
  return lines;
}

function findingLine(m: LintMessage, docs: string | undefined): Line {
  const level = m.severity === 2 ? '❌ **error**' : '⚠️ **warning**';
  return { text: `- ${level} ${ruleLink(m.ruleId, docs)}${where(m)}: ${escapeMarkdown(m.message)}`, findings: 1 };
}

function waivedLine(m: LintMessage, docs: string | undefined): Line {
  const waivers = (m.suppressions ?? [])
    .map((s) => {
      const [reason, ticket, approver] = [s.justification, s.ticket, s.approvedBy].map((t) => escapeMarkdown(redactSecrets(t)));
      return `${reason} (ticket ${ticket}, approved by ${approver}, expires ${escapeMarkdown(s.expires)})`;
    })
    .join('; ');
  return { text: `- ☑️ waived ${ruleLink(m.ruleId, docs)}${where(m)}: ${escapeMarkdown(m.message)}<br>Waiver: ${waivers}`, findings: 1 };
}

export const markdown: Formatter = (results, context) => {
  const docs = context.ruleDocsUrl;
  const sum = totals(results);
  const head: Line[] = [{ text: verdict(sum, context.comparison) }, { text: '' }];
  const notes: string[] = [];
  if (sum.waived > 0) notes.push(`${plural(sum.waived, 'finding')} waived by approved exceptions (not counted).`);
  if (context.comparison) notes.push(comparisonNote(context.comparison));
  if (notes.length > 0) head.push({ text: notes.join(' ') }, { text: '' });

  const body: Line[] = [];
  const views = results.flatMap((r) => documentsOf(r).map((view) => ({ file: resultPath(context, r), view: orgAppTitle(r) !== null ? { ...view, app: orgAppTitle(r) } : view })));
  const flagged = views.filter(({ view }) => view.messages.length > 0 || view.suppressed.length > 0);
  const clean = views.filter(({ view }) => view.messages.length === 0 && view.suppressed.length === 0);
  const count = (v: DocumentView, severity: 1 | 2) => v.messages.filter((m) => m.severity === severity).length;

  for (const r of results) {
    if (r.messages.length === 0 && r.suppressedMessages.length === 0) continue;
    const title = orgAppTitle(r);
    body.push({ text: `#### ${escapeMarkdown(title ?? resultPath(context, r))}` }, { text: '' });
    // An org app's section: its Admin Console link in place of the documents of a file.
    if (r.location) body.push({ text: `[Admin Console](${r.location.adminUrl.replace(/\(/g, '%28').replace(/\)/g, '%29')})` }, { text: '' });
    for (const view of documentsOf(r)) {
      if (view.messages.length === 0 && view.suppressed.length === 0) continue;
      if (title === null) body.push({ text: `**${escapeMarkdown(documentLabel(view))}**` }, { text: '' });
      body.push(...view.messages.map((m) => findingLine(m, docs)), ...view.suppressed.map((m) => waivedLine(m, docs)), { text: '' });
    }
  }
  if (context.comparison && context.comparison.stale.length > 0) body.push(...staleLines(context.comparison.stale, docs), { text: '' });

  if (flagged.length > 0) {
    body.push({ text: `#### ${plural(flagged.length, 'app')} with findings` }, { text: '' });
    body.push({ text: '| App | File | Errors | Warnings | Waived |' }, { text: '| --- | --- | ---: | ---: | ---: |' });
    for (const { file, view } of flagged.slice(0, MAX_APP_ROWS)) {
      body.push({ text: `| ${escapeMarkdown(documentLabel(view))} | ${escapeMarkdown(file)} | ${count(view, 2)} | ${count(view, 1)} | ${view.suppressed.length} |` });
    }
    if (flagged.length > MAX_APP_ROWS) body.push({ text: '' }, { text: `…and ${plural(flagged.length - MAX_APP_ROWS, 'more app')} with findings.` });
    body.push({ text: '' });
  }
  if (clean.length > 0) {
    // One line, so truncation never leaves the <details> open.
    const items = clean.slice(0, MAX_CLEAN_LISTED).map(({ file, view }) => `<li>${escapeHtmlText(documentLabel(view))} (${escapeHtmlText(file)})</li>`);
    if (clean.length > MAX_CLEAN_LISTED) items.push(`<li>and ${clean.length - MAX_CLEAN_LISTED} more</li>`);
    body.push({ text: `<details><summary>${plural(clean.length, 'app')} without findings</summary><ul>${items.join('')}</ul></details>` }, { text: '' });
  }

  const footer = `<sub>saasgov ${escapeMarkdown(context.version)} · as of ${escapeMarkdown(context.asOf)}</sub>`;
  return neutraliseWorkflowCommands(fit(head, body, footer, sum.errors + sum.warnings + sum.waived)) + '\n';
};

/** Joins the lines, leaving out the tail of `body` (whole lines) when the text would pass the limit. */
function fit(head: readonly Line[], body: readonly Line[], footer: string, findings: number): string {
  const join = (lines: readonly Line[]) => lines.map((l) => l.text).join('\n');
  const full = `${join([...head, ...body])}\n${footer}`;
  if (full.length <= MARKDOWN_MAX_CHARS) return full;
  const note = (left: number) =>
    `> **Truncated**: this report passed GitHub's 65,536-character limit; ${plural(left, 'finding')} of ${findings} ` +
    'are not shown. Run `saasgov lint` or read the SARIF or JUnit report for all of them.';
  const reserve = note(findings).length + footer.length + 4;
  const kept: Line[] = [...head];
  let size = join(kept).length;
  let shown = 0;
  for (const line of body) {
    if (size + 1 + line.text.length > MARKDOWN_MAX_CHARS - reserve) break;
    kept.push(line);
    size += 1 + line.text.length;
    shown += line.findings ?? 0;
  }
  return `${join(kept)}\n\n${note(findings - shown)}\n\n${footer}`;
}
