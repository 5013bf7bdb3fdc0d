/**
 * The Okta client against the fake org over real HTTP: paging by `Link`,
 * both kinds of credentials (the SDK signs the service app's assertion),
 * rate limits honoured before the limit and after a 429, bounded retries,
 * bounded System Log queries, and one-line errors that never hold a secret.
 * Every body the fake sent is checked against Okta's OpenAPI description.
 */
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOktaReader, type OktaReader } from '../../src/okta-api/client';
import { readOrg } from '../../src/okta-api/org';
import { SaasgovError } from '../../src/util/errors';
import { CONTRACT_HOOK_TIMEOUT, expectResponsesMatchSpec, startCheckedFakeOrg } from '../fake-okta/contract';
import { APP, largeOrg, smallOrg } from '../fake-okta/org-data';
import type { FakeOrg } from '../fake-okta/server';

const TOKEN = '00AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_AB';
const ALL = ['okta.apps.read', 'okta.groups.read', 'okta.policies.read', 'okta.logs.read'];
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PRIVATE_PEM = privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
const FAST = { backoffMs: 10 };

const emptyData = () => ({ apps: [], groups: [], assignments: {}, policyRules: {}, logs: [] });

async function failure(promise: Promise<unknown>): Promise<SaasgovError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SaasgovError);
  const message = (error as SaasgovError).message;
  expect(message).not.toContain('\n');
  expect(message).not.toContain(TOKEN);
  expect(message).not.toContain(PRIVATE_PEM.split('\n')[1]);
  return error as SaasgovError;
}

