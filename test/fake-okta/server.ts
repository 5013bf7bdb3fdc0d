/**
 * A fake Okta org for the tests and the benchmark: a real HTTP server on
 * 127.0.0.1 (random port) serving the endpoints saasgov's Okta client reads,
 * with Okta's behaviours as its developer documentation describes them:
 *
 * - pagination by `Link: <…>; rel="next"`, honouring `limit` (clamped to the
 *   endpoint's maximum) and an opaque `after` cursor
 *   (https://developer.okta.com/docs/api/#pagination);
 * - rate limits per endpoint bucket, with `X-Rate-Limit-Limit`, `-Remaining`
 *   and `-Reset` (epoch seconds) on every response, and `429` E0000047 for a
 *   request over the limit (https://developer.okta.com/docs/reference/rl-best-practices/);
 * - `401` E0000011 for an unknown API token or access token, `403` E0000006
 *   for a credential without the permission or scope the endpoint needs;
 * - System Log queries: `since`/`until` must be ISO 8601 (`400` E0000001
 *   otherwise); a query without `until` is a polling query and always has a
 *   `next` link, even on an empty page; a bounded query has one only while
 *   events remain (https://developer.okta.com/docs/reference/system-log-query/);
 * - the OAuth 2.0 client-credentials token endpoint with a `private_key_jwt`
 *   client assertion, verified with the service app's public key;
 * - injected faults: a `500` (or any status) for the next N matching requests.
 *
 * Every JSON body it sends is recorded, so tests validate them against Okta's
 * OpenAPI description (`openapi.ts`).
 */
import { randomBytes, createPublicKey, verify, type KeyObject } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeOrgData } from './org-data';

/** A response the fake sent. */
export interface RecordedResponse {
  readonly method: string;
  /** Path and query as requested. */
  readonly url: string;
  /** The OpenAPI path template that answered, or `null` (token endpoint, unknown path). */
  readonly template: string | null;
  readonly status: number;
  readonly body: unknown;
  /** The rate-limit headers sent, `null` for none. */
  readonly rateLimit: { readonly limit: number; readonly remaining: number; readonly reset: number } | null;
}

export interface FakeOrgOptions {
  readonly data: FakeOrgData;
  /** API tokens (SSWS) and the scopes (permissions) each holds. */
  readonly tokens?: Readonly<Record<string, readonly string[]>>;
  /** OAuth 2.0 service apps: client id → public key (PEM or JWK) and the scopes granted to it. */
  readonly serviceApps?: Readonly<Record<string, { readonly publicKey: string | KeyObject; readonly scopes: readonly string[] }>>;
  /**
   * Requests per bucket per window (default: 600 per 60 s), and limits of
   * their own for some buckets (`/api/v1/apps*`, `/api/v1/groups*`,
   * `/api/v1/logs`, `/api/v1`: the buckets of `route`).
   */
  readonly rateLimit?: { readonly limit: number; readonly windowSeconds: number; readonly buckets?: Readonly<Record<string, number>> };
}

export interface FakeOrg {
  readonly url: string;
  readonly data: FakeOrgData;
  /** Every response sent, in order. */
  readonly responses: RecordedResponse[];
  /** Requests answered `429` because the client went over the limit. */
  readonly tooManyRequests: () => number;
  /** The next `times` requests whose path matches `pattern` are answered with `status` (an Okta error body). */
  failNext(pattern: RegExp, times: number, status?: number): void;
  /** Every answer from now on waits `ms` first (a slow org, to interrupt a run in the middle). */
  setDelay(ms: number): void;
  /** Changes the rate limit of every bucket, and of `buckets` apart, from now on (a new window starts). */
  setRateLimit(limit: number, windowSeconds: number, buckets?: Readonly<Record<string, number>>): void;
  stop(): Promise<void>;
}

/** Scopes of each endpoint (Okta's OpenAPI `security` of the operation). */
const SCOPES: Readonly<Record<string, string>> = {
  '/api/v1/apps': 'okta.apps.read',
  '/api/v1/apps/{appId}/groups': 'okta.apps.read',
  '/api/v1/groups': 'okta.groups.read',
  '/api/v1/groups/{groupId}/apps': 'okta.groups.read',
  '/api/v1/policies/{policyId}/rules': 'okta.policies.read',
  '/api/v1/logs': 'okta.logs.read',
};

/** The OpenAPI path templates the fake serves. */
export const FAKE_ENDPOINTS: readonly string[] = Object.keys(SCOPES);

