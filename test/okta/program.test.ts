/**
 * The Pulumi program under mocks: it provisions exactly the manifests lint
 * passes (same engine, same config), skips the others with a warning naming
 * file and rules, refuses everything under saasgov:strict, and reads its
 * stack settings — SCIM tokens only as secrets.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { specialSecretSig, specialSigKey } from '@pulumi/pulumi/runtime/rpc';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load';
import { lintProject } from '../../src/engine/lint';
import { deployedStateFromOutputs, NOTHING_DEPLOYED, readDeployedState, type DeployedState } from '../../src/okta/deployed';
import { ProvisioningRefused, readStackSettings, runProgram, type ProgramSettings } from '../../src/okta/program';
import { mockClientSecret, type MockOptions } from '../../src/plan/mocks';
import { RULES_BY_ID } from '../../rules';
import { AS_OF, edit } from '../helpers';
import { tempTree } from '../run-cli';
import { FIXTURES, fixtureText } from './manifests';
import { deploy, registered, valueOf } from './pulumi-harness';

const settings = (overrides: Partial<ProgramSettings> = {}): ProgramSettings => ({
  cwd: FIXTURES,
  paths: [],
  strict: false,
  asOf: AS_OF,
  scim: new Map(),
  ...overrides,
});

/** Runs the program under mocks against what the stack holds, collecting its warnings. */
async function run(s: ProgramSettings, deployed: DeployedState = NOTHING_DEPLOYED, mocks: Omit<MockOptions, 'preview'> = {}) {
  const warnings: string[] = [];
  const { value, resources } = await deploy(() => runProgram(s, { warn: (m) => warnings.push(m) }, deployed), { mocks });
  return { result: value, resources, warnings };
}

/** A temporary project directory with these files (removed when the test file ends). */
const project = (files: Record<string, string>) => tempTree(files, 'saasgov-okta-');
afterEach(() => {
  pulumi.runtime.setAllConfig({}, []);
});

/** Runs the program on `dir`, returning the error it throws (if any) as the value. */
const deployRefused = (dir: string, overrides: Partial<ProgramSettings> = {}, deployed: DeployedState = NOTHING_DEPLOYED, mocks: Omit<MockOptions, 'preview'> = {}) =>
  deploy(
    async () => {
      try {
        return await runProgram(settings({ cwd: dir, ...overrides }), { warn: () => undefined }, deployed);
      } catch (error) {
        return error;
      }
    },
    { mocks },
  );

