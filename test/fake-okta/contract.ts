/** Every response the fake org sent, checked against Okta's OpenAPI description (one parsed spec per test process). */
import { expect } from 'vitest';
import { OktaContract } from './openapi';
import type { FakeOrg } from './server';

let contract: OktaContract | undefined;

/** The validator, built on first use (parsing the 3.4 MB spec takes a few seconds). */
export function oktaContract(): OktaContract {
  return (contract ??= new OktaContract());
}

/** Asserts that every JSON body `fake` has sent so far matches the spec (the token endpoint is OAuth's, not the management API's). */
export function expectResponsesMatchSpec(fake: FakeOrg): void {
  const c = oktaContract();
  const problems: string[] = [];
  for (const r of fake.responses) {
    if (r.template === null) continue;
    const errors = c.errors(r.method, r.template, r.status, r.body);
    if (errors.length > 0) problems.push(`${r.method} ${r.url} ${r.status}: ${errors.slice(0, 5).join('; ')}`);
  }
  expect(problems).toEqual([]);
}
