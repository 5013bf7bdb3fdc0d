/**
 * `stylish` (default): findings grouped by file, each as `file:line:column`
 * (clickable in terminals and editors), severity, rule and message, then a
 * summary. Manifest text is made visible and inert (escape.ts).
 */
import { styleText } from 'node:util';
import { displayPath } from '../engine/files';
import { neutraliseWorkflowCommands, visibleControls } from './escape';
import type { Formatter } from './types';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const stylish: Formatter = (results, { cwd, color, comparison }) => {
  const paint = (style: Parameters<typeof styleText>[0], text: string) => (color ? styleText(style, text) : text);
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let suppressed = 0;
  let clean = 0;
  for (const r of results) {
    errors += r.errorCount;
    warnings += r.warningCount;
    suppressed += r.suppressedMessages.length;
    if (r.messages.length === 0) {
      clean++;
      continue;
    }
    const file = visibleControls(displayPath(cwd, r.filePath));
    lines.push(paint('underline', file));
    for (const m of r.messages) {
      const where = `${file}:${m.line}:${m.column}`;
      const level = m.severity === 2 ? paint('red', 'error  ') : paint('yellow', 'warning');
      lines.push(`  ${where}  ${level}  ${visibleControls(m.message)}  ${paint('dim', m.ruleId)}`);
    }
    lines.push('');
  }
  const total = errors + warnings;
  const waived = suppressed > 0 ? `; ${plural(suppressed, 'finding')} waived` : '';
  const known = comparison && comparison.known > 0 ? `; ${plural(comparison.known, 'known finding')} not shown` : '';
  const files = `${clean} of ${plural(results.length, 'file')} clean`;
  if (total === 0) {
    lines.push(paint('green', `✔ no ${comparison ? 'new ' : ''}problems (${files}${waived}${known})`));
  } else {
    const summary = `✖ ${plural(total, comparison ? 'new problem' : 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}); ${files}${waived}${known}`;
    lines.push(paint(errors > 0 ? 'red' : 'yellow', summary));
  }
  return neutraliseWorkflowCommands(lines.join('\n')) + '\n';
};