describe('the fixture project', () => {
  it('provisions exactly the documents lint passes, and skips exactly the ones it fails', async () => {
    const config = loadConfig({ cwd: FIXTURES, rules: RULES_BY_ID });
    const lint = lintProject({ cwd: FIXTURES, config, rules: RULES_BY_ID, asOf: AS_OF, paths: [], keepManifests: true });
    const documents = lint.flatMap((r) => r.documents.map((d) => ({ ...d, file: path.relative(FIXTURES, r.filePath) })));
    const passing = documents.filter((d) => d.manifest && d.errorCount === 0).map((d) => d.app!);
    const failing = documents.filter((d) => !(d.manifest && d.errorCount === 0)).map((d) => [d.file, d.failedRules]);

    const { result, warnings } = await run(settings());
    const provisioned = [...result.integrations.map((i) => i.app), ...result.withoutApp.map((w) => w.app)];
    expect(provisioned.sort()).toEqual([...passing].sort());
    expect(result.skipped.map((s) => [s.filePath, s.rules])).toEqual(failing);

    // What the fixtures are for (they meet the whole rule catalogue of SPEC §2 on AS_OF).
    expect(result.integrations.map((i) => i.app)).toEqual(['crm-salesforce', 'dashboard-spa', 'expenses', 'field-app', 'lunch-orders', 'payroll', 'reporting-service']);
    expect(result.withoutApp).toEqual([{ app: 'status-page', filePath: 'apps/status-page.yaml' }]);
    expect(result.skipped).toEqual([
      { app: null, filePath: 'apps/failing/broken.yaml', rules: ['manifest/syntax'] },
      { app: 'legacy-crm', filePath: 'apps/failing/inline-password.yaml', rules: ['secrets/no-inline-secrets'] },
      { app: 'wiki', filePath: 'apps/failing/no-owner.yaml', rules: ['ownership/owners'] },
      { app: 'chat', filePath: 'apps/failing/unknown-key.yaml', rules: ['manifest/schema'] },
    ]);
    expect(warnings).toEqual(result.skipped.map((s) => expect.stringContaining(`not provisioning ${s.filePath}${s.app ? ` (${s.app})` : ''}: it fails ${s.rules.join(', ')}`)));
    expect(warnings.join('\n')).not.toContain('Winter2026-do-not-print');
  });

  it('lists the manual steps per app and topic, with the manifest file', async () => {
    const { result } = await run(settings());
    expect(result.manualSteps.map((m) => [m.app, m.topic, m.filePath])).toEqual([
      ['crm-salesforce', 'scim', 'apps/crm.yaml'],
      ['lunch-orders', 'swa-login-form', 'apps/lunch.yaml'],
      ['payroll', 'scim', 'apps/payroll.yaml'],
    ]);
  });

  it('exports per app its Okta app id, sign-on mode, and SAML metadata URL or OIDC client id — and no secret', async () => {
    const { result } = await run(settings());
    const apps = await valueOf(result.apps);
    expect(Object.keys(apps)).toEqual(['crm-salesforce', 'dashboard-spa', 'expenses', 'field-app', 'lunch-orders', 'payroll', 'reporting-service']);
    expect(apps['lunch-orders']!.signOnMode).toBe('BROWSER_PLUGIN');
    expect(apps.payroll).toEqual({
      id: 'payroll-app-id',
      label: 'Payroll Portal',
      signOnMode: 'SAML_2_0',
      metadataUrl: 'https://example.okta.com/app/payroll-app-id/sso/saml/metadata',
    });
    expect(apps.expenses).toEqual({ id: 'expenses-app-id', label: 'Expense Reports', signOnMode: 'OPENID_CONNECT', clientId: 'expenses-app-client-id' });
    expect(apps['lunch-orders']).toEqual({ id: 'lunch-orders-app-id', label: 'Lunch Orders', signOnMode: 'BROWSER_PLUGIN' });
    expect(await pulumi.isSecret(result.apps)).toBe(false);
    expect(JSON.stringify(apps)).not.toContain(mockClientSecret('expenses-app'));
  });
});

describe('saasgov:strict', () => {
  it('refuses the whole update before creating anything when a failing manifest would create an app', async () => {
    const { resources, value } = await deployRefused(FIXTURES, { strict: true });
    expect(value).toBeInstanceOf(ProvisioningRefused);
    expect((value as Error).message).toContain('saasgov:strict is set and these failing manifests would create or change an app');
    expect((value as Error).message).toContain('apps/failing/no-owner.yaml (wiki): it fails ownership/owners and is not deployed yet');
    expect(resources).toEqual([]);
  });

  it('provisions as usual when every manifest passes', async () => {
    const { result, warnings } = await run(settings({ strict: true, paths: ['apps/payroll.yaml', 'apps/crm.yaml'] }));
    expect(result.integrations.map((i) => i.app)).toEqual(['crm-salesforce', 'payroll']);
    expect(warnings).toEqual([]);
  });
});

