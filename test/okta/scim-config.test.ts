/** The stack setting saasgov:scim: validated, and never echoed. */
import { describe, expect, it } from 'vitest';
import { parseScimSetting } from '../../src/okta/scim-config';

const TOKEN = 'scim-token-must-never-be-printed';

describe('parseScimSetting', () => {
  it('reads base URL and token per app, sorted by app', () => {
    const parsed = parseScimSetting({ 'z-app': { baseUrl: 'https://z.example/scim/v2', token: TOKEN }, 'a-app': { baseUrl: 'https://a.example/scim', token: 't' } });
    expect([...parsed.entries()]).toEqual([
      ['a-app', { baseUrl: 'https://a.example/scim', token: 't' }],
      ['z-app', { baseUrl: 'https://z.example/scim/v2', token: TOKEN }],
    ]);
  });

  it.each([
    ['a list', [], /must be an object keyed by app name/],
    ['a string', 'x', /must be an object keyed by app name/],
    ['a bad app name', { 'Not An App': { baseUrl: 'https://a.example', token: TOKEN } }, /key "Not An App" is not an app name/],
    ['an http base URL', { app: { baseUrl: 'http://a.example', token: TOKEN } }, /saasgov:scim\["app"\]\.baseUrl: must be an absolute https URL/],
    ['a missing token', { app: { baseUrl: 'https://a.example' } }, /saasgov:scim\["app"\]\.token: expected string/],
    ['an empty token', { app: { baseUrl: 'https://a.example', token: '' } }, /\.token: must not be empty/],
    ['an unknown key', { app: { baseUrl: 'https://a.example', token: TOKEN, secret: TOKEN } }, /unknown key\(s\) secret/],
    ['a token that is not text', { app: { baseUrl: 'https://a.example', token: 12345 } }, /\.token: expected string/],
  ])('refuses %s, naming the place and never the value', (_what, value, message) => {
    let error: Error | undefined;
    try {
      parseScimSetting(value);
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(message);
    expect(error?.message).not.toContain(TOKEN);
    expect(error?.message).not.toContain('12345');
  });
});
