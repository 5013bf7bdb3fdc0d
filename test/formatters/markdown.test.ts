import MarkdownIt from 'markdown-it';
import { describe, expect, it } from 'vitest';
import type { LintMessage, LintResult } from '../../src/engine/results';
import { escapeHtmlText, escapeMarkdown } from '../../src/formatters/escape';
import { MARKDOWN_MAX_CHARS } from '../../src/formatters/escape';
import { markdown, MAX_APP_ROWS } from '../../src/formatters/markdown';
import type { FormatContext } from '../../src/formatters/types';
import { ruleDocUrl, VERSION } from '../../src/util/package';
import { RULES_BY_ID } from '../../rules';
import { AS_OF, edit, lintFiles, VALID } from '../helpers';
import { HOSTILE, hostileResults } from './hostile';

const context: FormatContext = { cwd: '/repo', srcRoot: '/repo', color: false, version: VERSION, asOf: AS_OF, rules: RULES_BY_ID };
/** A CommonMark + GFM tables renderer that passes raw HTML through, as GitHub does for its allowed tags. */
const md = new MarkdownIt({ html: true, linkify: false });
const render = (text: string) => md.render(text);
/** The text a reader sees: tags dropped, entities decoded. */
const visible = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#8203;|\u200b/g, '')
    .replace(/&amp;/g, '&');