describe('judging exactly as lint', () => {
  it('uses the lint config it is given: a rule switched off there no longer skips', async () => {
    const dir = project({ 'lint.yaml': 'rules:\n  ownership/owners: off\n' });
    const { result } = await run(settings({ paths: ['apps/failing/no-owner.yaml'], configFile: path.join(dir, 'lint.yaml') }));
    expect(result.integrations.map((i) => i.app)).toEqual(['wiki']);
    expect(result.skipped).toEqual([]);
  });

  it('reads apps/ when neither the stack nor the lint config names the manifests', async () => {
    const dir = project({ 'apps/payroll.yaml': fixtureText('payroll.yaml'), 'other/crm.yaml': fixtureText('crm.yaml') });
    const { result } = await run(settings({ cwd: dir }));
    expect(result.integrations.map((i) => [i.app, i.filePath])).toEqual([['payroll', 'apps/payroll.yaml']]);
  });

  it('refuses two passing manifests that claim one name (manifest/unique-name switched off)', async () => {
    const renamed = edit(fixtureText('crm.yaml'), { set: { 'metadata.name': 'crm-two', 'metadata.formerNames': ['payroll'] } });
    const dir = project({ 'saasgov.config.yaml': 'rules:\n  manifest/unique-name: off\n', 'apps/a.yaml': fixtureText('payroll.yaml'), 'apps/b.yaml': renamed });
    const { resources, value } = await deployRefused(dir);
    expect(value).toBeInstanceOf(ProvisioningRefused);
    expect((value as Error).message).toContain('payroll: apps/a.yaml and apps/b.yaml');
    expect(resources).toEqual([]);
  });

  it('refuses, before creating anything, a passing manifest the provider cannot take', async () => {
    // Without its oidc block an OIDC app has no type. sso/oidc-hardening reports that once it exists; switch it off here.
    const config = RULES_BY_ID.has('sso/oidc-hardening') ? 'rules:\n  sso/oidc-hardening: off\n' : '{}\n';
    const noBlock = edit(fixtureText('expenses.yaml'), { remove: ['spec.sso.oidc'] });
    const dir = project({ 'saasgov.config.yaml': config, 'apps/expenses.yaml': noBlock, 'apps/payroll.yaml': fixtureText('payroll.yaml') });
    const { resources, value } = await deployRefused(dir);
    expect(value).toBeInstanceOf(ProvisioningRefused);
    expect((value as Error).message).toContain('apps/expenses.yaml (expenses): spec.sso.oidc is missing, so the OIDC app type is unknown');
    expect(resources).toEqual([]);
  });

  it('refuses a custom SAML app without acsUrl and audience even when its sso/saml-hardening finding is waived, before any resource', async () => {
    const waived = edit(fixtureText('payroll.yaml'), {
      remove: ['spec.sso.saml.acsUrl', 'spec.sso.saml.audience'],
      set: { 'spec.waivers': [{ rule: 'sso/saml-hardening', reason: 'The vendor sends its SAML settings next week', approvedBy: 'ciso@example.com', ticket: 'SEC-1', expires: '2027-01-15' }] },
    });
    const dir = project({ 'apps/payroll.yaml': waived, 'apps/crm.yaml': fixtureText('crm.yaml') });
    const { resources, value } = await deployRefused(dir);
    expect(value).toBeInstanceOf(ProvisioningRefused);
    expect((value as Error).message).toContain('apps/payroll.yaml (payroll): spec.sso.saml.acsUrl is missing');
    expect((value as Error).message).toContain('apps/payroll.yaml (payroll): spec.sso.saml.audience is missing');
    expect(resources).toEqual([]);
  });

  it('refuses an OIN app without the instance settings Okta requires, naming the field, before any resource', async () => {
    const dir = project({ 'apps/crm.yaml': edit(fixtureText('crm.yaml'), { remove: ['spec.sso.okta.settings'] }) });
    const { resources, value } = await deployRefused(dir);
    expect((value as Error).message).toContain('apps/crm.yaml (crm-salesforce): spec.sso.okta.settings.instanceType is missing: Okta requires it for the "salesforce" app');
    expect(resources).toEqual([]);
  });
});

