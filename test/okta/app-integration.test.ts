/**
 * The AppIntegration component under Pulumi's runtime mocks: resource types,
 * names and inputs per kind of app, group lookups, the two-factor policy, and
 * the resource options the engine receives (read from the register requests).
 */
import type { OAuth } from '@pulumi/okta/app';
import { specialSecretSig, specialSigKey } from '@pulumi/pulumi/runtime/rpc';
import { describe, expect, it } from 'vitest';
import { AppIntegration } from '../../src/okta/app-integration';
import { oauthAppArgs, provisioningFeaturesArgs, samlAppArgs, swaAppArgs } from '../../src/okta/mapping';
import { mockClientSecret, mockGroupId } from '../../src/plan/mocks';
import { fixture, fixtureWith } from './manifests';
import { deploy, deployWithoutAliasSpecs, registered, typesAndNames, urnOf, valueOf } from './pulumi-harness';

const COMPONENT = 'saasgov:okta:AppIntegration';
const child = (type: string, name: string) => urnOf(type, name, COMPONENT);
const secret = (value: unknown) => ({ [specialSigKey]: specialSecretSig, value });

describe('SAML, custom app (payroll: production, two factors, renamed)', () => {
  it('creates the policy, its rule, the app and one group assignment under the component', async () => {
    const { resources } = await deploy(() => new AppIntegration('payroll', { manifest: fixture('payroll.yaml') }));
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
    const { resources } = await deploy(() => new AppIntegration('payroll', { manifest: fixture('payroll.yaml') }));
    const app = registered(resources, 'payroll-app');
    expect(app.inputs).toEqual({ ...samlAppArgs(fixture('payroll.yaml')), authenticationPolicy: 'payroll-mfa-policy-id' });
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
    const { resources } = await deploy(() => new AppIntegration('payroll', { manifest: fixture('payroll.yaml') }));
    expect(registered(resources, 'payroll-groups').inputs).toEqual({
      appId: 'payroll-app-id',
      groups: [
        { id: mockGroupId('people-ops'), profile: '{}' },
        { id: mockGroupId('payroll-admins'), profile: '{}' },
      ],
    });
  });

  it('retains every resource of a production app on delete, and aliases the component to its former names', async () => {
    const { resources } = await deploy(() => new AppIntegration('payroll', { manifest: fixture('payroll.yaml') }));
    for (const r of resources.filter((r) => r.custom)) expect([r.name, r.retainOnDelete, r.protect]).toEqual([r.name, true, false]);
    expect(registered(resources, 'payroll').aliases).toEqual([{ name: 'payroll-legacy' }]);
    // With alias specs the engine derives the children's aliases from the parent's; they send none of their own.
    for (const r of resources.filter((r) => r.custom)) expect(r.aliases).toEqual([]);
  });

  it('keeps every child across a rename: each child follows its parent\'s former name', async () => {
    // The component's own alias is an alias spec (asserted above); here the SDK
    // computes each child's aliases from its parent's former URN, as the engine does.
    const { resources } = await deployWithoutAliasSpecs(() => new AppIntegration('payroll', { manifest: fixture('payroll.yaml') }));
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
    const { value } = await deploy(() => new AppIntegration('payroll', { manifest: fixture('payroll.yaml') }));
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
    const { resources, value } = await deploy(() => new AppIntegration('crm-salesforce', { manifest }));
    expect(registered(resources, 'crm-salesforce-app').inputs).toEqual({ label: 'Salesforce Sales Cloud', preconfiguredApp: 'salesforce', authenticationPolicy: 'crm-salesforce-mfa-policy-id' });
    expect(resources.map((r) => r.type)).not.toContain('okta:app/connection:Connection');
    expect(value.manualSteps).toHaveLength(1);
    expect(value.manualSteps[0]!.reason).toContain('no SCIM connection');
  });

  it('configures the SCIM connection (token secret) and the To App features when the stack holds a token', async () => {
    const token = 'scim-token-from-the-stack';
    const { resources, value } = await deploy(() => new AppIntegration('crm-salesforce', { manifest, scim: { baseUrl: 'https://scim.example.com/v2', token } }));
    const connection = registered(resources, 'crm-salesforce-scim-connection');
    expect(connection.type).toBe('okta:app/connection:Connection');
    expect(connection.inputs).toEqual({
      idProperty: 'crm-salesforce-app-id',
      baseUrl: 'https://scim.example.com/v2',
      action: 'activate',
      profile: { authScheme: 'TOKEN', token: secret(token) },
    });
    expect(connection.additionalSecretOutputs).toEqual(['profile']);
    const features = registered(resources, 'crm-salesforce-scim-features');
    expect(features.type).toBe('okta:app/features:Features');
    expect(features.inputs).toEqual({ appId: 'crm-salesforce-app-id', ...provisioningFeaturesArgs(manifest) });
    expect(features.dependencies).toContain(child('okta:app/connection:Connection', 'crm-salesforce-scim-connection'));
    // Group push stays manual: the provider cannot do it.
    expect(value.manualSteps.map((s) => s.reason)).toEqual([expect.stringContaining('cannot push groups')]);
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
    const { resources, value, outputs } = await deploy(() => new AppIntegration(name, { manifest }));
    expect(typesAndNames(resources)).toEqual([
      [COMPONENT, name],
      ['okta:app/oAuth:OAuth', `${name}-app`],
      ['okta:index/appGroupAssignments:AppGroupAssignments', `${name}-groups`],
    ]);
    const app = registered(resources, `${name}-app`);
    expect(app.inputs).toEqual(oauthAppArgs(manifest));
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
    expect(Object.keys(componentOutputs).sort()).toEqual(['appId', 'clientId', 'label', 'lifecycle', 'retainOnDelete', 'signOnMode']);
    // What the policy pack reads, since the analyzer protocol does not carry retainOnDelete.
    expect(componentOutputs).toMatchObject({ lifecycle: manifest.spec.lifecycle, retainOnDelete: retained });
    expect(JSON.stringify(componentOutputs)).not.toContain(mockClientSecret(`${name}-app`));
  });
});

