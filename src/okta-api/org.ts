/**
 * What saasgov knows about an org after reading it: each app's governed facts
 * in the manifest's own terms (protocol, SAML/OIDC settings, groups, MFA,
 * SCIM features, status), and the System Log entries about apps and their
 * policies. Plain data: the importer and the auditor take it and are tested
 * on fixtures without a server.
 *
 * Requests (few, and said in docs/okta-org.md): the app list (paged at 200),
 * and only when a command needs details of some apps — the group list
 * (names), the group assignments, and the rules of each distinct
 * authentication policy of those apps; the System Log when asked, bounded.
 * No list request gives assignments: they are read per app or per group,
 * whichever side costs less for the org at hand (`assignmentSide`), with the
 * same result. These requests run concurrently, as far as the rate limit
 * allows.
 */
import { adminConsoleUrl } from './access';
import type { LogQuery, OktaReader } from './client';
import type { OktaApp, OktaLogEvent, OktaPolicyRule } from './types';

export type Protocol = 'saml' | 'oidc' | 'swa' | 'none';
export type ScimFeature = 'create' | 'update' | 'deactivate' | 'push-groups' | 'import' | 'sync-password';
export type NameIdFormat = 'email' | 'persistent' | 'transient' | 'unspecified';

/** One app of the org, in the manifest's terms. */
export interface OrgApp {
  readonly id: string;
  /** Okta's key for the app: the OIN key, or a template/generated name for a custom app. */
  readonly name: string;
  readonly label: string;
  readonly status: 'ACTIVE' | 'INACTIVE' | 'DELETED';
  readonly signOnMode: string;
  readonly created: string | null;
  /** One of Okta's own apps (Admin Console, Dashboard, Browser Plugin, Workflows…). */
  readonly firstParty: boolean;
  /** The Okta Integration Network key, for an OIN app (`null` for a custom app). */
  readonly oinKey: string | null;
  readonly protocol: Protocol;
  /** The OIN app's instance settings (`settings.app`), flat values only; `null` when empty. */
  readonly settings: Readonly<Record<string, string | number | boolean | null>> | null;
  readonly saml: SamlFacts | null;
  readonly oidc: OidcFacts | null;
  /** The app's address, where Okta has one (https only). */
  readonly url: string | null;
  /** Names of the groups assigned to the app, sorted; `null` when not read. */
  readonly groups: readonly string[] | null;
  /** `required` when the authentication policy asks two factors in every rule that allows access; `null` when not read. */
  readonly mfa: 'required' | 'optional' | null;
  readonly policyId: string | null;
  /** Provisioning features switched on (from the app's `features`). */
  readonly scimFeatures: readonly ScimFeature[];
  readonly adminUrl: string;
}

export interface SamlFacts {
  readonly acsUrl?: string;
  readonly audience?: string;
  readonly nameIdFormat?: NameIdFormat;
  readonly signatureAlgorithm?: 'RSA_SHA256' | 'RSA_SHA1';
  readonly responseSigned?: boolean;
  readonly assertionSigned?: boolean;
  readonly attributes: readonly { readonly name: string; readonly value: string }[];
}

export interface OidcFacts {
  readonly type?: 'web' | 'native' | 'browser' | 'service';
  readonly grantTypes: readonly string[];
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris: readonly string[];
  readonly pkce?: boolean;
}

/** A System Log entry about an app or a policy. */
export interface OrgLogEntry {
  readonly uuid: string;
  readonly published: string;
  readonly eventType: string;
  readonly message: string;
  /** The actor's `alternateId` (a login, or an OAuth client id). */
  readonly actor: string;
  readonly actorName: string;
  /** Ids of the apps and the policies it targets. */
  readonly appIds: readonly string[];
  readonly policyIds: readonly string[];
}

export interface OrgSnapshot {
  readonly orgUrl: string;
  /** Sorted by id. */
  readonly apps: readonly OrgApp[];
  /** The System Log entries read, oldest first; `null` when not read. */
  readonly log: readonly OrgLogEntry[] | null;
}

/**
 * Okta's own apps, by name (terraform-provider-okta skips `okta_enduser`,
 * `okta_browser_plugin` and `saasure` for the same reason; the others are
 * Workflows and Identity Governance). `okta_org2org` is not here: it is an
 * app an admin configures.
 */
