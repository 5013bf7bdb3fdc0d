/**
 * The report library: build the model from lint results, render it. Loaded
 * only by `saasgov report` (the CLI imports it lazily), so `lint` never pays
 * for it.
 */
import type { ReportFormat } from '../cli/report';
import { renderHtml } from './html';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import type { Report } from './model';

export { buildReport, type ReportOptions } from './build';
export type { Report } from './model';

/** Renderers by format: a `Record`, so a format without a renderer fails to compile. */
export const RENDERERS: Readonly<Record<ReportFormat, (report: Report) => string>> = {
  html: renderHtml,
  markdown: renderMarkdown,
  json: renderJson,
};