describe('the Okta client', () => {
  let fake: FakeOrg;
  let reader: OktaReader;

  beforeAll(async () => {
    fake = await startCheckedFakeOrg({
      data: emptyData(),
      tokens: { [TOKEN]: ALL, 'no-logs-token-000000000': ALL.filter((s) => s !== 'okta.logs.read') },
      serviceApps: {
        '0oaservice0000000001': { publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(), scopes: ALL },
        '0oaservice0000000002': { publicKey: publicKey.export({ type: 'spki', format: 'pem' }).toString(), scopes: ['okta.apps.read'] },
      },
      rateLimit: { limit: 10_000, windowSeconds: 60 },
    });
    Object.assign(fake.data, largeOrg(fake.url));
    reader = createOktaReader({ orgUrl: fake.url, credentials: { kind: 'token', token: TOKEN }, ...FAST });
  }, CONTRACT_HOOK_TIMEOUT);
  afterAll(async () => {
    expectResponsesMatchSpec(fake);
    await fake.stop();
  });

  it('reads every app, following Link pages of Okta\'s largest size', async () => {
    const before = reader.stats.requests;
    const apps = await reader.apps();
    expect(apps.map((a) => a.id)).toEqual(fake.data.apps.map((a) => a.id));
    expect(reader.stats.requests - before).toBe(5);
    const urls = fake.responses.filter((r) => r.template === '/api/v1/apps').map((r) => r.url);
    expect(urls[0]).toBe('/api/v1/apps?limit=200');
    expect(urls.slice(1).every((u) => u.includes('after='))).toBe(true);
  });

  it('keeps what the SDK\'s typed models would drop (an OIN app\'s settings.app)', async () => {
    const apps = await reader.apps();
    expect(apps[0]!.settings?.app).toEqual({ instanceType: 'PRODUCTION' });
  });

  it('signs in as a service app with a private key (the SDK signs the client assertion) and asks only read scopes', async () => {
    const service = createOktaReader({ orgUrl: fake.url, credentials: { kind: 'service-app', clientId: '0oaservice0000000001', privateKey: PRIVATE_PEM }, ...FAST });
    expect((await service.groups()).length).toBe(300);
  });

  it('retries a 500 in the middle of paging and loses nothing', async () => {
    fake.failNext(/^\/api\/v1\/apps\?.*after=/, 1, 500);
    const before = reader.stats.retries;
    expect((await reader.apps()).length).toBe(1_000);
    expect(reader.stats.retries - before).toBe(1);
  });

  it('reads a bounded System Log range with ISO 8601 timestamps, and stops', async () => {
    fake.data.logs = Array.from({ length: 2_500 }, (_, i) => ({
      uuid: `log-${String(i).padStart(5, '0')}`,
      published: new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString(),
      eventType: 'application.lifecycle.update',
      displayMessage: 'Update application',
      actor: { id: '00u1', type: 'User', alternateId: 'admin@example.com', displayName: 'Admin' },
      target: [{ id: APP.salesforce, type: 'AppInstance', alternateId: 'Salesforce', displayName: 'Salesforce' }],
    }));
    const events = await reader.logEvents({ since: new Date(Date.UTC(2026, 10, 1)), until: new Date(Date.UTC(2026, 11, 1)), filter: 'eventType sw "application."' });
    expect(events.length).toBe(2_500);
    const sent = fake.responses.filter((r) => r.template === '/api/v1/logs');
    expect(sent.length).toBe(3);
    expect(sent[0]!.url).toContain('since=2026-11-01T00%3A00%3A00.000Z');
    expect(sent[0]!.url).toContain('until=2026-12-01T00%3A00%3A00.000Z');
  });

  it('turns a rejected token, a missing scope and a failing server into one line naming what to fix', async () => {
    const wrong = createOktaReader({ orgUrl: fake.url, credentials: { kind: 'token', token: `${TOKEN}x` }, ...FAST });
    expect((await failure(wrong.apps())).message).toMatch(/HTTP 401 E0000011 .*OKTA_API_TOKEN/);
    const noLogs = createOktaReader({ orgUrl: fake.url, credentials: { kind: 'token', token: 'no-logs-token-000000000' }, ...FAST });
    expect((await failure(noLogs.logEvents({ since: new Date(0), until: new Date() }))).message).toMatch(/GET \/api\/v1\/logs .*403 E0000006.*okta\.logs\.read/);
    fake.failNext(/^\/api\/v1\/groups/, 10, 503);
    expect((await failure(reader.groups())).message).toMatch(/HTTP 503 .*after the retries/);
    const unknownApp = createOktaReader({ orgUrl: fake.url, credentials: { kind: 'service-app', clientId: '0oaunknown0000000000', privateKey: PRIVATE_PEM }, ...FAST });
    expect((await failure(unknownApp.apps())).message).toMatch(/service app's credentials \(HTTP 401 invalid_client\)/);
    const fewScopes = createOktaReader({ orgUrl: fake.url, credentials: { kind: 'service-app', clientId: '0oaservice0000000002', privateKey: PRIVATE_PEM }, ...FAST });
    expect((await failure(fewScopes.apps())).message).toMatch(/HTTP 400 invalid_scope\): grant it the scopes/);
    const badKey = createOktaReader({ orgUrl: fake.url, credentials: { kind: 'service-app', clientId: '0oaservice0000000001', privateKey: 'not a key at all, just some words here' }, ...FAST });
    expect((await failure(badKey.apps())).message).toMatch(/private key .* PEM or JWK/);
  });

  it('says so when the org cannot be reached', async () => {
    const port = await new Promise<number>((resolve) => {
      const s = createServer().listen(0, '127.0.0.1', () => {
        const p = (s.address() as { port: number }).port;
        s.close(() => resolve(p));
      });
    });
    const away = createOktaReader({ orgUrl: `http://127.0.0.1:${port}`, credentials: { kind: 'token', token: TOKEN }, ...FAST, retries: 1 });
    expect((await failure(away.apps())).message).toMatch(/cannot reach the Okta org at http:\/\/127\.0\.0\.1:\d+ \(ECONNREFUSED\)/);
  });
});