export const FIRST_PARTY_APPS: ReadonlySet<string> = new Set([
  'saasure',
  'okta_enduser',
  'okta_browser_plugin',
  'okta_admin_console',
  'okta_flow_sso',
  'flow',
  'okta_iga',
  'okta_iga_reviewer',
  'okta_access_requests_resource_catalog',
  'okta_oin_submission_tester_app',
]);

/** App names of Okta's custom-app templates (not OIN keys). */
const CUSTOM_TEMPLATES = new Set(['oidc_client', 'bookmark', 'template_swa', 'template_swa3field', 'template_sps', 'template_basic_auth', 'template_wsfed', 'template_swa_two_page']);

/** `signOnMode` → manifest protocol (SPEC §9.1). */
export function protocolOf(signOnMode: string): Protocol {
  if (signOnMode === 'SAML_2_0') return 'saml';
  if (signOnMode === 'OPENID_CONNECT') return 'oidc';
  if (['AUTO_LOGIN', 'BROWSER_PLUGIN', 'SECURE_PASSWORD_STORE', 'BASIC_AUTH'].includes(signOnMode)) return 'swa';
  return 'none';
}

/** Okta's provisioning features → the manifest's SCIM features. */
export const SCIM_FEATURE_OF: Readonly<Record<string, ScimFeature>> = {
  PUSH_NEW_USERS: 'create',
  PUSH_PROFILE_UPDATES: 'update',
  PUSH_USER_DEACTIVATION: 'deactivate',
  GROUP_PUSH: 'push-groups',
  IMPORT_NEW_USERS: 'import',
  PUSH_PASSWORD_UPDATES: 'sync-password',
};
const SCIM_ORDER: readonly ScimFeature[] = ['create', 'update', 'deactivate', 'push-groups', 'import', 'sync-password'];

const NAME_ID_FORMAT_OF: Readonly<Record<string, NameIdFormat>> = {
  'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress': 'email',
  'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent': 'persistent',
  'urn:oasis:names:tc:SAML:2.0:nameid-format:transient': 'transient',
  'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified': 'unspecified',
};

const isHttps = (s: unknown): s is string => typeof s === 'string' && /^https:\/\/[^\s/]+/.test(s);

/** Whether an app is one Okta made itself, or a custom app (no OIN key). */
function oinKeyOf(app: OktaApp): string | null {
  if (CUSTOM_TEMPLATES.has(app.name)) return null;
  // Custom SAML and SWA apps get a generated key; they are the ones with their own ACS or login URL.
  if (app.signOnMode === 'SAML_2_0' && app.settings?.signOn?.ssoAcsUrl !== undefined) return null;
  if (app.signOnMode === 'AUTO_LOGIN' && app.settings?.signOn?.loginUrl !== undefined) return null;
  return app.name;
}

function flatSettings(settings: Readonly<Record<string, unknown>> | undefined): Record<string, string | number | boolean | null> | null {
  const out: Record<string, string | number | boolean | null> = {};
  for (const [k, v] of Object.entries(settings ?? {})) {
    if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) out[k] = v as string | number | boolean | null;
  }
  return Object.keys(out).length > 0 ? out : null;
}

function samlFacts(app: OktaApp): SamlFacts | null {
  if (app.signOnMode !== 'SAML_2_0' || oinKeyOf(app) !== null) return null;
  const s = app.settings?.signOn ?? {};
  const format = s.subjectNameIdFormat !== undefined ? NAME_ID_FORMAT_OF[s.subjectNameIdFormat] : undefined;
  const algorithm = s.signatureAlgorithm === 'RSA_SHA256' || s.signatureAlgorithm === 'RSA_SHA1' ? s.signatureAlgorithm : undefined;
  return {
    ...(s.ssoAcsUrl ? { acsUrl: s.ssoAcsUrl } : {}),
    ...(s.audience ? { audience: s.audience } : {}),
    ...(format ? { nameIdFormat: format } : {}),
    ...(algorithm ? { signatureAlgorithm: algorithm } : {}),
    ...(typeof s.responseSigned === 'boolean' ? { responseSigned: s.responseSigned } : {}),
    ...(typeof s.assertionSigned === 'boolean' ? { assertionSigned: s.assertionSigned } : {}),
    attributes: (s.attributeStatements ?? [])
      .filter((a) => a.type === 'EXPRESSION' && a.name && a.values?.[0])
      .map((a) => ({ name: a.name!, value: a.values![0]! })),
  };
}

