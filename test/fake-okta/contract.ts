/** Every response the fake org sent, checked against Okta's OpenAPI description (one parsed spec per test process). */
import { expect } from 'vitest';
import { OktaContract } from './openapi';
import { FAKE_ENDPOINTS, startFakeOrg, type FakeOrg, type FakeOrgOptions } from './server';

/** The statuses the fake answers with (a fault may inject others; their validators are built when first needed). */
const STATUSES = [200, 400, 401, 403, 404, 429, 500];

/** For a `beforeAll` that starts a checked fake: building the validator takes seconds, more under load. */
export const CONTRACT_HOOK_TIMEOUT = 60_000;

let contract: OktaContract | undefined;
const checked = new WeakSet<FakeOrg>();

/** The validator, built on first use with the validators of every endpoint the fake serves. */
export function oktaContract(): OktaContract {
  if (contract) return contract;
  contract = new OktaContract();
  for (const template of FAKE_ENDPOINTS) for (const status of STATUSES) contract.errors('GET', template, status, null);
  return contract;
}

/**
 * Starts a fake org whose responses a test will check: the validator is built
 * first. Building it parses the 3.4 MB spec and compiles the schemas, a
 * synchronous stall of seconds (more under load). Done while a fake holds an
 * idle keep-alive connection, the stall held back the client's idle timer
 * (undici closes an idle connection 2 s before the server's 5 s keep-alive
 * hint) until the server's own came due, and a request sent on the connection
 * the server was closing failed with `read ECONNRESET` (seen once in a full
 * run of contract.test.ts; reproduced with plain Node 20: a 4.8 s stall just
 * after a response, then requests 5.8–5.9 s after it fail with ECONNRESET or
 * UND_ERR_SOCKET, while 4.0 s stalls never do).
 */
export async function startCheckedFakeOrg(options: FakeOrgOptions): Promise<FakeOrg> {
  oktaContract();
  const fake = await startFakeOrg(options);
  checked.add(fake);
  return fake;
}

/** Asserts that every JSON body `fake` has sent so far matches the spec (the token endpoint is OAuth's, not the management API's). */
export function expectResponsesMatchSpec(fake: FakeOrg): void {
  if (!checked.has(fake)) throw new Error('start the fake org with startCheckedFakeOrg, so the validator is not built while it serves');
  const c = oktaContract();
  const problems: string[] = [];
  for (const r of fake.responses) {
    if (r.template === null) continue;
    const errors = c.errors(r.method, r.template, r.status, r.body);
    if (errors.length > 0) problems.push(`${r.method} ${r.url} ${r.status}: ${errors.slice(0, 5).join('; ')}`);
  }
  expect(problems).toEqual([]);
}
