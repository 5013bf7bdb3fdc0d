/**
 * The report as Markdown for a wiki page or `$GITHUB_STEP_SUMMARY`: summary
 * first (so a capped body keeps what matters), then the matrix, waivers,
 * control evidence, PoCs, and the findings behind each cell as lists grouped
 * by app and family. Every text from a manifest goes through `escapeMarkdown`;
 * the body is capped at 65,536 characters with a note.
 */
import { capMarkdown, escapeMarkdown } from '../formatters/escape';
import { FAMILY_IDS } from './families';
import { FRAMEWORKS, VERDICTS, type CellState, type Finding, type Report, type Verdict } from './model';
import { daysText, oneLine, percent, STATE_ORDER, STATE_STYLES, VERDICT_STYLES } from './present';
import { pluralWord } from '../util/plural';

/** Manifest or finding text, one line, escaped. */
const t = (text: string | null | undefined, empty = '–'): string => (text === null || text === undefined || text === '' ? empty : escapeMarkdown(oneLine(text)));
const badge = (state: CellState, word: string = STATE_STYLES[state].word): string => `${STATE_STYLES[state].symbol} ${word}`;
const verdict = (v: Verdict): string => badge(VERDICT_STYLES[v].state, VERDICT_STYLES[v].label);
const row = (cells: readonly (string | number)[]): string => `| ${cells.join(' | ')} |`;
const header = (cells: readonly string[], numeric: readonly boolean[] = []): string[] => [row(cells), row(cells.map((_, i) => (numeric[i] ? '--:' : '---')))];

