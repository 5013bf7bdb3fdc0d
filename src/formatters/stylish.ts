/**
 * `stylish` (default): findings grouped by file, each as `file:line:column`
 * (clickable in terminals and editors), severity, rule and message, then a
 * summary. Manifest text is made visible and inert (escape.ts).
 */
import { styleText } from 'node:util';
import { displayPath } from '../engine/files';
import { neutraliseWorkflowCommands, visibleControls } from './escape';
import type { ResultCounts } from '../engine/results';
import { collect, type StreamingFormat } from './stream';
import type { Formatter } from './types';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** We decide about colour ourselves (TTY, NO_COLOR, --no-color), so styleText must not second-guess the stream. */
const painter = (color: boolean) => (style: Parameters<typeof styleText>[0], text: string) =>
  color ? styleText(style, text, { validateStream: false }) : text;

export const stylishStream: StreamingFormat = {
  fragment(r, { cwd, color }) {
    if (r.messages.length === 0) return '';
    const paint = painter(color);
    // An org app without a manifest (audit okta) has a section of its own, with no line.
    const file = visibleControls(r.location ? `Okta app "${r.location.label}" (${r.location.id}) ${r.location.adminUrl}` : displayPath(cwd, r.filePath));
    const lines = [paint('underline', file)];
    for (const m of r.messages) {
      const where = r.location ? 'okta' : `${file}:${m.line}:${m.column}`;
      const level = m.severity === 2 ? paint('red', 'error  ') : paint('yellow', 'warning');
      lines.push(`  ${where}  ${level}  ${visibleControls(m.message)}  ${paint('dim', m.ruleId)}`);
    }
    return neutraliseWorkflowCommands(`${lines.join('\n')}\n\n`);
  },
  stream(context) {
    const { color, comparison } = context;
    const paint = painter(color);
    let files = 0;
    let errors = 0;
    let warnings = 0;
    let suppressed = 0;
    let clean = 0;
    let orgApps = 0;
    const before = (counts: ResultCounts) => {
      errors += counts.errorCount;
      warnings += counts.warningCount;
      suppressed += counts.suppressedCount;
      // An org app without a manifest (audit okta) is counted apart: it is not a file.
      if (counts.orgApp) orgApps++;
      else {
        files++;
        if (counts.errorCount + counts.warningCount === 0) clean++;
      }
      return '';
    };
    return {
      before,
      end() {
        const total = errors + warnings;
        const waived = suppressed > 0 ? `; ${plural(suppressed, 'finding')} waived` : '';
        const known = comparison && comparison.known > 0 ? `; ${plural(comparison.known, 'known finding')} not shown` : '';
        const summary = `${clean} of ${plural(files, 'file')} clean${orgApps > 0 ? `; ${plural(orgApps, 'Okta app')} without a manifest` : ''}`;
        if (total === 0) return `${paint('green', `✔ no ${comparison ? 'new ' : ''}problems (${summary}${waived}${known})`)}\n`;
        const line = `✖ ${plural(total, comparison ? 'new problem' : 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}); ${summary}${waived}${known}`;
        return `${paint(errors > 0 ? 'red' : 'yellow', line)}\n`;
      },
    };
  },
};

export const stylish: Formatter = collect(stylishStream);
