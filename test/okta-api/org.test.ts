/**
 * Reading the org's group assignments from the cheaper side: per app or per
 * group, chosen by the pages each side needs and its rate-limit bucket's
 * limit, with the same snapshot either way (the 1,000-app fake org, over real
 * HTTP; every body checked against Okta's OpenAPI description).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOktaReader } from '../../src/okta-api/client';
import { assignmentSide, readOrg } from '../../src/okta-api/org';
import { CONTRACT_HOOK_TIMEOUT, expectResponsesMatchSpec, startCheckedFakeOrg } from '../fake-okta/contract';
import { largeOrg } from '../fake-okta/org-data';
import type { FakeOrg } from '../fake-okta/server';

const TOKEN = '00OrgRead0Token000000000000000000000000000';
const ALL = ['okta.apps.read', 'okta.groups.read', 'okta.policies.read', 'okta.logs.read'];

describe('assignmentSide', () => {
  it('weighs each side\'s pages by its bucket\'s limit', () => {
    // Okta's Workforce limits: /api/v1/apps* 100, /api/v1/groups* 500 a minute.
    const workforce = { appGroups: 100, groupApps: 500 };
    expect(assignmentSide(1_000, 300, workforce)).toBe('group');
    expect(assignmentSide(1_000, 3_000, workforce)).toBe('group'); // more groups than apps, and still the quicker side
    expect(assignmentSide(17, 300, workforce)).toBe('app'); // an audit of a few declared apps in a big org
    expect(assignmentSide(1_000, 300, { appGroups: 10_000, groupApps: 100 })).toBe('app');
  });

  it('counts pages alone while a limit is unknown, and reads per app on a tie', () => {
    expect(assignmentSide(10, 9, { appGroups: undefined, groupApps: 500 })).toBe('group');
    expect(assignmentSide(9, 10, { appGroups: 100, groupApps: undefined })).toBe('app');
    expect(assignmentSide(10, 10, { appGroups: undefined, groupApps: undefined })).toBe('app');
    expect(assignmentSide(5, 0, { appGroups: undefined, groupApps: undefined })).toBe('group'); // no groups: nothing to ask
  });
});

describe('readOrg on the 1,000-app, 300-group org', () => {
  let fake: FakeOrg;
  beforeAll(async () => {
    fake = await startCheckedFakeOrg({ data: { apps: [], groups: [], assignments: {}, policyRules: {}, logs: [] }, tokens: { [TOKEN]: ALL } });
    Object.assign(fake.data, largeOrg(fake.url));
  }, CONTRACT_HOOK_TIMEOUT);
  afterAll(async () => {
    expectResponsesMatchSpec(fake);
    await fake.stop();
  });

  /** Reads every app's details with the fake's buckets at these limits; the snapshot and the requests of each kind. */
  async function read(buckets: Record<string, number>) {
    fake.setRateLimit(100_000, 60, buckets);
    const from = fake.responses.length;
    const reader = createOktaReader({ orgUrl: fake.url, credentials: { kind: 'token', token: TOKEN } });
    const org = await readOrg(reader, { details: () => true });
    const sent = fake.responses.slice(from);
    const count = (template: string) => sent.filter((r) => r.template === template).length;
    return { org, requests: reader.stats.requests, perApp: count('/api/v1/apps/{appId}/groups'), perGroup: count('/api/v1/groups/{groupId}/apps') };
  }

  it('gives the same snapshot read per app or per group, with the requests of the side chosen only', async () => {
    const byGroup = await read({ '/api/v1/apps*': 100, '/api/v1/groups*': 500 });
    const byApp = await read({ '/api/v1/apps*': 100_000, '/api/v1/groups*': 1_000 });
    expect(byGroup).toMatchObject({ perApp: 0, perGroup: 300, requests: 5 + 2 + 300 + 3 });
    expect(byApp).toMatchObject({ perApp: 1_000, perGroup: 0, requests: 5 + 2 + 1_000 + 3 });
    expect(byGroup.org).toEqual(byApp.org);
    // Not an empty agreement: the org's 1,500 assignments are all there.
    const assigned = byGroup.org.apps.reduce((n, a) => n + a.groups!.length, 0);
    expect(assigned).toBe(Object.values(fake.data.assignments).reduce((n, g) => n + g.length, 0));
    expect(assigned).toBe(1_500);
    expect(fake.tooManyRequests()).toBe(0);
  });
});
