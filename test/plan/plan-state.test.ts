/**
 * `saasgov plan --state`: the plan against a stack's state, as `pulumi stack
 * export` writes it (deployment version 3). The states are those a `pulumi
 * up` of the same program leaves (`simulateUpdate`), then edited as a pull
 * request would: each step is create, update, replace, delete, same or
 * import, and apps whose manifests fail are held, not deleted.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProvisioningRefused } from '../../src/okta/program';
import { simulateUpdate } from '../../src/plan/export';
import { formatJson, formatMarkdown, formatText } from '../../src/plan/format';
import { computePlan, type Plan, type PlanStep } from '../../src/plan/run';
import { parseStackExport } from '../../src/plan/state';
import { AS_OF, edit } from '../helpers';
import { tempTree } from '../run-cli';
import { fixtureText } from '../okta/manifests';

/** A temporary project directory with these files (removed when the test file ends). */
const project = (files: Record<string, string>) => tempTree(files, 'saasgov-plan-state-');

/** payroll with a waiver that expires on 2026-12-20: passes on AS_OF, fails from 2026-12-21. */
const EXPIRING = edit(fixtureText('payroll.yaml'), {
  remove: ['metadata.owner.technical'],
  set: { 'spec.waivers': [{ rule: 'ownership/owners', reason: 'The new IT owner starts next month, HR owns it until then', approvedBy: 'ciso@example.com', ticket: 'GRC-9', expires: '2026-12-20' }] },
});

/** Deploys the project as it is now (a simulated `pulumi up`) and returns its export, parsed. */
async function deployed(dir: string, asOf = AS_OF) {
  return parseStackExport(await simulateUpdate({ cwd: dir, paths: [], asOf, stack: 'prod' }), 'state.json', 'saasgov');
}
const ops = (plan: Plan) => Object.fromEntries(plan.steps.map((s) => [s.name, s.op]));
const step = (plan: Plan, name: string): PlanStep => plan.steps.find((s) => s.name === name)!;

