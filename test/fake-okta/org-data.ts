/**
 * What the fake Okta org holds, as Okta's API returns it (every body validates
 * against Okta's OpenAPI description: test/fake-okta/contract.test.ts), and
 * two orgs built from it: a realistic small org with one of every kind of
 * app, and a large generated one (1,000 apps, 300 groups) for paging and
 * speed.
 *
 * A note on Okta's first-party apps: Okta's spec allows the name `oidc_client`
 * only for `OPENID_CONNECT` apps, while the real Admin Console and Dashboard
 * are OIDC apps named `saasure` and `okta_enduser`. Fixtures must validate, so
 * the fake serves them with sign-on mode `AUTO_LOGIN` (whose name is free);
 * saasgov recognises first-party apps by name, whatever their mode.
 */
import type { OktaApp, OktaGroup, OktaLogEvent, OktaPolicyRule } from '../../src/okta-api/types';

export interface FakeOrgData {
  apps: OktaApp[];
  groups: OktaGroup[];
  /** App id → ids of the groups assigned to it, in priority order. */
  assignments: Record<string, string[]>;
  /** Policy id → its rules. */
  policyRules: Record<string, OktaPolicyRule[]>;
  logs: OktaLogEvent[];
}

/** A deterministic Okta object id: a 3-character prefix and 17 characters. */
export const oktaId = (prefix: string, n: number): string => `${prefix}${n.toString(36).padStart(17, '0')}`;

export const POLICY_TWO_FACTORS = oktaId('rst', 1);
export const POLICY_ONE_FACTOR = oktaId('rst', 2);
export const POLICY_MIXED = oktaId('rst', 3);

const CREATED = '2025-06-01T09:00:00.000Z';

function rule(n: number, name: string, priority: number, access: 'ALLOW' | 'DENY', factorMode?: '1FA' | '2FA', system = false): OktaPolicyRule {
  return {
    id: oktaId('rul', n),
    name,
    status: 'ACTIVE',
    priority,
    system,
    type: 'ACCESS_POLICY',
    created: CREATED,
    lastUpdated: CREATED,
    actions: {
      appSignOn: {
        access,
        ...(factorMode ? { verificationMethod: { type: 'ASSURANCE', factorMode, reauthenticateIn: 'PT2H', constraints: [] } } : {}),
      },
    },
  } as OktaPolicyRule;
}

/** Authentication policies: one requires two factors, one allows one, one asks for two only on some networks. */
export function policies(): Record<string, OktaPolicyRule[]> {
  return {
    [POLICY_TWO_FACTORS]: [rule(1, 'Two factors', 0, 'ALLOW', '2FA'), rule(2, 'Catch-all Rule', 99, 'DENY', undefined, true)],
    [POLICY_ONE_FACTOR]: [rule(3, 'Catch-all Rule', 99, 'ALLOW', '1FA', true)],
    [POLICY_MIXED]: [rule(4, 'Office network', 0, 'ALLOW', '1FA'), rule(5, 'Catch-all Rule', 99, 'ALLOW', '2FA', true)],
  };
}

export function group(n: number, name: string, type: 'OKTA_GROUP' | 'BUILT_IN' = 'OKTA_GROUP'): OktaGroup {
  return {
    id: oktaId('00g', n),
    type,
    created: CREATED,
    lastUpdated: CREATED,
    lastMembershipUpdated: CREATED,
    objectClass: ['okta:user_group'],
    profile: { name, description: `${name} (managed in Okta)` },
  } as OktaGroup;
}

interface AppBase {
  id: string;
  label: string;
  status?: 'ACTIVE' | 'INACTIVE';
  policy?: string | null;
  features?: string[];
}

function common(base: AppBase, org: string) {
  return {
    id: base.id,
    label: base.label,
    status: base.status ?? 'ACTIVE',
    created: CREATED,
    lastUpdated: CREATED,
    features: base.features ?? [],
    accessibility: { selfService: false },
    visibility: { autoSubmitToolbar: false, hide: { iOS: false, web: false } },
    _links: {
      ...(base.policy === null ? {} : { accessPolicy: { href: `${org}/api/v1/policies/${base.policy ?? POLICY_TWO_FACTORS}` } }),
      groups: { href: `${org}/api/v1/apps/${base.id}/groups` },
      users: { href: `${org}/api/v1/apps/${base.id}/users` },
    },
  };
}