describe('exact groups', () => {
  it('refuses, before any resource, a group name that only prefix-matches another group (the provider would take the fuzzy match)', async () => {
    // Okta's search is a starts-with query: "people-ops" finds only "people-ops-contractors".
    const groups = (name: string) => (name === 'people-ops' ? { id: '00g-contractors', name: 'people-ops-contractors' } : { id: `00g-${name}`, name });
    const { resources, value } = await deployRefused(FIXTURES, { paths: ['apps/payroll.yaml'] }, NOTHING_DEPLOYED, { groups });
    expect(value).toBeInstanceOf(ProvisioningRefused);
    expect((value as Error).message).toContain('no Okta group is named exactly "people-ops" (the search found "people-ops-contractors")');
    expect(resources).toEqual([]);
  });

  it('refuses a group Okta does not have', async () => {
    const groups = (name: string) => (name === 'payroll-admins' ? undefined : { id: `00g-${name}`, name });
    const { value } = await deployRefused(FIXTURES, { paths: ['apps/payroll.yaml'] }, NOTHING_DEPLOYED, { groups });
    expect((value as Error).message).toContain('no Okta group is named "payroll-admins"');
    expect((value as Error).message).not.toContain('people-ops');
  });

  it('assigns the ids of the exact matches', async () => {
    const groups = (name: string) => ({ id: `00g-${name}`, name });
    const { resources } = await run(settings({ paths: ['apps/payroll.yaml'] }), NOTHING_DEPLOYED, { groups });
    expect(registered(resources, 'payroll-groups').inputs.groups).toEqual([
      { id: '00g-people-ops', profile: '{}' },
      { id: '00g-payroll-admins', profile: '{}' },
    ]);
  });
});

describe('SCIM connections from the stack', () => {
  const token = () => ({ baseUrl: 'https://scim.example.com', token: pulumi.secret('t0ken') });
  const zscalerProject = () => project({ 'apps/zia.yaml': edit(fixtureText('crm.yaml'), { set: { 'metadata.name': 'zia', 'spec.sso.okta': { preconfiguredApp: 'zscalerbyz' } } }) });

  it('configures the app whose connection Okta\'s API takes from a token (Zscaler 2.0), and warns about entries it does not use', async () => {
    const scim = new Map([
      ['zia', token()],
      ['nobody', token()],
    ]);
    const { resources, warnings } = await run(settings({ cwd: zscalerProject(), scim }));
    expect(resources.filter((r) => r.type === 'okta:app/connection:Connection').map((r) => r.name)).toEqual(['zia-scim-connection']);
    expect(warnings.filter((w) => w.includes('saasgov:scim'))).toEqual([
      'saasgov: saasgov:scim has an entry for nobody, which is not used: no passing manifest with an Okta app has that name',
    ]);
  });

  it('refuses a SCIM connection for an app whose connection Okta\'s API cannot configure from a token (Salesforce, a custom app)', async () => {
    const scim = new Map([
      ['crm-salesforce', token()],
      ['payroll', token()],
    ]);
    const { resources, value } = await deployRefused(FIXTURES, { scim });
    expect(value).toBeInstanceOf(ProvisioningRefused);
    const message = (value as Error).message;
    expect(message).toContain('apps/crm.yaml (crm-salesforce): saasgov:scim holds a SCIM connection for it, but Okta\'s API configures a provisioning connection from a base URL and token only for zscalerbyz');
    expect(message).toContain('not for "salesforce"');
    expect(message).toContain('apps/payroll.yaml (payroll): saasgov:scim holds a SCIM connection for it');
    expect(message).toContain('not for a custom app');
    expect(resources).toEqual([]);
  });
});

