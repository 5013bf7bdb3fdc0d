import { describe, expect, it } from 'vitest';
import { atWithin, edit, findings, lintText, VALID } from '../../helpers';

const RULE = 'waiver/unused';
const WAIVER = { rule: 'ownership/owners', reason: 'Owner left; successor named at the next quarterly review', approvedBy: 'ciso@example.com', ticket: 'GRC-7', expires: '2027-01-31' };

describe(RULE, () => {
  it('is quiet when the waiver suppresses a finding', () => {
    const text = edit(VALID, { remove: ['metadata.owner.business'], set: { 'spec.waivers': [WAIVER] } });
    expect(findings(lintText(text), RULE)).toEqual([]);
  });

  it('warns at the rule id when the waiver suppresses nothing', () => {
    const text = edit(VALID, { set: { 'spec.waivers': [WAIVER] } });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([atWithin(RULE, 'unused', text, 'rule: ownership/owners', 'ownership/owners')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.severity).toBe(1);
    expect(result.errorCount).toBe(0);
  });

  it('does not report invalid waivers, or waivers of a rule that is off for the file', () => {
    const expired = edit(VALID, { set: { 'spec.waivers': [{ ...WAIVER, expires: '2026-01-01' }] } });
    expect(findings(lintText(expired), RULE)).toEqual([]);
    const off = edit(VALID, { set: { 'spec.waivers': [WAIVER] } });
    expect(findings(lintText(off, { config: 'rules:\n  ownership/owners: off\n' }), RULE)).toEqual([]);
  });

  it('can be turned off', () => {
    const text = edit(VALID, { set: { 'spec.waivers': [WAIVER] } });
    expect(findings(lintText(text, { config: 'rules:\n  waiver/unused: off\n' }), RULE)).toEqual([]);
  });
});
