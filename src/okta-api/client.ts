/**
 * The one door to an Okta org: Okta's Node SDK (`@okta/okta-sdk-nodejs`),
 * configured once — credentials (API token, or a service app whose client
 * assertion the SDK signs), no response cache, and saasgov's rate-limited
 * executor — and read-only list requests paged by the SDK's own `Collection`
 * (it follows `Link: <…>; rel="next"` as given).
 *
 * Bodies are taken as Okta sends them, through the SDK's HTTP layer rather
 * than its typed APIs: the typed models drop what they do not declare, and
 * an OIN app's instance settings (`settings.app`) are exactly that (seen with
 * SDK 8.1.0 against the fake org).
 *
 * The SDK is loaded when a reader is created, so only the commands that talk
 * to Okta load it (`saasgov lint` never does).
 */
import type * as OktaSdk from '@okta/okta-sdk-nodejs';
import { READ_SCOPES, secretsOf, type OktaCredentials } from './access';
import { createExecutor, type ExecutorOptions, type ExecutorStats } from './executor';
import { oktaFailure } from './failure';
import type { OktaApp, OktaGroup, OktaGroupAssignment, OktaLogEvent, OktaPolicyRule } from './types';

/**
 * Okta's largest page for each list request (Okta's OpenAPI description; groups: its advice; a group's
 * apps: the description gives no maximum, so the app list's, for the same app objects).
 */
export const PAGE_SIZE = { apps: 200, appGroups: 200, groups: 200, groupApps: 200, policyRules: 200, logs: 1_000 } as const;

export interface OktaReaderOptions extends ExecutorOptions {
  readonly orgUrl: string;
  readonly credentials: OktaCredentials;
}

/** A System Log query: always bounded (`until`), so it ends. */
export interface LogQuery {
  readonly since: Date;
  readonly until: Date;
  /** A System Log filter expression, e.g. `eventType sw "application."`. */
  readonly filter?: string;
}

/** Read-only access to one org. */
export interface OktaReader {
  readonly orgUrl: string;
  /** Every app, active or not (`GET /api/v1/apps`). */
  apps(): Promise<OktaApp[]>;
  /** Every group (`GET /api/v1/groups`). */
  groups(): Promise<OktaGroup[]>;
  /** Ids of the groups assigned to an app (`GET /api/v1/apps/{appId}/groups`, in the `/api/v1/apps*` rate-limit bucket). */
  appGroups(appId: string): Promise<string[]>;
  /** Ids of the apps assigned to a group (`GET /api/v1/groups/{groupId}/apps`, in the `/api/v1/groups*` rate-limit bucket). */
  groupApps(groupId: string): Promise<string[]>;
  /** The requests a rate-limit window allows for `appGroups` or `groupApps` (`X-Rate-Limit-Limit` of its bucket as Okta last said; `undefined` until then). */
  rateLimit(request: 'appGroups' | 'groupApps'): number | undefined;
  /** The rules of a policy (`GET /api/v1/policies/{policyId}/rules`). */
  policyRules(policyId: string): Promise<OktaPolicyRule[]>;
  /** System Log events of a bounded time range (`GET /api/v1/logs`). */
  logEvents(query: LogQuery): Promise<OktaLogEvent[]>;
  readonly stats: ExecutorStats;
}

let sdk: typeof OktaSdk | undefined;
function loadSdk(): typeof OktaSdk {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on use: only `import okta` and `audit okta` need it
  return (sdk ??= require('@okta/okta-sdk-nodejs') as typeof OktaSdk);
}

/** Creates a reader for the org. Nothing is requested until a method is called. */
export function createOktaReader(options: OktaReaderOptions): OktaReader {
  const okta = loadSdk();
  const Executor = createExecutor(okta.RequestExecutor, options);
  const executor = new Executor();
  const { credentials, orgUrl } = options;
  const secrets = secretsOf(credentials);
  let client: OktaSdk.Client;
  try {
    client = new okta.Client({
      orgUrl,
      requestExecutor: executor,
      // No cache: every run reads the org as it is now.
      cacheMiddleware: null,
      ...(credentials.kind === 'token'
        ? { authorizationMode: 'SSWS', token: credentials.token }
        : {
            authorizationMode: 'PrivateKey',
            clientId: credentials.clientId,
            scopes: [...READ_SCOPES],
            privateKey: credentials.privateKey,
            ...(credentials.keyId ? { keyId: credentials.keyId } : {}),
          }),
    });
  } catch (error) {
    throw oktaFailure(error, { orgUrl, request: 'the Okta client', secrets });
  }

  /** Every item of a list request, page after page as `Link` says. */
  async function list<T>(path: string, stopAtEmptyPage = false): Promise<T[]> {
    const collection = new okta.Collection<T>(client.http, `${orgUrl}${path}`, {} as never, { method: 'get', headers: { Accept: 'application/json' } } as never);
    const items: T[] = [];
    try {
      for await (const item of collection) {
        // The SDK yields null for an empty page that still links onwards.
        if (item === null) {
          if (stopAtEmptyPage) break;
          continue;
        }
        items.push(item);
      }
    } catch (error) {
      throw oktaFailure(error, { orgUrl, request: `GET ${path.split('?')[0]}`, secrets });
    }
    return items;
  }

  return {
    orgUrl,
    stats: executor.stats,
    apps: () => list<OktaApp>(`/api/v1/apps?limit=${PAGE_SIZE.apps}`),
    groups: () => list<OktaGroup>(`/api/v1/groups?limit=${PAGE_SIZE.groups}`),
    appGroups: async (appId) => (await list<OktaGroupAssignment>(`/api/v1/apps/${encodeURIComponent(appId)}/groups?limit=${PAGE_SIZE.appGroups}`)).map((a) => a.id),
    groupApps: async (groupId) => (await list<OktaApp>(`/api/v1/groups/${encodeURIComponent(groupId)}/apps?limit=${PAGE_SIZE.groupApps}`)).map((a) => a.id),
    rateLimit: (request) => executor.limitOf(`${orgUrl}${request === 'appGroups' ? '/api/v1/apps/{id}/groups' : '/api/v1/groups/{id}/apps'}`),
    policyRules: (policyId) => list<OktaPolicyRule>(`/api/v1/policies/${encodeURIComponent(policyId)}/rules?limit=${PAGE_SIZE.policyRules}`),
    logEvents(query) {
      // Bounded by `until`: without it the query is a polling one, and Okta links onwards forever
      // (https://developer.okta.com/docs/reference/system-log-query/). Timestamps as ISO 8601: the SDK
      // would send a Date as `Date#toString()`, which Okta refuses. An empty page ends it too.
      const params = new URLSearchParams({ since: query.since.toISOString(), until: query.until.toISOString(), limit: String(PAGE_SIZE.logs), sortOrder: 'ASCENDING' });
      if (query.filter) params.set('filter', query.filter);
      return list<OktaLogEvent>(`/api/v1/logs?${params.toString()}`, true);
    },
  };
}