/** Page sizes: the default and the maximum of each list endpoint (Okta's OpenAPI). */
const PAGES: Readonly<Record<string, { readonly default: number; readonly max: number }>> = {
  '/api/v1/apps': { default: 20, max: 200 },
  '/api/v1/apps/{appId}/groups': { default: 20, max: 200 },
  '/api/v1/groups': { default: 10_000, max: 10_000 },
  // The description gives no maximum for a group's apps: the app list's, for the same app objects.
  '/api/v1/groups/{groupId}/apps': { default: 20, max: 200 },
  '/api/v1/policies/{policyId}/rules': { default: 20, max: 200 },
  '/api/v1/logs': { default: 100, max: 1_000 },
};

const ERRORS = {
  E0000001: 'Api validation failed',
  E0000006: 'You do not have permission to perform the requested action',
  E0000007: 'Not found: Resource not found',
  E0000011: 'Invalid token provided',
  E0000047: 'API call exceeded rate limit due to too many requests.',
  E0000009: 'Internal Server Error',
} as const;

const errorBody = (code: keyof typeof ERRORS, cause?: string) => ({
  errorCode: code,
  errorSummary: ERRORS[code],
  errorLink: code,
  errorId: `oae${randomBytes(8).toString('hex')}`,
  errorCauses: cause ? [{ errorSummary: cause }] : [],
});

/**
 * The path template and rate-limit bucket of a request path. Buckets as Okta's
 * table of management rate limits groups endpoints
 * (https://developer.okta.com/docs/reference/rl-global-mgmt/): the app list
 * and every `/api/v1/apps/{id}/…` share `/api/v1/apps*`, the group list and
 * every `/api/v1/groups/{id}/…` share `/api/v1/groups*`; an endpoint the
 * table does not name counts in "most other API actions", `/api/v1`.
 */
function route(pathname: string): { template: string; bucket: string; params: string[] } | null {
  let m: RegExpExecArray | null;
  if (pathname === '/api/v1/apps') return { template: pathname, bucket: '/api/v1/apps*', params: [] };
  if ((m = /^\/api\/v1\/apps\/([^/]+)\/groups$/.exec(pathname))) return { template: '/api/v1/apps/{appId}/groups', bucket: '/api/v1/apps*', params: [m[1]!] };
  if (pathname === '/api/v1/groups') return { template: pathname, bucket: '/api/v1/groups*', params: [] };
  if ((m = /^\/api\/v1\/groups\/([^/]+)\/apps$/.exec(pathname))) return { template: '/api/v1/groups/{groupId}/apps', bucket: '/api/v1/groups*', params: [m[1]!] };
  if ((m = /^\/api\/v1\/policies\/([^/]+)\/rules$/.exec(pathname))) return { template: '/api/v1/policies/{policyId}/rules', bucket: '/api/v1', params: [m[1]!] };
  if (pathname === '/api/v1/logs') return { template: pathname, bucket: '/api/v1/logs', params: [] };
  return null;
}

/** Okta's System Log accepts ISO 8601 timestamps only (a `Date#toString()` is refused). */
const ISO_8601 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

