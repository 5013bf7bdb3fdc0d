/** The manifest → provider arguments mapping, without Pulumi. */
import { describe, expect, it } from 'vitest';
import {
  API_SCIM_FEATURES,
  appArgs,
  appLabel,
  appManualSteps,
  AUTHN_CONTEXT_CLASS_REF,
  groupAssignments,
  groupNames,
  MappingError,
  adminNote,
  NAME_ID_FORMATS,
  needsSignonPolicy,
  provisioningProblems,
  pushGroupArgs,
  NAME_ID_TEMPLATES,
  oauthAppArgs,
  provisioningFeaturesArgs,
  responseTypesFor,
  samlAppArgs,
  scimPlan,
  signonPolicyArgs,
  signonPolicyRuleArgs,
  swaAppArgs,
  SWA_FORM,
  tokenEndpointAuthMethodFor,
} from '../../src/okta/mapping';
import { edit } from '../helpers';
import { fixture, fixtureText, fixtureWith, manifestOf } from './manifests';

/** The first document of services.yaml (reporting-service, an OIDC service app), edited. */
const serviceWith = (set: Record<string, unknown>) => manifestOf(edit(fixtureText('services.yaml').split(/^---\n/m)[0]!, { set }));

describe('label', () => {
  it('is the display name, else the name', () => {
    expect(appLabel(fixture('payroll.yaml'))).toBe('Payroll Portal');
    expect(appLabel(fixture('field-app.yaml'))).toBe('field-app');
  });
});

