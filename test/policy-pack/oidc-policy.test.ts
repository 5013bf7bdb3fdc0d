/**
 * okta-oidc-hardening: the linter's OIDC checks on okta.app.OAuth (provider
 * defaults resolved as the provider resolves them) and on the redirect URIs
 * okta.app.OAuthRedirectUri adds, called as the policy engine calls them.
 */
import { describe, expect, it } from 'vitest';
import { OIDC_MESSAGES } from '../../src/checks/oidc';
import { renderMessage } from '../../src/engine/rule';
import { oktaOidcHardening } from '../../src/policy-pack/policies';
import { RULES_BY_ID } from '../../rules';
import { NotApplicable, UNKNOWN_VALUE, unknownCheckingProxy, validateResource } from './harness';

const OAUTH = 'okta:app/oAuth:OAuth';
const REDIRECT_URI = 'okta:app/oAuthRedirectUri:OAuthRedirectUri';

const WEB = {
  label: 'Expenses',
  type: 'web',
  grantTypes: ['authorization_code', 'refresh_token'],
  redirectUris: ['https://expenses.example.com/oauth/callback'],
  responseTypes: ['code'],
  tokenEndpointAuthMethod: 'client_secret_basic',
};
const SPA = { label: 'Dashboard', type: 'browser', grantTypes: ['authorization_code'], redirectUris: ['https://dashboard.example.com/cb'], pkceRequired: true, tokenEndpointAuthMethod: 'none' };

const check = (props: Record<string, unknown>, type = OAUTH) => validateResource(oktaOidcHardening, type, props);
const messages = async (props: Record<string, unknown>, type = OAUTH) => (await check(props, type)).map((v) => v.message);
const msg = (id: keyof typeof OIDC_MESSAGES, data: Record<string, string>) => renderMessage(OIDC_MESSAGES[id], data);

