/**
 * The AppIntegration component under Pulumi's runtime mocks: resource types,
 * names and inputs per kind of app, group lookups, the two-factor policy, and
 * the resource options the engine receives (read from the register requests).
 */
import type { OAuth } from '@pulumi/okta/app';
import { specialSecretSig, specialSigKey } from '@pulumi/pulumi/runtime/rpc';
import { describe, expect, it } from 'vitest';
import { AppIntegration, type AppIntegrationArgs } from '../../src/okta/app-integration';
import type { DeployedApp } from '../../src/okta/deployed';
import { HeldIntegration } from '../../src/okta/held-integration';
import { adminNote, groupNames, oauthAppArgs, provisioningFeaturesArgs, samlAppArgs, swaAppArgs } from '../../src/okta/mapping';
import type { Manifest } from '../../src/manifest/schema';
import { mockClientSecret, mockGroupId } from '../../src/plan/mocks';
import { edit } from '../helpers';
import { fixture, fixtureText, fixtureWith, manifestOf } from './manifests';
import { deploy, deployWithoutAliasSpecs, registered, typesAndNames, urnOf, valueOf } from './pulumi-harness';

const COMPONENT = 'saasgov:okta:AppIntegration';
const child = (type: string, name: string) => urnOf(type, name, COMPONENT);
const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });

/** An AppIntegration as the program makes one: the manifest's file, and the ids of its groups (looked up before). */
function integration(name: string, manifest: Manifest, extra: Partial<AppIntegrationArgs> = {}): AppIntegration {
  const groupIds = new Map(groupNames(manifest).map((g) => [g, mockGroupId(g)]));
  return new AppIntegration(name, { manifest, filePath: `apps/${name}.yaml`, groupIds, ...extra });
}
/** crm.yaml as a Zscaler 2.0 app: the OIN app whose connection the stack configures. */
const zscaler = (set: Record<string, unknown> = {}) => fixtureWith('crm.yaml', { set: { 'spec.sso.okta': { preconfiguredApp: 'zscalerbyz' }, ...set } });
/** The first document of services.yaml (reporting-service, an OIDC service app), edited. */
const serviceWith = (set: Record<string, unknown>) => manifestOf(edit(fixtureText('services.yaml').split(/^---\n/m)[0]!, { set }));

