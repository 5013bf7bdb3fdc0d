/**
 * What Okta documents about individual Okta Integration Network apps, by OIN
 * key — the facts the program needs to refuse, before any change, what the
 * Okta API would reject, and to automate only what Okta's API can do. Each
 * table names its source. Pure data and lookups: no Pulumi, no manifest types.
 */

/** An instance setting an OIN app's integration requires (Okta's `settings.app`, the provider's `appSettingsJson`). */
export interface RequiredSetting {
  readonly key: string;
  /** The values Okta accepts, when it documents an enum. */
  readonly values?: readonly string[];
}

/** An OIN app's required instance settings, and where that is documented. */
export interface OinSettings {
  readonly settings: readonly RequiredSetting[];
  readonly source: string;
}

const OPENAPI = "Okta Management API (okta-management-openapi-spec), schema";

/**
 * Instance settings Okta requires when an OIN app is created: without them
 * `POST /api/v1/apps` fails ("Api validation failed: <key>: The field cannot
 * be left blank"). From the `required` lists of the `<App>ApplicationSettingsApplication`
 * schemas of Okta's Management API (apps with a `key name:` of their own), and,
 * for apps the API description does not model, from the provider's issue
 * tracker where the error is reported.
 */
export const OIN_REQUIRED_SETTINGS: Readonly<Record<string, OinSettings>> = {
  google: { settings: [{ key: 'domain' }], source: `${OPENAPI} GoogleApplicationSettingsApplication; terraform-provider-okta issue 462` },
  office365: { settings: [{ key: 'msftTenant' }, { key: 'domain' }], source: `${OPENAPI} Office365ApplicationSettingsApplication; terraform-provider-okta PR 2755` },
  okta_org2org: { settings: [{ key: 'baseUrl' }], source: `${OPENAPI} Org2OrgApplicationSettingsApplication` },
  salesforce: {
    settings: [
      { key: 'instanceType', values: ['SANDBOX', 'PRODUCTION', 'GOVERNMENT'] },
      { key: 'integrationType', values: ['STANDARD', 'PORTAL', 'COMMUNITY'] },
    ],
    source: `${OPENAPI} SalesforceApplicationSettingsApplication; terraform-provider-okta issue 1342`,
  },
  slack: { settings: [{ key: 'domain' }], source: `${OPENAPI} SlackApplicationSettingsApplication` },
  snowflake: { settings: [{ key: 'subDomain' }], source: 'terraform-provider-okta issue 1748 ("subDomain: The field cannot be left blank")' },
  trendmicroapexoneservice: { settings: [{ key: 'baseURL' }], source: `${OPENAPI} TrendMicroApexOneServiceApplicationSettingsApplication` },
  workday: { settings: [{ key: 'siteURL' }], source: 'terraform-provider-okta issue 1255 ("siteURL" API error)' },
  zoomus: { settings: [{ key: 'subDomain' }], source: `${OPENAPI} ZoomUsApplicationSettingsApplication` },
};

/** How an app's provisioning connection is authenticated, as Okta's Application Connections API takes it. */
export type ConnectionScheme = 'TOKEN' | 'OAUTH2';

/** What Okta's API can configure for an OIN app's provisioning. */
export interface ApiProvisioning {
  /** Authentication schemes of its provisioning connection that the API configures. */
  readonly schemes: readonly ConnectionScheme[];
  /** Whether the Application Features API configures imports (`INBOUND_PROVISIONING`) for it. */
  readonly inbound: boolean;
}

/**
 * The OIN apps whose provisioning connection Okta's API can configure, with
 * the authentication scheme it takes, and which of them can have imports
 * configured (`INBOUND_PROVISIONING`). Source: Okta Management API, tags
 * "Application Connections" and "Application Features"; Okta's guide "Set up
 * an app provisioning connection" (developer.okta.com/docs/guides/app-provisioning-connection).
 * For every other app the connection is made in the Admin Console only.
 */
export const API_PROVISIONING: Readonly<Record<string, ApiProvisioning>> = {
  google: { schemes: ['OAUTH2'], inbound: true },
  office365: { schemes: ['OAUTH2'], inbound: true },
  okta_org2org: { schemes: ['TOKEN', 'OAUTH2'], inbound: true },
  slack: { schemes: ['OAUTH2'], inbound: true },
  zoomus: { schemes: ['OAUTH2'], inbound: true },
  zscalerbyz: { schemes: ['TOKEN'], inbound: false },
};

/**
 * The OIN apps whose connection saasgov configures from the stack secret
 * `saasgov:scim` (a SCIM base URL and a bearer token): the `TOKEN` scheme
 * with a base URL, which Okta's API takes only for Zscaler 2.0 ("baseUrl:
 * Only used for the Zscaler 2.0 (zscalerbyz) app"). Okta Org2Org also takes a
 * token, but no base URL, while `okta.app.Connection` requires one; the OAuth
 * 2.0 connections need an admin's consent at the vendor. Those stay manual.
 */
export const STACK_CONFIGURED_CONNECTIONS: ReadonlySet<string> = new Set(['zscalerbyz']);

/** Own properties only: keys come from manifests (`constructor` must not find Object's). */
function lookup<T>(table: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** The required instance settings of an OIN app, when Okta documents any. */
export function requiredSettings(oinKey: string): OinSettings | undefined {
  return lookup(OIN_REQUIRED_SETTINGS, oinKey);
}

/** What Okta's API can configure for an OIN app's provisioning, when anything. */
export function apiProvisioning(oinKey: string): ApiProvisioning | undefined {
  return lookup(API_PROVISIONING, oinKey);
}

/** The OIN keys whose provisioning connection Okta's API configures, for messages. */
export function apiProvisioningApps(): string {
  return Object.keys(API_PROVISIONING).join(', ');
}

/** The OIN keys whose imports Okta's API configures, for messages. */
export function apiInboundApps(): string {
  return Object.entries(API_PROVISIONING)
    .filter(([, p]) => p.inbound)
    .map(([key]) => key)
    .join(', ');
}
