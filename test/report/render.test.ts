/**
 * The renderers: hostile manifest text stays text in HTML and Markdown, the
 * HTML needs nothing from the network and carries its accessibility markup,
 * Markdown tables keep their shape and the body its cap, colours meet WCAG AA.
 */
import { describe, expect, it } from 'vitest';
import { MARKDOWN_MAX_CHARS } from '../../src/formatters/escape';
import { renderHtml } from '../../src/report/html';
import { renderJson } from '../../src/report/json';
import { renderMarkdown } from '../../src/report/markdown';
import { STATE_STYLES } from '../../src/report/present';
import { AS_OF, edit, reportFiles, VALID } from '../helpers';
import { generateInventory } from './inventory';

const HOSTILE = edit(VALID, {
  set: {
    'metadata.name': 'hostile-app',
    'spec.sso.mfa': 'optional',
    'metadata.displayName': '<script>alert(1)</script> | @acme/security #123 </details> <!-- x',
    'metadata.owner.team': '"><img src=x onerror=alert(2)> ##[error]forged',
    'spec.vendor': 'Evil\u202Egnp.exe',
    'spec.waivers': [{ rule: 'sso/mfa', reason: 'Until </td></tr></table><b>bold</b> and `code` and [link](https://evil.example)', approvedBy: 'ciso@example.com', ticket: 'SEC-1|2', expires: '2027-01-01' }],
  },
});

const report = reportFiles({ 'apps/crm.yaml': VALID, 'apps/hostile.yaml': HOSTILE });

describe('HTML', () => {
  const html = renderHtml(report);

  it('escapes every manifest text', () => {
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toMatch(/<img/i);
    expect(html).not.toContain('<b>bold</b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt; | @acme/security #123 &lt;/details&gt; &lt;!-- x');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(2)&gt; ##&#91;error]forged');
    expect(html).toContain('SEC-1|2');
    // A bidi override is shown, not obeyed.
    expect(html).not.toContain('\u202E');
  });

  it('is self-contained: no script, no external resource', () => {
    // Escaped text holds no `<`, so every `<name` is a real tag.
    const tags = [...html.matchAll(/<([a-zA-Z][\w-]*)([^>]*)>/g)];
    const names = new Set(tags.map((m) => m[1]!.toLowerCase()));
    const allowed = 'html head meta link title style body header h1 h2 h3 h4 p time nav ul li a main section div table caption thead tbody tr th td span figure figcaption svg rect text g code strong br dl dt dd article em wbr'.split(' ');
    expect([...names].filter((n) => !allowed.includes(n))).toEqual([]);
    const attributes = tags.flatMap((m) => [...m[2]!.matchAll(/\s([\w-]+)="([^"]*)"/g)].map((a) => [a[1]!, a[2]!] as const));
    expect(attributes.filter(([name]) => name === 'src' || name.startsWith('on'))).toEqual([]);
    expect(attributes.filter(([name, value]) => name === 'href' && !value.startsWith('#') && value !== 'data:,')).toEqual([]);
    // The SVG namespace is a name, not a request; the waiver's link stays escaped text.
    expect([...new Set(attributes.filter(([, value]) => value.includes('://')).map(([name, value]) => `${name}=${value}`))]).toEqual(['xmlns=http://www.w3.org/2000/svg']);
    expect(html).not.toMatch(/@import|url\(/);
    expect(html).toContain('Content-Security-Policy');
  });

  it('has the accessibility markup: language, captions, header scopes, labelled charts, states in words', () => {
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="en">/);
    const tables = html.match(/<table[^>]*>/g)!.length;
    expect(html.match(/<caption>/g)!.length).toBe(tables);
    const headers = html.match(/<th\b[^>]*>/g)!;
    expect(headers.filter((h) => !/scope="(col|row)"/.test(h))).toEqual([]);
    const svgs = html.match(/<svg\b[^>]*>/g)!;
    expect(svgs).toHaveLength(2);
    for (const svg of svgs) expect(svg).toMatch(/role="img".*aria-label="Posture by [^"]+"/);
    expect(html).toContain('<title>Posture by control family</title>');
    // A cell: symbol (hidden from screen readers) and word, linked to its findings with a spoken label.
    expect(html).toContain('<td class="st st-waived"><a href="#a2-mfa" aria-label="MFA: Waived, 1 finding"><span aria-hidden="true">⊘</span> Waived (1)</a></td>');
    expect(html).toContain('<h4 id="a2-mfa">MFA ');
    expect(html).toContain('@media print');
  });

  it('is deterministic', () => {
    expect(renderHtml(reportFiles({ 'apps/crm.yaml': VALID, 'apps/hostile.yaml': HOSTILE }))).toBe(html);
  });
});

describe('Markdown', () => {
  const md = renderMarkdown(report);

  it('escapes manifest text: HTML, Markdown punctuation, table pipes, mentions and references', () => {
    expect(md).not.toMatch(/<script|<\/details>|<!--|<img|<b>/);
    expect(md).toContain('&lt;script&gt;alert\\(1\\)&lt;/script&gt; \\| @&#8203;acme/security \\#&#8203;123 &lt;/details&gt; &lt;\\!\\-\\- x');
    expect(md).toContain('SEC\\-1\\|2');
    expect(md).toContain('\\[link\\]\\(https\\:');
    expect(md).not.toContain('\u202E');
  });

  it('keeps every table row the width of its header', () => {
    const lines = md.split('\n');
    const pipes = (line: string) => line.match(/(?<!\\)\|/g)!.length;
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i]!.startsWith('| ') || !lines[i + 1]?.startsWith('| --')) continue;
      const width = pipes(lines[i]!);
      for (let j = i + 1; j < lines.length && lines[j]!.startsWith('|'); j++) expect({ line: lines[j], pipes: pipes(lines[j]!) }).toEqual({ line: lines[j], pipes: width });
    }
  });

  it('states every cell in words and lists the findings behind it', () => {
    expect(md).toMatch(/\| hostile\\-app \|.*\| ⊘ Waived \(1\) \|/);
    expect(md).toContain('- **MFA**: ⊘ Waived');
    expect(md).toMatch(/ {2}- ⊘ waived \(SEC\\-1\\\|2\) `sso\/mfa` line \d+:\d+: /);
  });

  it('caps a large report at 65,536 characters with a note, cut at a line end', () => {
    const big = reportFiles(Object.fromEntries(generateInventory(500, 5, AS_OF).map((g) => [g.file, g.text])));
    const full = renderMarkdown(big);
    expect(full.length).toBeLessThanOrEqual(MARKDOWN_MAX_CHARS);
    expect(full).toMatch(/\n> \*\*Truncated:\*\* \d+ more characters did not fit the 65,536-character limit/);
    // What is kept is whole lines of the report, summary first.
    expect(full.startsWith('# SaaS governance posture\n')).toBe(true);
    expect(full).toContain('## Posture matrix');
  });
});

