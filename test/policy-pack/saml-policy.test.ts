/**
 * okta-saml-hardening: the linter's SAML checks on okta.app.Saml properties,
 * called as the policy engine calls them (props in the unknown-checking
 * proxy), with the checks' own messages naming Okta properties.
 */
import { describe, expect, it } from 'vitest';
import { SAML_MESSAGES } from '../../src/checks/saml';
import { renderMessage } from '../../src/engine/rule';
import { enforcementLevelFor, oktaSamlHardening } from '../../src/policy-pack/policies';
import { RULES_BY_ID } from '../../rules';
import { NotApplicable, UNKNOWN_VALUE, validateResource } from './harness';

const SAML = 'okta:app/saml:Saml';

/** A custom SAML app as a team would write it by hand, hardened. */
const HARDENED = {
  label: 'Payroll',
  ssoUrl: 'https://payroll.example.com/saml/acs',
  recipient: 'https://payroll.example.com/saml/acs',
  destination: 'https://payroll.example.com/saml/acs',
  audience: 'https://payroll.example.com/saml/metadata',
  subjectNameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  subjectNameIdTemplate: '${user.email}',
  signatureAlgorithm: 'RSA_SHA256',
  digestAlgorithm: 'SHA256',
  responseSigned: true,
  assertionSigned: true,
};

const check = (props: Record<string, unknown>) => validateResource(oktaSamlHardening, SAML, props);
const messages = async (props: Record<string, unknown>) => (await check(props)).map((v) => v.message);

describe('okta-saml-hardening', () => {
  it('is mandatory, as sso/saml-hardening is an error', () => {
    expect(RULES_BY_ID.get('sso/saml-hardening')!.severity).toBe('error');
    expect(oktaSamlHardening.enforcementLevel).toBe(enforcementLevelFor('error'));
    expect(oktaSamlHardening.enforcementLevel).toBe('mandatory');
  });

  it('passes a hardened custom app', async () => {
    expect(await check(HARDENED)).toEqual([]);
  });

  it('has nothing to check on a preconfigured (Okta Integration Network) app', async () => {
    expect(await check({ label: 'Salesforce', preconfiguredApp: 'salesforce', signatureAlgorithm: 'RSA_SHA1' })).toEqual([]);
  });

  it('reports SHA-1 signatures with the shared message, naming signatureAlgorithm', async () => {
    expect(await messages({ ...HARDENED, signatureAlgorithm: 'RSA_SHA1' })).toEqual([renderMessage(SAML_MESSAGES.sha1Signature, { field: 'signatureAlgorithm' })]);
  });

  it('reports a response and assertion both unsigned — false or unset, which the provider sends as false', async () => {
    const expected = [renderMessage(SAML_MESSAGES.unsigned, { field: 'assertionSigned', other: 'responseSigned' })];
    expect(await messages({ ...HARDENED, responseSigned: false, assertionSigned: false })).toEqual(expected);
    const { responseSigned: _r, assertionSigned: _a, ...unset } = HARDENED;
    expect(await messages(unset)).toEqual(expected);
    expect(await check({ ...HARDENED, responseSigned: false })).toEqual([]);
    expect(await check({ ...unset, assertionSigned: true })).toEqual([]);
  });

  it('reports a non-https SSO URL as ssoUrl, quoting it without its query', async () => {
    expect(await messages({ ...HARDENED, ssoUrl: 'http://payroll.example.com/saml/acs?token=abc' })).toEqual([
      renderMessage(SAML_MESSAGES.acsUrlNotHttps, { field: 'ssoUrl', found: '"http://payroll.example.com/saml/acs?…"' }),
    ]);
  });

  it('reports a custom app without SSO URL or audience', async () => {
    const { ssoUrl: _s, audience: _a, ...rest } = HARDENED;
    expect(await messages(rest)).toEqual([renderMessage(SAML_MESSAGES.acsUrlMissing, { field: 'ssoUrl' }), renderMessage(SAML_MESSAGES.audienceMissing, { field: 'audience' })]);
  });

  it('reports every problem of an app, one violation each', async () => {
    const bad = { label: 'Legacy', ssoUrl: 'http://legacy.example.com/acs', signatureAlgorithm: 'RSA_SHA1' };
    expect(await messages(bad)).toEqual([
      renderMessage(SAML_MESSAGES.acsUrlNotHttps, { field: 'ssoUrl', found: '"http://legacy.example.com/acs"' }),
      renderMessage(SAML_MESSAGES.audienceMissing, { field: 'audience' }),
      renderMessage(SAML_MESSAGES.sha1Signature, { field: 'signatureAlgorithm' }),
      renderMessage(SAML_MESSAGES.unsigned, { field: 'assertionSigned', other: 'responseSigned' }),
    ]);
  });

  describe('during preview (unknown values)', () => {
    it('does not judge an SSO URL computed from another resource, and still reports what is known', async () => {
      expect(await messages({ ...HARDENED, ssoUrl: UNKNOWN_VALUE.string, signatureAlgorithm: 'RSA_SHA1' })).toEqual([
        renderMessage(SAML_MESSAGES.sha1Signature, { field: 'signatureAlgorithm' }),
      ]);
    });

    it('does not call an app unsigned while one of the two flags is unknown', async () => {
      expect(await check({ ...HARDENED, responseSigned: UNKNOWN_VALUE.boolean, assertionSigned: false })).toEqual([]);
      expect(await check({ ...HARDENED, responseSigned: false, assertionSigned: UNKNOWN_VALUE.boolean })).toEqual([]);
    });

    it('checks nothing when whether the app is preconfigured is unknown', async () => {
      expect(await check({ preconfiguredApp: UNKNOWN_VALUE.string, signatureAlgorithm: 'RSA_SHA1' })).toEqual([]);
    });

    it('reads through the proxy without tripping it: the same props unwrapped give the same result', async () => {
      // The proxy throws on any read of an unknown value; a policy that read one would fail here.
      const props = { ...HARDENED, audience: UNKNOWN_VALUE.string, ssoUrl: UNKNOWN_VALUE.string, signatureAlgorithm: UNKNOWN_VALUE.string };
      expect(await check(props)).toEqual([]);
    });
  });

  it('is not applicable to other resource types', async () => {
    await expect(validateResource(oktaSamlHardening, 'okta:app/oAuth:OAuth', { type: 'web' })).rejects.toBeInstanceOf(NotApplicable);
  });
});
