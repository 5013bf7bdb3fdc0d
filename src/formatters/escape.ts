/**
 * Escaping shared by the text formats (HAZARDS.md, "Writing output"): control
 * and bidi characters made visible, and nothing a CI runner would read as a
 * workflow command (`::cmd` at a line start, `##[cmd` anywhere).
 */

/**
 * C0 controls (tab and newline included: a message is one line), DEL, C1,
 * zero-width and direction marks, line/paragraph separators, bidi embeddings
 * and isolates, the BOM, the non-characters U+FFFE/U+FFFF, and lone
 * surrogates (which no UTF-8 consumer can carry).
 */
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u200B-\u200F\u2028-\u202E\u2060-\u2069\uFEFF\uFFFE\uFFFF\uD800-\uDFFF]/gu;

/** Renders invisible and control characters as `\uXXXX`, so they show and do nothing. */
export function visibleControls(text: string): string {
  return text.replace(INVISIBLE, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** Breaks `::` at a line start and `##[` anywhere with a zero-width joiner, per line. */
export function neutraliseWorkflowCommands(text: string): string {
  return text.replace(/##\[/g, '##\u200D[').replace(/^(\s*):(?=:)/gm, '$1:\u200D');
}

/** Manifest text for a one-line field of any format: invisible characters shown, no workflow command. */
export function inert(text: string): string {
  return neutraliseWorkflowCommands(visibleControls(text));
}

/**
 * The message part of a GitHub workflow command, escaped as actions/toolkit
 * `command.ts` (`escapeData`) does: `%`, CR and LF.
 */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/**
 * A property value of a GitHub workflow command (`file=`, `title=`), escaped as
 * actions/toolkit `command.ts` (`escapeProperty`) does: also `:` and `,`.
 */
export function escapeCommandProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** Characters XML 1.0 forbids (outside `Char`), lone surrogates and U+FFFE/U+FFFF included. */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text an XML 1.0 document can hold: each character outside XML's `Char`
 * production (which no escape can carry, not even a character reference) is
 * written as `\uXXXX`. Markup characters are left to the XML serialiser.
 */
export function xmlChars(text: string): string {
  return text.replace(NOT_XML_CHAR, (c) => `\\u${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

/** ASCII punctuation Markdown (GFM, with GitHub's `$` math) gives a meaning to, except `&<>"` (HTML-escaped). */
const MARKDOWN_PUNCTUATION = /[\\`*_{}[\]()#+\-.!|~$^=:]/g;

/** HTML-escapes, then breaks `#123` and `@mention` with a zero-width space (GitHub links them even inside HTML). */
function htmlAndMentions(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/#(?=\d)/g, '#&#8203;') // before `@`: the entity it inserts holds `#8`
    .replace(/@/g, '@&#8203;');
}

/**
 * Manifest text for a Markdown comment, rendered literally on one line:
 * invisible characters shown, Markdown punctuation backslash-escaped (`|`
 * included, so tables hold), HTML escaped (so `<!--`, `</details>` or a tag
 * stay text), and `@mention`/`#123` broken with a zero-width space as
 * Renovate's `sanitizeMarkdown` does, so a manifest notifies nobody.
 */
export function escapeMarkdown(text: string): string {
  return htmlAndMentions(visibleControls(text).replace(MARKDOWN_PUNCTUATION, '\\$&'));
}

/**
 * Manifest text inside an HTML block of a Markdown comment (where Markdown is
 * not parsed, so backslashes would show): HTML-escaped, mentions and issue
 * references broken.
 */
export function escapeHtmlText(text: string): string {
  return htmlAndMentions(visibleControls(text));
}

/**
 * Waiver text (reason, ticket, approver) is manifest text that formats print
 * in full: any credential in it (what `secrets/no-inline-secrets` flags) is
 * replaced by its kind and length, so no report repeats it.
 */
export { redactSecrets } from '../secrets/detect';

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
