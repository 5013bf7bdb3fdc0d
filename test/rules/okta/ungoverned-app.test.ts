/** okta/ungoverned-app: active apps of the org that no manifest claims (by id, or by OIN key and label). */
import { describe, expect, it } from 'vitest';
import { audit, found, passing } from '../../audit/audit-helpers';
import { orgSnapshot } from '../../audit/org-fixtures';

const ID = (n: number) => `0oa${String(n).padStart(17, '0')}`;

describe('okta/ungoverned-app', () => {
  const org = orgSnapshot({
    apps: [
      { id: ID(1), label: 'wiki', oinKey: 'wiki', mfa: 'required' },
      { id: ID(2), label: 'Survey Tool' },
      { id: ID(3), label: 'Old Tool', status: 'INACTIVE' },
      { id: ID(4), label: 'Okta Dashboard', name: 'okta_enduser', firstParty: true },
      { id: ID(5), label: 'crm', oinKey: 'crm' },
    ],
  });

  it('reports each active app nobody declares, in a section of its own with its Admin Console URL', () => {
    const results = audit({ 'apps/wiki.yaml': passing('wiki', ID(1)) }, org);
    expect(found(results, 'okta/ungoverned-app')).toEqual([
      { messageId: 'ungoverned', where: ID(2), path: null },
      { messageId: 'ungoverned', where: ID(5), path: null },
    ]);
    const survey = results.find((r) => r.location?.id === ID(2))!;
    expect(survey.filePath).toBe(`https://acme-admin.okta.com/admin/app/acme_app_1/instance/${ID(2)}/`);
    expect(survey.messages[0]).toMatchObject({ line: 0, column: 0, severity: 2 });
  });

  it('counts a manifest without an id as claiming the OIN app of its key and label', () => {
    const crm = passing('crm', ID(5)).replace(/\n {6}appId: .*\n/, '\n');
    expect(found(audit({ 'apps/crm.yaml': crm, 'apps/wiki.yaml': passing('wiki', ID(1)) }, org), 'okta/ungoverned-app').map((f) => f.where)).toEqual([ID(2)]);
  });

  it('counts an imported manifest whose placeholders are still open as claiming its app (lint reports the placeholders)', () => {
    const unfinished = passing('crm', ID(5)).replace('owner@example.com', '"<e-mail of the business owner>"').replace('classification: public', 'classification: "<public, internal, confidential or restricted>"');
    const results = audit({ 'apps/crm.yaml': unfinished, 'apps/wiki.yaml': passing('wiki', ID(1)) }, org);
    expect(results[0]!.documents[0]!.errorCount).toBeGreaterThan(0);
    expect(found(results, 'okta/ungoverned-app').map((f) => f.where)).toEqual([ID(2)]);
  });

  it('leaves out the apps the ignore option names, by id or label', () => {
    const config = `rules:\n  okta/ungoverned-app: [error, {ignore: [${ID(5)}, Survey Tool]}]\n`;
    expect(found(audit({ 'apps/wiki.yaml': passing('wiki', ID(1)) }, org, { config }), 'okta/ungoverned-app')).toEqual([]);
  });
});
