import { describe, expect, it } from 'vitest';
import { at, atKey, edit, findings, lintText, suppressed, VALID, withWaiver } from '../../helpers';

const RULE = 'sso/enforced';
const NOT_ENFORCED = edit(VALID, { set: { 'spec.sso.enforced': false } });

describe(RULE, () => {
  it('passes enforced SSO', () => {
    expect(findings(lintText(VALID), RULE)).toEqual([]);
  });

  it('reports enforced: false at the value', () => {
    const result = lintText(NOT_ENFORCED);
    expect(findings(result, RULE)).toEqual([at(RULE, 'notEnforced', NOT_ENFORCED, 'false')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.path).toBe('spec.sso.enforced');
  });

  it('reports the default (not written) at the sso key', () => {
    const text = edit(VALID, { remove: ['spec.sso.enforced'] });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([atKey(RULE, 'notEnforced', text, 'sso')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toMatch(/^`spec\.sso\.enforced` is not true \(it defaults to false\) for a `saml` app holding confidential data/);
  });

  it('applies to OIDC and restricted data too', () => {
    const text = edit(NOT_ENFORCED, {
      set: { 'spec.sso.protocol': 'oidc', 'spec.sso.oidc': { type: 'web', redirectUris: ['https://app.example.com/cb'] }, 'spec.data.classification': 'restricted' },
      remove: ['spec.sso.okta'],
    });
    expect(findings(lintText(text), RULE)).toEqual([at(RULE, 'notEnforced', text, 'false')]);
  });

  it.each(['public', 'internal'])('passes %s data', (classification) => {
    expect(findings(lintText(edit(NOT_ENFORCED, { set: { 'spec.data.classification': classification } })), RULE)).toEqual([]);
  });

  it.each(['swa', 'none'])('leaves protocol %s to the other sso rules', (protocol) => {
    const text = edit(NOT_ENFORCED, { set: { 'spec.sso.protocol': protocol }, remove: ['spec.sso.okta'] });
    expect(findings(lintText(text), RULE)).toEqual([]);
  });

  it('has no options, and its severity is configurable', () => {
    expect(() => lintText(VALID, { config: `rules:\n  ${RULE}: [error, {protocols: [saml]}]\n` })).toThrow(/invalid option|unknown option/);
    expect(findings(lintText(NOT_ENFORCED, { config: `rules:\n  ${RULE}: off\n` }), RULE)).toEqual([]);
    expect(lintText(NOT_ENFORCED, { config: `rules:\n  ${RULE}: warn\n` }).messages.find((m) => m.ruleId === RULE)!.severity).toBe(1);
  });

  it('is suppressed by a valid waiver', () => {
    const text = withWaiver(NOT_ENFORCED, RULE);
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([]);
    expect(suppressed(result, RULE)).toEqual([at(RULE, 'notEnforced', text, 'false')]);
  });
});
