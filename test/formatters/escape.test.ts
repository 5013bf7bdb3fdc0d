/** HTML and Markdown escaping of manifest text (HAZARDS.md, "Writing output"). */
import { describe, expect, it } from 'vitest';
import { capMarkdown, escapeHtml, escapeMarkdown } from '../../src/formatters/escape';

describe('escapeHtml', () => {
  it('escapes the five HTML metacharacters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  });

  it('shows control and bidi characters instead of obeying them', () => {
    expect(escapeHtml('a\u202Eb\u0000c\nd')).toBe('a\\u202Eb\\u0000c\\u000Ad');
  });

  it('breaks ##[ (a workflow command anywhere in a CI log line) without changing what is shown', () => {
    expect(escapeHtml('x ##[error]y')).toBe('x ##&#91;error]y');
  });
});

describe('escapeMarkdown', () => {
  it('HTML-escapes tags and comments, so </details> and <!-- stay text', () => {
    expect(escapeMarkdown('</details><!-- & "q"')).toBe('&lt;/details&gt;&lt;\\!\\-\\- &amp; &quot;q&quot;');
  });

  it('backslash-escapes Markdown punctuation, the table pipe included', () => {
    expect(escapeMarkdown('*a* _b_ `c` [d](e) | f ~g~ #h !i')).toBe('\\*a\\* \\_b\\_ \\`c\\` \\[d\\]\\(e\\) \\| f \\~g\\~ \\#h \\!i');
    expect(escapeMarkdown('back\\slash')).toBe('back\\\\slash');
  });

  it('breaks @mentions and #references with a zero-width space', () => {
    expect(escapeMarkdown('@acme/security ping #123 and GH#7')).toBe('@&#8203;acme/security ping \\#&#8203;123 and GH\\#&#8203;7');
    expect(escapeMarkdown('a @ b # c')).toBe('a @&#8203; b \\# c');
  });

  it('produces no numeric entity that the #reference rule could break', () => {
    expect(escapeMarkdown(`it's`)).toBe(`it's`);
  });
});

describe('capMarkdown', () => {
  const note = (n: number) => `> truncated ${n}\n`;

  it('leaves a body that fits alone', () => {
    expect(capMarkdown('short\n', note, 100)).toBe('short\n');
  });

  it('cuts at a line end and appends the note, within the limit', () => {
    const body = Array.from({ length: 50 }, (_, i) => `line ${i}`).join('\n') + '\n';
    const capped = capMarkdown(body, note, 120);
    expect(capped.length).toBeLessThanOrEqual(120);
    const [kept, tail] = capped.split('\n\n> truncated ');
    expect(body.startsWith(`${kept}\n`)).toBe(true);
    expect(Number(tail!.trim())).toBe(body.length - kept!.length - 1);
  });
});
