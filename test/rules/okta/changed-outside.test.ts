/** okta/changed-outside: System Log changes to governed apps (or their policies) by actors other than the pipeline. */
import { describe, expect, it } from 'vitest';
import type { OrgLogEntry } from '../../../src/okta-api/org';
import { audit, found, passing } from '../../audit/audit-helpers';
import { orgSnapshot } from '../../audit/org-fixtures';
import { rangeOf } from '../../helpers';

const ID = (n: number) => `0oa${String(n).padStart(17, '0')}`;
const entry = (actor: string, eventType: string, appIds: string[], policyIds: string[] = []): OrgLogEntry => ({
  uuid: `${actor}-${eventType}`,
  published: '2026-11-20T10:00:00.000Z',
  eventType,
  message: 'Change',
  actor,
  actorName: actor,
  appIds,
  policyIds,
});

describe('okta/changed-outside', () => {
  const manifest = passing('wiki', ID(1));
  const org = orgSnapshot({
    apps: [
      { id: ID(1), label: 'wiki', oinKey: 'wiki', mfa: 'required', policyId: 'rst00000000000000001' },
      { id: ID(2), label: 'Hand Made' },
    ],
    log: [
      entry('svc-pulumi@example.com', 'application.lifecycle.update', [ID(1)]),
      entry('ada@example.com', 'policy.rule.update', [], ['rst00000000000000001']),
      entry('bob@example.com', 'application.lifecycle.create', [ID(2)]),
    ],
  });

  it('reports changes by other actors (an app\'s policy included) as warnings at okta.appId, and apps created by hand', () => {
    const at = rangeOf(manifest, ID(1));
    const results = audit({ 'apps/wiki.yaml': manifest }, org, { deployers: ['svc-pulumi@example.com'] });
    expect(found(results, 'okta/changed-outside')).toEqual([
      { messageId: 'changed', where: `apps/wiki.yaml:${at.line}:${at.column}`, path: 'spec.sso.okta.appId' },
      { messageId: 'created', where: ID(2), path: null },
    ]);
    expect(results[0]!.messages[0]).toMatchObject({ severity: 1, message: expect.stringContaining('ada@example.com changed this app in Okta on 2026-11-20 (policy.rule.update') });
  });

  it('without --deployer, the pipeline\'s own changes are outside too', () => {
    expect(found(audit({ 'apps/wiki.yaml': manifest }, org), 'okta/changed-outside').map((f) => f.messageId)).toEqual(['changed', 'changed', 'created']);
  });
});
