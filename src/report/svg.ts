/**
 * Inline SVG charts for the HTML report: horizontal stacked bars, no script,
 * no external asset. Each chart is an accessible image (`role="img"`, an
 * `aria-label` that states every number, a `<title>`), every segment has its
 * own `<title>`, and counts are written as text, so nothing depends on colour.
 */
import { escapeHtml } from '../formatters/escape';

export interface ChartSegment {
  /** What the segment counts, e.g. "Fail". */
  readonly name: string;
  readonly count: number;
  readonly fill: string;
  /** Colour of the count written inside the segment. */
  readonly ink: string;
}

export interface ChartRow {
  readonly label: string;
  readonly segments: readonly ChartSegment[];
  /** Written right of the bar, e.g. "7 of 9 pass (77.8%)". */
  readonly note: string;
}

export interface Chart {
  /** Element id prefix (letters, digits, dashes). */
  readonly id: string;
  readonly title: string;
  readonly rows: readonly ChartRow[];
  readonly legend: readonly { readonly name: string; readonly fill: string }[];
}

const WIDTH = 760;
const LABEL_W = 170;
const BAR_W = 380;
const NOTE_X = LABEL_W + BAR_W + 12;
const ROW_H = 30;
const BAR_H = 20;
const LEGEND_H = 34;

const num = (n: number): string => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/** The chart as an `<svg>` element. */
export function stackedBarChart(chart: Chart): string {
  const height = LEGEND_H + chart.rows.length * ROW_H + 8;
  const label = `${chart.title}. ${chart.rows.map((r) => `${r.label}: ${describeRow(r)}`).join('; ')}.`;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="${chart.id}" role="img" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" aria-label="${escapeHtml(label)}">`,
    `<title>${escapeHtml(chart.title)}</title>`,
  );
  // Legend: a swatch and a word per series.
  let x = 0;
  for (const item of chart.legend) {
    out.push(`<rect x="${x}" y="6" width="14" height="14" fill="${item.fill}" rx="2"/>`, `<text x="${x + 20}" y="18" class="legend">${escapeHtml(item.name)}</text>`);
    x += 34 + item.name.length * 8.2;
  }
  chart.rows.forEach((row, i) => {
    const y = LEGEND_H + i * ROW_H;
    const total = row.segments.reduce((n, s) => n + s.count, 0);
    out.push(`<g class="row"><text x="${LABEL_W - 10}" y="${y + 15}" text-anchor="end" class="label">${escapeHtml(row.label)}</text>`);
    out.push(`<rect x="${LABEL_W}" y="${y}" width="${BAR_W}" height="${BAR_H}" fill="#ffffff" stroke="#8c959f" stroke-width="1"/>`);
    let at = LABEL_W;
    for (const s of row.segments) {
      if (s.count === 0 || total === 0) continue;
      const w = (s.count / total) * BAR_W;
      out.push(
        `<rect x="${num(at)}" y="${y}" width="${num(w)}" height="${BAR_H}" fill="${s.fill}"><title>${escapeHtml(`${row.label} — ${s.name}: ${s.count}`)}</title></rect>`,
      );
      if (w >= 22) out.push(`<text x="${num(at + w / 2)}" y="${y + 15}" text-anchor="middle" fill="${s.ink}" class="count" aria-hidden="true">${s.count}</text>`);
      at += w;
    }
    out.push(`<text x="${NOTE_X}" y="${y + 15}" class="note">${escapeHtml(row.note)}</text></g>`);
  });
  out.push('</svg>');
  return out.join('\n');
}

function describeRow(row: ChartRow): string {
  const parts = row.segments.filter((s) => s.count > 0).map((s) => `${s.count} ${s.name.toLowerCase()}`);
  return `${parts.length > 0 ? parts.join(', ') : 'no apps'} — ${row.note}`;
}