const SAML_SIGN_ON = { allowMultipleAcsEndpoints: false, honorForceAuthn: true, requestCompressed: false };

/** An OIN SAML app (its endpoints come from the OIN template; only its instance settings are the org's). */
export function oinSamlApp(base: AppBase & { name: string; settings: Record<string, string | number | boolean>; appLink?: string }, org: string): OktaApp {
  const app = common(base, org);
  return {
    ...app,
    name: base.name,
    signOnMode: 'SAML_2_0',
    credentials: { signing: { kid: 'sgnKey1' }, userNameTemplate: { template: '${source.login}', type: 'BUILT_IN' } },
    settings: { app: base.settings, signOn: { ...SAML_SIGN_ON, assertionSigned: true, responseSigned: true, defaultRelayState: '' } },
    _links: { ...app._links, appLinks: [{ name: `${base.name}_link`, href: base.appLink ?? `${org}/home/${base.name}/${base.id}/46`, type: 'text/html' }] },
  } as OktaApp;
}

/** A custom SAML app made with Okta's app wizard: Okta generates its key (`<org>_<label>_1`). */
export function customSamlApp(
  base: AppBase & { acsUrl: string; audience: string; signatureAlgorithm?: 'RSA_SHA256' | 'RSA_SHA1'; attributes?: [string, string][] },
  org: string,
): OktaApp {
  const key = `acme_${base.label.toLowerCase().replace(/[^a-z0-9]/g, '')}_1`;
  const app = common(base, org);
  return {
    ...app,
    name: key,
    signOnMode: 'SAML_2_0',
    credentials: { signing: { kid: 'sgnKey1' }, userNameTemplate: { template: '${source.login}', type: 'BUILT_IN' } },
    settings: {
      app: {},
      signOn: {
        ...SAML_SIGN_ON,
        ssoAcsUrl: base.acsUrl,
        recipient: base.acsUrl,
        destination: base.acsUrl,
        audience: base.audience,
        idpIssuer: 'http://www.okta.com/${org.externalKey}',
        subjectNameIdTemplate: '${user.email}',
        subjectNameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
        signatureAlgorithm: base.signatureAlgorithm ?? 'RSA_SHA256',
        digestAlgorithm: 'SHA256',
        responseSigned: true,
        assertionSigned: true,
        authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
        attributeStatements: (base.attributes ?? []).map(([name, value]) => ({
          type: 'EXPRESSION',
          name,
          namespace: 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified',
          values: [value],
        })),
      },
    },
    _links: { ...app._links, appLinks: [{ name: `${key}_link`, href: `${org}/home/${key}/${base.id}/aln1`, type: 'text/html' }] },
  } as OktaApp;
}

/** A custom OIDC app (`oidc_client`). */
export function oidcApp(
  base: AppBase & { type: 'web' | 'native' | 'browser' | 'service'; grants: string[]; redirects?: string[]; logoutRedirects?: string[]; pkce: boolean; initiateLoginUri?: string },
  org: string,
): OktaApp {
  const publicClient = base.type === 'browser' || (base.type === 'native' && base.pkce);
  return {
    ...common(base, org),
    name: 'oidc_client',
    signOnMode: 'OPENID_CONNECT',
    credentials: {
      userNameTemplate: { template: '${source.login}', type: 'BUILT_IN' },
      oauthClient: { autoKeyRotation: true, client_id: base.id, pkce_required: base.pkce, token_endpoint_auth_method: publicClient ? 'none' : 'client_secret_basic' },
    },
    settings: {
      app: {},
      oauthClient: {
        application_type: base.type,
        grant_types: base.grants,
        response_types: base.grants.includes('authorization_code') ? ['code'] : ['token'],
        ...(base.redirects ? { redirect_uris: base.redirects } : {}),
        ...(base.logoutRedirects ? { post_logout_redirect_uris: base.logoutRedirects } : {}),
        ...(base.initiateLoginUri ? { initiate_login_uri: base.initiateLoginUri } : {}),
        consent_method: 'REQUIRED',
        issuer_mode: 'DYNAMIC',
      },
    },
  } as OktaApp;
}