describe('SWA app (lunch-orders)', () => {
  it('creates the SWA app with the login URL and form selectors', async () => {
    const manifest = fixture('lunch.yaml');
    const { resources, value } = await deploy(() => new AppIntegration('lunch-orders', { manifest }));
    expect(typesAndNames(resources)).toEqual([
      [COMPONENT, 'lunch-orders'],
      ['okta:app/swa:Swa', 'lunch-orders-app'],
      ['okta:index/appGroupAssignments:AppGroupAssignments', 'lunch-orders-groups'],
    ]);
    expect(registered(resources, 'lunch-orders-app').inputs).toEqual(swaAppArgs(manifest));
    // Not production (deprecated): nothing is retained.
    expect(resources.some((r) => r.retainOnDelete)).toBe(false);
    expect(await valueOf(value.signOnMode)).toBe('BROWSER_PLUGIN');
    expect(value.manualSteps.map((s) => s.topic)).toEqual(['swa-login-form']);
  });

  it('assigns the two-factor policy with its own resource: okta.app.Swa has no authenticationPolicy', async () => {
    const manifest = fixtureWith('lunch.yaml', { set: { 'spec.sso.mfa': 'required' } });
    const { resources } = await deploy(() => new AppIntegration('lunch-orders', { manifest }));
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
    const { resources } = await deploy(() => new AppIntegration('expenses', { manifest }));
    expect(typesAndNames(resources).map(([type]) => type)).toEqual([COMPONENT, 'okta:app/oAuth:OAuth']);
  });

  it('refuses a manifest without SSO: there is no app to create', async () => {
    await expect(deploy(() => new AppIntegration('status-page', { manifest: fixture('status-page.yaml') }))).rejects.toThrow(/sso.protocol is none/);
  });
});
