/** URL facts the SAML and OIDC checks share: absolute https, loopback http, and a safe way to quote a URL. */
import { looksLikeSecret } from '../secrets/detect';

/** Hosts an `http` redirect of a native app may use (RFC 8252 §7.3 loopback redirection). */
export const LOOPBACK_HOSTS: readonly string[] = ['localhost', '127.0.0.1', '[::1]'];

/** What a URL string is, as far as the hardening checks care. */
export type UrlKind =
  /** `https://host…` */
  | 'https'
  /** `http://` to a loopback host */
  | 'httpLoopback'
  /** Any other absolute URL (plain http elsewhere, custom schemes, https without a host) */
  | 'otherAbsolute'
  /** Not an absolute URL at all (relative, empty, garbage) */
  | 'notAbsolute';

const MAX_URL = 2048;

function parse(s: string): URL | null {
  if (s.length > MAX_URL) return null;
  try {
    return new URL(s);
  } catch {
    return null;
  }
}

/** Classifies `s` with the WHATWG URL parser; never throws. */
export function urlKind(s: string): UrlKind {
  const url = parse(s);
  if (!url) return 'notAbsolute';
  // Require the authority to be written out: the parser repairs `https:/host` and `https:///host`.
  const lower = s.toLowerCase();
  if (url.protocol === 'https:' && url.hostname !== '' && lower.startsWith('https://') && !lower.startsWith('https:///')) return 'https';
  if (url.protocol === 'http:' && lower.startsWith('http://') && LOOPBACK_HOSTS.includes(url.hostname)) return 'httpLoopback';
  return 'otherAbsolute';
}

const MAX_SHOWN = 100;

/**
 * A URL as a message may quote it: never a credential (no user info, query or
 * fragment, nothing that looks like a token), never very long.
 */
export function showUrl(s: string): string {
  if (s.trim() === '') return 'an empty string';
  if (looksLikeSecret(s)) return `a value that looks like a credential (${s.length} characters, not shown)`;
  const url = parse(s);
  let shown = s;
  if (url && url.origin !== 'null') {
    shown = `${url.origin}${url.pathname}`;
    if (url.search !== '' || url.hash !== '') shown += '?…';
  } else if (url && (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '')) {
    // Custom schemes have no origin: keep the scheme and path only.
    shown = `${url.protocol}${url.pathname}${url.search !== '' || url.hash !== '' ? '?…' : ''}`;
  }
  shown = shown.replace(/[\u0000-\u001f\u007f]/g, '');
  return `"${shown.length > MAX_SHOWN ? `${shown.slice(0, MAX_SHOWN)}…` : shown}"`;
}

/**
 * A private-use URI scheme redirect of a native app (RFC 8252 §7.1): the
 * reverse domain name of a domain the app's publisher controls, as the scheme
 * (`com.example.app:/oauth2redirect`). The OS hands the redirect to the app
 * that claimed the scheme, so a native app may use it instead of https.
 * Requires a dot in the scheme (a domain name, not `myapp:`), and no user
 * info or host (a private-use redirect names a path, not a server).
 */
export function isPrivateUseScheme(s: string): boolean {
  const url = parse(s);
  if (!url) return false;
  const scheme = url.protocol.slice(0, -1).toLowerCase();
  return /^[a-z][a-z0-9+-]*(\.[a-z0-9+-]+)+$/.test(scheme) && url.username === '' && url.password === '' && url.host === '';
}