function oidcFacts(app: OktaApp): OidcFacts | null {
  if (app.signOnMode !== 'OPENID_CONNECT') return null;
  const c = app.settings?.oauthClient ?? {};
  const type = ['web', 'native', 'browser', 'service'].includes(c.application_type ?? '') ? (c.application_type as OidcFacts['type']) : undefined;
  const pkce = app.credentials?.oauthClient?.pkce_required;
  return {
    ...(type ? { type } : {}),
    grantTypes: [...(c.grant_types ?? [])],
    redirectUris: [...(c.redirect_uris ?? [])],
    postLogoutRedirectUris: [...(c.post_logout_redirect_uris ?? [])],
    ...(typeof pkce === 'boolean' ? { pkce } : {}),
  };
}

/** The app's address: what it is configured with, else Okta's launch link. */
function urlOf(app: OktaApp): string | null {
  const settings = app.settings?.app ?? {};
  const oauth = app.settings?.oauthClient as Record<string, unknown> | undefined;
  const candidates = [settings.url, app.settings?.signOn?.loginUrl, settings.siteURL, settings.baseUrl, oauth?.initiate_login_uri, oauth?.client_uri, app._links?.appLinks?.[0]?.href];
  const found = candidates.find(isHttps);
  return found ?? null;
}

/** The facts of one app that need no further request. */
export function appFacts(app: OktaApp, orgUrl: string): OrgApp {
  const oinKey = oinKeyOf(app);
  const policyId = app._links?.accessPolicy?.href.split('/').at(-1) ?? null;
  const features = new Set((app.features ?? []).map((f) => SCIM_FEATURE_OF[f]).filter((f): f is ScimFeature => f !== undefined));
  return {
    id: app.id,
    name: app.name,
    label: app.label,
    status: app.status,
    signOnMode: app.signOnMode,
    created: app.created ?? null,
    firstParty: FIRST_PARTY_APPS.has(app.name),
    oinKey,
    protocol: protocolOf(app.signOnMode),
    settings: oinKey !== null ? flatSettings(app.settings?.app) : null,
    saml: samlFacts(app),
    oidc: oidcFacts(app),
    url: urlOf(app),
    groups: null,
    mfa: null,
    policyId: policyId && policyId !== '' ? policyId : null,
    scimFeatures: SCIM_ORDER.filter((f) => features.has(f)),
    adminUrl: adminConsoleUrl(orgUrl, app),
  };
}

/**
 * `required` when every active rule of the policy that allows access asks for
 * two factors (`verificationMethod.factorMode: 2FA`); a policy with a rule
 * letting one factor through is `optional`.
 */
export function mfaOf(rules: readonly OktaPolicyRule[]): 'required' | 'optional' {
  const allowing = rules.filter((r) => (r.status ?? 'ACTIVE') === 'ACTIVE' && r.actions?.appSignOn?.access !== 'DENY');
  return allowing.length > 0 && allowing.every((r) => r.actions?.appSignOn?.verificationMethod?.factorMode === '2FA') ? 'required' : 'optional';
}

/** The System Log events that say something about apps, their assignments or policies (a System Log filter). */
export const APP_EVENTS_FILTER = ['application.lifecycle.', 'application.user_membership.', 'group.application_assignment.', 'policy.'].map((p) => `eventType sw "${p}"`).join(' or ');

export function logEntry(event: OktaLogEvent): OrgLogEntry {
  const targets = event.target ?? [];
  return {
    uuid: event.uuid,
    published: event.published,
    eventType: event.eventType,
    message: event.displayMessage ?? event.eventType,
    actor: event.actor?.alternateId ?? event.actor?.id ?? 'unknown',
    actorName: event.actor?.displayName ?? event.actor?.alternateId ?? 'unknown',
    appIds: targets.filter((t) => t.type === 'AppInstance' && t.id).map((t) => t.id!),
    policyIds: targets.filter((t) => /^Policy/.test(t.type ?? '') && t.id).map((t) => t.id!),
  };
}

/** Progress of a read, for the terminal. */
export type ReadProgress = (what: string, done: number, total: number) => void;

export interface ReadOrgOptions {
  /** Which apps need their groups and MFA (the rest: the app list's facts only). */
  readonly details: (app: OrgApp) => boolean;
  /** Read the System Log in this range too. */
  readonly log?: Omit<LogQuery, 'filter'>;
  readonly progress?: ReadProgress;
}