/** What Okta holds for a password-vaulting app: a username and password the user edits. */
const PASSWORD_CREDENTIALS = { scheme: 'EDIT_USERNAME_AND_PASSWORD', userNameTemplate: { template: '${source.login}', type: 'BUILT_IN' }, revealPassword: false } as const;

/** A SWA app: the browser plugin fills in a username and password (`template_swa`). */
export function swaApp(base: AppBase & { url: string }, org: string): OktaApp {
  return {
    ...common(base, org),
    name: 'template_swa',
    signOnMode: 'BROWSER_PLUGIN',
    credentials: PASSWORD_CREDENTIALS,
    settings: { app: { url: base.url, usernameField: '#username', passwordField: '#password', buttonField: '#login', loginUrlRegex: '' } },
  } as OktaApp;
}

/** A custom auto-login (SWA) app with Okta's generated key. */
export function autoLoginApp(base: AppBase & { name: string; loginUrl: string }, org: string): OktaApp {
  return {
    ...common(base, org),
    name: base.name,
    signOnMode: 'AUTO_LOGIN',
    credentials: PASSWORD_CREDENTIALS,
    settings: { app: {}, signOn: { loginUrl: base.loginUrl } },
  } as OktaApp;
}

/** A basic-authentication app (`template_basic_auth`). */
export function basicAuthApp(base: AppBase & { url: string }, org: string): OktaApp {
  return {
    ...common(base, org),
    name: 'template_basic_auth',
    signOnMode: 'BASIC_AUTH',
    credentials: { scheme: 'EDIT_USERNAME_AND_PASSWORD', userNameTemplate: { template: '${source.login}', type: 'BUILT_IN' } },
    settings: { app: { url: base.url, authURL: `${base.url}/login` } },
  } as OktaApp;
}

/** A bookmark: a link on the dashboard, no sign-in (`bookmark`). */
export function bookmarkApp(base: AppBase & { url: string }, org: string): OktaApp {
  return { ...common(base, org), name: 'bookmark', signOnMode: 'BOOKMARK', settings: { app: { url: base.url, requestIntegration: false } } } as OktaApp;
}

/** One of Okta's own apps (see the file comment for its sign-on mode). */
export function firstPartyApp(base: AppBase & { name: string }, org: string): OktaApp {
  return { ...common({ ...base, policy: null }, org), name: base.name, signOnMode: 'AUTO_LOGIN', settings: { app: {} } } as OktaApp;
}

const PROVISIONING = ['PUSH_NEW_USERS', 'PUSH_PROFILE_UPDATES', 'PUSH_USER_DEACTIVATION', 'GROUP_PUSH', 'IMPORT_NEW_USERS', 'REACTIVATE_USERS'];

/** Ids of the small org's apps, by what they are. */
export const APP = {
  salesforce: oktaId('0oa', 101),
  slack: oktaId('0oa', 102),
  zoom: oktaId('0oa', 103),
  github: oktaId('0oa', 104),
  workday: oktaId('0oa', 105),
  expenses: oktaId('0oa', 106),
  wiki: oktaId('0oa', 107),
  partners: oktaId('0oa', 108),
  fieldApp: oktaId('0oa', 109),
  status: oktaId('0oa', 110),
  billing: oktaId('0oa', 111),
  extranet: oktaId('0oa', 112),
  handbook: oktaId('0oa', 113),
  calendar: oktaId('0oa', 114),
  reports: oktaId('0oa', 115),
  oldCrm: oktaId('0oa', 116),
  jira: oktaId('0oa', 117),
  jiraSandbox: oktaId('0oa', 118),
  adminConsole: oktaId('0oa', 901),
  dashboard: oktaId('0oa', 902),
  browserPlugin: oktaId('0oa', 903),
} as const;