describe('SAML, custom app (payroll: production, two factors, renamed)', () => {
  it('creates the policy, its rule, the app and one group assignment under the component', async () => {
    const { resources } = await deploy(() => integration('payroll', fixture('payroll.yaml')));
    expect(typesAndNames(resources)).toEqual([
      [COMPONENT, 'payroll'],
      ['okta:app/saml:Saml', 'payroll-app'],
      ['okta:index/appGroupAssignments:AppGroupAssignments', 'payroll-groups'],
      ['okta:index/appSignonPolicy:AppSignonPolicy', 'payroll-mfa-policy'],
      ['okta:index/appSignonPolicyRule:AppSignonPolicyRule', 'payroll-mfa-rule'],
    ]);
    const componentUrn = urnOf(COMPONENT, 'payroll');
    for (const r of resources.filter((r) => r.custom)) expect(r.parent).toBe(componentUrn);
    expect(registered(resources, 'payroll').parent).toBe('');
  });

  it('gives the app the mapped inputs and the two-factor policy as its authentication policy', async () => {
    const { resources } = await deploy(() => integration('payroll', fixture('payroll.yaml')));
    const app = registered(resources, 'payroll-app');
    expect(app.inputs).toEqual({ ...samlAppArgs(fixture('payroll.yaml')), adminNote: adminNote(fixture('payroll.yaml'), 'apps/payroll.yaml'), authenticationPolicy: 'payroll-mfa-policy-id' });
    expect(registered(resources, 'payroll-mfa-policy').inputs).toEqual({
      name: 'saasgov payroll two factors',
      description: 'Two factors for Payroll Portal (saasgov manifest payroll, sso.mfa: required)',
      catchAll: false,
    });
    expect(registered(resources, 'payroll-mfa-rule').inputs).toEqual({
      policyId: 'payroll-mfa-policy-id',
      name: 'Require two factors',
      access: 'ALLOW',
      factorMode: '2FA',
      type: 'ASSURANCE',
      priority: 1,
      status: 'ACTIVE',
    });
    // The app is attached only once the two-factor rule exists.
    expect(app.dependencies).toContain(child('okta:index/appSignonPolicyRule:AppSignonPolicyRule', 'payroll-mfa-rule'));
  });

  it('assigns the groups by the ids looked up by name', async () => {
    const { resources } = await deploy(() => integration('payroll', fixture('payroll.yaml')));
    expect(registered(resources, 'payroll-groups').inputs).toEqual({
      appId: 'payroll-app-id',
      groups: [
        { id: mockGroupId('people-ops'), profile: '{}' },
        { id: mockGroupId('payroll-admins'), profile: '{}' },
      ],
    });
  });

  it('retains every resource of a production app on delete, and aliases the component to its former names', async () => {
    const { resources } = await deploy(() => integration('payroll', fixture('payroll.yaml')));
    for (const r of resources.filter((r) => r.custom)) expect([r.name, r.retainOnDelete, r.protect]).toEqual([r.name, true, false]);
    expect(registered(resources, 'payroll').aliases).toEqual([{ name: 'payroll-legacy' }]);
    // With alias specs the engine derives the children's aliases from the parent's; they send none of their own.
    for (const r of resources.filter((r) => r.custom)) expect(r.aliases).toEqual([]);
  });

  it('keeps every child across a rename: each child follows its parent\'s former name', async () => {
    // The component's own alias is an alias spec (asserted above); here the SDK
    // computes each child's aliases from its parent's former URN, as the engine does.
    const { resources } = await deployWithoutAliasSpecs(() => integration('payroll', fixture('payroll.yaml')));
    for (const [type, name] of [
      ['okta:app/saml:Saml', 'app'],
      ['okta:index/appGroupAssignments:AppGroupAssignments', 'groups'],
      ['okta:index/appSignonPolicy:AppSignonPolicy', 'mfa-policy'],
      ['okta:index/appSignonPolicyRule:AppSignonPolicyRule', 'mfa-rule'],
    ] as const) {
      expect(registered(resources, `payroll-${name}`).aliases).toEqual([{ urn: child(type, `payroll-legacy-${name}`) }]);
    }
  });

  it('exports the app id, sign-on mode and SAML metadata URL', async () => {
    const { value } = await deploy(() => integration('payroll', fixture('payroll.yaml')));
    expect(await valueOf(value.appId)).toBe('payroll-app-id');
    expect(await valueOf(value.signOnMode)).toBe('SAML_2_0');
    expect(await valueOf(value.metadataUrl!)).toBe('https://example.okta.com/app/payroll-app-id/sso/saml/metadata');
    expect(value.clientId).toBeUndefined();
    expect(value.manualSteps.map((s) => s.topic)).toEqual(['scim']);
  });
});

describe('SAML, OIN app (crm-salesforce)', () => {
  const manifest = fixture('crm.yaml');

  it('creates the preconfigured app by its key, and leaves SCIM to an admin without a stack token', async () => {
    const { resources, value } = await deploy(() => integration('crm-salesforce', manifest));
    expect(registered(resources, 'crm-salesforce-app').inputs).toEqual({
      label: 'Salesforce Sales Cloud',
      preconfiguredApp: 'salesforce',
      appSettingsJson: '{"instanceType":"PRODUCTION","integrationType":"STANDARD"}',
      adminNote: adminNote(manifest, 'apps/crm-salesforce.yaml'),
      authenticationPolicy: 'crm-salesforce-mfa-policy-id',
    });
    expect(resources.map((r) => r.type)).not.toContain('okta:app/connection:Connection');
    expect(value.manualSteps).toHaveLength(1);
    expect(value.manualSteps[0]!.reason).toContain("Okta's API configures provisioning connections only for the OIN apps");
  });

});