describe('rate limits', () => {
  let fake: FakeOrg;
  beforeAll(async () => {
    fake = await startCheckedFakeOrg({ data: emptyData(), tokens: { [TOKEN]: ALL }, rateLimit: { limit: 8, windowSeconds: 1 } });
    Object.assign(fake.data, smallOrg(fake.url));
  }, CONTRACT_HOOK_TIMEOUT);
  afterAll(async () => {
    expectResponsesMatchSpec(fake);
    await fake.stop();
  });

  it('slows down before the limit: never a 429, and every answer arrives', async () => {
    const reader = createOktaReader({ orgUrl: fake.url, credentials: { kind: 'token', token: TOKEN }, ...FAST });
    const ids = fake.data.apps.map((a) => a.id);
    const groups = await Promise.all(ids.map((id) => reader.appGroups(id)));
    expect(groups.length).toBe(ids.length);
    expect(fake.tooManyRequests()).toBe(0);
    expect(reader.stats.tooManyRequests).toBe(0);
    expect(reader.stats.waitsForReset).toBeGreaterThan(0);
  });

  it.each([
    ['the app list and every app\'s groups', { '/api/v1/apps*': 8, '/api/v1/groups*': 2 }, '/api/v1/apps/{appId}/groups'],
    ['the group list and every group\'s apps', { '/api/v1/apps*': 2, '/api/v1/groups*': 8 }, '/api/v1/groups/{groupId}/apps'],
  ])('counts %s in one bucket, as Okta does: never a 429 when they run together', async (_name, buckets, perItem) => {
    fake.setRateLimit(8, 1, buckets);
    try {
      const reader = createOktaReader({ orgUrl: fake.url, credentials: { kind: 'token', token: TOKEN }, ...FAST });
      const before = fake.tooManyRequests();
      const from = fake.responses.length;
      const org = await readOrg(reader, { details: () => true });
      expect(org.apps.filter((a) => a.groups !== null)).toHaveLength(fake.data.apps.length);
      expect(fake.responses.slice(from).filter((r) => r.template === perItem).length).toBeGreaterThan(fake.data.groups.length - 1);
      expect(fake.tooManyRequests() - before).toBe(0);
      expect(reader.stats.tooManyRequests).toBe(0);
    } finally {
      fake.setRateLimit(8, 1);
    }
  });

  it('waits for the reset after a 429 and retries', async () => {
    const reader = createOktaReader({ orgUrl: fake.url, credentials: { kind: 'token', token: TOKEN }, ...FAST });
    fake.failNext(/^\/api\/v1\/apps\//, 2, 429);
    const started = Date.now();
    expect(await reader.appGroups(APP.salesforce)).toHaveLength(2);
    expect(reader.stats.tooManyRequests).toBe(2);
    // Each 429 waits until the window's reset plus a second.
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
  });
});

describe('reading the org', () => {
  let fake: FakeOrg;
  beforeAll(async () => {
    fake = await startCheckedFakeOrg({ data: emptyData(), tokens: { [TOKEN]: ALL } });
    Object.assign(fake.data, smallOrg(fake.url));
  }, CONTRACT_HOOK_TIMEOUT);
  afterAll(async () => {
    expectResponsesMatchSpec(fake);
    await fake.stop();
  });

  it('gives each app its groups and MFA in the manifest\'s terms, with requests only for the apps asked', async () => {
    const reader = createOktaReader({ orgUrl: fake.url, credentials: { kind: 'token', token: TOKEN } });
    const wanted = new Set<string>([APP.salesforce, APP.zoom, APP.partners, APP.billing]);
    const org = await readOrg(reader, { details: (a) => wanted.has(a.id) });
    const byId = new Map(org.apps.map((a) => [a.id, a]));
    expect(byId.get(APP.salesforce)).toMatchObject({ groups: ['Sales', 'Sales Admins'], mfa: 'required', oinKey: 'salesforce', protocol: 'saml', scimFeatures: ['create', 'update', 'deactivate', 'push-groups', 'import'] });
    expect(byId.get(APP.zoom)).toMatchObject({ groups: ['All Employees', 'Contractors'], mfa: 'optional' });
    expect(byId.get(APP.partners)).toMatchObject({ mfa: 'optional', oinKey: null, oidc: { type: 'web', pkce: false } });
    expect(byId.get(APP.billing)).toMatchObject({ groups: [], mfa: 'optional', policyId: null });
    expect(byId.get(APP.slack)!.groups).toBeNull();
    // apps (1 page), groups (1), 4 app group lists, 3 distinct policies
    expect(reader.stats.requests).toBe(1 + 1 + 4 + 3);
  });
});