/** The Markdown of a report. */
export function renderMarkdown(report: Report): string {
  const s = report.summary;
  const names = new Map(report.apps.map((a) => [a.id, t(a.name, t(a.file))]));
  const label = new Map(report.families.map((f) => [f.id, f.label]));
  const out: string[] = [
    '# SaaS governance posture',
    '',
    `As of ${report.asOf} · ${s.apps} ${pluralWord(s.apps, 'app')} · saasgov ${t(report.generator.version)}`,
    '',
    '## Summary',
    '',
    `- **${s.verdicts.compliant} of ${s.apps}** ${pluralWord(s.apps, 'app')} fully compliant (${percent(s.shares.compliant)}); **${s.verdicts.waived}** compliant with waivers (${percent(s.shares.compliantOrWaived)} compliant in all); **${s.verdicts.nonCompliant}** non-compliant; **${s.verdicts.invalid}** ${pluralWord(s.verdicts.invalid, 'invalid manifest')}`,
    `- **${s.findings.errors}** open ${pluralWord(s.findings.errors, 'error')}, ${s.findings.warnings} ${pluralWord(s.findings.warnings, 'warning')}, ${s.findings.suppressed} waived ${pluralWord(s.findings.suppressed, 'finding')}`,
    `- **${s.waivers.expired + s.waivers.within30}** of ${s.waivers.total} ${pluralWord(s.waivers.total, 'waiver')} expired or expiring within 30 days`,
    `- **${s.pocs.total}** ${pluralWord(s.pocs.total, 'PoC')}: ${s.pocs.ended} ended, ${s.pocs.noEndDate} without end date, ${s.pocs.productionData} on production data`,
    '',
    '### Posture by control family',
    '',
    ...header(['Family', ...STATE_ORDER.map((st) => badge(st)), 'Passing'], [false, ...STATE_ORDER.map(() => true), true]),
    ...s.families.map((f) => row([label.get(f.family)!, ...STATE_ORDER.map((st) => f.counts[st]), `${f.passing} of ${f.applicable} (${percent(f.share)})`])),
    '',
    '### Posture by data classification',
    '',
    ...header(['Classification', 'Apps', ...VERDICTS.map(verdict)], [false, true, ...VERDICTS.map(() => true)]),
    ...s.classifications.map((c) => row([c.classification, c.apps, ...VERDICTS.map((v) => c.verdicts[v])])),
    '',
    '### Riskiest apps',
    '',
  ];
  if (s.riskiest.length === 0) out.push('No app has a failing control family.');
  else {
    out.push(...header(['#', 'App', 'Classification', 'Failing families', 'Score'], [true, false, false, false, true]));
    s.riskiest.forEach((r, i) => {
      const app = report.apps.find((a) => a.id === r.app)!;
      const failing = FAMILY_IDS.filter((f) => app.cells[f].state === 'fail' || app.cells[f].state === 'unknown').map((f) => `${label.get(f)} (${STATE_STYLES[app.cells[f].state].word.toLowerCase()})`);
      out.push(row([i + 1, names.get(r.app)!, app.classification ?? 'unknown', failing.join(', '), `${r.score} (${app.risk.weight} × ${app.risk.failing})`]));
    });
  }
  out.push('', 'Risk score = classification weight (public 1, internal 2, confidential 3, restricted 4, unknown 4) × columns that fail or are unknown.', '');

  out.push('## Posture matrix', '');
  if (report.apps.length === 0) out.push('No manifests.');
  else {
    // The verdict beside the app (as in the HTML), in view however wide the table scrolls.
    out.push(...header(['App', 'Verdict', 'Display name', 'Owner team', 'Business owner', 'Classification', 'Lifecycle', 'Seats', 'File', ...report.families.map((f) => f.label)]));
    for (const app of report.apps) {
      out.push(
        row([
          names.get(app.id)!,
          verdict(app.verdict),
          t(app.displayName),
          t(app.owner.team),
          t(app.owner.business),
          app.classification ?? 'unknown',
          app.lifecycle ?? 'unknown',
          app.seats ?? '–',
          `${t(app.file)}${app.document > 0 ? ` (doc ${app.document + 1})` : ''}`,
          ...FAMILY_IDS.map((f) => {
            const cell = app.cells[f];
            return `${badge(cell.state)}${cell.findings.length > 0 ? ` (${cell.findings.length})` : ''}`;
          }),
        ]),
      );
    }
    out.push('', `Legend: ${STATE_ORDER.map((st) => `${badge(st)}: ${STATE_STYLES[st].meaning}`).join('; ')}. The findings behind each cell are listed under [Findings](#findings).`);
  }
  out.push('');

  out.push('## Waivers', '');
  for (const bucket of report.waivers) {
    out.push(`### ${bucket.label} (${bucket.waivers.length})`, '');
    if (bucket.waivers.length === 0) {
      out.push('None.', '');
      continue;
    }
    out.push(...header(['App', 'Rule', 'Approved by', 'Ticket', 'Reason', 'Expires', 'Days to expiry', 'Status', 'Suppresses'], [false, false, false, false, false, false, true, false, true]));
    for (const w of bucket.waivers) {
      out.push(
        row([
          names.get(w.app)!,
          t(w.rule),
          t(w.approvedBy),
          t(w.ticket),
          t(w.reason),
          w.expires,
          `${w.daysToExpiry} (${daysText(w.daysToExpiry)})`,
          w.valid ? badge('pass', 'Valid') : `${badge('fail', 'Invalid')} (${w.problems.join(', ')})`,
          w.suppresses,
        ]),
      );
    }
    out.push('');
  }

  out.push('## Compliance evidence', '', 'Per control: apps whose rules for that control fail, are unknown (invalid manifest) or are waived, by name; passing and not applicable apps by count.', '');
  for (const fw of FRAMEWORKS) {
    const items = report.controls.filter((c) => c.framework === fw);
    if (items.length === 0) continue;
    out.push(`### ${fw}`, '');
    out.push(...header(['Control', 'Rules', badge('fail'), badge('unknown'), badge('waived'), `${badge('pass')} / ${badge('warn')}`, badge('na')], [false, false, false, false, false, true, true]));
    const list = (ids: readonly string[]) => (ids.length === 0 ? '0' : `${ids.length}: ${ids.map((a) => names.get(a)!).join(', ')}`);
    for (const c of items) {
      out.push(row([t(c.id), c.rules.map((r) => `\`${r}\``).join(' '), list(c.apps.fail), list(c.apps.unknown), list(c.apps.waived), c.apps.pass.length + c.apps.warn.length, c.notApplicable]));
    }
    out.push('');
  }

  out.push('## PoC tracker', '');
  if (report.pocs.length === 0) out.push('No app has lifecycle `poc`.', '');
  else {
    out.push(...header(['App', 'Classification', 'Ends', 'Days left', 'Production data', 'Lifecycle rules'], [false, false, false, true, false, false]));
    for (const p of report.pocs) {
      const days = p.daysLeft === null ? 'no end date' : `${p.daysLeft} (${p.daysLeft < 0 ? `overdue by ${-p.daysLeft} ${pluralWord(-p.daysLeft, 'day')}` : daysText(p.daysLeft)})`;
      out.push(row([names.get(p.app)!, p.classification, p.pocEnds ?? '–', days, p.productionData ? `**yes**${p.sensitive ? ' (sensitive data)' : ''}` : 'no', badge(p.state)]));
    }
    out.push('');
  }

  out.push('## Findings', '');
  const withFindings = report.apps.filter((a) => a.findings.length > 0);
  if (withFindings.length === 0) out.push('No findings.', '');
  for (const app of withFindings) {
    out.push(`### ${names.get(app.id)!} (${t(app.file)}${app.document > 0 ? `, document ${app.document + 1}` : ''})`, '');
    out.push(`${verdict(app.verdict)} · ${app.counts.errors} ${pluralWord(app.counts.errors, 'error')}, ${app.counts.warnings} ${pluralWord(app.counts.warnings, 'warning')}, ${app.counts.suppressed} waived`, '');
    for (const f of FAMILY_IDS) {
      const cell = app.cells[f];
      if (cell.findings.length === 0) continue;
      out.push(`- **${label.get(f)}**: ${badge(cell.state)}`);
      for (const i of cell.findings) out.push(`  - ${findingItem(app.findings[i]!)}`);
    }
    out.push('');
  }
  const body = `${out.join('\n').trimEnd()}\n`;
  return capMarkdown(
    body,
    (n) => `> **Truncated:** ${n} more characters did not fit the 65,536-character limit of a comment or job summary; run \`saasgov report --format html\` or \`--format json\` for the full report.\n`,
  );
}

function findingItem(f: Finding): string {
  const state: CellState = f.suppressed ? 'waived' : f.severity === 'error' ? 'fail' : 'warn';
  const what = f.suppressed ? `waived (${f.waivers.map((w) => t(w)).join(', ')})` : f.severity;
  return `${badge(state, what)} \`${f.ruleId}\` line ${f.line}:${f.column}: ${t(f.message)}`;
}