describe('readStackSettings', () => {
  it('reads saasgov:manifests, saasgov:config and saasgov:strict', () => {
    pulumi.runtime.setAllConfig({ 'saasgov:manifests': 'apps/**/*.yaml', 'saasgov:config': 'lint.yaml', 'saasgov:strict': 'true' }, []);
    expect(readStackSettings('/project', '2026-12-01')).toEqual({
      cwd: '/project',
      paths: ['apps/**/*.yaml'],
      configFile: 'lint.yaml',
      strict: true,
      asOf: '2026-12-01',
      scim: new Map(),
    });
  });

  it('defaults to no paths (config manifests, else apps), no config file, not strict', () => {
    pulumi.runtime.setAllConfig({}, []);
    expect(readStackSettings('/project', '2026-12-01')).toEqual({ cwd: '/project', paths: [], strict: false, asOf: '2026-12-01', scim: new Map() });
  });

  it('reads saasgov:scim when it is a stack secret, and makes every token a secret output', async () => {
    const token = 'scim-token-from-config';
    pulumi.runtime.setAllConfig({ 'saasgov:scim': JSON.stringify({ 'crm-salesforce': { baseUrl: 'https://scim.example.com', token } }) }, ['saasgov:scim']);
    const { scim } = readStackSettings('/project', '2026-12-01');
    const connection = scim.get('crm-salesforce')!;
    expect(connection.baseUrl).toBe('https://scim.example.com');
    expect(await pulumi.isSecret(connection.token as pulumi.Output<string>)).toBe(true);
    // And the token reaches the provider as a secret.
    const dir = project({ 'apps/zia.yaml': edit(fixtureText('crm.yaml'), { set: { 'metadata.name': 'crm-salesforce', 'spec.sso.okta': { preconfiguredApp: 'zscalerbyz' } } }) });
    const { resources } = await deploy(() => runProgram(settings({ cwd: dir, scim }), { warn: () => undefined }, NOTHING_DEPLOYED));
    expect(registered(resources, 'crm-salesforce-scim-connection').inputs.profile).toEqual({ authScheme: 'TOKEN', token: { [specialSigKey]: specialSecretSig, value: token } });
  });

  it('refuses saasgov:scim set in plain text, without repeating it', () => {
    const token = 'plain-text-token-in-the-stack-file';
    pulumi.runtime.setAllConfig({ 'saasgov:scim': JSON.stringify({ 'crm-salesforce': { baseUrl: 'https://scim.example.com', token } }) }, []);
    expect(() => readStackSettings('/project', '2026-12-01')).toThrow(ProvisioningRefused);
    try {
      readStackSettings('/project', '2026-12-01');
    } catch (error) {
      expect((error as Error).message).toContain("pulumi config set --secret --path 'saasgov:scim[\"<app>\"].token'");
      expect((error as Error).message).not.toContain(token);
    }
  });

  it('accepts okta:apiToken only as a secret, and never repeats it', () => {
    const token = '00plain-text-okta-token-in-the-stack-file';
    pulumi.runtime.setAllConfig({ 'okta:apiToken': token }, ['okta:apiToken']);
    expect(readStackSettings('/project', '2026-12-01').strict).toBe(false);
    pulumi.runtime.setAllConfig({ 'okta:apiToken': token }, []);
    let error: Error | undefined;
    try {
      readStackSettings('/project', '2026-12-01');
    } catch (e) {
      error = e as Error;
    }
    expect(error).toBeInstanceOf(ProvisioningRefused);
    expect(error!.message).toContain('pulumi config set --secret okta:apiToken');
    expect(error!.message).not.toContain(token);
  });

  it('refuses a malformed saasgov:scim, naming the place and not the value', () => {
    pulumi.runtime.setAllConfig({ 'saasgov:scim': JSON.stringify({ 'crm-salesforce': { baseUrl: 'http://insecure.example.com', token: 'hidden-token' } }) }, ['saasgov:scim']);
    expect(() => readStackSettings('/project', '2026-12-01')).toThrow(/saasgov:scim\["crm-salesforce"\]\.baseUrl: must be an absolute https URL/);
  });
});