describe('counts', () => {
  it('say one of a thing in the singular, in HTML and Markdown', () => {
    // One app: an invalid manifest, and one PoC (with a waiver) beside it.
    const poc = edit(VALID, { set: { 'metadata.name': 'poc-app', 'spec.lifecycle': 'poc', 'spec.pocEnds': '2026-12-20', 'spec.data.source': 'synthetic', 'spec.waivers': [{ rule: 'sso/mfa', reason: 'A PoC with three testers; MFA comes with the rollout', approvedBy: 'ciso@example.com', ticket: 'SEC-1', expires: '2027-01-01' }] } });
    const one = reportFiles({ 'apps/broken.yaml': 'apiVersion: saasgov.dev/v1\nkind: SaaSApp\n', 'apps/poc.yaml': poc });
    const text = `${renderHtml(one)}\n${renderMarkdown(one)}`;
    expect(text).not.toMatch(/\b1\*{0,2} (invalid manifests|PoCs|waivers|errors|warnings)\b/);
    expect(renderHtml(one)).toContain('<span class="value">1</span> <span class="label">invalid manifest</span>');
    expect(renderHtml(one)).toMatch(/<span class="value">1<\/span> <span class="label">PoC, 0 ended/);
    expect(renderMarkdown(one)).toContain('- **1** PoC: 0 ended');
    expect(renderMarkdown(one)).toContain('**1** invalid manifest');
  });
});

describe('no format forges a workflow command when printed in a CI log', () => {
  it('breaks ##[ in HTML, Markdown and JSON; JSON still parses to the exact text', () => {
    for (const text of [renderHtml(report), renderMarkdown(report), renderJson(report)]) expect(text).not.toContain('##[');
    expect(JSON.parse(renderJson(report)).apps[1].owner.team).toBe('"><img src=x onerror=alert(2)> ##[error]forged');
  });
});

describe('JSON', () => {
  it('is the model, two-space indented, newline-terminated', () => {
    const text = renderJson(report);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(report)));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "schemaVersion": 1,');
  });
});

describe('colours', () => {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const contrast = (a: string, b: string) => {
    const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
    return (hi! + 0.05) / (lo! + 0.05);
  };

  it('meet WCAG AA: state text 4.5:1 on its background, counts 4.5:1 on their bar, bars 3:1 on white', () => {
    for (const [state, s] of Object.entries(STATE_STYLES)) {
      expect({ state, text: contrast(s.text, s.background) >= 4.5 }).toEqual({ state, text: true });
      expect({ state, ink: contrast(s.ink, s.fill) >= 4.5 }).toEqual({ state, ink: true });
      expect({ state, fill: contrast(s.fill, '#ffffff') >= 3 }).toEqual({ state, fill: true });
    }
  });
});
