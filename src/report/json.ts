/**
 * The report as JSON: the model itself, two-space indented, with a final
 * newline (the README's "Governance posture report" documents the shape). `##[` inside strings is written
 * `##\u005b` — the same data once parsed — so the JSON printed in a CI log
 * forges no workflow command (HAZARDS.md).
 */
import type { Report } from './model';

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2).replace(/##\[/g, '##\\u005b')}\n`;
}
