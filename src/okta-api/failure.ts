/**
 * An Okta request that failed, as the one line a person can act on (SPEC §9
 * "Errors"): a rejected credential, a missing scope, an org out of reach,
 * Okta's rate limit or server errors past the retries. The message names the
 * request and what to fix, never a token or key (redacted whatever the
 * source of the text).
 */
import { SaasgovError } from '../util/errors';

export interface FailureContext {
  readonly orgUrl: string;
  /** The request, e.g. `GET /api/v1/apps`. */
  readonly request: string;
  /** Values that must not appear in the message. */
  readonly secrets: readonly string[];
}

/** The scope each request needs (Okta's OpenAPI `security` of the operation). */
const SCOPE_OF: readonly [RegExp, string][] = [
  [/^GET \/api\/v1\/apps/, 'okta.apps.read'],
  [/^GET \/api\/v1\/groups/, 'okta.groups.read'],
  [/^GET \/api\/v1\/policies/, 'okta.policies.read'],
  [/^GET \/api\/v1\/logs/, 'okta.logs.read'],
];

interface ErrorLike {
  readonly name?: string;
  readonly message?: string;
  readonly status?: number;
  readonly errorCode?: string;
  readonly errorSummary?: string;
  readonly url?: string;
  readonly code?: string;
  readonly errno?: string;
  readonly type?: string;
  /** Set by the executor's `TokenRefused`. */
  readonly oauthError?: string;
}

/** Replaces every secret in `text`. */
export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const s of secrets) if (s.length >= 8) out = out.split(s).join('[redacted]');
  return out;
}

/** The one-line error for a failed Okta request. */
export function oktaFailure(error: unknown, context: FailureContext): SaasgovError {
  const e = (error ?? {}) as ErrorLike;
  const { orgUrl, request } = context;
  let message: string;
  if (typeof e.status === 'number' && e.url?.includes('/oauth2/v1/token')) {
    const code = e.oauthError ?? 'error';
    message =
      code === 'invalid_scope'
        ? `Okta refused the service app an access token (HTTP ${e.status} invalid_scope): grant it the scopes okta.apps.read, okta.groups.read, okta.policies.read and okta.logs.read (Admin Console, the app's "Okta API Scopes" tab)`
        : `Okta did not accept the service app's credentials (HTTP ${e.status} ${code}): check OKTA_CLIENT_ID, that the private key's public half is registered for that service app, and OKTA_KEY_ID`;
  } else if (typeof e.status === 'number') {
    const code = e.errorCode ? ` ${e.errorCode}${e.errorSummary ? ` ${e.errorSummary}` : ''}` : '';
    const scope = SCOPE_OF.find(([re]) => re.test(request))?.[1];
    if (e.status === 401) {
      message = `Okta rejected the credentials for ${request} (HTTP 401${code}): check OKTA_API_TOKEN (a token of ${orgUrl} that has not expired or been revoked), or OKTA_CLIENT_ID and its key for a service app`;
    } else if (e.status === 403) {
      message = `Okta refused ${request} (HTTP 403${code}): the credentials lack ${scope ? `the scope ${scope} (service app) or an admin role that may read it (API token)` : 'the permission to read it'}`;
    } else if (e.status === 429) {
      message = `Okta kept answering ${request} with HTTP 429 (rate limit${code}) after waiting for every reset: try again later, or lower --concurrency`;
    } else if (e.status >= 500) {
      message = `Okta answered ${request} with HTTP ${e.status}${code} after the retries: try again later (https://status.okta.com)`;
    } else {
      message = `Okta answered ${request} with HTTP ${e.status}${code}`;
    }
  } else if (e.name === 'FetchError' || e.code !== undefined || e.errno !== undefined) {
    const why = e.type === 'request-timeout' ? 'timed out' : (e.code ?? e.errno ?? 'network error');
    message = `cannot reach the Okta org at ${orgUrl} (${why}) for ${request}: check --org-url or OKTA_ORG_URL, and the network`;
  } else if (/private key|PEM|JWK/i.test(e.message ?? '')) {
    message = 'the service app\'s private key (OKTA_PRIVATE_KEY or OKTA_PRIVATE_KEY_FILE) is not an RSA or EC private key in PEM or JWK form';
  } else {
    message = `${request} failed: ${(e.message ?? String(error)).split('\n')[0]}`;
  }
  return new SaasgovError('OKTA', redact(message, context.secrets));
}
