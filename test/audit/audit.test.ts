/**
 * `saasgov audit okta` end to end against the fake org: import, fill in the
 * placeholders, then nothing on an org that matches; after changes in the
 * "console" — an app added, an app deleted, a group added, MFA relaxed, a
 * System Log entry — each rule reports, in JSON and SARIF.
 */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/run';
import { CONTRACT_HOOK_TIMEOUT, expectResponsesMatchSpec, startCheckedFakeOrg } from '../fake-okta/contract';
import { APP, GROUP, oinSamlApp, oktaId, POLICY_ONE_FACTOR, smallOrg } from '../fake-okta/org-data';
import type { FakeOrg } from '../fake-okta/server';
import { tempTree } from '../run-cli';

const TOKEN = '00Audit0Token0000000000000000000000000000AB';
const NO_LOGS_TOKEN = '00Audit0NoLogs000000000000000000000000000CD';
const ALL = ['okta.apps.read', 'okta.groups.read', 'okta.policies.read', 'okta.logs.read'];
const DEFAULTS = `metadata:\n  owner: {business: cio@example.com, technical: it-apps@example.com}\nspec:\n  vendor: Reviewed\n  url: https://apps.example.com\n  lifecycle: production\n  data: {classification: public}\n  provisioning: {deprovisioning: {method: automatic}}\n  backup: {strategy: vendor-native, retentionDays: 30}\n  residency: {regions: [eu]}\n`;