describe('saasgov plan --state', () => {
  it('shows every resource as same when nothing changed, and takes the stack name from the state', async () => {
    const dir = project({ 'apps/payroll.yaml': fixtureText('payroll.yaml'), 'apps/crm.yaml': fixtureText('crm.yaml') });
    const state = await deployed(dir);
    const plan = await computePlan({ cwd: dir, paths: [], asOf: AS_OF, state });
    expect(plan.stack).toBe('prod');
    expect(new Set(plan.steps.map((s) => s.op))).toEqual(new Set(['same']));
    expect(plan.steps).toHaveLength(state.resources.size - 2); // all but the stack and its provider
    expect(formatText(plan)).toContain('no change to Okta');
    expect(formatText(plan)).toContain('Unchanged: crm-salesforce, payroll');
  });

  it('holds an app whose waiver expired: its resources are same, it is listed as held, nothing is deleted', async () => {
    const dir = project({ 'apps/payroll.yaml': EXPIRING, 'apps/crm.yaml': fixtureText('crm.yaml') });
    const state = await deployed(dir);
    const plan = await computePlan({ cwd: dir, paths: [], asOf: '2026-12-21', state });
    expect(plan.steps.filter((s) => s.op !== 'same')).toEqual([]);
    expect(plan.held).toEqual([{ app: 'payroll', filePath: 'apps/payroll.yaml', rules: ['ownership/owners', 'waiver/valid'] }]);
    expect(plan.skipped).toEqual([]);
    const json = JSON.parse(formatJson(plan)) as { held: unknown[]; steps: PlanStep[] };
    expect(json.held).toEqual(plan.held);
    expect(json.steps.filter((s) => s.name.startsWith('payroll')).map((s) => s.op)).toEqual(['same', 'same', 'same', 'same', 'same']);
    expect(formatText(plan)).toContain('Held as last deployed: these manifests fail lint, so nothing of their apps changes (saasgov lint shows the findings):\n  - apps/payroll.yaml (payroll): ownership/owners, waiver/valid');
  });

  it('shows a group removed from a production app as an update of its group assignment, naming the changed input', async () => {
    const dir = project({ 'apps/payroll.yaml': fixtureText('payroll.yaml') });
    const state = await deployed(dir);
    writeFileSync(path.join(dir, 'apps/payroll.yaml'), edit(fixtureText('payroll.yaml'), { set: { 'spec.access.groups': ['people-ops'] } }));
    const plan = await computePlan({ cwd: dir, paths: [], asOf: AS_OF, state });
    expect(step(plan, 'payroll-groups')).toMatchObject({ op: 'update', diff: ['groups'], inputs: { groups: [{ id: 'okta-group:people-ops', profile: '{}' }] } });
    expect(plan.steps.filter((s) => s.op !== 'same').map((s) => s.name)).toEqual(['payroll-groups']);
    const text = formatText(plan);
    expect(text).toMatch(/^saasgov plan \(stack prod, as of 2026-12-01, against state\.json\): 1 to update; 3 unchanged;/);
    expect(text).toContain('  ~ okta:index/appGroupAssignments:AppGroupAssignments payroll-groups  changes: groups  [retainOnDelete]\n      groups: [{"id":"okta-group:people-ops","profile":"{}"}]\n');
    expect(JSON.parse(formatJson(plan)).steps.find((s: PlanStep) => s.name === 'payroll-groups').diff).toEqual(['groups']);
  });

  it('shows a manifest deleted as a delete: of a non-production app, from Okta; of a production one, retained in Okta', async () => {
    const dir = project({ 'apps/payroll.yaml': fixtureText('payroll.yaml'), 'apps/lunch.yaml': fixtureText('lunch.yaml') });
    const state = await deployed(dir);
    rmSync(path.join(dir, 'apps/payroll.yaml'));
    rmSync(path.join(dir, 'apps/lunch.yaml'));
    writeFileSync(path.join(dir, 'apps/crm.yaml'), fixtureText('crm.yaml'));
    const plan = await computePlan({ cwd: dir, paths: [], asOf: AS_OF, state });
    const deletes = plan.steps.filter((s) => s.op === 'delete');
    expect(deletes.map((s) => [s.name, s.options.retainOnDelete]).sort()).toEqual([
      ['lunch-orders', false],
      ['lunch-orders-app', false],
      ['lunch-orders-groups', false],
      ['payroll', false],
      ['payroll-app', true],
      ['payroll-groups', true],
      ['payroll-mfa-policy', true],
      ['payroll-mfa-rule', true],
    ]);
    const json = JSON.parse(formatJson(plan)) as { steps: (PlanStep & { retainOnDelete?: boolean })[] };
    expect(json.steps.find((s) => s.name === 'payroll-app')).toMatchObject({ op: 'delete', retainOnDelete: true });
    expect(json.steps.find((s) => s.name === 'lunch-orders-app')).not.toHaveProperty('retainOnDelete');
    expect(plan.apps.filter((a) => a.status === 'removed').map((a) => [a.app, a.filePath])).toEqual([
      ['lunch-orders', 'apps/lunch.yaml'],
      ['payroll', 'apps/payroll.yaml'],
    ]);
    expect(formatText(plan)).toContain('- okta:app/saml:Saml payroll-app  [retainOnDelete: stays in Okta, only leaves the state]');
    expect(formatText(plan)).toContain('(4 of the deletes retained in Okta)');
  });

  it('refuses an OIN key change of a production app (it would replace the app), and shows it as a replace when allowed', async () => {
    const dir = project({ 'apps/crm.yaml': fixtureText('crm.yaml') });
    const state = await deployed(dir);
    const changed = edit(fixtureText('crm.yaml'), { set: { 'spec.sso.okta.preconfiguredApp': 'salesforce_sandbox' } });
    writeFileSync(path.join(dir, 'apps/crm.yaml'), changed);
    await expect(computePlan({ cwd: dir, paths: [], asOf: AS_OF, state })).rejects.toThrow(ProvisioningRefused);
    await expect(computePlan({ cwd: dir, paths: [], asOf: AS_OF, state })).rejects.toThrow(/preconfiguredApp changes from "salesforce" to "salesforce_sandbox", which replaces the production Okta app/);
    writeFileSync(path.join(dir, 'apps/crm.yaml'), edit(changed, { set: { 'spec.sso.okta.allowReplacement': true } }));
    const plan = await computePlan({ cwd: dir, paths: [], asOf: AS_OF, state });
    expect(step(plan, 'crm-salesforce-app')).toMatchObject({ op: 'replace', diff: ['preconfiguredApp'] });
    // Its dependents take the new app id: the group assignment is replaced with it.
    expect(step(plan, 'crm-salesforce-groups')).toMatchObject({ op: 'replace', diff: ['appId'] });
    expect(plan.manualSteps.map((m) => m.topic)).toContain('replaced-app');
  });

  it('shows an app adopted by okta.appId as import, and its state thereafter as same', async () => {
    const appId = '0oa1b2c3d4E5f6G7h8i9';
    const dir = project({ 'apps/payroll.yaml': edit(fixtureText('payroll.yaml'), { set: { 'spec.sso.okta': { appId } } }) });
    const fresh = await computePlan({ cwd: dir, paths: [], asOf: AS_OF });
    expect(ops(fresh)).toEqual({ payroll: 'import', 'payroll-app': 'import' });
    expect(formatText(fresh)).toMatch(/: 0 apps to create \(0 resources\); 1 app to import \(adopted as they are in Okta\);/);
    const state = await deployed(dir);
    const next = await computePlan({ cwd: dir, paths: [], asOf: AS_OF, state });
    expect(ops(next)).toMatchObject({ payroll: 'same', 'payroll-groups': 'create', 'payroll-mfa-policy': 'create' });
    expect(step(next, 'payroll-app').op).not.toBe('import');
  });

  it('finds a renamed app under its former name: no delete, no create', async () => {
    const dir = project({ 'apps/payroll.yaml': edit(fixtureText('payroll.yaml'), { remove: ['metadata.formerNames'] }) });
    const state = await deployed(dir);
    writeFileSync(path.join(dir, 'apps/payroll.yaml'), edit(fixtureText('payroll.yaml'), { set: { 'metadata.name': 'payroll-portal', 'metadata.formerNames': ['payroll'] } }));
    const plan = await computePlan({ cwd: dir, paths: [], asOf: AS_OF, state });
    expect(plan.steps.filter((s) => s.op === 'delete' || s.op === 'create')).toEqual([]);
    // Only what depends on the name changes: the app's admin note, the policy's name.
    expect(plan.steps.filter((s) => s.op !== 'same').map((s) => [s.name, s.op, s.diff])).toEqual([
      ['payroll-portal-app', 'update', ['adminNote']],
      ['payroll-portal-mfa-policy', 'update', ['description', 'name']],
    ]);
  });

  it('works on the export of a stack deployed before saasgov recorded anything: held from the resources alone', async () => {
    const dir = project({ 'apps/payroll.yaml': EXPIRING });
    const text = await simulateUpdate({ cwd: dir, paths: [], asOf: AS_OF, stack: 'prod' });
    // What an older saasgov left: no stack output `deployed`, components without filePath and intent.
    const old = JSON.parse(text) as { deployment: { resources: { type: string; outputs?: Record<string, unknown> }[] } };
    for (const r of old.deployment.resources) {
      if (r.type === 'pulumi:pulumi:Stack') delete r.outputs!.deployed;
      if (r.type === 'saasgov:okta:AppIntegration') delete r.outputs!.filePath;
    }
    const state = parseStackExport(JSON.stringify(old), 'old.json', 'saasgov');
    const plan = await computePlan({ cwd: dir, paths: [], asOf: '2026-12-21', state });
    expect(plan.held.map((h) => h.app)).toEqual(['payroll']);
    expect(plan.steps.filter((s) => s.op !== 'same')).toEqual([]);
  });

  it('refuses --stack other than the state\'s', async () => {
    const dir = project({ 'apps/payroll.yaml': fixtureText('payroll.yaml') });
    const state = await deployed(dir);
    await expect(computePlan({ cwd: dir, paths: [], asOf: AS_OF, state, stack: 'dev' })).rejects.toThrow(/--stack dev does not match the stack of --state state\.json \(prod\)/);
  });

  it('prints the changes of a pull request as Markdown, with unchanged apps on one line', async () => {
    const dir = project({ 'apps/payroll.yaml': fixtureText('payroll.yaml'), 'apps/crm.yaml': fixtureText('crm.yaml') });
    const state = await deployed(dir);
    writeFileSync(path.join(dir, 'apps/payroll.yaml'), edit(fixtureText('payroll.yaml'), { set: { 'spec.access.groups': ['people-ops'] } }));
    const md = formatMarkdown(await computePlan({ cwd: dir, paths: [], asOf: AS_OF, state }));
    expect(md).toContain('| update | `okta:index/appGroupAssignments:AppGroupAssignments` | payroll\\-groups | _changes: groups_<br>groups: ');
    expect(md).toContain('**Unchanged:** crm\\-salesforce');
    expect(md).not.toContain('### crm\\-salesforce ·');
  });
});