export const GROUP = {
  everyone: oktaId('00g', 1),
  employees: oktaId('00g', 2),
  sales: oktaId('00g', 3),
  salesAdmins: oktaId('00g', 4),
  engineering: oktaId('00g', 5),
  finance: oktaId('00g', 6),
  partners: oktaId('00g', 7),
  procurement: oktaId('00g', 8),
  contractors: oktaId('00g', 9),
} as const;

/** The small, realistic org: one of every kind of app Okta holds (see the list). */
export function smallOrg(org: string): FakeOrgData {
  const apps: OktaApp[] = [
    oinSamlApp({ id: APP.salesforce, label: 'Salesforce', name: 'salesforce', settings: { instanceType: 'PRODUCTION', integrationType: 'STANDARD' }, features: PROVISIONING, appLink: 'https://acme.my.salesforce.com' }, org),
    oinSamlApp({ id: APP.slack, label: 'Slack', name: 'slack', settings: { domain: 'acme' }, features: ['PUSH_NEW_USERS', 'PUSH_USER_DEACTIVATION', 'PUSH_PROFILE_UPDATES'] }, org),
    oinSamlApp({ id: APP.zoom, label: 'Zoom', name: 'zoom', settings: { subDomain: 'acme' }, policy: POLICY_ONE_FACTOR }, org),
    oinSamlApp({ id: APP.github, label: 'GitHub Enterprise Cloud', name: 'githubcloud', settings: { githubOrg: 'acme' } }, org),
    oinSamlApp({ id: APP.workday, label: 'Workday', name: 'workday', settings: { siteURL: 'https://wd5.myworkday.com/acme' }, features: ['IMPORT_NEW_USERS', 'IMPORT_PROFILE_UPDATES', 'PROFILE_MASTERING'] }, org),
    customSamlApp({ id: APP.expenses, label: 'Expense Portal', acsUrl: 'https://expenses.example.com/saml/acs', audience: 'https://expenses.example.com', attributes: [['email', 'user.email'], ['firstName', 'user.firstName']] }, org),
    customSamlApp({ id: APP.wiki, label: 'Legacy Wiki', acsUrl: 'https://wiki.example.com/sso', audience: 'wiki', signatureAlgorithm: 'RSA_SHA1', policy: POLICY_ONE_FACTOR }, org),
    oidcApp({ id: APP.partners, label: 'Partner Portal', type: 'web', grants: ['authorization_code', 'refresh_token'], redirects: ['https://partners.example.com/callback'], logoutRedirects: ['https://partners.example.com'], pkce: false, policy: POLICY_MIXED, initiateLoginUri: 'https://partners.example.com/login' }, org),
    oidcApp({ id: APP.fieldApp, label: 'Field App', type: 'native', grants: ['authorization_code', 'refresh_token'], redirects: ['com.example.field:/callback'], pkce: true }, org),
    oidcApp({ id: APP.status, label: 'Status Dashboard', type: 'browser', grants: ['authorization_code'], redirects: ['https://status.example.com/login/callback'], pkce: true }, org),
    oidcApp({ id: APP.billing, label: 'Billing Sync', type: 'service', grants: ['client_credentials'], pkce: false, policy: null }, org),
    swaApp({ id: APP.extranet, label: 'Vendor Extranet', url: 'https://extranet.vendor.example/login', policy: POLICY_ONE_FACTOR }, org),
    bookmarkApp({ id: APP.handbook, label: 'Company Handbook', url: 'https://handbook.example.com', policy: POLICY_ONE_FACTOR }, org),
    autoLoginApp({ id: APP.calendar, label: 'Team Calendar', name: 'acme_teamcalendar_1', loginUrl: 'https://calendar.example.com/login', policy: POLICY_ONE_FACTOR }, org),
    basicAuthApp({ id: APP.reports, label: 'Intranet Reports', url: 'https://reports.example.com' }, org),
    oinSamlApp({ id: APP.oldCrm, label: 'Old CRM', name: 'sugarcrm', status: 'INACTIVE', settings: { baseUrl: 'https://crm.example.com' } }, org),
    oinSamlApp({ id: APP.jira, label: 'Jira', name: 'atlassian_jira_cloud', settings: { siteURL: 'https://acme.atlassian.net' } }, org),
    oinSamlApp({ id: APP.jiraSandbox, label: 'Jira', name: 'atlassian_jira_cloud', settings: { siteURL: 'https://acme-sandbox.atlassian.net' }, policy: POLICY_ONE_FACTOR }, org),
    firstPartyApp({ id: APP.adminConsole, label: 'Okta Admin Console', name: 'saasure' }, org),
    firstPartyApp({ id: APP.dashboard, label: 'Okta Dashboard', name: 'okta_enduser' }, org),
    firstPartyApp({ id: APP.browserPlugin, label: 'Okta Browser Plugin', name: 'okta_browser_plugin' }, org),
  ];
  const groups = [
    group(1, 'Everyone', 'BUILT_IN'),
    group(2, 'All Employees'),
    group(3, 'Sales'),
    group(4, 'Sales Admins'),
    group(5, 'Engineering'),
    group(6, 'Finance'),
    group(7, 'Partners'),
    group(8, 'Procurement'),
    group(9, 'Contractors'),
  ];
  const assignments: Record<string, string[]> = {
    [APP.salesforce]: [GROUP.sales, GROUP.salesAdmins],
    [APP.slack]: [GROUP.employees],
    [APP.zoom]: [GROUP.employees, GROUP.contractors],
    [APP.github]: [GROUP.engineering],
    [APP.workday]: [GROUP.employees],
    [APP.expenses]: [GROUP.finance, GROUP.employees],
    [APP.wiki]: [GROUP.engineering],
    [APP.partners]: [GROUP.partners],
    [APP.fieldApp]: [GROUP.employees],
    [APP.status]: [GROUP.everyone],
    [APP.extranet]: [GROUP.procurement],
    [APP.calendar]: [GROUP.employees],
    [APP.reports]: [GROUP.finance],
    [APP.jira]: [GROUP.engineering],
    [APP.jiraSandbox]: [GROUP.engineering],
    [APP.adminConsole]: [GROUP.everyone],
    [APP.dashboard]: [GROUP.everyone],
  };
  return { apps, groups, assignments, policyRules: policies(), logs: [] };
}

