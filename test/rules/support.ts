/**
 * Shared helpers of the rule tests: positions of mapping keys (where the
 * engine reports a missing field — at the nearest existing parent key) and a
 * valid waiver to add to a manifest.
 */
import { edit, rangeOf } from '../helpers';

/** The range of the `occurrence`-th (0-based) mapping key `key` in `text`. */
export function keyRange(text: string, key: string, occurrence = 0) {
  const r = rangeOf(text, `${key}:`, occurrence);
  return { ...r, endColumn: r.endColumn - 1 };
}

/** A finding record at mapping key `key`. */
export function atKey(ruleId: string, messageId: string, text: string, key: string, occurrence = 0) {
  return { ruleId, messageId, ...keyRange(text, key, occurrence) };
}

/**
 * `text` with a waiver of `rule` that `waiver/valid` accepts on AS_OF
 * (2026-12-01): approved by someone who is not an owner, with a ticket, a
 * reason of at least 20 characters and an expiry within 365 days.
 */
export function withWaiver(text: string, rule: string): string {
  return edit(text, {
    set: {
      'spec.waivers': [
        {
          rule,
          reason: 'Accepted risk until the vendor contract renewal; reviewed monthly by IT security',
          approvedBy: 'ciso@example.com',
          ticket: 'SEC-1234',
          expires: '2027-03-01',
        },
      ],
    },
  });
}
