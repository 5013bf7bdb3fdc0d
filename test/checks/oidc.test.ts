import { describe, expect, it } from 'vitest';
import { renderMessage } from '../../src/engine/rule';
import { checkOidc, OIDC_MESSAGES, type OidcSettings } from '../../src/checks/oidc';

const WEB: OidcSettings = { type: 'web', redirectUris: ['https://app.example.com/callback'], grantTypes: ['authorization_code', 'refresh_token'], pkce: true };

const client = (settings: Partial<OidcSettings>): OidcSettings => ({ ...WEB, ...settings });
const brief = (settings: OidcSettings | undefined) => checkOidc(settings).map((p) => [p.messageId, p.field, p.index]);

describe('checkOidc', () => {
  it('passes a hardened client of each type', () => {
    expect(checkOidc(WEB)).toEqual([]);
    expect(checkOidc(client({ type: 'browser' }))).toEqual([]);
    expect(checkOidc(client({ type: 'native', redirectUris: ['http://127.0.0.1:7890/cb', 'http://localhost/cb', 'http://[::1]/cb'] }))).toEqual([]);
    expect(checkOidc(client({ type: 'service', redirectUris: undefined, grantTypes: ['client_credentials'], pkce: false }))).toEqual([]);
  });

  it('reports missing settings once', () => {
    expect(checkOidc(undefined)).toEqual([{ messageId: 'oidcMissing', field: 'settings', data: { field: 'settings' } }]);
  });

  it.each(['web', 'native', 'browser'])('reports missing or empty redirect URIs for a %s app', (type) => {
    expect(brief(client({ type, redirectUris: undefined }))).toEqual([['redirectUrisMissing', 'redirectUris', undefined]]);
    expect(brief(client({ type, redirectUris: [] }))).toEqual([['redirectUrisMissing', 'redirectUris', undefined]]);
  });

  it('reports each redirect URI that is not absolute https, at its index', () => {
    const uris = ['https://ok.example.com/cb', 'http://app.example.com/cb', '/callback', 'com.example.app:/cb', 'garbage', 'https://ok.example.com/cb2'];
    expect(brief(client({ redirectUris: uris }))).toEqual([
      ['redirectNotHttps', 'redirectUris', 1],
      ['redirectNotHttps', 'redirectUris', 2],
      ['redirectNotHttps', 'redirectUris', 3],
      ['redirectNotHttps', 'redirectUris', 4],
    ]);
  });

  it('accepts a native app\'s private-use scheme only when asked to (the policy pack does; the linter records it as a waiver)', () => {
    const native = client({ type: 'native', redirectUris: ['com.example.app:/cb', 'myapp:/cb'] });
    expect(checkOidc(native, undefined, { privateUseSchemes: true }).map((p) => [p.messageId, p.index])).toEqual([['redirectNotHttps', 1]]);
    expect(brief(native)).toEqual([
      ['redirectNotHttps', 'redirectUris', 0],
      ['redirectNotHttps', 'redirectUris', 1],
    ]);
    expect(checkOidc(client({ type: 'web', redirectUris: ['com.example.app:/cb'] }), undefined, { privateUseSchemes: true }).map((p) => p.messageId)).toEqual(['redirectNotHttps']);
  });

  it('allows plain http to loopback for native apps only', () => {
    for (const type of ['web', 'browser']) {
      expect(brief(client({ type, redirectUris: ['http://localhost:8080/cb'] }))).toEqual([['redirectHttpNotNative', 'redirectUris', 0]]);
    }
    expect(brief(client({ type: 'native', redirectUris: ['http://localhost.evil.example/cb', 'http://10.0.0.1/cb'] }))).toEqual([
      ['redirectNotHttps', 'redirectUris', 0],
      ['redirectNotHttps', 'redirectUris', 1],
    ]);
  });

  it('reports a wildcard anywhere in a redirect URI, and a bad scheme as a second problem', () => {
    expect(brief(client({ redirectUris: ['https://*.example.com/cb', 'https://app.example.com/*', 'https://app.example.com/cb?next=*'] }))).toEqual([
      ['redirectWildcard', 'redirectUris', 0],
      ['redirectWildcard', 'redirectUris', 1],
      ['redirectWildcard', 'redirectUris', 2],
    ]);
    expect(brief(client({ redirectUris: ['http://*.example.com/cb'] }))).toEqual([
      ['redirectWildcard', 'redirectUris', 0],
      ['redirectNotHttps', 'redirectUris', 0],
    ]);
  });

  it('checks redirect URIs of a service app too, when it has some', () => {
    expect(brief(client({ type: 'service', redirectUris: ['http://app.example.com/cb'] }))).toEqual([['redirectNotHttps', 'redirectUris', 0]]);
  });

  it('reports each implicit or password grant at its index', () => {
    expect(brief(client({ grantTypes: ['implicit', 'authorization_code', 'password'] }))).toEqual([
      ['implicitGrant', 'grantTypes', 0],
      ['passwordGrant', 'grantTypes', 2],
    ]);
    expect(brief(client({ grantTypes: ['constructor', 'toString'] }))).toEqual([]);
  });

  it('reports PKCE off for native and browser apps, not for web or service apps', () => {
    expect(brief(client({ type: 'native', pkce: false }))).toEqual([['pkceDisabled', 'pkce', undefined]]);
    expect(brief(client({ type: 'browser', pkce: false }))).toEqual([['pkceDisabled', 'pkce', undefined]]);
    expect(checkOidc(client({ type: 'web', pkce: false }))).toEqual([]);
  });

  it('reports Okta\'s wildcard redirect matching unless it is off or unset', () => {
    expect(checkOidc(client({ wildcardRedirect: undefined }))).toEqual([]);
    expect(checkOidc(client({ wildcardRedirect: 'DISABLED' }))).toEqual([]);
    expect(checkOidc(client({ wildcardRedirect: ' disabled ' }))).toEqual([]);
    const [p, ...rest] = checkOidc(client({ wildcardRedirect: 'SUBDOMAIN' }));
    expect(rest).toEqual([]);
    expect(p).toEqual({ messageId: 'wildcardRedirect', field: 'wildcardRedirect', data: { field: 'wildcardRedirect', found: '`SUBDOMAIN`' } });
    expect(renderMessage(OIDC_MESSAGES.wildcardRedirect, p!.data)).toMatch(/^`wildcardRedirect` is `SUBDOMAIN`: Okta then sends sign-in codes/);
  });

  it('quotes an odd wildcard redirect value only by its length', () => {
    expect(checkOidc(client({ wildcardRedirect: '' }))[0]!.data.found).toBe('an empty string');
    expect(checkOidc(client({ wildcardRedirect: 'ghp_`rm -rf`\n::error::x' }))[0]!.data.found).toBe('a 23-character value');
  });

  it('labels fields with their index, by default and with the caller\'s labels', () => {
    const [byDefault] = checkOidc(client({ grantTypes: ['authorization_code', 'implicit'] }));
    expect(byDefault!.data.field).toBe('grantTypes[1]');
    const okta = { pkce: 'pkceRequired' } as Record<string, string>;
    const [p] = checkOidc(client({ type: 'browser', pkce: false }), (f, i) => `${okta[f] ?? f}${i === undefined ? '' : `[${i}]`}`);
    expect(renderMessage(OIDC_MESSAGES[p!.messageId], p!.data)).toMatch(/^`pkceRequired` is false for a `browser` app/);
  });

  it('never quotes a credential found in a redirect URI', () => {
    const [p] = checkOidc(client({ redirectUris: ['http://app.example.com/cb?token=secret123'] }));
    expect(p!.data.found).toBe('"http://app.example.com/cb?…"');
  });

  it('has a template for every message id, with no placeholder left unfilled', () => {
    const problems = [
      ...checkOidc(undefined),
      ...checkOidc(client({ redirectUris: [] })),
      ...checkOidc(client({ type: 'browser', redirectUris: ['http://*.example.com', 'http://localhost/cb'], grantTypes: ['implicit', 'password'], pkce: false })),
      ...checkOidc(client({ wildcardRedirect: 'SUBDOMAIN' })),
    ];
    expect(new Set(problems.map((p) => p.messageId))).toEqual(new Set(Object.keys(OIDC_MESSAGES)));
    for (const p of problems) {
      for (const [, name] of OIDC_MESSAGES[p.messageId].matchAll(/\{\{(\w+)\}\}/g)) expect(p.data, `${p.messageId}.${name}`).toHaveProperty(name!);
    }
  });
});
