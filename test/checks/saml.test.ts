import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/engine/rule';
import { checkSaml, SAML_MESSAGES, type SamlCheckInput, type SamlSettings } from '../../src/checks/saml';

const GOOD: SamlSettings = {
  acsUrl: 'https://acme.my.salesforce.com/sso/saml',
  audience: 'https://saml.salesforce.com',
  signatureAlgorithm: 'RSA_SHA256',
  responseSigned: true,
  assertionSigned: true,
};

const custom = (settings: Partial<SamlSettings>): SamlCheckInput => ({ preconfigured: false, settings: { ...GOOD, ...settings } });
const ids = (input: SamlCheckInput) => checkSaml(input).map((p) => [p.messageId, p.field]);

describe('checkSaml', () => {
  it('passes hardened custom settings', () => {
    expect(checkSaml(custom({}))).toEqual([]);
  });

  it('skips a preconfigured Okta Integration Network app, whatever its settings', () => {
    expect(checkSaml({ preconfigured: true })).toEqual([]);
    expect(checkSaml({ preconfigured: true, settings: { ...GOOD, signatureAlgorithm: 'RSA_SHA1' } })).toEqual([]);
  });

  it('reports missing settings once, not each missing field', () => {
    expect(checkSaml({ preconfigured: false })).toEqual([{ messageId: 'samlMissing', field: 'settings', data: { field: 'settings' } }]);
  });

  it('reports a missing or blank ACS URL and audience', () => {
    expect(ids(custom({ acsUrl: undefined }))).toEqual([['acsUrlMissing', 'acsUrl']]);
    expect(ids(custom({ acsUrl: ' ' }))).toEqual([['acsUrlMissing', 'acsUrl']]);
    expect(ids(custom({ audience: undefined }))).toEqual([['audienceMissing', 'audience']]);
    expect(ids(custom({ audience: '' }))).toEqual([['audienceMissing', 'audience']]);
  });

  it.each(['http://acme.example.com/sso/saml', '/sso/saml', 'acme.example.com/sso', 'https:///sso/saml', 'ftp://acme.example.com/'])(
    'reports the ACS URL %s as not https, quoting it',
    (acsUrl) => {
      const [problem, ...rest] = checkSaml(custom({ acsUrl }));
      expect(rest).toEqual([]);
      expect(problem).toMatchObject({ messageId: 'acsUrlNotHttps', field: 'acsUrl', data: { field: 'acsUrl' } });
      expect(problem!.data.found).toMatch(/^"/);
    },
  );

  it('accepts an https ACS URL in any case', () => {
    expect(checkSaml(custom({ acsUrl: 'HTTPS://ACME.example.com/SSO' }))).toEqual([]);
  });

  it('reports SHA-1 signatures (Okta value RSA_SHA1), and accepts a missing algorithm', () => {
    expect(ids(custom({ signatureAlgorithm: 'RSA_SHA1' }))).toEqual([['sha1Signature', 'signatureAlgorithm']]);
    expect(ids(custom({ signatureAlgorithm: 'rsa_sha1' }))).toEqual([['sha1Signature', 'signatureAlgorithm']]);
    expect(checkSaml(custom({ signatureAlgorithm: undefined }))).toEqual([]);
  });

  it('reports unsigned sign-ins only when neither the response nor the assertion is signed', () => {
    expect(checkSaml(custom({ responseSigned: false }))).toEqual([]);
    expect(checkSaml(custom({ assertionSigned: false }))).toEqual([]);
    expect(checkSaml(custom({ responseSigned: false, assertionSigned: false }))).toEqual([
      { messageId: 'unsigned', field: 'assertionSigned', data: { field: 'assertionSigned', other: 'responseSigned' } },
    ]);
  });

  it('reports one problem per problem, in field order', () => {
    const all = custom({ acsUrl: 'http://x.example.com/acs', audience: undefined, signatureAlgorithm: 'RSA_SHA1', responseSigned: false, assertionSigned: false });
    expect(ids(all)).toEqual([
      ['acsUrlNotHttps', 'acsUrl'],
      ['audienceMissing', 'audience'],
      ['sha1Signature', 'signatureAlgorithm'],
      ['unsigned', 'assertionSigned'],
    ]);
  });

  it('names fields with the caller\'s labels, so a Pulumi policy can speak of its own properties', () => {
    const pulumi = { acsUrl: 'ssoUrl' } as Record<string, string>;
    const problems = checkSaml(custom({ acsUrl: 'http://acme.example.com/acs', responseSigned: false, assertionSigned: false }), (f) => pulumi[f] ?? f);
    const messages = problems.map((p) => renderMessage(SAML_MESSAGES[p.messageId], p.data));
    expect(messages[0]).toMatch(/^`ssoUrl` is "http:\/\/acme\.example\.com\/acs", not an absolute https URL/);
    expect(messages[1]).toContain('(`responseSigned` and `assertionSigned` are both false)');
  });

  it('has a template for every message id, with no placeholder left unfilled', () => {
    const problems = [
      ...checkSaml({ preconfigured: false }),
      ...checkSaml(custom({ acsUrl: undefined, audience: undefined, signatureAlgorithm: 'RSA_SHA1', responseSigned: false, assertionSigned: false })),
      ...checkSaml(custom({ acsUrl: 'http://a.example.com' })),
    ];
    expect(new Set(problems.map((p) => p.messageId))).toEqual(new Set(Object.keys(SAML_MESSAGES)));
    for (const p of problems) {
      for (const [, name] of SAML_MESSAGES[p.messageId].matchAll(/\{\{(\w+)\}\}/g)) expect(p.data, `${p.messageId}.${name}`).toHaveProperty(name!);
    }
  });
});