describe('SCIM of Zscaler 2.0, the app whose connection the stack configures', () => {
  const token = 'scim-token-from-the-stack';
  const scim = { baseUrl: 'https://scim.zscalerbeta.net/1234567/890/scim', token };

  it('configures the connection (token secret), the To App features and a push group per access group', async () => {
    const manifest = zscaler();
    const { resources, value } = await deploy(() => integration('zia', manifest, { scim }));
    const connection = registered(resources, 'zia-scim-connection');
    expect(connection.type).toBe('okta:app/connection:Connection');
    expect(connection.inputs).toEqual({ idProperty: 'zia-app-id', baseUrl: scim.baseUrl, action: 'activate', profile: { authScheme: 'TOKEN', token: secret(token) } });
    expect(connection.additionalSecretOutputs).toEqual(['profile']);
    const features = registered(resources, 'zia-scim-features');
    expect(features.inputs).toEqual({ appId: 'zia-app-id', ...provisioningFeaturesArgs(manifest) });
    expect(features.dependencies).toContain(child('okta:app/connection:Connection', 'zia-scim-connection'));
    for (const group of ['sales', 'sales-admins']) {
      const push = registered(resources, `zia-push-${group}`);
      expect(push.type).toBe('okta:index/pushGroup:PushGroup');
      expect(push.inputs).toEqual({ appId: 'zia-app-id', sourceGroupId: mockGroupId(group), status: 'ACTIVE', deleteTargetGroupOnDestroy: false });
      expect(push.dependencies).toContain(child('okta:app/connection:Connection', 'zia-scim-connection'));
    }
    expect(value.manualSteps).toEqual([]);
  });

  it('switches provisioning off in Okta when the manifest does (connection deactivated, every feature disabled), even without the token', async () => {
    const { value: first } = await deploy(() => integration('zia', zscaler(), { scim }));
    const previous = { app: 'zia', ...(await valueOf(first.record)) } as DeployedApp;
    const off = zscaler({ 'spec.provisioning.scim.enabled': false });
    const { resources } = await deploy(() => integration('zia', off, { previous }));
    const connection = registered(resources, 'zia-scim-connection');
    expect(connection.inputs).toMatchObject({ action: 'deactivate', baseUrl: scim.baseUrl });
    expect(JSON.stringify(connection.inputs.profile)).toContain(token);
    expect(registered(resources, 'zia-scim-features').inputs).toMatchObject({ status: 'DISABLED' });
    expect(resources.filter((r) => r.type === 'okta:index/pushGroup:PushGroup')).toEqual([]);
  });
});

describe('OIDC apps', () => {
  it.each([
    ['web (expenses)', 'expenses.yaml', 0, 'expenses', true],
    ['native (field-app)', 'field-app.yaml', 0, 'field-app', false],
    ['service (reporting-service)', 'services.yaml', 0, 'reporting-service', true],
    ['browser (dashboard-spa)', 'services.yaml', 1, 'dashboard-spa', false],
  ] as const)('%s: an OAuth app with its mapped inputs, a secret client secret, and its group assignment', async (_kind, file, index, name, retained) => {
    const manifest = fixture(file, index);
    const { resources, value, outputs } = await deploy(() => integration(name, manifest));
    expect(typesAndNames(resources)).toEqual([
      [COMPONENT, name],
      ['okta:app/oAuth:OAuth', `${name}-app`],
      ['okta:index/appGroupAssignments:AppGroupAssignments', `${name}-groups`],
    ]);
    const app = registered(resources, `${name}-app`);
    expect(app.inputs).toEqual({ ...oauthAppArgs(manifest), adminNote: adminNote(manifest, `apps/${name}.yaml`) });
    expect(app.additionalSecretOutputs).toContain('clientSecret');
    expect(app.retainOnDelete).toBe(retained);
    expect(registered(resources, `${name}-groups`).inputs).toEqual({
      appId: `${name}-app-id`,
      groups: manifest.spec.access!.groups!.map((g) => ({ id: mockGroupId(g), profile: '{}' })),
    });
    expect(await valueOf(value.clientId!)).toBe(`${name}-app-client-id`);
    expect(await valueOf(value.signOnMode)).toBe('OPENID_CONNECT');
    // The engine makes clientSecret a secret output (additionalSecretOutputs above;
    // mocks do not emulate that). The component never exports it.
    expect(await valueOf((value.app as OAuth).clientSecret)).toBe(mockClientSecret(`${name}-app`));
    const componentOutputs = outputs.get(urnOf(COMPONENT, name))!;
    expect(Object.keys(componentOutputs).sort()).toEqual(['appId', 'clientId', 'filePath', 'label', 'lifecycle', 'retainOnDelete', 'signOnMode']);
    // What the policy pack reads, since the analyzer protocol does not carry retainOnDelete.
    expect(componentOutputs).toMatchObject({ lifecycle: manifest.spec.lifecycle, retainOnDelete: retained });
    expect(JSON.stringify(componentOutputs)).not.toContain(mockClientSecret(`${name}-app`));
  });
});

