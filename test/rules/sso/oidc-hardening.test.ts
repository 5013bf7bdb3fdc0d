import { describe, expect, it } from 'vitest';
import { at, atKey, edit, findings, lintText, suppressed, VALID, withWaiver } from '../../helpers';

const RULE = 'sso/oidc-hardening';
/** VALID as a hardened OIDC web app. */
const OIDC = edit(VALID, {
  remove: ['spec.sso.okta'],
  set: {
    'spec.sso.protocol': 'oidc',
    'spec.sso.oidc': { type: 'web', redirectUris: ['https://app.example.com/callback'], grantTypes: ['authorization_code', 'refresh_token'] },
  },
});
const withOidc = (oidc: Record<string, unknown>) => edit(OIDC, { set: Object.fromEntries(Object.entries(oidc).map(([k, v]) => [`spec.sso.oidc.${k}`, v])) });
const messageOf = (text: string) => lintText(text).messages.filter((m) => m.ruleId === RULE).map((m) => m.message);

describe(RULE, () => {
  it('passes hardened clients', () => {
    expect(findings(lintText(OIDC), RULE)).toEqual([]);
    expect(findings(lintText(withOidc({ type: 'browser' })), RULE)).toEqual([]);
    expect(findings(lintText(withOidc({ type: 'native', redirectUris: ['http://127.0.0.1:7890/cb', 'http://localhost/cb', 'http://[::1]/cb'] })), RULE)).toEqual([]);
    const service = edit(OIDC, { set: { 'spec.sso.oidc.type': 'service', 'spec.sso.oidc.grantTypes': ['client_credentials'] }, remove: ['spec.sso.oidc.redirectUris'] });
    expect(findings(lintText(service), RULE)).toEqual([]);
  });

  it('reports a missing oidc block at the sso key', () => {
    const text = edit(OIDC, { remove: ['spec.sso.oidc'] });
    expect(findings(lintText(text), RULE)).toEqual([atKey(RULE, 'oidcMissing', text, 'sso')]);
  });

  it('reports missing redirect URIs at the oidc key, and an empty list at the value', () => {
    const missing = edit(OIDC, { remove: ['spec.sso.oidc.redirectUris'] });
    expect(findings(lintText(missing), RULE)).toEqual([atKey(RULE, 'redirectUrisMissing', missing, 'oidc')]);
    const empty = withOidc({ type: 'native', redirectUris: [] });
    expect(findings(lintText(empty), RULE)).toEqual([at(RULE, 'redirectUrisMissing', empty, '[]')]);
    expect(messageOf(empty)[0]).toContain('`spec.sso.oidc.redirectUris` is missing or empty for a `native` app');
  });

  it('reports each redirect URI that is not absolute https at its list item', () => {
    const uris = ['https://app.example.com/callback', 'http://app.example.com/cb', '/callback', 'com.example.app:/cb'];
    const text = withOidc({ redirectUris: uris });
    expect(findings(lintText(text), RULE)).toEqual([
      at(RULE, 'redirectNotHttps', text, 'http://app.example.com/cb'),
      at(RULE, 'redirectNotHttps', text, '/callback', 1),
      at(RULE, 'redirectNotHttps', text, 'com.example.app:/cb'),
    ]);
    expect(lintText(text).messages.filter((m) => m.ruleId === RULE).map((m) => m.path)).toEqual([
      'spec.sso.oidc.redirectUris[1]',
      'spec.sso.oidc.redirectUris[2]',
      'spec.sso.oidc.redirectUris[3]',
    ]);
    expect(messageOf(text)[0]).toMatch(/^`spec\.sso\.oidc\.redirectUris\[1\]` is "http:\/\/app\.example\.com\/cb", not an absolute https URL/);
  });

  it('allows plain http to loopback only for native apps', () => {
    const text = withOidc({ type: 'browser', redirectUris: ['http://localhost:8080/cb'] });
    expect(findings(lintText(text), RULE)).toEqual([at(RULE, 'redirectHttpNotNative', text, 'http://localhost:8080/cb')]);
    const native = withOidc({ type: 'native', redirectUris: ['http://localhost.example.com/cb'] });
    expect(findings(lintText(native), RULE)).toEqual([at(RULE, 'redirectNotHttps', native, 'http://localhost.example.com/cb')]);
  });

  it('reports a wildcard anywhere in a redirect URI, besides a bad scheme', () => {
    const text = withOidc({ redirectUris: ['https://*.example.com/cb', 'http://app.example.com/*'] });
    expect(findings(lintText(text), RULE)).toEqual([
      at(RULE, 'redirectWildcard', text, 'https://*.example.com/cb'),
      at(RULE, 'redirectNotHttps', text, 'http://app.example.com/*'),
      at(RULE, 'redirectWildcard', text, 'http://app.example.com/*'),
    ]);
  });

  it('reports each implicit or password grant at its list item', () => {
    const text = withOidc({ grantTypes: ['implicit', 'authorization_code', 'password'] });
    expect(findings(lintText(text), RULE)).toEqual([at(RULE, 'implicitGrant', text, 'implicit'), at(RULE, 'passwordGrant', text, 'password')]);
    expect(lintText(text).messages.filter((m) => m.ruleId === RULE).map((m) => m.path)).toEqual(['spec.sso.oidc.grantTypes[0]', 'spec.sso.oidc.grantTypes[2]']);
  });

  it('reports pkce: false for native and browser apps at the value, not for web apps', () => {
    for (const type of ['native', 'browser']) {
      const text = withOidc({ type, pkce: false, ...(type === 'native' ? { redirectUris: ['http://127.0.0.1/cb'] } : {}) });
      expect(findings(lintText(text), RULE)).toEqual([at(RULE, 'pkceDisabled', text, 'false')]);
      expect(messageOf(text)[0]).toContain(`\`spec.sso.oidc.pkce\` is false for a \`${type}\` app`);
    }
    expect(findings(lintText(withOidc({ pkce: false })), RULE)).toEqual([]);
  });

  it('does not run for other protocols', () => {
    expect(findings(lintText(VALID), RULE)).toEqual([]);
  });

  it('has no options, and its severity is configurable', () => {
    expect(() => lintText(VALID, { config: `rules:\n  ${RULE}: [error, {allowHttp: true}]\n` })).toThrow(/invalid option|unknown option/);
    const text = withOidc({ grantTypes: ['implicit'] });
    expect(findings(lintText(text, { config: `rules:\n  ${RULE}: off\n` }), RULE)).toEqual([]);
    expect(lintText(text, { config: `rules:\n  ${RULE}: warn\n` }).messages.find((m) => m.ruleId === RULE)!.severity).toBe(1);
  });

  it('is suppressed by a valid waiver', () => {
    const text = withWaiver(withOidc({ grantTypes: ['implicit'] }), RULE);
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([]);
    expect(suppressed(result, RULE)).toEqual([at(RULE, 'implicitGrant', text, 'implicit')]);
  });
});
