import { describe, expect, it } from 'vitest';
import { at, atKey, edit, findings, lintText, suppressed, VALID, withWaiver } from '../../helpers';

const RULE = 'sso/saml-hardening';
/** VALID as a custom SAML app: no Okta Integration Network app, its own hardened settings. */
const CUSTOM = edit(VALID, {
  remove: ['spec.sso.okta'],
  set: { 'spec.sso.saml': { acsUrl: 'https://acme.my.salesforce.com/sso/saml', audience: 'https://saml.salesforce.com' } },
});

describe(RULE, () => {
  it('passes a preconfigured app and a hardened custom app', () => {
    expect(findings(lintText(VALID), RULE)).toEqual([]);
    expect(findings(lintText(CUSTOM), RULE)).toEqual([]);
    const explicit = edit(CUSTOM, { set: { 'spec.sso.saml.signatureAlgorithm': 'RSA_SHA256', 'spec.sso.saml.responseSigned': false } });
    expect(findings(lintText(explicit), RULE)).toEqual([]);
  });

  it('skips an app with okta.preconfiguredApp, whatever its SAML settings', () => {
    const text = edit(CUSTOM, { set: { 'spec.sso.okta': { preconfiguredApp: 'salesforce' }, 'spec.sso.saml.signatureAlgorithm': 'RSA_SHA1' } });
    expect(findings(lintText(text), RULE)).toEqual([]);
  });

  it('reports a missing saml block at the sso key', () => {
    const text = edit(VALID, { remove: ['spec.sso.okta'] });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([atKey(RULE, 'samlMissing', text, 'sso')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain('`spec.sso.saml` is missing');
  });

  it('treats an empty preconfiguredApp as none', () => {
    const text = edit(VALID, { set: { 'spec.sso.okta.preconfiguredApp': '' } });
    expect(findings(lintText(text), RULE)).toEqual([atKey(RULE, 'samlMissing', text, 'sso')]);
  });

  it('reports a missing acsUrl and a missing audience at the saml key, one finding each', () => {
    const text = edit(CUSTOM, { remove: ['spec.sso.saml.acsUrl', 'spec.sso.saml.audience'] });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([atKey(RULE, 'acsUrlMissing', text, 'saml'), atKey(RULE, 'audienceMissing', text, 'saml')]);
    expect(result.messages.filter((m) => m.ruleId === RULE).map((m) => m.path)).toEqual(['spec.sso.saml.acsUrl', 'spec.sso.saml.audience']);
  });

  it('reports an acsUrl that is not https at the value, quoting it', () => {
    for (const url of ['http://acme.my.salesforce.com/sso/saml', '/sso/saml']) {
      const text = edit(CUSTOM, { set: { 'spec.sso.saml.acsUrl': url } });
      const result = lintText(text);
      expect(findings(result, RULE)).toEqual([at(RULE, 'acsUrlNotHttps', text, url)]);
      expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain(`\`spec.sso.saml.acsUrl\` is "${url}", not an absolute https URL`);
    }
  });

  it('reports RSA_SHA1 at the signatureAlgorithm value', () => {
    const text = edit(CUSTOM, { set: { 'spec.sso.saml.signatureAlgorithm': 'RSA_SHA1' } });
    expect(findings(lintText(text), RULE)).toEqual([at(RULE, 'sha1Signature', text, 'RSA_SHA1')]);
  });

  it('reports a response and an assertion both unsigned once, at assertionSigned', () => {
    const text = edit(CUSTOM, { set: { 'spec.sso.saml.responseSigned': false, 'spec.sso.saml.assertionSigned': false } });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([at(RULE, 'unsigned', text, 'false', 1)]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain('(`spec.sso.saml.responseSigned` and `spec.sso.saml.assertionSigned` are both false)');
  });

  it('reports every problem of one app, each at its own node', () => {
    const text = edit(CUSTOM, {
      set: { 'spec.sso.saml.acsUrl': 'http://acme.example.com/acs', 'spec.sso.saml.signatureAlgorithm': 'RSA_SHA1', 'spec.sso.saml.responseSigned': false, 'spec.sso.saml.assertionSigned': false },
      remove: ['spec.sso.saml.audience'],
    });
    // Sorted by position: the saml key (missing audience) comes first.
    expect(findings(lintText(text), RULE)).toEqual([
      atKey(RULE, 'audienceMissing', text, 'saml'),
      at(RULE, 'acsUrlNotHttps', text, 'http://acme.example.com/acs'),
      at(RULE, 'sha1Signature', text, 'RSA_SHA1'),
      at(RULE, 'unsigned', text, 'false', 1),
    ]);
  });

  it('does not run for other protocols', () => {
    const text = edit(VALID, { set: { 'spec.sso.protocol': 'swa' }, remove: ['spec.sso.okta'] });
    expect(findings(lintText(text), RULE)).toEqual([]);
  });

  it('has no options, and its severity is configurable', () => {
    expect(() => lintText(VALID, { config: `rules:\n  ${RULE}: [error, {allowSha1: true}]\n` })).toThrow(/invalid option|unknown option/);
    const text = edit(CUSTOM, { set: { 'spec.sso.saml.signatureAlgorithm': 'RSA_SHA1' } });
    expect(findings(lintText(text, { config: `rules:\n  ${RULE}: off\n` }), RULE)).toEqual([]);
    expect(lintText(text, { config: `rules:\n  ${RULE}: warn\n` }).messages.find((m) => m.ruleId === RULE)!.severity).toBe(1);
  });

  it('is suppressed by a valid waiver', () => {
    const text = withWaiver(edit(CUSTOM, { set: { 'spec.sso.saml.signatureAlgorithm': 'RSA_SHA1' } }), RULE);
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([]);
    expect(suppressed(result, RULE)).toEqual([at(RULE, 'sha1Signature', text, 'RSA_SHA1')]);
  });
});