export async function startFakeOrg(options: FakeOrgOptions): Promise<FakeOrg> {
  const data = options.data;
  const tokens = new Map(Object.entries(options.tokens ?? {}));
  const accessTokens = new Map<string, readonly string[]>();
  const responses: RecordedResponse[] = [];
  const faults: { pattern: RegExp; times: number; status: number }[] = [];
  let limit = options.rateLimit?.limit ?? 600;
  let windowSeconds = options.rateLimit?.windowSeconds ?? 60;
  let bucketLimits: Readonly<Record<string, number>> = options.rateLimit?.buckets ?? {};
  const buckets = new Map<string, { reset: number; used: number }>();
  let tooMany = 0;
  let delay = 0;
  let base = '';

  const send = (res: ServerResponse, record: Omit<RecordedResponse, 'body' | 'status'>, status: number, body: unknown, headers: Record<string, string> = {}) => {
    responses.push({ ...record, status, body });
    res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
    res.end(JSON.stringify(body));
  };

  /** Counts the request in its bucket; the headers to send, and whether it is over the limit. */
  const meter = (bucket: string) => {
    const now = Math.floor(Date.now() / 1000);
    let state = buckets.get(bucket);
    if (!state || now >= state.reset) {
      state = { reset: now + windowSeconds, used: 0 };
      buckets.set(bucket, state);
    }
    state.used++;
    const max = bucketLimits[bucket] ?? limit;
    const over = state.used > max;
    const info = { limit: max, remaining: Math.max(0, max - state.used), reset: state.reset };
    const headers = { 'X-Rate-Limit-Limit': String(info.limit), 'X-Rate-Limit-Remaining': String(info.remaining), 'X-Rate-Limit-Reset': String(info.reset) };
    return { over, info, headers };
  };

  /** The scopes of the request's credential, or `null` for none or an unknown one. */
  const credentialScopes = (req: IncomingMessage): readonly string[] | null => {
    const auth = req.headers.authorization ?? '';
    const m = /^(SSWS|Bearer) (.+)$/.exec(auth);
    if (!m) return null;
    return (m[1] === 'SSWS' ? tokens.get(m[2]!) : accessTokens.get(m[2]!)) ?? null;
  };

  const page = <T>(res: ServerResponse, record: Omit<RecordedResponse, 'body' | 'status'>, url: URL, items: readonly T[], key: (t: T) => string, headers: Record<string, string>, template: string) => {
    const sizes = PAGES[template]!;
    const requested = url.searchParams.has('limit') ? Number(url.searchParams.get('limit')) : sizes.default;
    const size = Math.max(1, Math.min(sizes.max, Number.isFinite(requested) ? requested : sizes.default));
    const after = url.searchParams.get('after');
    const start = after === null ? 0 : items.findIndex((i) => key(i) === after) + 1;
    const slice = items.slice(start, start + size);
    const links = [`<${base}${url.pathname}${url.search}>; rel="self"`];
    if (start + size < items.length && slice.length > 0) {
      const next = new URL(url.href);
      next.searchParams.set('after', key(slice.at(-1)!));
      next.searchParams.set('limit', String(size));
      links.push(`<${base}${next.pathname}${next.search}>; rel="next"`);
    }
    send(res, record, 200, slice, { ...headers, Link: links.join(', ') });
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => setTimeout(() => {
      try {
        handle(req, res, Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        res.writeHead(500, { 'Content-Type': 'text/plain' });
        res.end(`fake org failed: ${(error as Error).message}`);
      }
    }, delay));
  });

  function handle(req: IncomingMessage, res: ServerResponse, body: string) {
    const url = new URL(req.url ?? '/', base);
    const method = req.method ?? 'GET';
    if (method === 'POST' && url.pathname === '/oauth2/v1/token') return token(req, res, body, url);
    const r = route(url.pathname);
    const record = { method, url: `${url.pathname}${url.search}`, template: r?.template ?? null, rateLimit: null };
    if (!r || method !== 'GET') return send(res, record, 404, errorBody('E0000007'));
    const meterResult = meter(r.bucket);
    const withLimit = { ...record, rateLimit: meterResult.info };
    if (meterResult.over) {
      tooMany++;
      return send(res, withLimit, 429, errorBody('E0000047'), meterResult.headers);
    }
    const fault = faults.find((f) => f.times > 0 && f.pattern.test(url.pathname + url.search));
    if (fault) {
      fault.times--;
      return send(res, withLimit, fault.status, errorBody(fault.status === 400 ? 'E0000001' : fault.status === 429 ? 'E0000047' : 'E0000009'), meterResult.headers);
    }
    const scopes = credentialScopes(req);
    if (scopes === null) return send(res, withLimit, 401, errorBody('E0000011'), { ...meterResult.headers, 'WWW-Authenticate': 'Bearer realm="okta"' });
    if (!scopes.includes(SCOPES[r.template]!)) {
      return send(res, withLimit, 403, errorBody('E0000006'), {
        ...meterResult.headers,
        'WWW-Authenticate': `Bearer error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", scope="${SCOPES[r.template]}"`,
      });
    }
    const h = meterResult.headers;
    switch (r.template) {
      case '/api/v1/apps':
        return page(res, withLimit, url, data.apps, (a) => a.id, h, r.template);
      case '/api/v1/apps/{appId}/groups': {
        if (!data.apps.some((a) => a.id === r.params[0])) return send(res, withLimit, 404, errorBody('E0000007'), h);
        const assigned = (data.assignments[r.params[0]!] ?? []).map((id, priority) => ({ id, priority, lastUpdated: '2026-01-05T10:00:00.000Z', _links: { group: { href: `${base}/api/v1/groups/${id}` }, app: { href: `${base}/api/v1/apps/${r.params[0]}` } } }));
        return page(res, withLimit, url, assigned, (g) => g.id, h, r.template);
      }
      case '/api/v1/groups':
        return page(res, withLimit, url, data.groups, (g) => g.id, h, r.template);
      case '/api/v1/groups/{groupId}/apps': {
        const groupId = r.params[0]!;
        if (!data.groups.some((g) => g.id === groupId)) return send(res, withLimit, 404, errorBody('E0000007'), h);
        // Every app assigned to the group, whatever its status (Okta: "Lists all apps that are assigned to a group").
        const assigned = data.apps.filter((a) => data.assignments[a.id]?.includes(groupId));
        return page(res, withLimit, url, assigned, (a) => a.id, h, r.template);
      }
      case '/api/v1/policies/{policyId}/rules': {
        const rules = data.policyRules[r.params[0]!];
        if (!rules) return send(res, withLimit, 404, errorBody('E0000007'), h);
        return page(res, withLimit, url, rules, (x) => x.id, h, r.template);
      }
      default:
        return logs(res, withLimit, url, h);
    }
  }

  function logs(res: ServerResponse, record: Omit<RecordedResponse, 'body' | 'status'>, url: URL, headers: Record<string, string>) {
    const since = url.searchParams.get('since');
    const until = url.searchParams.get('until');
    for (const [name, value] of [['since', since], ['until', until]] as const) {
      if (value !== null && !ISO_8601.test(value)) return send(res, record, 400, errorBody('E0000001', `${name}: The date format in your query is not recognized. Please enter dates using ISO8601 string format.`), headers);
    }
    const from = since === null ? Date.now() - 7 * 86_400_000 : Date.parse(since);
    const to = until === null ? Date.now() : Date.parse(until);
    const filter = url.searchParams.get('filter');
    const types = filter === null ? null : [...filter.matchAll(/eventType (eq|sw) "([^"]+)"/g)].map((m) => ({ op: m[1], value: m[2]! }));
    const events = data.logs.filter((e) => {
      const t = Date.parse(e.published);
      if (t < from || t >= to) return false;
      return types === null || types.some((x) => (x.op === 'eq' ? e.eventType === x.value : e.eventType.startsWith(x.value)));
    });
    const size = Math.max(1, Math.min(1_000, Number(url.searchParams.get('limit') ?? 100)));
    const after = url.searchParams.get('after');
    const start = after === null ? 0 : events.findIndex((e) => e.uuid === after) + 1 || events.length;
    const slice = events.slice(start, start + size);
    const links = [`<${base}${url.pathname}${url.search}>; rel="self"`];
    // A polling query (no `until`) always links onwards; a bounded one only while events remain.
    if (until === null || start + size < events.length) {
      const next = new URL(url.href);
      next.searchParams.set('after', slice.at(-1)?.uuid ?? after ?? 'start');
      links.push(`<${base}${next.pathname}${next.search}>; rel="next"`);
    }
    send(res, record, 200, slice, { ...headers, Link: links.join(', ') });
  }

  /** `POST /oauth2/v1/token`, client credentials with a `private_key_jwt` assertion (RFC 7523). */
  function token(_req: IncomingMessage, res: ServerResponse, body: string, url: URL) {
    const record = { method: 'POST', url: url.pathname, template: null, rateLimit: null };
    const form = new URLSearchParams(body);
    const fail = (status: number, error: string, description: string) => send(res, record, status, { error, error_description: description });
    if (form.get('grant_type') !== 'client_credentials') return fail(400, 'unsupported_grant_type', 'The authorization grant type is not supported.');
    const assertion = form.get('client_assertion') ?? '';
    const [header, payload, signature] = assertion.split('.');
    if (!header || !payload || !signature) return fail(401, 'invalid_client', 'The client_assertion is not a JWT.');
    let claims: { iss?: string; sub?: string; aud?: string; exp?: number };
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as typeof claims;
    } catch {
      return fail(401, 'invalid_client', 'The client_assertion is not a JWT.');
    }
    const app = claims.iss !== undefined ? options.serviceApps?.[claims.iss] : undefined;
    if (!app || claims.sub !== claims.iss) return fail(401, 'invalid_client', 'The client_id is not known.');
    const key = typeof app.publicKey === 'string' ? createPublicKey(app.publicKey) : app.publicKey;
    const signed = verify('RSA-SHA256', Buffer.from(`${header}.${payload}`), key, Buffer.from(signature, 'base64url'));
    if (!signed) return fail(401, 'invalid_client', 'The client_assertion signature is invalid.');
    if (claims.aud !== `${base}/oauth2/v1/token` || (claims.exp ?? 0) * 1000 < Date.now()) return fail(401, 'invalid_client', 'The client_assertion audience or expiry is invalid.');
    const requested = (form.get('scope') ?? '').split(' ').filter(Boolean);
    const missing = requested.filter((s) => !app.scopes.includes(s));
    if (missing.length > 0) return fail(400, 'invalid_scope', `The following scopes are not granted to the client: ${missing.join(' ')}`);
    const access = randomBytes(24).toString('base64url');
    accessTokens.set(access, requested);
    send(res, record, 200, { token_type: 'Bearer', expires_in: 3600, access_token: access, scope: requested.join(' ') });
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: base,
    data,
    responses,
    tooManyRequests: () => tooMany,
    failNext(pattern, times, status = 500) {
      faults.push({ pattern, times, status });
    },
    setDelay(ms) {
      delay = ms;
    },
    setRateLimit(newLimit, newWindow, newBuckets = {}) {
      limit = newLimit;
      windowSeconds = newWindow;
      bucketLimits = newBuckets;
      buckets.clear();
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((e) => (e ? reject(e) : resolve()));
      }),
  };
}
