import { describe, expect, it } from 'vitest';
import { atWithin, edit, findings, lintText, VALID } from '../../helpers';

const RULE = 'waiver/expiring';
const withWaiver = (expires: string, over: Record<string, unknown> = {}) =>
  edit(edit(VALID, { remove: ['metadata.owner.business'] }), {
    set: {
      'spec.waivers': [
        { rule: 'ownership/owners', reason: 'Owner left; successor named at the next quarterly review', approvedBy: 'ciso@example.com', ticket: 'GRC-7', expires, ...over },
      ],
    },
  });

describe(RULE, () => {
  it('is quiet for a waiver expiring later than 30 days ahead', () => {
    expect(findings(lintText(withWaiver('2027-01-01')), RULE)).toEqual([]);
  });

  it('warns within 30 days, at the expiry, with the date and the days left', () => {
    const text = withWaiver('2026-12-31');
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([atWithin(RULE, 'expiring', text, 'expires: 2026-12-31', '2026-12-31')]);
    const m = result.messages.find((x) => x.ruleId === RULE)!;
    expect(m.severity).toBe(1);
    expect(m.message).toBe('The waiver of `ownership/owners` expires on 2026-12-31 (in 30 days); after that its findings fail the build. Fix them or renew the approval (GRC-7).');
    expect(lintText(withWaiver('2026-12-01')).messages.find((x) => x.ruleId === RULE)!.message).toContain('(today)');
  });

  it('honours the days option', () => {
    const config = 'rules:\n  waiver/expiring: [warn, {days: 60}]\n';
    expect(findings(lintText(withWaiver('2027-01-20'), { config }), RULE)).toHaveLength(1);
    expect(findings(lintText(withWaiver('2027-01-20')), RULE)).toHaveLength(0);
  });

  it('ignores invalid waivers (waiver/valid reports them)', () => {
    expect(findings(lintText(withWaiver('2026-11-01')), RULE)).toEqual([]);
    expect(findings(lintText(withWaiver('2026-12-10', { approvedBy: 'it-apps@example.com' })), RULE)).toEqual([]);
  });

  it('becomes an error under the strict preset', () => {
    const result = lintText(withWaiver('2026-12-10'), { config: 'extends: strict\n' });
    expect(result.messages.find((m) => m.ruleId === RULE)!.severity).toBe(2);
  });
});
