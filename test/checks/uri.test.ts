import { describe, expect, it } from 'vitest';
import { isPrivateUseScheme, showUrl, urlKind } from '../../src/checks/uri';

describe('urlKind', () => {
  it.each([
    ['https://app.example.com/callback', 'https'],
    ['HTTPS://App.Example.com/cb', 'https'],
    ['https://*.example.com/cb', 'https'],
    ['http://localhost:8080/cb', 'httpLoopback'],
    ['http://127.0.0.1/cb', 'httpLoopback'],
    ['http://[::1]:3000/cb', 'httpLoopback'],
    ['http://localhost.evil.example/cb', 'otherAbsolute'],
    ['http://127.0.0.1.nip.io/cb', 'otherAbsolute'],
    ['http://app.example.com/cb', 'otherAbsolute'],
    ['com.example.app:/callback', 'otherAbsolute'],
    ['https:///cb', 'otherAbsolute'],
    ['https:/app.example.com/cb', 'otherAbsolute'],
    ['/callback', 'notAbsolute'],
    ['app.example.com/callback', 'notAbsolute'],
    ['', 'notAbsolute'],
    ['https://exa mple.com', 'notAbsolute'],
  ])('%s is %s', (url, kind) => {
    expect(urlKind(url)).toBe(kind);
  });

  it('does not parse URLs longer than 2048 characters', () => {
    expect(urlKind(`https://example.com/${'a'.repeat(3000)}`)).toBe('notAbsolute');
  });
});

describe('showUrl', () => {
  it('quotes a plain URL', () => {
    expect(showUrl('http://app.example.com/cb')).toBe('"http://app.example.com/cb"');
  });

  it('drops user info, query and fragment, which may carry credentials', () => {
    expect(showUrl('https://admin:hunter2@app.example.com/cb?code=abc#x')).toBe('"https://app.example.com/cb?…"');
    expect(showUrl('com.example.app:/cb?state=xyz')).toBe('"com.example.app:/cb?…"');
  });

  it('never shows a value that looks like a credential', () => {
    const token = 'https://app.example.com/cb/ghp_' + 'a1B2c3D4e5'.repeat(3) + 'a1B2c3';
    expect(showUrl(token)).toMatch(/^a value that looks like a credential \(\d+ characters, not shown\)$/);
  });

  it('names an empty value and shortens long ones', () => {
    expect(showUrl('  ')).toBe('an empty string');
    const shown = showUrl(`https://app.example.com/${'p'.repeat(200)}`);
    expect(shown.endsWith('…"')).toBe(true);
    expect(shown.length).toBeLessThan(110);
  });

  it('strips control characters', () => {
    expect(showUrl('not a url\u001b[31m')).toBe('"not a url[31m"');
  });
});

describe('isPrivateUseScheme (RFC 8252 §7.1)', () => {
  it.each([
    ['com.example.app:/oauth2redirect/example-provider', true],
    ['com.example.app:/cb', true],
    ['io.Example-Co.app:/cb', true],
    ['myapp:/cb', false],
    ['com.example.app://host.example.com/cb', false],
    ['https://app.example.com/cb', false],
    ['http://localhost/cb', false],
    ['com.example.app', false],
    ['', false],
  ])('%s → %s', (uri, expected) => {
    expect(isPrivateUseScheme(uri)).toBe(expected);
  });
});
