import { describe, expect, it } from 'vitest';
import { at, edit, findings, lintText, suppressed, VALID, withWaiver } from '../../helpers';

const RULE = 'sso/required';
const NONE = edit(VALID, { set: { 'spec.sso.protocol': 'none' }, remove: ['spec.sso.okta'] });

describe(RULE, () => {
  it('passes an app that signs in through Okta', () => {
    expect(findings(lintText(VALID), RULE)).toEqual([]);
    for (const protocol of ['oidc', 'swa']) {
      const text = edit(NONE, { set: { 'spec.sso.protocol': protocol, ...(protocol === 'oidc' ? { 'spec.sso.oidc': { type: 'service' } } : {}) } });
      expect(findings(lintText(text), RULE)).toEqual([]);
    }
  });

  it('passes protocol none for public data', () => {
    const text = edit(NONE, { set: { 'spec.data.classification': 'public' } });
    expect(findings(lintText(text), RULE)).toEqual([]);
  });

  it.each(['internal', 'confidential', 'restricted'])('reports protocol none for %s data at the protocol value', (classification) => {
    const text = edit(NONE, { set: { 'spec.data.classification': classification } });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([at(RULE, 'none', text, 'none')]);
    const message = result.messages.find((m) => m.ruleId === RULE)!;
    expect(message.severity).toBe(2);
    expect(message.path).toBe('spec.sso.protocol');
    expect(message.message).toContain(`holding ${classification} data`);
  });

  it('says when the vendor does not sell SSO on the plan bought (the SSO tax)', () => {
    const text = edit(NONE, { set: { 'spec.sso.availableOnPlan': false, 'spec.plan': 'Team' } });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([at(RULE, 'notOnPlan', text, 'none')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain('does not sell SSO on plan "Team"');
  });

  it('says so when no plan is named', () => {
    const text = edit(NONE, { set: { 'spec.sso.availableOnPlan': false }, remove: ['spec.plan'] });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([at(RULE, 'notOnPlan', text, 'none')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain('the plan bought (`spec.plan` is not set)');
  });

  it('keeps the plain message when SSO is on the plan', () => {
    const text = edit(NONE, { set: { 'spec.sso.availableOnPlan': true } });
    expect(findings(lintText(text), RULE)).toEqual([at(RULE, 'none', text, 'none')]);
  });

  it('has no options, and its severity is configurable', () => {
    expect(() => lintText(VALID, { config: `rules:\n  ${RULE}: [error, {minSeats: 1}]\n` })).toThrow(/invalid option|unknown option/);
    expect(findings(lintText(NONE, { config: `rules:\n  ${RULE}: off\n` }), RULE)).toEqual([]);
    expect(lintText(NONE, { config: `rules:\n  ${RULE}: warn\n` }).messages.find((m) => m.ruleId === RULE)!.severity).toBe(1);
  });

  it('is suppressed by a valid waiver', () => {
    const text = withWaiver(NONE, RULE);
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([]);
    expect(suppressed(result, RULE)).toEqual([at(RULE, 'none', text, 'none')]);
    expect(findings(result, 'waiver/unused')).toEqual([]);
  });
});