/** Runs `fn` over `items`, `limit` at a time (the executor paces them further by the rate limit). */
async function mapConcurrent<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>, onDone: () => void): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
      onDone();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/**
 * Which side to read group assignments from, for `apps` apps of an org of
 * `groups` groups: per app (`GET /api/v1/apps/{id}/groups`, at least one page
 * each, in the `/api/v1/apps*` bucket) or per group (`GET
 * /api/v1/groups/{id}/apps`, at least one page each, in the
 * `/api/v1/groups*` bucket). Each side's pages are weighed by its bucket's
 * limit (requests per window, as Okta's headers said) — the time the
 * requests take, since the rate limit and not the work sets it —, and by the
 * pages alone while a limit is not known. A tie reads per app.
 */
export function assignmentSide(apps: number, groups: number, limits: { readonly appGroups: number | undefined; readonly groupApps: number | undefined }): 'app' | 'group' {
  const known = limits.appGroups !== undefined && limits.groupApps !== undefined;
  const perApp = known ? apps / limits.appGroups! : apps;
  const perGroup = known ? groups / limits.groupApps! : groups;
  return perGroup < perApp ? 'group' : 'app';
}

/** Ids of the groups assigned to each of `apps`, read per app or per group of `groupIds`: the same either way. */
async function assignments(reader: OktaReader, side: 'app' | 'group', apps: readonly OrgApp[], groupIds: readonly string[], tick: () => void): Promise<Map<string, readonly string[]>> {
  if (side === 'app') {
    const assigned = await mapConcurrent(apps, 16, (a) => reader.appGroups(a.id), tick);
    return new Map(apps.map((a, i) => [a.id, assigned[i]!]));
  }
  const byApp = new Map<string, string[]>(apps.map((a) => [a.id, []]));
  const assigned = await mapConcurrent(groupIds, 16, (g) => reader.groupApps(g), tick);
  groupIds.forEach((g, i) => {
    for (const appId of assigned[i]!) byApp.get(appId)?.push(g);
  });
  return byApp;
}

/** Reads the org: apps always; groups and MFA for the apps `details` selects; the System Log when asked. */
export async function readOrg(reader: OktaReader, options: ReadOrgOptions): Promise<OrgSnapshot> {
  const progress = options.progress ?? (() => undefined);
  progress('apps', 0, 0);
  const raw = await reader.apps();
  let apps = raw.map((a) => appFacts(a, reader.orgUrl)).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  progress('apps', apps.length, apps.length);
  const detailed = apps.filter(options.details);
  if (detailed.length > 0) {
    const groups = await reader.groups();
    const names = new Map(groups.map((g) => [g.id, g.profile?.name ?? g.id]));
    const policyIds = [...new Set(detailed.map((a) => a.policyId).filter((p): p is string => p !== null))].sort();
    const groupIds = groups.map((g) => g.id);
    const side = assignmentSide(detailed.length, groupIds.length, { appGroups: reader.rateLimit('appGroups'), groupApps: reader.rateLimit('groupApps') });
    let done = 0;
    const total = (side === 'app' ? detailed.length : groupIds.length) + policyIds.length;
    const tick = () => progress(side === 'app' ? 'app groups and policies' : 'group apps and policies', ++done, total);
    const [byId, rules] = await Promise.all([assignments(reader, side, detailed, groupIds, tick), mapConcurrent(policyIds, 4, (p) => reader.policyRules(p), tick)]);
    const mfaByPolicy = new Map(policyIds.map((p, i) => [p, mfaOf(rules[i]!)]));
    apps = apps.map((a) => {
      const ids = byId.get(a.id);
      if (!ids) return a;
      const groupNames = [...new Set(ids.map((id) => names.get(id) ?? id))].sort();
      return { ...a, groups: groupNames, mfa: a.policyId === null ? 'optional' : (mfaByPolicy.get(a.policyId) ?? 'optional') };
    });
  }
  let log: OrgLogEntry[] | null = null;
  if (options.log) {
    progress('System Log', 0, 0);
    log = (await reader.logEvents({ ...options.log, filter: APP_EVENTS_FILTER })).map(logEntry);
  }
  return { orgUrl: reader.orgUrl, apps, log };
}
