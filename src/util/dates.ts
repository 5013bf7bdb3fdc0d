/** Calendar dates as `YYYY-MM-DD` strings, in UTC: what manifests and `--as-of` use. */

const DAY_MS = 86_400_000;

const toUtc = (date: string): number => Date.parse(`${date}T00:00:00Z`);

/** Today's date in UTC. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtc(to) - toUtc(from)) / DAY_MS);
}

/** `date` moved by `days`. */
export function addDays(date: string, days: number): string {
  return new Date(toUtc(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** "in 12 days", "today", "3 days ago": how far `date` is from `asOf`. */
export function relativeDays(date: string, asOf: string): string {
  const d = daysBetween(asOf, date);
  if (d === 0) return 'today';
  const n = Math.abs(d);
  const unit = n === 1 ? 'day' : 'days';
  return d > 0 ? `in ${n} ${unit}` : `${n} ${unit} ago`;
}
