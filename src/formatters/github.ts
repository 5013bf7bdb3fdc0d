/**
 * `github`: GitHub Actions workflow commands, one per line, that the runner
 * turns into annotations on the pull request's files:
 * `::error file=…,line=…,col=…,endLine=…,endColumn=…,title=<rule>::<message>`
 * (`::warning` for warnings). Waived findings are approved exceptions and are
 * not annotated (the Markdown summary lists them).
 *
 * Escaping follows actions/toolkit `command.ts` exactly — data: `%`, CR, LF;
 * properties: also `:` and `,` — after control and bidi characters are made
 * visible, and `##[` (the runner's legacy command form, honoured anywhere in
 * a line) is broken, so manifest text can never start a second command.
 */
import type { LintMessage } from '../engine/results';
import { escapeCommandData, escapeCommandProperty, inert } from './escape';
import { orgAppTitle, repoPath } from './shared';
import type { Formatter } from './types';

/** One workflow command: `::name key=value,…::message`, escaped. */
export function workflowCommand(name: string, properties: ReadonlyArray<readonly [string, string | number]>, message: string): string {
  const props = properties.map(([k, v]) => `${k}=${escapeCommandProperty(inert(String(v)))}`).join(',');
  return `::${name}${props ? ` ${props}` : ''}::${escapeCommandData(inert(message))}`;
}

function annotation(file: string, m: LintMessage): string {
  const where: [string, number][] = [['line', m.line]];
  // GitHub takes columns only for a range on one line (toolkit AnnotationProperties).
  if (m.endLine === m.line) where.push(['col', m.column], ['endLine', m.endLine], ['endColumn', m.endColumn]);
  else where.push(['endLine', m.endLine]);
  return workflowCommand(m.severity === 2 ? 'error' : 'warning', [['file', file], ...where, ['title', m.ruleId]], m.message);
}

export const github: Formatter = (results, context) => {
  const lines: string[] = [];
  for (const r of results) {
    const title = orgAppTitle(r);
    if (title !== null) {
      // No file to annotate: a workflow command without one shows in the run's summary.
      for (const m of r.messages) lines.push(workflowCommand(m.severity === 2 ? 'error' : 'warning', [['title', m.ruleId]], `${title}: ${m.message} ${r.filePath}`));
      continue;
    }
    const file = repoPath(context, r.filePath);
    for (const m of r.messages) lines.push(annotation(file, m));
  }
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
};