describe('okta-oidc-hardening', () => {
  it('is mandatory, as sso/oidc-hardening is an error', () => {
    expect(RULES_BY_ID.get('sso/oidc-hardening')!.severity).toBe('error');
    expect(oktaOidcHardening.enforcementLevel).toBe('mandatory');
  });

  it('passes hardened web, browser, native and service apps', async () => {
    expect(await check(WEB)).toEqual([]);
    expect(await check(SPA)).toEqual([]);
    expect(await check({ ...SPA, type: 'native', redirectUris: ['https://field.example.com/cb', 'http://127.0.0.1:7890/cb'] })).toEqual([]);
    expect(await check({ label: 'Reports', type: 'service', grantTypes: ['client_credentials'] })).toEqual([]);
  });

  it('passes a native app\'s private-use URI scheme redirect (RFC 8252 §7.1), and only a native app\'s', async () => {
    expect(await check({ ...SPA, type: 'native', redirectUris: ['com.example.app:/cb', 'com.example.app:/oauth2redirect/example-provider', 'http://127.0.0.1:7890/cb'] })).toEqual([]);
    // Not a reverse domain name, or not a native app: still not https.
    expect(await messages({ ...SPA, type: 'native', redirectUris: ['myapp:/cb', 'com.example.app://host.example.com/cb'] })).toEqual([
      msg('redirectNotHttps', { field: 'redirectUris[0]', found: '"myapp:/cb"' }),
      msg('redirectNotHttps', { field: 'redirectUris[1]', found: '"com.example.app://host.example.com/cb"' }),
    ]);
    expect(await messages({ ...SPA, redirectUris: ['com.example.app:/cb'] })).toEqual([msg('redirectNotHttps', { field: 'redirectUris[0]', found: '"com.example.app:/cb"' })]);
    // An added redirect URI whose app type is on another resource: not decided.
    expect(await check({ uri: 'com.example.app:/cb' }, REDIRECT_URI)).toEqual([]);
  });

  it('reports implicit and password grants at their index in grantTypes', async () => {
    expect(await messages({ ...WEB, grantTypes: ['implicit', 'authorization_code', 'password'] })).toEqual([
      msg('implicitGrant', { field: 'grantTypes[0]' }),
      msg('passwordGrant', { field: 'grantTypes[2]' }),
    ]);
  });

  it('reports non-https and wildcard redirect URIs at their index', async () => {
    expect(await messages({ ...WEB, redirectUris: ['https://ok.example.com/cb', 'http://expenses.example.com/cb', 'https://*.example.com/cb'] })).toEqual([
      msg('redirectNotHttps', { field: 'redirectUris[1]', found: '"http://expenses.example.com/cb"' }),
      msg('redirectWildcard', { field: 'redirectUris[2]', found: '"https://*.example.com/cb"' }),
    ]);
  });

  it('reports wildcardRedirect set to anything but DISABLED', async () => {
    expect(await check({ ...WEB, wildcardRedirect: 'DISABLED' })).toEqual([]);
    expect(await messages({ ...WEB, wildcardRedirect: 'SUBDOMAIN' })).toEqual([msg('wildcardRedirect', { field: 'wildcardRedirect', found: '`SUBDOMAIN`' })]);
  });

  it('reports PKCE not required for browser and native apps granted the code flow — unset included when the client keeps a secret (the provider sends false on updates)', async () => {
    const { pkceRequired: _p, ...unset } = SPA;
    for (const type of ['browser', 'native']) {
      expect(await messages({ ...SPA, type, pkceRequired: false })).toEqual([msg('pkceDisabled', { field: 'pkceRequired', type })]);
      expect(await messages({ ...unset, type, tokenEndpointAuthMethod: 'client_secret_basic' })).toEqual([msg('pkceDisabled', { field: 'pkceRequired', type })]);
      const { tokenEndpointAuthMethod: _m, ...defaulted } = unset;
      expect(await messages({ ...defaulted, type })).toEqual([msg('pkceDisabled', { field: 'pkceRequired', type })]);
    }
    expect(await check({ ...WEB, pkceRequired: false })).toEqual([]);
  });

  it('passes PKCE unset on a public client (tokenEndpointAuthMethod none): the provider then requires PKCE, on create and update', async () => {
    const { pkceRequired: _p, ...unset } = SPA;
    for (const type of ['browser', 'native']) expect(await check({ ...unset, type })).toEqual([]);
    // Explicitly off stays off.
    expect(await messages({ ...SPA, type: 'native', pkceRequired: false })).toEqual([msg('pkceDisabled', { field: 'pkceRequired', type: 'native' })]);
  });

  it('does not ask for PKCE where the code flow is not granted (as the saasgov program maps such apps)', async () => {
    expect(await check({ ...SPA, grantTypes: ['refresh_token'], pkceRequired: false })).toEqual([]);
  });

  it('judges unset grant types by the provider\'s default: every browser grant, implicit included', async () => {
    const { grantTypes: _g, ...unset } = SPA;
    expect(await messages(unset)).toEqual([msg('implicitGrant', { field: "grantTypes (not set: the provider's default for a browser app)" })]);
    expect(await messages({ ...unset, grantTypes: [] })).toEqual([msg('implicitGrant', { field: "grantTypes (not set: the provider's default for a browser app)" })]);
    const { grantTypes: _w, ...webUnset } = WEB;
    expect(await check(webUnset)).toEqual([]);
    // A browser app by default is granted the code flow, so it needs PKCE too.
    expect(await messages({ ...unset, pkceRequired: false })).toEqual([
      msg('implicitGrant', { field: "grantTypes (not set: the provider's default for a browser app)" }),
      msg('pkceDisabled', { field: 'pkceRequired', type: 'browser' }),
    ]);
  });

  it('takes an unknown app type for what it is, even one named like an Object property', async () => {
    for (const type of ['__proto__', 'constructor', 'toString', 'spa']) expect(await check({ label: 'x', type, redirectUris: ['https://x.example.com/cb'] })).toEqual([]);
  });

  it('reports missing redirect URIs for apps that redirect', async () => {
    const { redirectUris: _r, ...rest } = WEB;
    expect(await messages(rest)).toEqual([msg('redirectUrisMissing', { field: 'redirectUris', type: 'web' })]);
  });

  describe('during preview (unknown values)', () => {
    it('really gets proxied props: reading an unknown value directly throws', () => {
      expect(() => unknownCheckingProxy({ redirectUris: UNKNOWN_VALUE.array }).redirectUris).toThrow(/can't be known during preview/);
    });

    it('does not judge redirect URIs that are unknown as a whole, and still reports a bad grant', async () => {
      expect(await messages({ ...WEB, redirectUris: UNKNOWN_VALUE.array, grantTypes: ['password'] })).toEqual([msg('passwordGrant', { field: 'grantTypes[0]' })]);
    });

    it('judges the known redirect URIs of a list with one computed item, at their own index', async () => {
      expect(await messages({ ...WEB, redirectUris: [UNKNOWN_VALUE.string, 'http://expenses.example.com/cb'] })).toEqual([
        msg('redirectNotHttps', { field: 'redirectUris[1]', found: '"http://expenses.example.com/cb"' }),
      ]);
    });

    it('drops what depends on an unknown app type, keeps what does not', async () => {
      expect(await messages({ ...SPA, type: UNKNOWN_VALUE.string, pkceRequired: false, redirectUris: ['http://localhost/cb', 'https://*.example.com/cb'] })).toEqual([
        msg('redirectWildcard', { field: 'redirectUris[1]', found: '"https://*.example.com/cb"' }),
      ]);
    });

    it('does not report PKCE or grants it cannot know', async () => {
      expect(await check({ ...SPA, pkceRequired: UNKNOWN_VALUE.boolean })).toEqual([]);
      expect(await check({ ...SPA, pkceRequired: false, grantTypes: UNKNOWN_VALUE.array })).toEqual([]);
      expect(await check({ ...SPA, pkceRequired: false, grantTypes: [UNKNOWN_VALUE.string] })).toEqual([]);
      expect(await check({ ...WEB, wildcardRedirect: UNKNOWN_VALUE.string })).toEqual([]);
    });

    it('still reports PKCE off when the code flow is granted next to an unknown grant', async () => {
      expect(await messages({ ...SPA, pkceRequired: false, grantTypes: [UNKNOWN_VALUE.string, 'authorization_code'] })).toEqual([msg('pkceDisabled', { field: 'pkceRequired', type: 'browser' })]);
    });
  });

  describe('okta.app.OAuthRedirectUri (a redirect URI added to an app by its own resource)', () => {
    it('reports a wildcard or plain-http URI, naming uri', async () => {
      expect(await messages({ appId: 'app-1', uri: 'http://evil.example.com/cb' }, REDIRECT_URI)).toEqual([
        msg('redirectNotHttps', { field: 'uri', found: '"http://evil.example.com/cb"' }),
      ]);
      expect(await messages({ appId: 'app-1', uri: 'https://*.example.com/cb' }, REDIRECT_URI)).toEqual([msg('redirectWildcard', { field: 'uri', found: '"https://*.example.com/cb"' })]);
    });

    it('passes an https URI, and leaves loopback http (allowed for native apps; the type is on the app) and unknown URIs undecided', async () => {
      expect(await check({ appId: 'app-1', uri: 'https://app.example.com/cb' }, REDIRECT_URI)).toEqual([]);
      expect(await check({ appId: 'app-1', uri: 'http://127.0.0.1/cb' }, REDIRECT_URI)).toEqual([]);
      expect(await check({ appId: UNKNOWN_VALUE.string, uri: UNKNOWN_VALUE.string }, REDIRECT_URI)).toEqual([]);
    });
  });

  it('is not applicable to other resource types', async () => {
    await expect(check({ label: 'x' }, 'okta:app/saml:Saml')).rejects.toBeInstanceOf(NotApplicable);
  });
});
