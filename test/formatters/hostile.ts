/**
 * Lint results that carry hostile text into every field a formatter prints:
 * file names, unknown keys (quoted in messages), values, waiver reasons,
 * tickets — workflow commands, CRLF, `##[`, XML terminators and forbidden
 * characters, HTML, Markdown, mentions and issue references.
 */
import type { LintResult } from '../../src/engine/results';
import { edit, lintFiles, VALID } from '../helpers';

/** Strings that try to break out of each format. */
export const HOSTILE = [
  '%0A::error ::injected%2C',
  '\r\n::warning file=forged.yaml,line=1::forged',
  '##[set-output name=x;]y',
  '::stop-commands::token',
  ']]><x/>',
  '\u0000nul',
  '\u001b[31mred',
  '\uFFFEnon-char',
  '\uD800lone',
  '\u202Ebidi',
  '<!-- hidden',
  '</details>',
  '<script>alert(1)</script>',
  '@acme/security-team',
  '#123',
  'a|b',
  '`code`',
  '[link](https://evil.example)',
  '$x^2$',
] as const;

/** A hostile file name (GitHub properties: `:` and `,`; workflow command at a line start). */
export const HOSTILE_FILE = 'apps/::error x,y%0A ##[z] <b>@team #1|.yaml';

/** YAML double-quoted form of a string (escapes every control and non-character). */
const quoted = (s: string) => JSON.stringify(s).replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** A manifest with one unknown key per hostile string, and a waived finding whose reason and ticket are hostile. */
export function hostileResults(): LintResult[] {
  const keys = HOSTILE.map((h) => `  ${quoted(`x${h}`.replace(/^x/, 'k'))}: 1`).join('\n');
  const schemaBroken = VALID.replace('  costCenter: CC-4410\n', `  costCenter: CC-4410\n${keys}\n`);
  const waiver = [
    '  waivers:',
    '    - rule: ownership/owners',
    `      reason: ${quoted(`Approved exception ${HOSTILE.join(' ')}`)}`,
    '      approvedBy: ciso@example.com',
    `      ticket: ${quoted('SEC-1 ::error ::t %0A ##[x] \u0000')}`,
    '      expires: 2027-01-15',
  ].join('\n');
  const waived = `${edit(VALID, { remove: ['metadata.owner.business'], set: { 'metadata.name': 'waived-app' } })}${waiver}\n`;
  const warned = edit(VALID, {
    set: {
      'metadata.name': 'warned-app',
      'spec.waivers': [{ rule: 'ownership/owners', reason: 'Unused waiver kept for the audit trail', approvedBy: 'ciso@example.com', ticket: 'SEC-2', expires: '2026-12-10' }],
    },
  });
  return lintFiles({ [HOSTILE_FILE]: schemaBroken, 'apps/waived.yaml': waived, 'apps/warned.yaml': warned, 'apps/clean.yaml': VALID.replace('crm-salesforce', 'clean-app') });
}