/**
 * A large org: `apps` apps of every kind in turn and `groups` groups, each
 * app assigned up to three of them, for paging and the benchmark.
 */
export function largeOrg(org: string, apps = 1_000, groups = 300): FakeOrgData {
  const data: FakeOrgData = { apps: [], groups: [], assignments: {}, policyRules: policies(), logs: [] };
  for (let g = 0; g < groups; g++) data.groups.push(group(1_000 + g, `Team ${String(g + 1).padStart(3, '0')}`));
  const policy = (i: number) => [POLICY_TWO_FACTORS, POLICY_ONE_FACTOR, POLICY_MIXED][i % 3]!;
  for (let i = 0; i < apps; i++) {
    const id = oktaId('0oa', 10_000 + i);
    const label = `App ${String(i + 1).padStart(4, '0')}`;
    const base = { id, label, policy: policy(i) };
    const kind = i % 6;
    const app =
      kind === 0
        ? oinSamlApp({ ...base, name: 'salesforce', settings: { instanceType: 'PRODUCTION' }, features: i % 12 === 0 ? PROVISIONING : [] }, org)
        : kind === 1
          ? customSamlApp({ ...base, acsUrl: `https://app${i}.example.com/saml`, audience: `https://app${i}.example.com` }, org)
          : kind === 2
            ? oidcApp({ ...base, type: 'web', grants: ['authorization_code'], redirects: [`https://app${i}.example.com/cb`], pkce: true }, org)
            : kind === 3
              ? swaApp({ ...base, url: `https://app${i}.example.com/login` }, org)
              : kind === 4
                ? bookmarkApp({ ...base, url: `https://app${i}.example.com` }, org)
                : oinSamlApp({ ...base, name: 'slack', settings: { domain: `team${i}` } }, org);
    data.apps.push(app);
    data.assignments[id] = Array.from({ length: i % 4 }, (_, k) => data.groups[(i * 7 + k * 13) % groups]!.id);
  }
  return data;
}
