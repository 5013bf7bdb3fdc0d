/** okta/missing-app: a passing manifest's appId is absent from the org, or inactive there. */
import { describe, expect, it } from 'vitest';
import { audit, found, passing } from '../../audit/audit-helpers';
import { orgSnapshot } from '../../audit/org-fixtures';
import { rangeOf } from '../../helpers';

const ID = (n: number) => `0oa${String(n).padStart(17, '0')}`;

describe('okta/missing-app', () => {
  it('reports at okta.appId when the app is gone or inactive, and only for passing manifests', () => {
    const org = orgSnapshot({ apps: [{ id: ID(2), label: 'bravo', oinKey: 'bravo', status: 'INACTIVE', mfa: 'required' }] });
    const a = passing('alpha', ID(1));
    const failing = passing('charlie', ID(3)).replace('owner@example.com', 'not-an-owner');
    const results = audit({ 'apps/alpha.yaml': a, 'apps/bravo.yaml': passing('bravo', ID(2)), 'apps/charlie.yaml': failing }, org);
    const at = rangeOf(a, ID(1));
    expect(found(results, 'okta/missing-app')).toEqual([
      { messageId: 'missing', where: `apps/alpha.yaml:${at.line}:${at.column}`, path: 'spec.sso.okta.appId' },
      { messageId: 'inactive', where: `apps/bravo.yaml:${at.line}:${at.column}`, path: 'spec.sso.okta.appId' },
    ]);
  });
});