describe('SWA app (lunch-orders)', () => {
  it('creates the SWA app with the login URL and form selectors', async () => {
    const manifest = fixture('lunch.yaml');
    const { resources, value } = await deploy(() => integration('lunch-orders', manifest));
    expect(typesAndNames(resources)).toEqual([
      [COMPONENT, 'lunch-orders'],
      ['okta:app/swa:Swa', 'lunch-orders-app'],
      ['okta:index/appGroupAssignments:AppGroupAssignments', 'lunch-orders-groups'],
    ]);
    expect(registered(resources, 'lunch-orders-app').inputs).toEqual({ ...swaAppArgs(manifest), adminNote: adminNote(manifest, 'apps/lunch-orders.yaml') });
    // Not production (deprecated): nothing is retained.
    expect(resources.some((r) => r.retainOnDelete)).toBe(false);
    expect(await valueOf(value.signOnMode)).toBe('BROWSER_PLUGIN');
    expect(value.manualSteps.map((s) => s.topic)).toEqual(['swa-login-form']);
  });

  it('reports an OIN SWA app as AUTO_LOGIN, as the provider creates it', async () => {
    const manifest = fixtureWith('lunch.yaml', { set: { 'spec.sso.okta': { preconfiguredApp: 'lunchco' } } });
    const { value } = await deploy(() => integration('lunch-orders', manifest));
    expect(await valueOf(value.signOnMode)).toBe('AUTO_LOGIN');
  });

  it('assigns the two-factor policy with its own resource: okta.app.Swa has no authenticationPolicy', async () => {
    const manifest = fixtureWith('lunch.yaml', { set: { 'spec.sso.mfa': 'required' } });
    const { resources } = await deploy(() => integration('lunch-orders', manifest));
    expect(registered(resources, 'lunch-orders-app').inputs).not.toHaveProperty('authenticationPolicy');
    const assignment = registered(resources, 'lunch-orders-mfa-assignment');
    expect(assignment.type).toBe('okta:app/accessPolicyAssignment:AccessPolicyAssignment');
    expect(assignment.inputs).toEqual({ appId: 'lunch-orders-app-id', policyId: 'lunch-orders-mfa-policy-id' });
    expect(assignment.dependencies).toContain(child('okta:index/appSignonPolicyRule:AppSignonPolicyRule', 'lunch-orders-mfa-rule'));
  });
});

describe('what the component refuses or leaves out', () => {
  it('creates no group assignment without access.groups, and no policy unless MFA is required', async () => {
    const manifest = fixtureWith('expenses.yaml', { remove: ['spec.access'] });
    const { resources } = await deploy(() => integration('expenses', manifest));
    expect(typesAndNames(resources).map(([type]) => type)).toEqual([COMPONENT, 'okta:app/oAuth:OAuth']);
  });

  it('gives an OIDC service app no sign-on policy even with mfa: required (Okta rejects one on it)', async () => {
    const { resources } = await deploy(() => integration('reporting-service', serviceWith({ 'spec.sso.mfa': 'required' })));
    expect(typesAndNames(resources).map(([type]) => type)).toEqual([COMPONENT, 'okta:app/oAuth:OAuth', 'okta:index/appGroupAssignments:AppGroupAssignments']);
    expect(registered(resources, 'reporting-service-app').inputs).not.toHaveProperty('authenticationPolicy');
  });

  it('refuses a manifest without SSO: there is no app to create', async () => {
    await expect(deploy(() => integration('status-page', fixture('status-page.yaml')))).rejects.toThrow(/sso.protocol is none/);
  });
});

