import { describe, expect, it } from 'vitest';
import { at, atKey, edit, findings, lintText, suppressed, VALID, withWaiver } from '../../helpers';

const RULE = 'sso/mfa';
const OPTIONAL = edit(VALID, { set: { 'spec.sso.mfa': 'optional' } });

describe(RULE, () => {
  it('passes required MFA', () => {
    expect(findings(lintText(VALID), RULE)).toEqual([]);
  });

  it('reports mfa: optional at the value', () => {
    const result = lintText(OPTIONAL);
    expect(findings(result, RULE)).toEqual([at(RULE, 'notRequired', OPTIONAL, 'optional')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain('for an app holding confidential data');
  });

  it('reports the default (not written) at the sso key', () => {
    const text = edit(VALID, { remove: ['spec.sso.mfa'] });
    expect(findings(lintText(text), RULE)).toEqual([atKey(RULE, 'notRequired', text, 'sso')]);
  });

  it('applies to restricted data, whatever the protocol', () => {
    for (const protocol of ['saml', 'swa', 'none']) {
      const text = edit(OPTIONAL, { set: { 'spec.data.classification': 'restricted', 'spec.sso.protocol': protocol } });
      expect(findings(lintText(text), RULE)).toEqual([at(RULE, 'notRequired', text, 'optional')]);
    }
  });

  it('exempts an OIDC service app (no person signs in), but not the other OIDC types', () => {
    const oidc = (type: string) =>
      edit(OPTIONAL, { set: { 'spec.sso.protocol': 'oidc', 'spec.sso.oidc': { type, grantTypes: ['client_credentials'], redirectUris: ['https://app.example.com/cb'] } } });
    expect(findings(lintText(oidc('service')), RULE)).toEqual([]);
    for (const type of ['web', 'native', 'browser']) {
      const text = oidc(type);
      expect(findings(lintText(text), RULE)).toEqual([at(RULE, 'notRequired', text, 'optional')]);
    }
  });

  it.each(['public', 'internal'])('passes %s data', (classification) => {
    expect(findings(lintText(edit(OPTIONAL, { set: { 'spec.data.classification': classification } })), RULE)).toEqual([]);
  });

  it('has no options, and its severity is configurable', () => {
    expect(() => lintText(VALID, { config: `rules:\n  ${RULE}: [error, {factors: 2}]\n` })).toThrow(/invalid option|unknown option/);
    expect(findings(lintText(OPTIONAL, { config: `rules:\n  ${RULE}: off\n` }), RULE)).toEqual([]);
    expect(lintText(OPTIONAL, { config: `rules:\n  ${RULE}: warn\n` }).messages.find((m) => m.ruleId === RULE)!.severity).toBe(1);
  });

  it('is suppressed by a valid waiver', () => {
    const text = withWaiver(OPTIONAL, RULE);
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([]);
    expect(suppressed(result, RULE)).toEqual([at(RULE, 'notRequired', text, 'optional')]);
  });
});
