/**
 * The fake org's fixtures are bodies Okta could send: every endpoint, every
 * page of the small and the large org, and every error it answers with,
 * validated against Okta's OpenAPI description of the management API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_HOOK_TIMEOUT, expectResponsesMatchSpec, oktaContract, startCheckedFakeOrg } from './contract';
import { largeOrg, smallOrg } from './org-data';
import type { FakeOrg } from './server';

const TOKEN = 'contract-test-token';
const ALL = ['okta.apps.read', 'okta.groups.read', 'okta.policies.read', 'okta.logs.read'];

/** GETs `path` and every next page, as a client following `Link` would. */
async function all(fake: FakeOrg, path: string, token = TOKEN): Promise<{ status: number; pages: number }> {
  let url: string | null = `${fake.url}${path}`;
  let pages = 0;
  let status = 0;
  while (url !== null && pages < 50) {
    const res: Response = await fetch(url, { headers: { Authorization: `SSWS ${token}` } });
    status = res.status;
    pages++;
    await res.arrayBuffer();
    url = /<([^>]+)>; rel="next"/.exec(res.headers.get('link') ?? '')?.[1] ?? null;
  }
  return { status, pages };
}

describe.each([
  ['small org', (url: string) => smallOrg(url)],
  ['large org', (url: string) => largeOrg(url)],
])('the fake %s', (_name, build) => {
  let fake: FakeOrg;
  beforeAll(async () => {
    fake = await startCheckedFakeOrg({ data: { apps: [], groups: [], assignments: {}, policyRules: {}, logs: [] }, tokens: { [TOKEN]: ALL, 'no-logs': ALL.slice(0, 3) }, rateLimit: { limit: 100_000, windowSeconds: 60 } });
    Object.assign(fake.data, build(fake.url));
  }, CONTRACT_HOOK_TIMEOUT);
  afterAll(() => fake.stop());

  it('serves every list endpoint, page by page, with bodies that match the spec', async () => {
    expect((await all(fake, '/api/v1/apps?limit=200')).status).toBe(200);
    expect((await all(fake, '/api/v1/groups?limit=200')).status).toBe(200);
    for (const app of fake.data.apps.slice(0, 60)) expect((await all(fake, `/api/v1/apps/${app.id}/groups?limit=200`)).status).toBe(200);
    for (const group of fake.data.groups.slice(0, 60)) expect((await all(fake, `/api/v1/groups/${group.id}/apps?limit=200`)).status).toBe(200);
    expect(fake.responses.filter((r) => r.template === '/api/v1/groups/{groupId}/apps' && Array.isArray(r.body) && r.body.length > 0).length).toBeGreaterThan(0);
    for (const policy of Object.keys(fake.data.policyRules)) expect((await all(fake, `/api/v1/policies/${policy}/rules`)).status).toBe(200);
    expect((await all(fake, `/api/v1/logs?since=2026-01-01T00:00:00.000Z&until=2026-02-01T00:00:00.000Z`)).status).toBe(200);
    expectResponsesMatchSpec(fake);
  });

  it('answers errors with Okta error bodies that match the spec', async () => {
    expect((await all(fake, '/api/v1/apps', 'wrong')).status).toBe(401);
    expect((await all(fake, '/api/v1/logs', 'no-logs')).status).toBe(403);
    expect((await all(fake, `/api/v1/logs?since=${encodeURIComponent(new Date(0).toString())}`)).status).toBe(400);
    expect((await all(fake, '/api/v1/policies/rstnope/rules')).status).toBe(404);
    expect((await all(fake, '/api/v1/groups/00gnope/apps')).status).toBe(404);
    fake.failNext(/^\/api\/v1\/groups/, 1);
    expect((await all(fake, '/api/v1/groups')).status).toBe(500);
    fake.setRateLimit(1, 60);
    await all(fake, '/api/v1/groups');
    expect((await all(fake, '/api/v1/groups')).status).toBe(429);
    fake.setRateLimit(100_000, 60);
    expectResponsesMatchSpec(fake);
  });
});

describe('the validator', () => {
  it('refuses a body Okta could not send', () => {
    const app = smallOrg('http://127.0.0.1:1').apps[0]!;
    expect(oktaContract().errors('GET', '/api/v1/apps', 200, [app])).toEqual([]);
    expect(oktaContract().errors('GET', '/api/v1/apps', 200, [{ ...app, status: 'ARCHIVED' }])).not.toEqual([]);
    expect(oktaContract().errors('GET', '/api/v1/apps', 200, [{ ...app, signOnMode: 'BOOKMARK' }])).not.toEqual([]);
  });
});
