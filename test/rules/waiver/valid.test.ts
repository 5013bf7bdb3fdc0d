import { describe, expect, it } from 'vitest';
import { atWithin, edit, findings, lintText, suppressed, VALID } from '../../helpers';

const RULE = 'waiver/valid';
const NO_OWNER = edit(VALID, { remove: ['metadata.owner.business'] });
const waiver = (over: Record<string, unknown> = {}) => ({
  rule: 'ownership/owners',
  reason: 'Owner left; successor named at the next quarterly review',
  approvedBy: 'ciso@example.com',
  ticket: 'GRC-7',
  expires: '2027-01-31',
  ...over,
});
const withWaiver = (over: Record<string, unknown> = {}, base = NO_OWNER) => edit(base, { set: { 'spec.waivers': [waiver(over)] } });

describe(RULE, () => {
  it('accepts a valid waiver, which suppresses its rule', () => {
    const result = lintText(withWaiver());
    expect(findings(result, RULE)).toEqual([]);
    expect(findings(result, 'ownership/owners')).toEqual([]);
    expect(suppressed(result, 'ownership/owners')).toHaveLength(1);
    expect(result.errorCount).toBe(0);
  });

  it('reports an unknown rule at the rule id, with a "did you mean", and suppresses nothing', () => {
    const text = withWaiver({ rule: 'ownership/owner' });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([atWithin(RULE, 'unknownRule', text, 'rule: ownership/owner', 'ownership/owner')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain('did you mean `ownership/owners`?');
    expect(findings(result, 'ownership/owners')).toHaveLength(1);
  });

  it('reports a non-waivable rule', () => {
    const text = withWaiver({ rule: 'manifest/schema' });
    expect(findings(lintText(text), RULE)).toEqual([atWithin(RULE, 'notWaivable', text, 'rule: manifest/schema', 'manifest/schema')]);
  });

  it('reports an expired waiver at its expiry, and the finding comes back', () => {
    const text = withWaiver({ expires: '2026-11-30' });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([atWithin(RULE, 'expired', text, 'expires: 2026-11-30', '2026-11-30')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toBe(
      'The waiver expired on 2026-11-30 (1 day ago) and suppresses nothing; fix the finding or renew the approval with a new date.',
    );
    expect(findings(result, 'ownership/owners')).toHaveLength(1);
  });

  it('accepts a waiver that expires on the as-of date itself', () => {
    expect(findings(lintText(withWaiver({ expires: '2026-12-01' })), RULE)).toEqual([]);
  });

  it('reports a waiver running longer than maxDays (default 365), and honours the option', () => {
    const text = withWaiver({ expires: '2027-12-02' });
    expect(findings(lintText(text), RULE)).toEqual([atWithin(RULE, 'tooLong', text, 'expires: 2027-12-02', '2027-12-02')]);
    expect(findings(lintText(withWaiver({ expires: '2027-12-01' })), RULE)).toEqual([]);
    const config = 'rules:\n  waiver/valid: [error, {maxDays: 90}]\n';
    expect(findings(lintText(withWaiver({ expires: '2027-03-02' }), { config }), RULE).map((f) => f.messageId)).toEqual(['tooLong']);
  });

  it('reports a waiver approved by the business or technical owner (any case)', () => {
    const text = withWaiver({ approvedBy: 'IT-Apps@Example.com' });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([atWithin(RULE, 'selfApproved', text, 'approvedBy: IT-Apps@Example.com', 'IT-Apps@Example.com')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain("the app's technical owner");
    const business = withWaiver({ rule: 'ownership/owners', approvedBy: 'jane.doe@example.com' }, edit(VALID, { remove: ['metadata.owner.technical'] }));
    expect(findings(lintText(business), RULE).map((f) => f.messageId)).toEqual(['selfApproved']);
  });

  it('reports every problem of one waiver', () => {
    const text = withWaiver({ rule: 'nope/nope', expires: '2020-01-01', approvedBy: 'it-apps@example.com' });
    expect(findings(lintText(text), RULE).map((f) => f.messageId)).toEqual(['unknownRule', 'selfApproved', 'expired']);
  });

  it('keeps an invalid waiver from suppressing even when waiver/valid is off', () => {
    const result = lintText(withWaiver({ expires: '2026-01-01' }), { config: 'rules:\n  waiver/valid: off\n' });
    expect(findings(result, RULE)).toEqual([]);
    expect(findings(result, 'ownership/owners')).toHaveLength(1);
  });
});