describe('okta.app.Saml', () => {
  it('maps a custom SAML app: ACS URL as SSO URL, recipient and destination; audience; NameID; SHA-256 signing; attributes', () => {
    expect(samlAppArgs(fixture('payroll.yaml'))).toEqual({
      label: 'Payroll Portal',
      ssoUrl: 'https://acme.payco.example/saml/acs',
      recipient: 'https://acme.payco.example/saml/acs',
      destination: 'https://acme.payco.example/saml/acs',
      audience: 'https://acme.payco.example/saml/metadata',
      subjectNameIdFormat: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
      subjectNameIdTemplate: '${user.getInternalProperty("id")}',
      signatureAlgorithm: 'RSA_SHA256',
      digestAlgorithm: 'SHA256',
      responseSigned: true,
      assertionSigned: true,
      authnContextClassRef: AUTHN_CONTEXT_CLASS_REF,
      attributeStatements: [
        { name: 'email', namespace: 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified', type: 'EXPRESSION', values: ['user.email'] },
        { name: 'department', namespace: 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified', type: 'EXPRESSION', values: ['user.department'] },
      ],
    });
  });

  it('maps every NameID format to its URN and a fitting template', () => {
    const expected = {
      email: ['urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress', '${user.email}'],
      // Okta's Expression Language reads the user id with getInternalProperty("id"): user.id is not a profile attribute.
      persistent: ['urn:oasis:names:tc:SAML:2.0:nameid-format:persistent', '${user.getInternalProperty("id")}'],
      transient: ['urn:oasis:names:tc:SAML:2.0:nameid-format:transient', '${user.userName}'],
      unspecified: ['urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified', '${user.userName}'],
    };
    for (const [format, [urn, template]] of Object.entries(expected)) {
      const args = samlAppArgs(fixtureWith('payroll.yaml', { set: { 'spec.sso.saml.nameIdFormat': format } }));
      expect([args.subjectNameIdFormat, args.subjectNameIdTemplate]).toEqual([urn, template]);
      expect([NAME_ID_FORMATS[format as 'email'], NAME_ID_TEMPLATES[format as 'email']]).toEqual([urn, template]);
    }
  });

  it('takes signing from the manifest, with SHA-256 digests always', () => {
    const args = samlAppArgs(
      fixtureWith('payroll.yaml', { set: { 'spec.sso.saml.signatureAlgorithm': 'RSA_SHA1', 'spec.sso.saml.responseSigned': false } }),
    );
    expect(args).toMatchObject({ signatureAlgorithm: 'RSA_SHA1', digestAlgorithm: 'SHA256', responseSigned: false, assertionSigned: true });
  });

  it('uses the secure defaults of §1 when a custom app has no saml block, and omits what it does not know', () => {
    const args = samlAppArgs(fixtureWith('payroll.yaml', { remove: ['spec.sso.saml'] }));
    expect(args).toEqual({
      label: 'Payroll Portal',
      subjectNameIdFormat: NAME_ID_FORMATS.email,
      subjectNameIdTemplate: '${user.email}',
      signatureAlgorithm: 'RSA_SHA256',
      digestAlgorithm: 'SHA256',
      responseSigned: true,
      assertionSigned: true,
      authnContextClassRef: AUTHN_CONTEXT_CLASS_REF,
    });
  });

  it('maps an OIN app to its key, label and instance settings (appSettingsJson, keys sorted): the template owns endpoints and signing', () => {
    const settings = JSON.stringify({ instanceType: 'PRODUCTION', integrationType: 'STANDARD' });
    expect(samlAppArgs(fixture('crm.yaml'))).toEqual({ label: 'Salesforce Sales Cloud', preconfiguredApp: 'salesforce', appSettingsJson: settings });
    const withSaml = fixtureWith('crm.yaml', { set: { 'spec.sso.saml': { acsUrl: 'https://x.example/acs' } } });
    expect(samlAppArgs(withSaml)).toEqual({ label: 'Salesforce Sales Cloud', preconfiguredApp: 'salesforce', appSettingsJson: settings });
    const reordered = fixtureWith('crm.yaml', { set: { 'spec.sso.okta.settings': { integrationType: 'STANDARD', instanceType: 'PRODUCTION' } } });
    expect(samlAppArgs(reordered).appSettingsJson).toBe(settings);
    expect(samlAppArgs(fixtureWith('crm.yaml', { remove: ['spec.sso.okta.settings'] }))).toEqual({ label: 'Salesforce Sales Cloud', preconfiguredApp: 'salesforce' });
  });
});

describe('okta.app.OAuth', () => {
  it('maps a web app: a confidential client with the code flow, PKCE and static refresh tokens', () => {
    expect(oauthAppArgs(fixture('expenses.yaml'))).toEqual({
      label: 'Expense Reports',
      type: 'web',
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: ['https://expenses.example.com/oauth/callback'],
      postLogoutRedirectUris: ['https://expenses.example.com/'],
      responseTypes: ['code'],
      pkceRequired: true,
      tokenEndpointAuthMethod: 'client_secret_basic',
      refreshTokenRotation: 'STATIC',
    });
  });

  it('maps a native app: a public client (no secret) with PKCE and rotating refresh tokens', () => {
    expect(oauthAppArgs(fixture('field-app.yaml'))).toEqual({
      label: 'field-app',
      type: 'native',
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: ['https://field.example.com/app/callback', 'http://127.0.0.1/callback'],
      responseTypes: ['code'],
      pkceRequired: true,
      tokenEndpointAuthMethod: 'none',
      refreshTokenRotation: 'ROTATE',
      refreshTokenLeeway: 30,
    });
  });

  it('maps a browser app (single-page app) as a public client', () => {
    expect(oauthAppArgs(fixture('services.yaml', 1))).toEqual({
      label: 'Ops Dashboard',
      type: 'browser',
      grantTypes: ['authorization_code'],
      redirectUris: ['https://dashboard.example.com/callback'],
      responseTypes: ['code'],
      pkceRequired: true,
      tokenEndpointAuthMethod: 'none',
    });
  });

  it('maps a service app: client credentials, a client secret, no redirect URIs and no PKCE', () => {
    expect(oauthAppArgs(fixture('services.yaml', 0))).toEqual({
      label: 'reporting-service',
      type: 'service',
      grantTypes: ['client_credentials'],
      responseTypes: ['token'],
      pkceRequired: false,
      tokenEndpointAuthMethod: 'client_secret_basic',
    });
    const withUris = fixtureWith('expenses.yaml', { set: { 'spec.sso.oidc.type': 'service', 'spec.sso.oidc.grantTypes': ['client_credentials'] } });
    expect(oauthAppArgs(withUris)).not.toHaveProperty('redirectUris');
  });

  it('chooses the token endpoint auth method by client type and PKCE', () => {
    expect(tokenEndpointAuthMethodFor({ type: 'browser', pkce: true })).toBe('none');
    expect(tokenEndpointAuthMethodFor({ type: 'native', pkce: true })).toBe('none');
    expect(tokenEndpointAuthMethodFor({ type: 'native', pkce: false })).toBe('client_secret_basic');
    expect(tokenEndpointAuthMethodFor({ type: 'web', pkce: true })).toBe('client_secret_basic');
    expect(tokenEndpointAuthMethodFor({ type: 'service', pkce: true })).toBe('client_secret_basic');
    const native = oauthAppArgs(fixtureWith('field-app.yaml', { set: { 'spec.sso.oidc.pkce': false } }));
    expect(native).toMatchObject({ pkceRequired: false, tokenEndpointAuthMethod: 'client_secret_basic', refreshTokenRotation: 'STATIC' });
  });

  it('derives response types from the grants', () => {
    expect(responseTypesFor(['authorization_code'])).toEqual(['code']);
    expect(responseTypesFor(['authorization_code', 'refresh_token'])).toEqual(['code']);
    expect(responseTypesFor(['client_credentials'])).toEqual(['token']);
    expect(responseTypesFor(['implicit'])).toEqual(['id_token', 'token']);
    expect(responseTypesFor(['authorization_code', 'implicit'])).toEqual(['code', 'id_token', 'token']);
    expect(responseTypesFor(['password'])).toEqual([]);
    const passwordOnly = oauthAppArgs(fixtureWith('expenses.yaml', { set: { 'spec.sso.oidc.grantTypes': ['password'] } }));
    expect(passwordOnly).not.toHaveProperty('responseTypes');
  });

  it('de-duplicates grant types, keeps an OIN key, and omits an empty post-logout list', () => {
    const m = fixtureWith('expenses.yaml', {
      set: { 'spec.sso.oidc.grantTypes': ['authorization_code', 'authorization_code'], 'spec.sso.oidc.postLogoutRedirectUris': [], 'spec.sso.okta': { preconfiguredApp: 'expensify' } },
    });
    const args = oauthAppArgs(m);
    expect(args.grantTypes).toEqual(['authorization_code']);
    expect(args.preconfiguredApp).toBe('expensify');
    expect(args).not.toHaveProperty('postLogoutRedirectUris');
  });

  it('refuses an OIDC manifest without its oidc block: the app type is unknown', () => {
    const m = fixtureWith('expenses.yaml', { remove: ['spec.sso.oidc'] });
    expect(() => oauthAppArgs(m)).toThrow(MappingError);
    expect(() => appArgs(m, 'apps/expenses.yaml')).toThrow(/spec\.sso\.oidc is missing/);
  });
});

describe('okta.app.Swa', () => {
  it('maps a custom SWA app to the login URL and generic form selectors', () => {
    expect(swaAppArgs(fixture('lunch.yaml'))).toEqual({ label: 'Lunch Orders', url: 'https://lunch.example.com/login', ...SWA_FORM });
  });

  it('maps an OIN SWA app to its key and instance settings', () => {
    expect(swaAppArgs(fixtureWith('lunch.yaml', { set: { 'spec.sso.okta': { preconfiguredApp: 'lunchco' } } }))).toEqual({ label: 'Lunch Orders', preconfiguredApp: 'lunchco' });
    expect(swaAppArgs(fixtureWith('lunch.yaml', { set: { 'spec.sso.okta': { preconfiguredApp: 'workday', settings: { siteURL: 'https://wd5.example.com' } } } }))).toEqual({
      label: 'Lunch Orders',
      preconfiguredApp: 'workday',
      appSettingsJson: '{"siteURL":"https://wd5.example.com"}',
    });
  });
});

describe('appArgs', () => {
  it('picks the resource by protocol, and nothing for none', () => {
    expect(appArgs(fixture('payroll.yaml'), 'apps/payroll.yaml')?.protocol).toBe('saml');
    expect(appArgs(fixture('expenses.yaml'), 'apps/expenses.yaml')?.protocol).toBe('oidc');
    expect(appArgs(fixture('lunch.yaml'), 'apps/lunch.yaml')?.protocol).toBe('swa');
    expect(appArgs(fixture('status-page.yaml'), 'apps/status-page.yaml')).toBeNull();
  });

  it('gives every app an admin note: managed as code, where its manifest lives, and production marked for the policy pack', () => {
    expect(appArgs(fixture('payroll.yaml'), 'apps/payroll.yaml')?.args.adminNote).toBe(
      'Managed as code by saasgov from apps/payroll.yaml (payroll): change the manifest, not this app; changes made here are reverted. saasgov:lifecycle=production',
    );
    expect(appArgs(fixture('lunch.yaml'), 'apps/lunch.yaml')?.args.adminNote).toBe(adminNote(fixture('lunch.yaml'), 'apps/lunch.yaml'));
    expect(adminNote(fixture('lunch.yaml'), 'apps/lunch.yaml')).not.toContain('saasgov:lifecycle=production');
  });
});

describe('what the provider would reject (refused before any change)', () => {
  it('refuses a custom SAML app without acsUrl or audience, even where sso/saml-hardening is waived', () => {
    expect(provisioningProblems(fixture('payroll.yaml'))).toEqual([]);
    const problems = provisioningProblems(fixtureWith('payroll.yaml', { remove: ['spec.sso.saml.acsUrl', 'spec.sso.saml.audience'] }));
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^spec\.sso\.saml\.acsUrl is missing: Okta needs it to create a custom SAML app/);
    expect(problems[1]).toMatch(/^spec\.sso\.saml\.audience is missing/);
    expect(provisioningProblems(fixtureWith('payroll.yaml', { remove: ['spec.sso.saml'] }))).toHaveLength(2);
  });

  it('refuses an OIDC service app without the client credentials grant', () => {
    expect(provisioningProblems(fixture('services.yaml'))).toEqual([]);
    const problems = provisioningProblems(serviceWith({ 'spec.sso.oidc.grantTypes': ['authorization_code'] }));
    expect(problems).toEqual([expect.stringMatching(/^spec\.sso\.oidc\.grantTypes lacks client_credentials/)]);
  });

  it('refuses an OIN app without the instance settings Okta requires for it, or with a value Okta does not take', () => {
    expect(provisioningProblems(fixture('crm.yaml'))).toEqual([]);
    expect(provisioningProblems(fixtureWith('crm.yaml', { remove: ['spec.sso.okta.settings'] }))).toEqual([
      expect.stringMatching(/^spec\.sso\.okta\.settings\.instanceType is missing: Okta requires it for the "salesforce" app \(one of SANDBOX, PRODUCTION, GOVERNMENT\)/),
      expect.stringMatching(/^spec\.sso\.okta\.settings\.integrationType is missing/),
    ]);
    expect(provisioningProblems(fixtureWith('crm.yaml', { set: { 'spec.sso.okta.settings.instanceType': 'PROD' } }))).toEqual([
      expect.stringMatching(/^spec\.sso\.okta\.settings\.instanceType must be one of SANDBOX, PRODUCTION, GOVERNMENT/),
    ]);
    const snowflake = fixtureWith('crm.yaml', { set: { 'spec.sso.okta': { preconfiguredApp: 'snowflake' } } });
    expect(provisioningProblems(snowflake)).toEqual([expect.stringContaining('spec.sso.okta.settings.subDomain is missing')]);
    // An OIN key Okta documents nothing for: nothing to require.
    expect(provisioningProblems(fixtureWith('crm.yaml', { set: { 'spec.sso.okta': { preconfiguredApp: 'atlassian' } } }))).toEqual([]);
    expect(provisioningProblems(fixtureWith('crm.yaml', { set: { 'spec.sso.okta': { preconfiguredApp: 'constructor' } } }))).toEqual([]);
  });
});

describe('groups and the two-factor policy', () => {
  it('assigns access.groups once each, in manifest order, with an empty app profile', () => {
    expect(groupNames(fixtureWith('payroll.yaml', { set: { 'spec.access.groups': ['b', 'a', 'b'] } }))).toEqual(['b', 'a']);
    expect(groupNames(fixture('status-page.yaml'))).toEqual([]);
    expect(groupAssignments(['00g1', '00g2'])).toEqual([
      { id: '00g1', profile: '{}' },
      { id: '00g2', profile: '{}' },
    ]);
  });

  it('gives no sign-on policy to an OIDC service app, whatever mfa says (Okta rejects one)', () => {
    expect(needsSignonPolicy(fixture('payroll.yaml'))).toBe(true);
    expect(needsSignonPolicy(serviceWith({ 'spec.sso.mfa': 'required' }))).toBe(false);
    expect(needsSignonPolicy(serviceWith({ 'spec.sso.mfa': 'required', 'spec.sso.oidc.type': 'web', 'spec.sso.oidc.redirectUris': ['https://r.example.com/cb'] }))).toBe(true);
  });

  it('makes a policy whose default rule denies, and a rule that allows everyone with two factors', () => {
    expect(signonPolicyArgs(fixture('payroll.yaml'))).toEqual({
      name: 'saasgov payroll two factors',
      description: 'Two factors for Payroll Portal (saasgov manifest payroll, sso.mfa: required)',
      catchAll: false,
    });
    expect(signonPolicyRuleArgs()).toEqual({ name: 'Require two factors', access: 'ALLOW', factorMode: '2FA', type: 'ASSURANCE', priority: 1, status: 'ACTIVE' });
  });
});

describe('SCIM', () => {
  it('switches each To App capability on exactly when the manifest lists it', () => {
    expect(provisioningFeaturesArgs(fixture('crm.yaml'))).toEqual({
      name: 'USER_PROVISIONING',
      status: 'ENABLED',
      capabilities: {
        create: { lifecycleCreate: { status: 'ENABLED' } },
        update: { profile: { status: 'ENABLED' }, lifecycleDeactivate: { status: 'ENABLED' }, password: { status: 'DISABLED' } },
      },
    });
    const only = provisioningFeaturesArgs(fixtureWith('crm.yaml', { set: { 'spec.provisioning.scim.features': ['deactivate', 'sync-password'] } }));
    expect(only.capabilities).toEqual({
      create: { lifecycleCreate: { status: 'DISABLED' } },
      update: { profile: { status: 'DISABLED' }, lifecycleDeactivate: { status: 'ENABLED' }, password: { status: 'ENABLED', seed: 'OKTA', change: 'CHANGE' } },
    });
    expect(API_SCIM_FEATURES).toEqual(['create', 'update', 'deactivate', 'sync-password']);
  });

  const zscaler = (changes: Parameters<typeof fixtureWith>[1]['set'] = {}) =>
    fixtureWith('crm.yaml', { set: { 'spec.sso.okta': { preconfiguredApp: 'zscalerbyz' }, ...changes } });

  it('switches every feature off when SCIM is off', () => {
    expect(provisioningFeaturesArgs(zscaler({ 'spec.provisioning.scim.enabled': false }))).toEqual({
      name: 'USER_PROVISIONING',
      status: 'DISABLED',
      capabilities: {
        create: { lifecycleCreate: { status: 'DISABLED' } },
        update: { profile: { status: 'DISABLED' }, lifecycleDeactivate: { status: 'DISABLED' }, password: { status: 'DISABLED' } },
      },
    });
  });

  it('does nothing when SCIM is off and saasgov never configured the connection', () => {
    expect(scimPlan(fixture('expenses.yaml'), { connection: true })).toEqual({ pushGroups: [] });
    expect(scimPlan(zscaler({ 'spec.provisioning.scim.enabled': false }), { connection: true })).toEqual({ pushGroups: [] });
  });

  it('deactivates a connection saasgov configured when the manifest switches SCIM off (the provider\'s delete only warns)', () => {
    expect(scimPlan(zscaler({ 'spec.provisioning.scim.enabled': false }), { connection: false, deployed: true })).toEqual({ connection: 'deactivate', pushGroups: [] });
  });

  it('automates only the OIN app whose connection Okta\'s API takes from a base URL and token (Zscaler 2.0), pushing its groups', () => {
    const plan = scimPlan(zscaler(), { connection: true });
    expect(plan).toEqual({ connection: 'activate', pushGroups: ['sales', 'sales-admins'] });
    const noPush = zscaler({ 'spec.provisioning.scim.features': ['create', 'deactivate'] });
    expect(scimPlan(noPush, { connection: true })).toEqual({ connection: 'activate', pushGroups: [] });
    expect(pushGroupArgs()).toEqual({ status: 'ACTIVE', deleteTargetGroupOnDestroy: false });
  });

  it('leaves imports to an admin with the true reason: Okta\'s API configures them only for a few apps', () => {
    const plan = scimPlan(zscaler({ 'spec.provisioning.scim.features': ['create', 'deactivate', 'import'] }), { connection: true });
    expect(plan.connection).toBe('activate');
    expect(plan.manual?.reason).toContain('imports (INBOUND_PROVISIONING) only for google, office365, okta_org2org, slack, zoomus');
    expect(plan.manual?.steps.join('\n')).toContain('To Okta: set the import schedule');
  });

  it('lists exact steps for Zscaler 2.0 when the stack holds no token, and how to automate it', () => {
    const plan = scimPlan(zscaler(), { connection: false });
    expect(plan.connection).toBeUndefined();
    expect(plan.manual).toMatchObject({ app: 'crm-salesforce', topic: 'scim' });
    expect(plan.manual?.reason).toContain('no SCIM connection for this app in saasgov:scim');
    const steps = plan.manual!.steps;
    expect(steps[1]).toContain('Enable API integration');
    expect(steps[2]).toBe('Provisioning tab › Settings › To App › Edit: turn on Create Users, Update User Attributes, Deactivate Users; leave Sync Password off; Save.');
    expect(steps[3]).toContain('push sales, sales-admins');
    expect(steps[4]).toContain(`pulumi config set --secret --path 'saasgov:scim["crm-salesforce"].token'`);
  });

  it('never tells the admin of an OIN app Okta\'s API cannot connect to set saasgov:scim, and says why', () => {
    for (const [oin, why] of [
      ['salesforce', 'Okta\'s API configures provisioning connections only for the OIN apps google, office365, okta_org2org, slack, zoomus, zscalerbyz'],
      ['slack', 'only with OAuth 2.0, which needs an admin\'s consent'],
      ['okta_org2org', 'requires a base URL'],
    ] as const) {
      const plan = scimPlan(fixtureWith('crm.yaml', { set: { 'spec.sso.okta': { preconfiguredApp: oin } } }), { connection: true });
      expect(plan.connection).toBeUndefined();
      expect(plan.pushGroups).toEqual([]);
      expect(plan.manual?.reason).toContain(why);
      expect(plan.manual?.steps.join('\n')).not.toContain('saasgov:scim');
      expect(plan.manual?.reason).toContain('Okta pushes groups only once provisioning is on in the app');
    }
  });

  it('lists exact steps for a custom app, whose connection Okta\'s API cannot configure', () => {
    const plan = scimPlan(fixture('payroll.yaml'), { connection: true });
    expect(plan.connection).toBeUndefined();
    expect(plan.manual?.reason).toContain('never for a custom app integration');
    expect(plan.manual?.steps).toEqual([
      'Okta Admin Console › Applications › Applications › open "Payroll Portal" (created by saasgov for payroll).',
      'General tab › App Settings › Edit › Provisioning: select "SCIM", then Save.',
      "Provisioning tab › Integration › Edit: enter the vendor's SCIM connector base URL; Unique identifier field for users: userName; Supported provisioning actions: Push New Users, Push Profile Updates; Authentication Mode: HTTP Header, with the vendor's SCIM bearer token; click \"Test Connector Configuration\", then Save.",
      'Provisioning tab › Settings › To App › Edit: turn on Create Users, Update User Attributes, Deactivate Users; leave Sync Password off; Save.',
    ]);
    const withImport = scimPlan(fixtureWith('payroll.yaml', { set: { 'spec.provisioning.scim.features': ['create', 'deactivate', 'import', 'push-groups'] } }), { connection: false });
    const text = withImport.manual!.steps.join('\n');
    expect(text).toContain('Supported provisioning actions: Push New Users, Push Profile Updates, Push Groups, Import New Users and Profile Updates');
    expect(text).toContain('To Okta: set the import schedule');
    expect(text).toContain('push people-ops, payroll-admins');
  });

  it('says that an app without SSO has no Okta app to provision into', () => {
    const m = fixtureWith('status-page.yaml', { set: { 'spec.provisioning.scim': { enabled: true, features: ['create', 'deactivate'] } } });
    const plan = scimPlan(m, { connection: true });
    expect(plan.connection).toBeUndefined();
    expect(plan.manual?.reason).toContain('sso.protocol is none');
  });
});

describe('manual steps of the app itself', () => {
  it('asks an admin to check the generic form selectors of a custom SWA app', () => {
    const [step] = appManualSteps(fixture('lunch.yaml'));
    expect(step).toMatchObject({ app: 'lunch-orders', topic: 'swa-login-form' });
    expect(step!.steps[1]).toContain('Login URL (https://lunch.example.com/login)');
    expect(appManualSteps(fixtureWith('lunch.yaml', { set: { 'spec.sso.okta': { preconfiguredApp: 'lunchco' } } }))).toEqual([]);
  });

  it('says which saml settings of an OIN app were not applied', () => {
    expect(appManualSteps(fixture('crm.yaml'))).toEqual([]);
    const m = fixtureWith('crm.yaml', { set: { 'spec.sso.saml': { acsUrl: 'https://acme.my.salesforce.com/sso', nameIdFormat: 'persistent' } } });
    const [step] = appManualSteps(m);
    expect(step).toMatchObject({ app: 'crm-salesforce', topic: 'oin-saml-settings' });
    expect(step!.reason).toContain('did not apply the manifest\'s spec.sso.saml');
    expect(step!.steps[1]).toContain('ACS URL https://acme.my.salesforce.com/sso; Name ID format persistent; signature algorithm RSA_SHA256');
  });

  it('has none for other apps', () => {
    for (const file of ['payroll.yaml', 'expenses.yaml', 'field-app.yaml', 'status-page.yaml']) expect(appManualSteps(fixture(file))).toEqual([]);
  });
});
