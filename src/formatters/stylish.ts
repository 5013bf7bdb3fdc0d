/**
 * `stylish` (default): findings grouped by file, each as `file:line:column`
 * (clickable in terminals and editors), severity, rule and message, then a
 * summary. Manifest text is made visible and inert (escape.ts).
 */
import { styleText } from 'node:util';
import { displayPath } from '../engine/files';
import { neutraliseWorkflowCommands, visibleControls } from './escape';
import { collect, type StreamingFormatter } from './stream';
import type { Formatter } from './types';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const stylishStream: StreamingFormatter = ({ cwd, color, comparison }) => {
  // We decide about colour ourselves (TTY, NO_COLOR, --no-color), so styleText must not second-guess the stream.
  const paint = (style: Parameters<typeof styleText>[0], text: string) => (color ? styleText(style, text, { validateStream: false }) : text);
  let files = 0;
  let errors = 0;
  let warnings = 0;
  let suppressed = 0;
  let clean = 0;
  return {
    file(r) {
      files++;
      errors += r.errorCount;
      warnings += r.warningCount;
      suppressed += r.suppressedMessages.length;
      if (r.messages.length === 0) {
        clean++;
        return '';
      }
      const file = visibleControls(displayPath(cwd, r.filePath));
      const lines = [paint('underline', file)];
      for (const m of r.messages) {
        const where = `${file}:${m.line}:${m.column}`;
        const level = m.severity === 2 ? paint('red', 'error  ') : paint('yellow', 'warning');
        lines.push(`  ${where}  ${level}  ${visibleControls(m.message)}  ${paint('dim', m.ruleId)}`);
      }
      return neutraliseWorkflowCommands(`${lines.join('\n')}\n\n`);
    },
    end() {
      const total = errors + warnings;
      const waived = suppressed > 0 ? `; ${plural(suppressed, 'finding')} waived` : '';
      const known = comparison && comparison.known > 0 ? `; ${plural(comparison.known, 'known finding')} not shown` : '';
      const summary = `${clean} of ${plural(files, 'file')} clean`;
      if (total === 0) return `${paint('green', `✔ no ${comparison ? 'new ' : ''}problems (${summary}${waived}${known})`)}\n`;
      const line = `✖ ${plural(total, comparison ? 'new problem' : 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}); ${summary}${waived}${known}`;
      return `${paint(errors > 0 ? 'red' : 'yellow', line)}\n`;
    },
  };
};

export const stylish: Formatter = collect(stylishStream);
