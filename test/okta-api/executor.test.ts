/** The request executor on its own, over scripted answers (no server): what it does with a 429 that carries no rate-limit headers. */
import type { RequestExecutor } from '@okta/okta-sdk-nodejs';
import { describe, expect, it } from 'vitest';
import { bucketOf, createExecutor } from '../../src/okta-api/executor';

/** An SDK executor stand-in whose `fetch` answers with the scripted statuses, then 200, with `headers` (lower-case names). */
function scripted(statuses: number[], headers: Record<string, string> = {}) {
  const sent: number[] = [];
  class Base {
    async fetch() {
      sent.push(Date.now());
      const status = statuses.shift() ?? 200;
      return { status, headers: { get: (name: string) => headers[name] ?? null }, text: async () => '' };
    }
  }
  return { Base: Base as unknown as typeof RequestExecutor, sent };
}

describe('the rate-limited executor', () => {
  it('waits at least the margin after a 429 without rate-limit headers, rather than asking again at once', async () => {
    const { Base, sent } = scripted([429, 429]);
    const Executor = createExecutor(Base, { resetMarginMs: 200 });
    const executor = new Executor();
    const response = await executor.fetch({ url: 'https://acme.okta.com/api/v1/apps?limit=200' } as never);
    expect(response.status).toBe(200);
    expect(executor.stats).toMatchObject({ requests: 3, tooManyRequests: 2 });
    expect(sent[1]! - sent[0]!).toBeGreaterThanOrEqual(190);
    expect(sent[2]! - sent[1]!).toBeGreaterThanOrEqual(190);
  });

  it('knows each bucket\'s limit from X-Rate-Limit-Limit, for every request of the bucket, once Okta said it', async () => {
    const reset = String(Math.floor(Date.now() / 1000) + 60);
    const { Base } = scripted([], { 'x-rate-limit-limit': '500', 'x-rate-limit-remaining': '499', 'x-rate-limit-reset': reset });
    const executor = new (createExecutor(Base))();
    expect(executor.limitOf('https://acme.okta.com/api/v1/groups/00g1/apps')).toBeUndefined();
    await executor.fetch({ url: 'https://acme.okta.com/api/v1/groups?limit=200' } as never);
    expect(executor.limitOf('https://acme.okta.com/api/v1/groups/00g1/apps')).toBe(500);
    expect(executor.limitOf('https://acme.okta.com/api/v1/apps/0oa1/groups')).toBeUndefined();
  });

  it('keys requests by Okta\'s rate-limit buckets', () => {
    const at = (p: string) => bucketOf(`https://acme.okta.com${p}`);
    expect([at('/api/v1/apps'), at('/api/v1/apps/0oa1/groups'), at('/api/v1/apps/0oa1'), at('/api/v1/groups'), at('/api/v1/groups/00g1/apps'), at('/api/v1/groups/00g1'), at('/api/v1/policies/rst1/rules'), at('/api/v1/logs'), at('/oauth2/v1/token')]).toEqual([
      '/api/v1/apps*',
      '/api/v1/apps*',
      '/api/v1/apps/{id}',
      '/api/v1/groups*',
      '/api/v1/groups*',
      '/api/v1/groups/{id}',
      '/api/v1',
      '/api/v1/logs',
      '/oauth2/v1/token',
    ]);
  });
});
