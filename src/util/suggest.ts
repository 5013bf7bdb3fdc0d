/** "Did you mean …?" for misspelled keys, enum values, rule ids and commands. */
import { distance } from 'fastest-levenshtein';

/**
 * The candidate closest to `input`, if it is close enough to be a likely typo:
 * within a third of the input's length (at least 1, at most 3 edits), or the
 * same word in another case or with other separators.
 */
export function didYouMean(input: string, candidates: Iterable<string>): string | undefined {
  if (input.length > 200) return undefined;
  const norm = (s: string) => s.toLowerCase().replace(/[-_\s]/g, '');
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    if (c === input) return undefined;
    const d = norm(c) === norm(input) ? 0.5 : distance(input.toLowerCase(), c.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  const limit = Math.min(3, Math.max(1, Math.floor(input.length / 3)));
  return bestDistance <= limit ? best : undefined;
}

/** The end of a sentence: `; did you mean \`x\`?` when a candidate is close, else `.`. */
export function didYouMeanSuffix(input: string, candidates: Iterable<string>): string {
  const hint = didYouMean(input, candidates);
  return hint === undefined ? '.' : `; did you mean \`${hint}\`?`;
}
