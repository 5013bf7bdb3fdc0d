/** The report as JSON: the model itself, two-space indented, with a final newline (docs/report.md documents the shape). */
import type { Report } from './model';

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
