/**
 * How the report shows states, verdicts and numbers, shared by the HTML and
 * Markdown renderers: every state has a symbol and a word (colour is never the
 * only signal), and the HTML colours are chosen for WCAG AA contrast (text
 * 4.5:1 on its background, chart fills 3:1 on white; checked by a test).
 */
import type { CellState, Verdict } from './model';
import { pluralWord } from '../util/plural';

export interface StateStyle {
  readonly symbol: string;
  /** Short word shown in cells. */
  readonly word: string;
  /** What the state means, for legends. */
  readonly meaning: string;
  /** Text colour on `background`. */
  readonly text: string;
  readonly background: string;
  /** Fill of chart segments (on white). */
  readonly fill: string;
  /** Colour of a count written on `fill`. */
  readonly ink: string;
}

export const STATE_STYLES: Readonly<Record<CellState, StateStyle>> = {
  pass: { symbol: '✓', word: 'Pass', meaning: 'in scope, no finding', text: '#0f5323', background: '#dafbe1', fill: '#1a7f37', ink: '#ffffff' },
  warn: { symbol: '⚠', word: 'Warn', meaning: 'passes, with warnings', text: '#6b4100', background: '#fff1c2', fill: '#9a6700', ink: '#ffffff' },
  waived: { symbol: '⊘', word: 'Waived', meaning: 'findings suppressed by a valid waiver', text: '#512a97', background: '#f1e6ff', fill: '#8250df', ink: '#ffffff' },
  fail: { symbol: '✗', word: 'Fail', meaning: 'an error finding no waiver covers', text: '#8c0a1e', background: '#ffe3e0', fill: '#cf222e', ink: '#ffffff' },
  na: { symbol: '–', word: 'N/A', meaning: 'not applicable: no rule of the family is in scope', text: '#474f58', background: '#f2f4f6', fill: '#8c959f', ink: '#000000' },
  unknown: { symbol: '?', word: 'Unknown', meaning: 'manifest invalid: the rules could not judge it', text: '#24292f', background: '#d8dee4', fill: '#424a53', ink: '#ffffff' },
};

/** States in legend and chart order: best first, not applicable last. */
export const STATE_ORDER: readonly CellState[] = ['pass', 'warn', 'waived', 'fail', 'unknown', 'na'];

export const VERDICT_STYLES: Readonly<Record<Verdict, { readonly label: string; readonly state: CellState }>> = {
  compliant: { label: 'Compliant', state: 'pass' },
  waived: { label: 'Compliant with waivers', state: 'waived' },
  nonCompliant: { label: 'Non-compliant', state: 'fail' },
  invalid: { label: 'Invalid manifest', state: 'unknown' },
};

/** `0.4167` → `41.7%`; `null` → `–`. */
export function percent(share: number | null): string {
  return share === null ? '–' : `${(Math.round(share * 1000) / 10).toFixed(1)}%`;
}

/** "in 12 days", "today", "overdue by 3 days". */
export function daysText(days: number, past = 'expired'): string {
  if (days === 0) return 'today';
  const n = Math.abs(days);
  const unit = pluralWord(n, 'day');
  return days > 0 ? `in ${n} ${unit}` : `${past} ${n} ${unit} ago`;
}

/** `word` for a count of `n`: `app` for 1, `apps` otherwise. */

/** Line breaks and tabs of manifest text as single spaces, trimmed: every shown value is one line. */
export function oneLine(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ').trim();
}
