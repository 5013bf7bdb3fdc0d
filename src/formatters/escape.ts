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
