/**
 * Escaping shared by the text formats (HAZARDS.md, "Writing output"): control
 * and bidi characters made visible, and nothing a CI runner would read as a
 * workflow command (`::cmd` at a line start, `##[cmd` anywhere).
 */

/**
 * C0 controls (tab and newline included: a message is one line), DEL, C1,
 * zero-width and direction marks, line/paragraph separators, bidi embeddings
 * and isolates, and the BOM.
 */
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF]/g;

/** Renders invisible and control characters as `\uXXXX`, so they show and do nothing. */
export function visibleControls(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Breaks `::` at a line start and `##[` anywhere with a zero-width joiner, per line. */
export function neutraliseWorkflowCommands(text: string): string {
  return text.replace(/##\[/g, '##\u200D[').replace(/^(\s*):(?=:)/gm, '$1:\u200D');
}

const HTML_ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML element content and quoted attribute values, after
 * making control and bidi characters visible (`visibleControls`): manifest
 * text can then never open a tag, close an attribute or reorder what is shown.
 * `##[` becomes `##&#91;` (the same on screen), so an HTML report printed in a
 * CI log forges no workflow command.
 */
export function escapeHtml(text: string): string {
  return visibleControls(text)
    .replace(/[&<>"']/g, (c) => HTML_ENTITIES[c]!)
    .replace(/##\[/g, '##&#91;');
}

/**
 * Escapes text for Markdown (CommonMark and GitHub Flavored Markdown: PR
 * comments, wiki pages, `$GITHUB_STEP_SUMMARY`), inline or in a table cell
 * (HAZARDS.md, "Markdown comments"): control and bidi characters made visible;
 * `&`, `<`, `>`, `"` as HTML entities (so `</details>` and `<!--` stay text);
 * every other Markdown punctuation character, `|` included, backslash-escaped;
 * `@mentions` and `#123` references broken with a zero-width space so nobody is
 * notified and nothing is linked. No numeric entities are produced, so the
 * `#` rule never touches an entity.
 */
export function escapeMarkdown(text: string): string {
  return visibleControls(text)
    .replace(/[&<>"]|[\\`*_{}[\]()#+\-.!|~:^=$]/g, (c) => HTML_ENTITIES[c] ?? `\\${c}`)
    .replace(/@(?=[\w-])/g, '@\u200B')
    .replace(/\\#(?=\d)/g, '\\#\u200B');
}

/** Markdown bodies are capped here: GitHub comments and job summaries reject larger ones. */
export const MARKDOWN_MAX_CHARS = 65_536;

/**
 * `markdown` cut at a line boundary so that, with `note` appended, it fits in
 * `max` characters; unchanged when it already fits.
 */
export function capMarkdown(markdown: string, note: (omittedChars: number) => string, max = MARKDOWN_MAX_CHARS): string {
  if (markdown.length <= max) return markdown;
  // The note's length depends on the number it states: reserve room for the longest.
  const room = max - note(markdown.length).length - 2;
  const cut = markdown.lastIndexOf('\n', room);
  const kept = markdown.slice(0, cut < 0 ? 0 : cut + 1);
  return `${kept}\n${note(markdown.length - kept.length)}`;
}