describe('markdown formatter', () => {
  const results = hostileResults();
  const text = markdown(results, context);
  const html = render(text);

  it('starts with a one-line verdict', () => {
    const errors = results.reduce((n, r) => n + r.errorCount, 0);
    expect(text.split('\n')[0]).toBe(`### ❌ saasgov: ${errors} errors and 2 warnings in 2 of 4 manifest files`);
    expect(markdown(lintFiles({ 'apps/a.yaml': VALID }), context).split('\n')[0]).toBe('### ✅ saasgov: no problems in 1 manifest file');
  });

  it('has a table of the apps with findings, five cells a row, and folds away the clean ones', () => {
    const rows = [...html.matchAll(/<tr>([^]*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<t[dh][^>]*>([^]*?)<\/t[dh]>/g)].map((c) => visible(c[1]!)));
    expect(rows[0]).toEqual(['App', 'File', 'Errors', 'Warnings', 'Waived']);
    expect(rows.slice(1).map((r) => r[0])).toEqual(['crm-salesforce', 'waived-app', 'warned-app']);
    for (const row of rows) expect(row).toHaveLength(5);
    expect(rows[2]).toEqual(['waived-app', 'apps/waived.yaml', '0', '0', '1']);
    expect(html).toContain('<details><summary>1 app without findings</summary><ul><li>clean-app (apps/clean.yaml)</li></ul></details>');
  });

  it('lists every finding with a link to its rule documentation', () => {
    const links = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1]);
    const messages = results.flatMap((r) => [...r.messages, ...r.suppressedMessages]);
    expect(links).toEqual(messages.map((m) => ruleDocUrl(m.ruleId)));
    for (const m of messages) expect(visible(html)).toContain(`line ${m.line}, column ${m.column}`);
  });

  it('renders hostile manifest text literally: no HTML, no comment, no closing details, no mention, no issue link', () => {
    const shown = visible(html);
    for (const h of HOSTILE) {
      if (/[\u0000-\u001f\u202e\ufffe\ud800]/.test(h)) continue; // shown as \uXXXX, checked below
      expect(shown).toContain(`k${h}`);
    }
    expect(shown).toContain('k\\u0000nul');
    expect(shown).toContain('k\\u202Ebidi');
    expect(html).not.toMatch(/<script|<x\/>|<!--/);
    expect(text).not.toContain('<!--');
    expect(text.match(/<details>/g)).toHaveLength(1);
    expect(text.match(/<\/details>/g)).toHaveLength(1);
    expect(html.match(/<\/details>/g)).toHaveLength(1);
    // Mentions and issue references are broken with a zero-width space.
    expect(text).not.toMatch(/@(?!&#8203;)/);
    expect(text).not.toMatch(/(?<!&)#(?!&#8203;)\d/);
    expect(text).not.toMatch(/\$x\^2\$/);
    expect(text).not.toContain('##[');
  });

  it('shows waived findings with their waiver, escaped', () => {
    expect(visible(html)).toMatch(/waived ownership\/owners line \d+, column \d+: `metadata\.owner\.business` is missing.*Waiver: Approved exception %0A::error ::injected%2C/);
    expect(text).toContain('1 finding waived by approved exceptions (not counted).');
  });

  it('notes known findings of a comparison and lists stale baseline entries', () => {
    const out = markdown(lintFiles({ 'apps/a.yaml': VALID }), {
      ...context,
      comparison: {
        kind: 'baseline',
        against: '.saasgov-baseline.json',
        known: 3,
        stale: [{ fingerprint: '0'.repeat(32), rule: 'ownership/owners', app: 'gone-app', path: 'metadata.owner.business', file: 'apps/gone.yaml', message: 'gone <b>@x</b>' }],
      },
    });
    expect(out.split('\n')[0]).toBe('### ✅ saasgov: no new problems in 1 manifest file');
    const shown = visible(render(out));
    expect(shown).toContain('3 findings already in the baseline .saasgov-baseline.json are not shown.');
    expect(shown).toContain('Baseline entries that no longer occur (1)');
    expect(shown).toContain('ownership/owners in apps/gone.yaml (gone-app) at metadata.owner.business: gone <b>@x</b>');
  });

  it(`stays within ${MARKDOWN_MAX_CHARS} characters, cutting whole lines, with a note`, () => {
    const one = lintFiles({ 'apps/a.yaml': edit(VALID, { remove: ['metadata.owner.business'] }) })[0]!;
    const finding = one.messages[0]!;
    const messages: LintMessage[] = Array.from({ length: 3000 }, (_, i) => ({ ...finding, line: i + 1, endLine: i + 1 }));
    const big: LintResult = { ...one, messages, errorCount: messages.length };
    const out = markdown([big], context);
    expect(out.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS + 1); // + the final newline
    const shownFindings = out.split('\n').filter((l) => l.startsWith('- ❌')).length;
    expect(shownFindings).toBeGreaterThan(100);
    expect(out).toContain(`> **Truncated**: this report passed GitHub's 65,536-character limit; ${3000 - shownFindings} findings of 3000 are not shown.`);
    expect(out.trimEnd().endsWith(`<sub>saasgov ${escapeMarkdown(VERSION)} · as of ${escapeMarkdown(AS_OF)}</sub>`)).toBe(true);
    expect(out.split('\n')[0]).toBe('### ❌ saasgov: 3000 errors in 1 of 1 manifest file');
  });

  it('is deterministic', () => {
    expect(markdown(hostileResults(), context)).toBe(text);
  });
});

describe('markdown formatter on a large inventory', () => {
  const [failing, passing] = lintFiles({ 'apps/a.yaml': edit(VALID, { remove: ['metadata.owner.business'] }), 'apps/b.yaml': edit(VALID, { set: { 'metadata.name': 'crm-b' } }) });
  /** `n` files, every `every`-th failing. */
  const inventory = (n: number, every: number): LintResult[] =>
    Array.from({ length: n }, (_, i) => ({ ...(i % every === 0 ? failing! : passing!), filePath: `/repo/apps/app-${String(i).padStart(4, '0')}.yaml` }));
  const lines = (out: string) => out.split('\n');

  it('puts the findings first and caps the app table with a count', () => {
    const out = markdown(inventory(360, 3), context); // 120 failing
    const at = (prefix: string) => lines(out).findIndex((l) => l.startsWith(prefix));
    expect(lines(out).slice(0, 3)).toEqual(['### ❌ saasgov: 120 errors in 120 of 360 manifest files', '', '#### apps/app\\-0000\\.yaml']);
    expect(at('- ❌ **error**')).toBeLessThan(at('| App | File |'));
    expect(out).toContain('#### 120 apps with findings');
    const table = lines(out).slice(at('| App | File |') + 2);
    const rows = table.slice(0, table.indexOf(''));
    expect(rows).toHaveLength(MAX_APP_ROWS);
    expect(out).toContain(`…and ${120 - MAX_APP_ROWS} more apps with findings.`);
    // Every finding is listed, though the table stops.
    expect(lines(out).filter((l) => l.startsWith('- ❌ **error**'))).toHaveLength(120);
    expect(out).toContain('<details><summary>240 apps without findings</summary>');
  });

  it('shows the findings at the top of a 6,000-app summary (2,000 failing), within the cap', () => {
    const out = markdown(inventory(6000, 3), context);
    expect(out.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS + 1);
    expect(lines(out)[0]).toBe('### ❌ saasgov: 2000 errors in 2000 of 6000 manifest files');
    expect(lines(out).slice(0, 10).some((l) => l.startsWith('- ❌ **error**'))).toBe(true);
    expect(lines(out).filter((l) => l.startsWith('- ❌ **error**')).length).toBeGreaterThan(100);
    expect(out).toMatch(/> \*\*Truncated\*\*: this report passed GitHub's 65,536-character limit; \d+ findings of 2000 are not shown/);
  });
});

describe('escapeMarkdown', () => {
  it('escapes Markdown punctuation, HTML, mentions and issue references', () => {
    expect(escapeMarkdown('a|b *c* <!-- @team #12 &amp;')).toBe('a\\|b \\*c\\* &lt;\\!\\-\\- @&#8203;team \\#&#8203;12 &amp;amp;');
    expect(visible(render(escapeMarkdown('**bold** [x](y) `z` @team #12')))).toBe('**bold** [x](y) `z` @team #12\n');
  });
  it('escapes text inside HTML blocks without backslashes, which would show there', () => {
    expect(escapeHtmlText('<b>@x #1 a-b.yaml')).toBe('&lt;b&gt;@&#8203;x #&#8203;1 a-b.yaml');
    const block = render(`<details><summary>x</summary><ul><li>${escapeHtmlText('</details><!-- a-b @team')}</li></ul></details>`);
    expect(visible(block)).toBe('x</details><!-- a-b @team');
    expect(block.match(/<\/details>/g)).toHaveLength(1);
  });
});
