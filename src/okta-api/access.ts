/**
 * How saasgov reaches an Okta org (SPEC §9, "Access"): the org URL (https,
 * or plain http to a loopback host only) and the credentials from the
 * environment — an API token, or an OAuth 2.0 service app with a private
 * key — and where an app lives in the Admin Console.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SaasgovError } from '../util/errors';

/** The read-only scopes a service app needs, one per kind of request (docs/okta-org.md lists which request needs which). */
export const READ_SCOPES = ['okta.apps.read', 'okta.groups.read', 'okta.policies.read', 'okta.logs.read'] as const;

/** An API token (`Authorization: SSWS …`) or a service app signing its own client assertion. */
export type OktaCredentials =
  | { readonly kind: 'token'; readonly token: string }
  | { readonly kind: 'service-app'; readonly clientId: string; readonly privateKey: string; readonly keyId?: string };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The org's base URL (`https://acme.okta.com`), from `--org-url` or
 * `OKTA_ORG_URL`. It must be https with no path, query or credentials;
 * http is accepted only for a loopback host (a local test server).
 */
export function parseOrgUrl(value: string | undefined): string {
  if (value === undefined || value.trim() === '') {
    throw new SaasgovError('USAGE', 'no Okta org: pass --org-url https://<your-org>.okta.com or set OKTA_ORG_URL');
  }
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new SaasgovError('USAGE', `the Okta org URL "${printable(value)}" is not a URL: use https://<your-org>.okta.com`);
  }
  if (url.username !== '' || url.password !== '') throw new SaasgovError('USAGE', 'the Okta org URL must not hold a user name or password: use https://<your-org>.okta.com');
  if (url.protocol === 'http:' && !LOOPBACK.has(url.hostname)) {
    throw new SaasgovError('USAGE', `the Okta org URL must be https (plain http only to 127.0.0.1, localhost or [::1]), not ${url.origin}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new SaasgovError('USAGE', `the Okta org URL must be https, not ${url.protocol.slice(0, -1)}`);
  if ((url.pathname !== '/' && url.pathname !== '') || url.search !== '' || url.hash !== '') {
    throw new SaasgovError('USAGE', `the Okta org URL is the org's address alone (${url.origin}), without a path or query`);
  }
  return url.origin;
}

/**
 * The credentials in the environment: `OKTA_API_TOKEN`, or `OKTA_CLIENT_ID`
 * with `OKTA_PRIVATE_KEY` (PEM or JWK) or `OKTA_PRIVATE_KEY_FILE`
 * (`OKTA_KEY_ID` names the key when the JWK has no `kid`). Messages name the
 * variables, never their values.
 */
export function readCredentials(env: NodeJS.ProcessEnv, cwd: string): OktaCredentials {
  const token = env.OKTA_API_TOKEN?.trim();
  const clientId = env.OKTA_CLIENT_ID?.trim();
  if (token && clientId) throw new SaasgovError('USAGE', 'both OKTA_API_TOKEN and OKTA_CLIENT_ID are set: keep the one saasgov should use');
  if (token) return { kind: 'token', token };
  if (!clientId) {
    throw new SaasgovError('USAGE', 'no Okta credentials: set OKTA_API_TOKEN (a read-only admin\'s API token), or OKTA_CLIENT_ID and OKTA_PRIVATE_KEY_FILE (a service app with the scopes okta.apps.read, okta.groups.read, okta.policies.read, okta.logs.read)');
  }
  let privateKey = env.OKTA_PRIVATE_KEY?.trim();
  const keyFile = env.OKTA_PRIVATE_KEY_FILE?.trim();
  if (privateKey && keyFile) throw new SaasgovError('USAGE', 'both OKTA_PRIVATE_KEY and OKTA_PRIVATE_KEY_FILE are set: keep one');
  if (!privateKey && keyFile) {
    try {
      privateKey = readFileSync(path.resolve(cwd, keyFile), 'utf8').trim();
    } catch (error) {
      throw new SaasgovError('USAGE', `cannot read OKTA_PRIVATE_KEY_FILE ${printable(keyFile)}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
    }
  }
  if (!privateKey) throw new SaasgovError('USAGE', 'OKTA_CLIENT_ID is set without a private key: set OKTA_PRIVATE_KEY_FILE (or OKTA_PRIVATE_KEY) to the service app\'s private key, PEM or JWK');
  const keyId = env.OKTA_KEY_ID?.trim();
  return { kind: 'service-app', clientId, privateKey, ...(keyId ? { keyId } : {}) };
}

/** The secret parts of credentials, for redaction. */
export function secretsOf(credentials: OktaCredentials): string[] {
  if (credentials.kind === 'token') return [credentials.token];
  // A PEM's body lines, or a JWK's fields, are secret on their own too.
  const parts = credentials.privateKey.split(/[\n"]/).map((s) => s.trim()).filter((s) => s.length >= 16 && !s.startsWith('-----'));
  return [credentials.privateKey, ...parts];
}

/**
 * Where an app is configured in the Admin Console:
 * `https://<org>-admin.okta.com/admin/app/<name>/instance/<id>/` (Okta's
 * admin host is the org host with `-admin` after its first label; a custom
 * or local host is kept as it is).
 */
export function adminConsoleUrl(orgUrl: string, app: { readonly id: string; readonly name: string }): string {
  const url = new URL(orgUrl);
  const m = /^([^.]+)(\.(?:okta|oktapreview|okta-emea)\.com)$/.exec(url.hostname);
  if (m && !m[1]!.endsWith('-admin')) url.hostname = `${m[1]}-admin${m[2]}`;
  return `${url.origin}/admin/app/${encodeURIComponent(app.name)}/instance/${encodeURIComponent(app.id)}/`;
}

/** A value from the command line or the environment, safe to echo on one line. */
function printable(value: string): string {
  const one = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return one.length > 80 ? `${one.slice(0, 77)}...` : one;
}
