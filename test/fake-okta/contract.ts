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
 * synchronous stall of seconds (more under load); done while a fake holds idle
 * keep-alive connections, it let the client's and the server's idle timers
 * (undici: the server's 5 s keep-alive hint less 2 s; Node's server: 5 s)
 * come due in the same turn of the event loop, and the next request, sent on
 * the connection the server was closing, failed with `read ECONNRESET` (seen
 * in a full run of test/fake-okta/contract.test.ts).
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