describe('as last deployed (SPEC §7.1)', () => {
  /** payroll with its technical owner missing and a waiver for that which expires on 2026-12-20: passes on AS_OF, fails from 2026-12-21. */
  const expiring = edit(fixtureText('payroll.yaml'), {
    remove: ['metadata.owner.technical'],
    set: { 'spec.waivers': [{ rule: 'ownership/owners', reason: 'The new IT owner starts next month, HR owns it until then', approvedBy: 'ciso@example.com', ticket: 'GRC-9', expires: '2026-12-20' }] },
  });
  const AFTER = '2026-12-21';

  /** Deploys `dir` and returns what the next update reads back: the stack outputs `deployed` and `apps`. */
  async function deployedAfter(dir: string, asOf = AS_OF): Promise<{ state: DeployedState; resources: Awaited<ReturnType<typeof run>>['resources'] }> {
    const { result, resources } = await run(settings({ cwd: dir, asOf }));
    return { state: deployedStateFromOutputs(await valueOf(result.deployed), await valueOf(result.apps)), resources };
  }
  const shape = (rs: readonly { urn: string; type: string; inputs: unknown; retainOnDelete: boolean }[]) =>
    rs.map(({ urn, type, inputs, retainOnDelete }) => ({ urn, type, inputs, retainOnDelete })).sort((a, b) => (a.urn < b.urn ? -1 : 1));

  it('holds an app whose waiver expired exactly as last deployed, and warns, instead of deleting it', async () => {
    const dir = project({ 'apps/payroll.yaml': expiring, 'apps/crm.yaml': fixtureText('crm.yaml') });
    const { state, resources: before } = await deployedAfter(dir);
    const { result, resources: after, warnings } = await run(settings({ cwd: dir, asOf: AFTER }), state);
    expect(result.held).toEqual([{ app: 'payroll', filePath: 'apps/payroll.yaml', rules: ['ownership/owners', 'waiver/valid'] }]);
    expect(result.skipped).toEqual([]);
    expect(shape(after.filter((r) => r.urn.includes('payroll')))).toEqual(shape(before.filter((r) => r.urn.includes('payroll'))));
    expect(warnings).toContain(
      'saasgov: holding payroll as last deployed: apps/payroll.yaml fails ownership/owners, waiver/valid; nothing of it changes until the manifest passes (saasgov lint apps/payroll.yaml shows the findings)',
    );
    // The stack keeps listing it, and the next update can hold it again.
    expect(Object.keys(await valueOf(result.apps))).toEqual(['crm-salesforce', 'payroll']);
    expect(deployedStateFromOutputs(await valueOf(result.deployed), {}).apps.get('payroll')).toEqual(state.apps.get('payroll'));
  });

  it('holds an app whose manifest no longer parses, found by the file it was deployed from', async () => {
    const dir = project({ 'apps/payroll.yaml': fixtureText('payroll.yaml') });
    const { state, resources: before } = await deployedAfter(dir);
    writeFileSync(path.join(dir, 'apps/payroll.yaml'), 'apiVersion: saasgov.dev/v1\nkind: [unclosed\n');
    const { result, resources: after } = await run(settings({ cwd: dir }), state);
    expect(result.held).toEqual([{ app: 'payroll', filePath: 'apps/payroll.yaml', rules: ['manifest/syntax'] }]);
    expect(result.skipped).toEqual([]);
    expect(shape(after)).toEqual(shape(before));
  });

  it('removes an app whose manifest was deleted (the retire flow): nothing of it is registered', async () => {
    const dir = project({ 'apps/payroll.yaml': fixtureText('payroll.yaml'), 'apps/crm.yaml': fixtureText('crm.yaml') });
    const { state } = await deployedAfter(dir);
    rmSync(path.join(dir, 'apps/payroll.yaml'));
    const { result, resources } = await run(settings({ cwd: dir }), state);
    expect(resources.filter((r) => r.name.startsWith('payroll'))).toEqual([]);
    expect(result.held).toEqual([]);
  });

  it('refuses, naming the app, to update a stack that holds a failing app but kept no record of it (deployed before the record)', async () => {
    const dir = project({ 'apps/payroll.yaml': expiring });
    const pre = { apps: new Map(), unrecorded: new Set(['payroll']) };
    const { resources, value } = await deployRefused(dir, { asOf: AFTER }, pre);
    expect(value).toBeInstanceOf(ProvisioningRefused);
    expect((value as Error).message).toContain('apps/payroll.yaml (payroll): the stack holds this app but no record of what it deployed');
    expect(resources).toEqual([]);
  });

  it('under saasgov:strict, a held app alone does not block the update; an edit to its failing manifest does', async () => {
    const dir = project({ 'apps/payroll.yaml': expiring, 'apps/crm.yaml': fixtureText('crm.yaml') });
    const { state } = await deployedAfter(dir);
    const { result } = await run(settings({ cwd: dir, asOf: AFTER, strict: true }), state);
    expect(result.held.map((h) => h.app)).toEqual(['payroll']);
    writeFileSync(path.join(dir, 'apps/payroll.yaml'), edit(expiring, { set: { 'spec.access.groups': ['people-ops'] } }));
    const { value, resources } = await deployRefused(dir, { asOf: AFTER, strict: true }, state);
    expect((value as Error).message).toContain('apps/payroll.yaml (payroll): it fails ownership/owners, waiver/valid and changes what is deployed');
    expect(resources).toEqual([]);
  });

  it('refuses a change that replaces a production app unless the manifest allows it, then lists the old app to deactivate', async () => {
    const dir = project({ 'apps/crm.yaml': fixtureText('crm.yaml') });
    const { state } = await deployedAfter(dir);
    writeFileSync(path.join(dir, 'apps/crm.yaml'), edit(fixtureText('crm.yaml'), { set: { 'spec.sso.okta': { preconfiguredApp: 'salesforce_sandbox' } } }));
    const { value, resources } = await deployRefused(dir, {}, state);
    expect((value as Error).message).toContain(
      'apps/crm.yaml (crm-salesforce): spec.sso.okta.preconfiguredApp changes from "salesforce" to "salesforce_sandbox", which replaces the production Okta app crm-salesforce-app-id',
    );
    expect((value as Error).message).toContain('set spec.sso.okta.allowReplacement: true to accept it');
    expect(resources).toEqual([]);

    const toOidc = edit(fixtureText('expenses.yaml'), { set: { 'metadata.name': 'crm-salesforce', 'spec.lifecycle': 'production' } });
    writeFileSync(path.join(dir, 'apps/crm.yaml'), toOidc);
    expect(((await deployRefused(dir, {}, state)).value as Error).message).toContain('sso.protocol changes the app\'s type from okta:app/saml:Saml to okta:app/oAuth:OAuth');

    writeFileSync(path.join(dir, 'apps/crm.yaml'), edit(toOidc, { set: { 'spec.sso.okta': { allowReplacement: true } } }));
    const { result } = await run(settings({ cwd: dir }), state);
    const step = result.manualSteps.find((m) => m.topic === 'replaced-app')!;
    expect(step.app).toBe('crm-salesforce');
    expect(step.steps.join('\n')).toContain('open the old app (id crm-salesforce-app-id) › Deactivate');
  });

  it('does not refuse replacing an app that is not production', async () => {
    const dir = project({ 'apps/lunch.yaml': fixtureText('lunch.yaml') });
    const { state } = await deployedAfter(dir);
    writeFileSync(path.join(dir, 'apps/lunch.yaml'), edit(fixtureText('lunch.yaml'), { set: { 'spec.sso.okta': { preconfiguredApp: 'lunchco' } } }));
    const { result } = await run(settings({ cwd: dir }), state);
    expect(result.integrations.map((i) => i.app)).toEqual(['lunch-orders']);
  });

  it('adopts an app named by okta.appId that the stack does not hold, and only once', async () => {
    const appId = '0oa1b2c3d4E5f6G7h8i9';
    const dir = project({ 'apps/payroll.yaml': edit(fixtureText('payroll.yaml'), { set: { 'spec.sso.okta': { appId } } }) });
    const { resources, state } = await (async () => {
      const r = await deployedAfter(dir);
      return { resources: r.resources, state: r.state };
    })();
    expect(registered(resources, 'payroll-app').importId).toBe(appId);
    expect(resources.map((r) => r.name).sort()).toEqual(['payroll', 'payroll-app']);
    const { resources: next } = await run(settings({ cwd: dir }), state);
    expect(registered(next, 'payroll-app').importId).toBe('');
    expect(next.map((r) => r.name)).toContain('payroll-groups');

    writeFileSync(path.join(dir, 'apps/other.yaml'), edit(fixtureText('payroll.yaml'), { set: { 'metadata.name': 'payroll-two', 'metadata.formerNames': [], 'spec.sso.okta': { appId } } }));
    const { value } = await deployRefused(dir, {}, state);
    expect((value as Error).message).toContain(`apps/other.yaml (payroll-two): spec.sso.okta.appId ${appId} is already managed as payroll`);
  });

  it('records an adopted app as Okta holds it, so the next update refuses a change that would replace it (a second app) unless allowed', async () => {
    const appId = '0oa1b2c3d4E5f6G7h8i9';
    const dir = project({ 'apps/payroll.yaml': edit(fixtureText('payroll.yaml'), { set: { 'spec.lifecycle': 'deprecated', 'spec.sso.okta': { appId } } }) });
    // What Okta has under that id: an OIN app, not the custom SAML app the manifest describes.
    const known = (_type: string, name: string) => (name === 'payroll-app' ? { id: appId, outputs: { label: 'Payroll (Workday)', preconfiguredApp: 'workday', signOnMode: 'SAML_2_0' } } : undefined);
    const { result } = await run(settings({ cwd: dir }), NOTHING_DEPLOYED, { known });
    const state = deployedStateFromOutputs(await valueOf(result.deployed), await valueOf(result.apps));
    expect(state.apps.get('payroll')!.resources[0]!.inputs).toMatchObject({ preconfiguredApp: 'workday', label: 'Payroll (Workday)' });
    const { value, resources } = await deployRefused(dir, {}, state);
    expect((value as Error).message).toContain(
      `apps/payroll.yaml (payroll): spec.sso.okta.preconfiguredApp changes from "workday" to "(custom app)", which replaces the Okta app adopted by spec.sso.okta.appId ${appId}`,
    );
    expect(resources).toEqual([]);
  });

  it('refuses an okta.appId other than the app the stack manages', async () => {
    const dir = project({ 'apps/payroll.yaml': fixtureText('payroll.yaml') });
    const { state } = await deployedAfter(dir);
    writeFileSync(path.join(dir, 'apps/payroll.yaml'), edit(fixtureText('payroll.yaml'), { set: { 'spec.sso.okta': { appId: '0oaZZZZZZZZZZZZZZZZZ' } } }));
    const { value } = await deployRefused(dir, {}, state);
    expect((value as Error).message).toContain('apps/payroll.yaml (payroll): spec.sso.okta.appId is 0oaZZZZZZZZZZZZZZZZZ, but the stack manages this app as payroll-app-id');
  });
});

describe('reading what the previous update deployed', () => {
  it('reads the stack outputs deployed and apps through a stack reference to the stack itself', async () => {
    const dir = project({ 'apps/payroll.yaml': fixtureText('payroll.yaml') });
    const { result } = await run(settings({ cwd: dir }));
    const stackOutputs = { deployed: await valueOf(result.deployed), apps: await valueOf(result.apps) };
    const { value } = await deploy(() => readDeployedState(), { mocks: { stackOutputs } });
    expect([...value.apps.keys()]).toEqual(['payroll']);
    expect(value.apps.get('payroll')!.filePath).toBe('apps/payroll.yaml');
    const { value: none } = await deploy(() => readDeployedState(), { mocks: { stackOutputs: { apps: { legacy: { id: '0oa' } } } } });
    expect([...none.unrecorded]).toEqual(['legacy']);
  });
});