describe('saasgov audit okta', () => {
  let fake: FakeOrg;
  let dir: string;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    fake = await startCheckedFakeOrg({ data: { apps: [], groups: [], assignments: {}, policyRules: {}, logs: [] }, tokens: { [TOKEN]: ALL, [NO_LOGS_TOKEN]: ALL.filter((s) => s !== 'okta.logs.read') } });
    Object.assign(fake.data, smallOrg(fake.url));
    env = { OKTA_API_TOKEN: TOKEN, OKTA_ORG_URL: fake.url };
    dir = tempTree({ 'defaults.yaml': DEFAULTS });
    expect((await cli(['import', 'okta', '--out', 'apps', '--defaults', 'defaults.yaml'], { cwd: dir, env })).code).toBe(0);
    imported = snapshot();
  }, CONTRACT_HOOK_TIMEOUT);
  afterAll(async () => {
    expectResponsesMatchSpec(fake);
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  let imported: Record<string, string>;
  const snapshot = () => Object.fromEntries(readdirSync(path.join(dir, 'apps')).map((f) => [f, readFileSync(path.join(dir, 'apps', f), 'utf8')]));

  const audit = async (...args: string[]) => cli(['audit', 'okta', 'apps', ...args], { cwd: dir, env });

  it('finds nothing on an org that matches the inventory just imported', async () => {
    const run = await audit('-f', 'json');
    expect(run.stderr).toMatch(/^saasgov: audited 17 manifest files against http:\/\/127\.0\.0\.1:\d+; \d+ requests to Okta\n$/);
    const messages = (JSON.parse(run.stdout) as { messages: unknown[] }[]).flatMap((r) => r.messages);
    expect(messages).toEqual([]);
    expect(run.code).toBe(0);
  });

  it('reports an app added by hand, an app deleted, a group added, MFA relaxed, and a console change', async () => {
    const added = oinSamlApp({ id: oktaId('0oa', 500), label: 'Survey Monkey', name: 'surveymonkey', settings: {} }, fake.url);
    fake.data.apps.push(added);
    fake.data.apps = fake.data.apps.filter((a) => a.id !== APP.github);
    fake.data.assignments[APP.salesforce] = [GROUP.sales, GROUP.salesAdmins, GROUP.contractors];
    fake.data.apps = fake.data.apps.map((a) => (a.id === APP.expenses ? { ...a, _links: { ...a._links, accessPolicy: { href: `${fake.url}/api/v1/policies/${POLICY_ONE_FACTOR}` } } } : a));
    fake.data.logs.push({
      uuid: 'evt-1',
      published: new Date(Date.now() - 86_400_000).toISOString(),
      eventType: 'group.application_assignment.add',
      displayMessage: 'Add assigned application to group',
      actor: { id: '00u1', type: 'User', alternateId: 'ada.admin@example.com', displayName: 'Ada Admin' },
      target: [{ id: APP.salesforce, type: 'AppInstance', alternateId: 'Salesforce', displayName: 'Salesforce' }],
    });
    const run = await audit('-f', 'json', '--deployer', 'svc-pulumi@example.com');
    expect(run.code).toBe(1);
    const results = JSON.parse(run.stdout) as { filePath: string; messages: { ruleId: string; messageId: string; path: string | null; line: number }[] }[];
    const all = results.flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)} ${m.ruleId} ${m.messageId} ${m.path}`)).sort();
    expect(all).toEqual([
      'expense-portal.yaml okta/drift mfa spec.sso.mfa',
      'github-enterprise-cloud.yaml okta/missing-app missing spec.sso.okta.appId',
      `salesforce.yaml okta/changed-outside changed spec.sso.okta.appId`,
      'salesforce.yaml okta/drift extraGroups spec.access.groups',
      `${added.id} okta/ungoverned-app ungoverned null`,
    ].sort());
    expect(results.find((r) => r.filePath.includes(added.id))!.filePath).toBe(`${fake.url}/admin/app/surveymonkey/instance/${added.id}/`);
    const sarif = JSON.parse((await audit('-f', 'sarif')).stdout) as { runs: { results: { ruleId: string; locations: { logicalLocations?: { name: string }[]; physicalLocation?: unknown }[] }[] }[] };
    const ungoverned = sarif.runs[0]!.results.find((r) => r.ruleId === 'okta/ungoverned-app')!;
    expect(ungoverned.locations).toEqual([{ logicalLocations: [{ name: 'Survey Monkey', fullyQualifiedName: `okta/apps/${added.id}`, kind: 'resource' }] }]);
    const stylish = (await audit()).stdout;
    expect(stylish).toContain(`Okta app "Survey Monkey" (${added.id})`);
    expect(stylish + run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('finds the same, byte for byte, whether it reads the assignments per group or per app (as the rate-limit buckets make cheaper)', async () => {
    const outputs: Record<string, { stdout: string; code: number | null; perApp: number; perGroup: number }> = {};
    // 17 declared apps, 9 groups: per group at equal limits; per app when the groups bucket allows far fewer requests.
    for (const [side, buckets] of [['group', {}], ['app', { '/api/v1/groups*': 60 }]] as const) {
      fake.setRateLimit(600, 60, buckets);
      const from = fake.responses.length;
      const run = await audit('-f', 'json', '--deployer', 'svc-pulumi@example.com');
      const sent = fake.responses.slice(from);
      outputs[side] = { stdout: run.stdout, code: run.code, perApp: sent.filter((r) => r.template === '/api/v1/apps/{appId}/groups').length, perGroup: sent.filter((r) => r.template === '/api/v1/groups/{groupId}/apps').length };
    }
    fake.setRateLimit(600, 60);
    expect(outputs.group).toMatchObject({ code: 1, perApp: 0, perGroup: 9 });
    expect(outputs.app).toMatchObject({ code: 1, perApp: 16, perGroup: 0 });
    // The org changed in the test above: the findings are there, and the same.
    expect(outputs.group!.stdout).toContain('extraGroups');
    expect(outputs.app!.stdout).toBe(outputs.group!.stdout);
  });

  it('stops with one line naming the scope when the credentials may not read the System Log', async () => {
    const run = await cli(['audit', 'okta', 'apps'], { cwd: dir, env: { ...env, OKTA_API_TOKEN: NO_LOGS_TOKEN } });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^saasgov: Okta refused GET \/api\/v1\/logs \(HTTP 403 E0000006 [^\n]*\): the credentials lack the scope okta\.logs\.read[^\n]*\n$/);
    expect(run.stderr).not.toContain(NO_LOGS_TOKEN);
  });

  it('only reads: the manifests are as the import wrote them', () => {
    expect(snapshot()).toEqual(imported);
  });
});