describe('the manifest owns the groups it declares', () => {
  it('keeps the group assignment, emptied, when the manifest empties access.groups: Okta then removes the assignments', async () => {
    const { resources } = await deploy(() => integration('payroll', fixtureWith('payroll.yaml', { set: { 'spec.access.groups': [] } })));
    expect(registered(resources, 'payroll-groups').inputs).toEqual({ appId: 'payroll-app-id', groups: [] });
  });

  it('keeps it, emptied, when the manifest drops access altogether but the stack holds an assignment', async () => {
    const { value } = await deploy(() => integration('payroll', fixture('payroll.yaml')));
    const previous = { app: 'payroll', ...(await valueOf(value.record)) } as DeployedApp;
    const { resources } = await deploy(() => integration('payroll', fixtureWith('payroll.yaml', { remove: ['spec.access'] }), { previous }));
    expect(registered(resources, 'payroll-groups').inputs).toEqual({ appId: 'payroll-app-id', groups: [] });
  });
});

describe('adoption (okta.appId, not in the stack)', () => {
  const appId = '0oa1b2c3d4E5f6G7h8i9';

  it('imports the app as it is in Okta — every input it sets ignored for the import — and registers nothing else', async () => {
    const manifest = fixtureWith('payroll.yaml', { set: { 'spec.sso.okta': { appId } } });
    const { resources, value } = await deploy(() => integration('payroll', manifest, { adopt: true }));
    expect(typesAndNames(resources)).toEqual([
      [COMPONENT, 'payroll'],
      ['okta:app/saml:Saml', 'payroll-app'],
    ]);
    const app = registered(resources, 'payroll-app');
    expect(app.importId).toBe(appId);
    expect(app.ignoreChanges).toEqual(Object.keys(app.inputs).sort());
    expect(app.ignoreChanges).toContain('ssoUrl');
    expect(value.adopted).toBe(true);
    expect(value.manualSteps).toEqual([]);
  });

  it('converges once the stack holds it: no import, its children registered', async () => {
    const manifest = fixtureWith('payroll.yaml', { set: { 'spec.sso.okta': { appId } } });
    const { resources } = await deploy(() => integration('payroll', manifest));
    expect(registered(resources, 'payroll-app').importId).toBe('');
    expect(registered(resources, 'payroll-app').ignoreChanges).toEqual([]);
    expect(resources.map((r) => r.name)).toContain('payroll-groups');
  });
});

describe('the record of what was deployed, and a held app', () => {
  it('records every child with its resolved inputs and options, and the secret paths', async () => {
    const { value } = await deploy(() => integration('zia', zscaler(), { scim: { baseUrl: 'https://scim.example.com', token: 't0ken' }, intent: 'abc' }));
    const record = await valueOf(value.record);
    expect(record).toMatchObject({ filePath: 'apps/zia.yaml', lifecycle: 'production', intent: 'abc' });
    expect(record.resources.map((r) => r.name)).toEqual([
      'zia-app',
      'zia-groups',
      'zia-mfa-policy',
      'zia-mfa-rule',
      'zia-push-sales',
      'zia-push-sales-admins',
      'zia-scim-connection',
      'zia-scim-features',
    ]);
    const groups = record.resources.find((r) => r.name === 'zia-groups')!;
    expect(groups).toMatchObject({ type: 'okta:index/appGroupAssignments:AppGroupAssignments', id: 'zia-groups-id', retainOnDelete: true, inputs: { appId: 'zia-app-id' } });
    expect(record.resources.find((r) => r.name === 'zia-scim-connection')!.secretPaths).toEqual(['profile']);
  });

  it('registers a held app exactly as last deployed: same types, names, inputs and options', async () => {
    const { value, resources: before } = await deploy(() => integration('payroll', fixture('payroll.yaml')));
    const deployed = { app: 'payroll', ...(await valueOf(value.record)) } as DeployedApp;
    const { resources: after } = await deploy(() => new HeldIntegration(deployed));
    const shape = (rs: typeof before) =>
      rs.map((r) => ({ urn: r.urn, type: r.type, parent: r.parent, inputs: r.inputs, retainOnDelete: r.retainOnDelete, protect: r.protect, additionalSecretOutputs: r.additionalSecretOutputs }));
    expect(shape(after).sort((a, b) => (a.urn < b.urn ? -1 : 1))).toEqual(shape(before).sort((a, b) => (a.urn < b.urn ? -1 : 1)));
  });
});
