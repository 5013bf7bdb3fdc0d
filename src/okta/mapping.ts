/**
 * Manifest → `@pulumi/okta` (7.x) resource arguments (SPEC §7). Pure: no
 * Pulumi runtime, no I/O, only types from the provider package, so every
 * mapping decision is tested without Pulumi. The component
 * (`app-integration.ts`) adds what exists only at deploy time: the app id,
 * the policy id, the looked-up group ids, the SCIM token.
 *
 * Settings come from the manifest, with the secure defaults of §1 where it is
 * silent (the schema fills them in; for a missing `saml` block they are taken
 * from the same schema here).
 */
import type * as okta from '@pulumi/okta';
import { manifestSchema, type Manifest } from '../manifest/schema';
import { isServiceApp } from '../manifest/facts';
import { PRODUCTION_NOTE } from './integration-record';
import { apiInboundApps, apiProvisioning, apiProvisioningApps, requiredSettings, STACK_CONFIGURED_CONNECTIONS } from './oin';

/** A manifest that cannot be turned into provider arguments (a setting the provider requires is missing). */
export class MappingError extends Error {
  constructor(
    readonly app: string,
    message: string,
  ) {
    super(message);
    this.name = 'MappingError';
  }
}

type Saml = NonNullable<Manifest['spec']['sso']['saml']>;
type Oidc = NonNullable<Manifest['spec']['sso']['oidc']>;
type ScimFeature = NonNullable<NonNullable<NonNullable<Manifest['spec']['provisioning']>['scim']>['features']>[number];

/**
 * Inputs whose change makes the provider replace the resource (a new Okta
 * object), by type token — terraform-provider-okta `ForceNew` /
 * `RequiresReplace`: `okta_app_saml.preconfigured_app`, `okta_app_oauth.type`
 * and `client_id`, `okta_app_group_assignments.app_id`,
 * `okta_app_signon_policy_rule.policy_id`, and `okta_push_group`'s app,
 * source and target groups.
 */
export const REPLACING_INPUTS: Readonly<Record<string, readonly string[]>> = {
  'okta:app/saml:Saml': ['preconfiguredApp'],
  'okta:app/oAuth:OAuth': ['type', 'clientId'],
  'okta:index/appGroupAssignments:AppGroupAssignments': ['appId'],
  'okta:index/appSignonPolicyRule:AppSignonPolicyRule': ['policyId'],
  'okta:index/pushGroup:PushGroup': ['appId', 'sourceGroupId', 'targetGroupName', 'targetGroupId', 'appConfig'],
};

/** §1 defaults of a `saml` block, from the schema itself (a custom SAML app whose manifest has no `saml` block). */
const SAML_DEFAULTS: Saml = manifestSchema.shape.spec.shape.sso.shape.saml.unwrap().parse({});

/** The Okta app label: `displayName`, else `name`. */
export function appLabel(manifest: Manifest): string {
  return manifest.metadata.displayName ?? manifest.metadata.name;
}

/** SAML NameID format URNs for the manifest's `nameIdFormat`. */
export const NAME_ID_FORMATS: Readonly<Record<Saml['nameIdFormat'], string>> = {
  email: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
  persistent: 'urn:oasis:names:tc:SAML:2.0:nameid-format:persistent',
  transient: 'urn:oasis:names:tc:SAML:2.0:nameid-format:transient',
  unspecified: 'urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified',
};

/**
 * The NameID value (Okta expression) for each format: the e-mail address;
 * for `persistent` the Okta user id, which never changes and is never
 * reassigned; otherwise Okta's default application username. The user id is
 * not a profile attribute: Okta's Expression Language reads it with
 * `user.getInternalProperty("id")` (developer.okta.com/docs/reference/okta-expression-language,
 * "Reference user attributes"); `user.id` exists only in the Identity Engine
 * expression language of sign-in policies, not in app username templates.
 */
export const NAME_ID_TEMPLATES: Readonly<Record<Saml['nameIdFormat'], string>> = {
  email: '${user.email}',
  persistent: '${user.getInternalProperty("id")}',
  transient: '${user.userName}',
  unspecified: '${user.userName}',
};

/** Okta's default authentication context for custom SAML apps (the provider requires one for custom apps). */
export const AUTHN_CONTEXT_CLASS_REF = 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport';
/** Attribute statements are sent with the "unspecified" name format, as Okta's own app wizard does. */
export const ATTRIBUTE_NAME_FORMAT = 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified';

/** An OIN app's instance settings as the provider takes them (`appSettingsJson`), when the manifest has any. */
function appSettings(manifest: Manifest): { appSettingsJson?: string } {
  const settings = manifest.spec.sso.okta?.settings;
  if (settings === undefined || Object.keys(settings).length === 0) return {};
  // Keys sorted: the same settings always give the same JSON, so reordering them is no change.
  const sorted = Object.fromEntries(Object.keys(settings).sort().map((k) => [k, settings[k]]));
  return { appSettingsJson: JSON.stringify(sorted) };
}

/**
 * `okta.app.Saml` arguments. An OIN app (`okta.preconfiguredApp`) gets its
 * label, key and instance settings: the OIN template owns its endpoints and
 * signing. A custom app gets the ACS URL as SSO URL, recipient and
 * destination, the audience, NameID format and template, signing (SHA-256
 * digest always) and attribute statements.
 */
export function samlAppArgs(manifest: Manifest): okta.app.SamlArgs {
  const label = appLabel(manifest);
  const preconfiguredApp = manifest.spec.sso.okta?.preconfiguredApp;
  if (preconfiguredApp !== undefined) return { label, preconfiguredApp, ...appSettings(manifest) };
  const saml = manifest.spec.sso.saml ?? SAML_DEFAULTS;
  const attributes = saml.attributes ?? [];
  return {
    label,
    ...(saml.acsUrl !== undefined ? { ssoUrl: saml.acsUrl, recipient: saml.acsUrl, destination: saml.acsUrl } : {}),
    ...(saml.audience !== undefined ? { audience: saml.audience } : {}),
    subjectNameIdFormat: NAME_ID_FORMATS[saml.nameIdFormat],
    subjectNameIdTemplate: NAME_ID_TEMPLATES[saml.nameIdFormat],
    signatureAlgorithm: saml.signatureAlgorithm,
    digestAlgorithm: 'SHA256',
    responseSigned: saml.responseSigned,
    assertionSigned: saml.assertionSigned,
    authnContextClassRef: AUTHN_CONTEXT_CLASS_REF,
    ...(attributes.length > 0
      ? { attributeStatements: attributes.map((a) => ({ name: a.name, namespace: ATTRIBUTE_NAME_FORMAT, type: 'EXPRESSION', values: [a.value] })) }
      : {}),
  };
}

/** OAuth response types that fit the grants: `code` for the code flow, `token`/`id_token` for implicit, `token` for client credentials. */
export function responseTypesFor(grantTypes: readonly Oidc['grantTypes'][number][]): string[] {
  const types = new Set<string>();
  for (const grant of grantTypes) {
    if (grant === 'authorization_code') types.add('code');
    if (grant === 'implicit') types.add('id_token').add('token');
    if (grant === 'client_credentials') types.add('token');
  }
  return [...types].sort();
}

/**
 * How the client authenticates at the token endpoint: a browser app, or a
 * native app with PKCE, is a public client (`none`, PKCE proves possession);
 * web and service apps keep a client secret (`client_secret_basic`).
 */
export function tokenEndpointAuthMethodFor(oidc: Pick<Oidc, 'type' | 'pkce'>): 'none' | 'client_secret_basic' {
  return oidc.type === 'browser' || (oidc.type === 'native' && oidc.pkce) ? 'none' : 'client_secret_basic';
}

/** Seconds a rotated refresh token stays valid after use (Okta's default), for network retries. */
export const REFRESH_TOKEN_LEEWAY = 30;

/**
 * `okta.app.OAuth` arguments: type, grant types (de-duplicated, manifest
 * order), redirect URIs (none for `service`), post-logout URIs when given,
 * response types and token endpoint auth method fitting them, PKCE when the
 * code flow is granted, an OIN app's key and instance settings. A public
 * client granted `refresh_token` gets rotating refresh tokens (RFC 9700
 * §4.14); confidential clients keep Okta's static ones.
 */
export function oauthAppArgs(manifest: Manifest): okta.app.OAuthArgs {
  const name = manifest.metadata.name;
  const oidc = manifest.spec.sso.oidc;
  if (oidc === undefined) {
    throw new MappingError(name, `${name}: sso.protocol is oidc but spec.sso.oidc is missing, so the OIDC app type is unknown (sso/oidc-hardening reports this)`);
  }
  const grantTypes = [...new Set(oidc.grantTypes)];
  const tokenEndpointAuthMethod = tokenEndpointAuthMethodFor(oidc);
  const responseTypes = responseTypesFor(grantTypes);
  const preconfiguredApp = manifest.spec.sso.okta?.preconfiguredApp;
  const postLogout = oidc.postLogoutRedirectUris ?? [];
  const rotate = tokenEndpointAuthMethod === 'none';
  return {
    label: appLabel(manifest),
    type: oidc.type,
    ...(preconfiguredApp !== undefined ? { preconfiguredApp, ...appSettings(manifest) } : {}),
    grantTypes,
    ...(oidc.type !== 'service' && oidc.redirectUris !== undefined ? { redirectUris: [...oidc.redirectUris] } : {}),
    ...(postLogout.length > 0 ? { postLogoutRedirectUris: [...postLogout] } : {}),
    ...(responseTypes.length > 0 ? { responseTypes } : {}),
    pkceRequired: grantTypes.includes('authorization_code') && oidc.pkce,
    tokenEndpointAuthMethod,
    ...(grantTypes.includes('refresh_token')
      ? rotate
        ? { refreshTokenRotation: 'ROTATE', refreshTokenLeeway: REFRESH_TOKEN_LEEWAY }
        : { refreshTokenRotation: 'STATIC' }
      : {}),
  };
}

/**
 * CSS selectors for a custom SWA app's sign-in form. The manifest format has
 * no place for them, so these match common forms; the app is listed in
 * `manualSteps` for an admin to check them.
 */
export const SWA_FORM = {
  usernameField: 'input[type="email"], input[name="username"], input[name="email"]',
  passwordField: 'input[type="password"]',
  buttonField: 'button[type="submit"], input[type="submit"]',
} as const;

/**
 * `okta.app.Swa` arguments: an OIN app by its key and instance settings; a
 * custom app with the manifest's `spec.url` as login URL and the generic form
 * selectors (`url`, `usernameField`, `passwordField` and `buttonField` are
 * what the provider requires for a custom SWA app).
 */
export function swaAppArgs(manifest: Manifest): okta.app.SwaArgs {
  const label = appLabel(manifest);
  const preconfiguredApp = manifest.spec.sso.okta?.preconfiguredApp;
  if (preconfiguredApp !== undefined) return { label, preconfiguredApp, ...appSettings(manifest) };
  return { label, url: manifest.spec.url, ...SWA_FORM };
}

/** The app resource for the manifest's protocol; `null` for `none` (nothing is provisioned). */
export type AppArgs =
  | { readonly protocol: 'saml'; readonly args: okta.app.SamlArgs }
  | { readonly protocol: 'oidc'; readonly args: okta.app.OAuthArgs }
  | { readonly protocol: 'swa'; readonly args: okta.app.SwaArgs };

/**
 * The app's note for admins in Okta (SPEC §7.1): it is managed as code, and
 * where its manifest lives, so a change made by hand is made in the manifest
 * instead. Production apps also carry {@link PRODUCTION_NOTE}.
 */
export function adminNote(manifest: Manifest, filePath: string): string {
  const production = manifest.spec.lifecycle === 'production' ? ` ${PRODUCTION_NOTE}` : '';
  return `Managed as code by saasgov from ${filePath} (${manifest.metadata.name}): change the manifest, not this app; changes made here are reverted.${production}`;
}

/**
 * The app resource arguments for a manifest, with its admin note. Throws
 * `MappingError` when the provider's required settings are missing (see
 * {@link provisioningProblems} for every such problem at once).
 */
export function appArgs(manifest: Manifest, filePath: string): AppArgs | null {
  const note = { adminNote: adminNote(manifest, filePath) };
  switch (manifest.spec.sso.protocol) {
    case 'saml':
      return { protocol: 'saml', args: { ...samlAppArgs(manifest), ...note } };
    case 'oidc':
      return { protocol: 'oidc', args: { ...oauthAppArgs(manifest), ...note } };
    case 'swa':
      return { protocol: 'swa', args: { ...swaAppArgs(manifest), ...note } };
    case 'none':
      return null;
  }
}

/**
 * What the provider (or Okta behind it) would reject in a manifest that lint
 * passes, each naming the manifest field (SPEC §7.1 "provider-valid inputs,
 * or a refusal before any change"): a custom SAML app without the ACS URL or
 * audience the provider requires (even where `sso/saml-hardening` is waived:
 * terraform-provider-okta `okta_app_saml`, "If not provided the following
 * arguments are required"), an OIDC `service` app without the client
 * credentials grant (the only grant a service app signs in with), an OIDC
 * manifest without its `oidc` block, and an OIN app without the instance
 * settings its integration requires (`oin.ts`).
 */
export function provisioningProblems(manifest: Manifest): string[] {
  const sso = manifest.spec.sso;
  const problems: string[] = [];
  const oinKey = sso.okta?.preconfiguredApp;
  if (sso.protocol === 'saml' && oinKey === undefined) {
    for (const field of ['acsUrl', 'audience'] as const) {
      if (sso.saml?.[field] === undefined) {
        problems.push(`spec.sso.saml.${field} is missing: Okta needs it to create a custom SAML app (a waiver of sso/saml-hardening does not change that); set it, or name the OIN app in spec.sso.okta.preconfiguredApp`);
      }
    }
  }
  if (sso.protocol === 'oidc') {
    if (sso.oidc === undefined) {
      problems.push('spec.sso.oidc is missing, so the OIDC app type is unknown: declare type, redirectUris and grantTypes');
    } else if (sso.oidc.type === 'service' && !sso.oidc.grantTypes.includes('client_credentials')) {
      problems.push('spec.sso.oidc.grantTypes lacks client_credentials: an OIDC service app signs in with the client credentials grant only; set grantTypes: [client_credentials]');
    }
  }
  if (oinKey !== undefined && sso.protocol !== 'none') {
    const required = requiredSettings(oinKey);
    const settings = sso.okta?.settings ?? {};
    for (const { key, values } of required?.settings ?? []) {
      const value = Object.hasOwn(settings, key) ? settings[key] : undefined;
      if (value === undefined || value === null || value === '') {
        problems.push(
          `spec.sso.okta.settings.${key} is missing: Okta requires it for the "${oinKey}" app${values ? ` (one of ${values.join(', ')})` : ''} (${required!.source})`,
        );
      } else if (values !== undefined && !values.includes(String(value))) {
        problems.push(`spec.sso.okta.settings.${key} must be one of ${values.join(', ')} for the "${oinKey}" app (${required!.source})`);
      }
    }
  }
  return problems;
}

/** Okta group names from `access.groups`, de-duplicated in manifest order. */
export function groupNames(manifest: Manifest): string[] {
  return [...new Set(manifest.spec.access?.groups ?? [])];
}

/** `okta.AppGroupAssignments` groups for looked-up group ids: no app profile (`"{}"`), Okta's priority order. */
export function groupAssignments(groupIds: readonly string[]): { id: string; profile: string }[] {
  return groupIds.map((id) => ({ id, profile: '{}' }));
}

/**
 * Whether the app gets a two-factor sign-on policy: `sso.mfa: required`,
 * except on an OIDC `service` app — no person signs in to it, and Okta
 * rejects an authentication policy on one (terraform-provider-okta issue 2295).
 */
export function needsSignonPolicy(manifest: Manifest): boolean {
  return manifest.spec.sso.mfa === 'required' && !isServiceApp(manifest);
}

/**
 * `okta.AppSignonPolicy` arguments for `sso.mfa: required`. `catchAll: false`
 * makes the policy's default rule deny, so only the two-factor rule below
 * grants access — if it were ever removed or disabled, sign-in fails closed.
 */
export function signonPolicyArgs(manifest: Manifest): okta.AppSignonPolicyArgs {
  const name = manifest.metadata.name;
  return {
    name: `saasgov ${name} two factors`,
    description: `Two factors for ${appLabel(manifest)} (saasgov manifest ${name}, sso.mfa: required)`,
    catchAll: false,
  };
}

/** `okta.AppSignonPolicyRule` arguments (without the policy id): everyone, allowed with any two factors. */
export function signonPolicyRuleArgs(): Omit<okta.AppSignonPolicyRuleArgs, 'policyId'> {
  return { name: 'Require two factors', access: 'ALLOW', factorMode: '2FA', type: 'ASSURANCE', priority: 1, status: 'ACTIVE' };
}

/** SCIM features `okta.app.Features` (`USER_PROVISIONING`) switches; push-groups is `okta.PushGroup`, import `INBOUND_PROVISIONING`. */
export const API_SCIM_FEATURES: readonly ScimFeature[] = ['create', 'update', 'deactivate', 'sync-password'];

const status = (on: boolean) => (on ? 'ENABLED' : 'DISABLED');

/**
 * `okta.app.Features` arguments (without the app id) for the manifest's SCIM
 * features: each To App capability on exactly when SCIM is on and the
 * manifest lists it, so dropping a feature — or switching SCIM off — switches
 * it off in Okta. `sync-password` syncs the Okta password (`seed: OKTA`).
 */
export function provisioningFeaturesArgs(manifest: Manifest): Omit<okta.app.FeaturesArgs, 'appId'> {
  const scim = manifest.spec.provisioning?.scim;
  const on = scim?.enabled === true;
  const features = new Set(on ? (scim.features ?? []) : []);
  return {
    name: 'USER_PROVISIONING',
    status: status(on),
    capabilities: {
      create: { lifecycleCreate: { status: status(features.has('create')) } },
      update: {
        profile: { status: status(features.has('update')) },
        lifecycleDeactivate: { status: status(features.has('deactivate')) },
        password: features.has('sync-password') ? { status: 'ENABLED', seed: 'OKTA', change: 'CHANGE' } : { status: 'DISABLED' },
      },
    },
  };
}

/**
 * `okta.PushGroup` arguments (without the app and group ids): the mapping is
 * active, and removing it from the manifest stops pushing the group without
 * deleting the group the vendor holds (its members' access goes with the
 * group's assignment, which `access.groups` owns).
 */
export function pushGroupArgs(): Omit<okta.PushGroupArgs, 'appId' | 'sourceGroupId'> {
  return { status: 'ACTIVE', deleteTargetGroupOnDestroy: false };
}

/** What an Okta admin must do by hand, because saasgov did not (and says why). */
export interface ManualStep {
  /** `metadata.name`. */
  readonly app: string;
  readonly topic: 'scim' | 'swa-login-form' | 'oin-saml-settings' | 'replaced-app';
  /** Why it is not automated. */
  readonly reason: string;
  /** The steps, in order, each naming the Admin Console page, tab and setting. */
  readonly steps: readonly string[];
}

/** What the stack knows about the app's provisioning connection. */
export interface ScimAvailability {
  /** Whether `saasgov:scim` holds a connection (base URL + secret token) for this app. */
  readonly connection: boolean;
  /** Whether saasgov configured the app's connection before (its `okta.app.Connection` is in the stack). */
  readonly deployed?: boolean;
}

/** How the manifest's SCIM provisioning is handled: by the provider, by hand, or both. */
export interface ScimPlan {
  /**
   * Register `okta.app.Connection` + `okta.app.Features` (an OIN app whose
   * connection saasgov configures): `activate` when SCIM is on, `deactivate`
   * (and every feature off) when the manifest switched it off. Unset: none.
   */
  readonly connection?: 'activate' | 'deactivate';
  /** Groups to push with `okta.PushGroup` (only where saasgov switched provisioning on). */
  readonly pushGroups: readonly string[];
  /** What is left for an admin, if anything. */
  readonly manual?: ManualStep;
}

const FEATURE_LABELS: Readonly<Record<ScimFeature, string>> = {
  create: 'Create Users',
  update: 'Update User Attributes',
  deactivate: 'Deactivate Users',
  'sync-password': 'Sync Password',
  'push-groups': 'Push Groups',
  import: 'Import',
};
const TO_APP: readonly ScimFeature[] = ['create', 'update', 'deactivate', 'sync-password'];

/** The config commands that let saasgov configure an app's SCIM connection (apps of `STACK_CONFIGURED_CONNECTIONS`). */
export function scimConfigCommands(app: string): string {
  return (
    `pulumi config set --path 'saasgov:scim["${app}"].baseUrl' <the vendor's SCIM base URL> and ` +
    `pulumi config set --secret --path 'saasgov:scim["${app}"].token' (paste the token at the prompt), then pulumi up`
  );
}

/** Why Okta's API cannot configure this OIN app's provisioning connection from the stack (true per `oin.ts`). */
function connectionReason(oinKey: string): string {
  const api = apiProvisioning(oinKey);
  if (api === undefined) {
    return `Okta's API configures provisioning connections only for the OIN apps ${apiProvisioningApps()} (Okta Management API, Application Connections), not for "${oinKey}": an admin connects it in the Admin Console`;
  }
  if (oinKey === 'okta_org2org') {
    return 'Okta\'s API takes an Org2Org connection as a token without a base URL (or OAuth 2.0), while the provider\'s okta.app.Connection requires a base URL, so an admin connects it in the Admin Console';
  }
  return `Okta's API configures the "${oinKey}" connection only with OAuth 2.0, which needs an admin's consent at the vendor, so an admin connects it in the Admin Console`;
}

/**
 * The SCIM plan for a manifest (SPEC §7, §7.1: "never pretend"; "the
 * manifest owns what it declares"): for an OIN app whose connection saasgov
 * configures from the stack (`STACK_CONFIGURED_CONNECTIONS`), the connection,
 * its To App features and Push Groups — switched off again when the manifest
 * switches SCIM off; for every other app, manual steps whose reasons are
 * Okta's documented limits.
 */
export function scimPlan(manifest: Manifest, availability: ScimAvailability): ScimPlan {
  const scim = manifest.spec.provisioning?.scim;
  const preconfiguredApp = manifest.spec.sso.protocol === 'none' ? undefined : manifest.spec.sso.okta?.preconfiguredApp;
  const stackConfigured = preconfiguredApp !== undefined && STACK_CONFIGURED_CONNECTIONS.has(preconfiguredApp);
  if (!scim?.enabled) {
    // Switched off in the manifest: switch it off in Okta too (the provider's delete only warns).
    return stackConfigured && availability.deployed === true ? { connection: 'deactivate', pushGroups: [] } : { pushGroups: [] };
  }
  const app = manifest.metadata.name;
  const features = [...new Set(scim.features ?? [])];
  const listed = features.length > 0 ? features.join(', ') : 'none listed';
  const open = `Okta Admin Console › Applications › Applications › open "${appLabel(manifest)}" (created by saasgov for ${app}).`;
  const toApp = TO_APP.filter((f) => features.includes(f));
  const toAppStep =
    `Provisioning tab › Settings › To App › Edit: ` +
    (toApp.length > 0 ? `turn on ${toApp.map((f) => FEATURE_LABELS[f]).join(', ')}` : 'leave every feature off') +
    `${toApp.length < TO_APP.length ? `; leave ${TO_APP.filter((f) => !features.includes(f)).map((f) => FEATURE_LABELS[f]).join(', ')} off` : ''}; Save.`;
  const groups = groupNames(manifest);
  const pushStep =
    `Push Groups tab › Push Groups › Find groups by name: push ${groups.length > 0 ? groups.join(', ') : 'the groups the vendor needs'}` +
    `${groups.length > 0 ? " (the manifest's access.groups)" : ''}, with "Push group memberships immediately" on.`;
  const importStep = 'Provisioning tab › Settings › To Okta: set the import schedule and the user matching rules, then run Import from the Import tab.';

  if (manifest.spec.sso.protocol === 'none') {
    return {
      pushGroups: [],
      manual: {
        app,
        topic: 'scim',
        reason: `the manifest enables SCIM (features: ${listed}), but sso.protocol is none, so saasgov creates no Okta app to switch provisioning on in`,
        steps: [
          'Add an app integration for the vendor by hand (Applications › Browse App Catalog, or Create App Integration), or give the manifest an sso.protocol so saasgov creates one.',
          'Then switch SCIM provisioning on in that app as the vendor documents, with the features the manifest lists.',
        ],
      },
    };
  }

  if (stackConfigured && availability.connection) {
    const pushGroups = features.includes('push-groups') ? groups : [];
    const left: string[] = [];
    const reasons: string[] = [];
    if (features.includes('push-groups') && groups.length === 0) {
      left.push(pushStep);
      reasons.push('the manifest lists no access.groups to push');
    }
    if (features.includes('import')) {
      left.push(importStep);
      reasons.push(`Okta's API configures imports (INBOUND_PROVISIONING) only for ${apiInboundApps()} (Okta Management API, Application Features)`);
    }
    const done = `saasgov configured the SCIM connection and the To App features (${toApp.join(', ') || 'none'})${pushGroups.length > 0 ? ` and pushes ${pushGroups.join(', ')}` : ''}`;
    return left.length === 0 ? { connection: 'activate', pushGroups } : { connection: 'activate', pushGroups, manual: { app, topic: 'scim', reason: `${done}; ${reasons.join('; ')}`, steps: [open, ...left] } };
  }

  const extra = [...(features.includes('push-groups') ? [pushStep] : []), ...(features.includes('import') ? [importStep] : [])];
  const pushNote = features.includes('push-groups') ? '; Okta pushes groups only once provisioning is on in the app (Okta Management API, Group Push Mappings), so group push is set up there too' : '';
  if (stackConfigured) {
    return {
      pushGroups: [],
      manual: {
        app,
        topic: 'scim',
        reason: `the manifest enables SCIM (features: ${listed}), but the stack holds no SCIM connection for this app in saasgov:scim, so saasgov did not switch provisioning on${pushNote}`,
        steps: [
          open,
          'Provisioning tab › Configure API Integration › tick "Enable API integration", enter the vendor\'s SCIM credentials, click "Test API Credentials", then Save.',
          toAppStep,
          ...extra,
          `Or let saasgov configure the connection, the To App features and the group push: ${scimConfigCommands(app)}.`,
        ],
      },
    };
  }
  if (preconfiguredApp !== undefined) {
    return {
      pushGroups: [],
      manual: {
        app,
        topic: 'scim',
        reason: `the manifest enables SCIM (features: ${listed}); ${connectionReason(preconfiguredApp)}${pushNote}`,
        steps: [
          open,
          'Provisioning tab › Configure API Integration › tick "Enable API integration", enter or authorize the vendor\'s credentials as the vendor documents, click "Test API Credentials", then Save.',
          toAppStep,
          ...extra,
        ],
      },
    };
  }
  const actions = ['Push New Users', 'Push Profile Updates', ...(features.includes('push-groups') ? ['Push Groups'] : []), ...(features.includes('import') ? ['Import New Users and Profile Updates'] : [])];
  return {
    pushGroups: [],
    manual: {
      app,
      topic: 'scim',
      reason: `the manifest enables SCIM (features: ${listed}), but Okta's API configures provisioning connections only for some OIN apps (${apiProvisioningApps()}), never for a custom app integration${pushNote}`,
      steps: [
        open,
        'General tab › App Settings › Edit › Provisioning: select "SCIM", then Save.',
        `Provisioning tab › Integration › Edit: enter the vendor's SCIM connector base URL; Unique identifier field for users: userName; Supported provisioning actions: ${actions.join(', ')}; Authentication Mode: HTTP Header, with the vendor's SCIM bearer token; click "Test Connector Configuration", then Save.`,
        toAppStep,
        ...extra,
      ],
    },
  };
}

/** Manual steps that come from the app itself, not from SCIM: a custom SWA app's form selectors, an OIN SAML app's template. */
export function appManualSteps(manifest: Manifest): ManualStep[] {
  const app = manifest.metadata.name;
  const sso = manifest.spec.sso;
  const open = `Okta Admin Console › Applications › Applications › open "${appLabel(manifest)}" (created by saasgov for ${app}).`;
  const steps: ManualStep[] = [];
  if (sso.protocol === 'swa' && sso.okta?.preconfiguredApp === undefined) {
    steps.push({
      app,
      topic: 'swa-login-form',
      reason: 'the manifest format has no sign-in form selectors, so saasgov set generic ones for the username, password and sign-in button fields',
      steps: [
        open,
        `General tab › App Settings › Edit: check the Login URL (${manifest.spec.url}) and the username, password and login button field selectors ` +
          `(set to ${SWA_FORM.usernameField} | ${SWA_FORM.passwordField} | ${SWA_FORM.buttonField}) against the vendor's sign-in page; Save.`,
      ],
    });
  }
  const preconfiguredApp = sso.okta?.preconfiguredApp;
  if (sso.protocol === 'saml' && preconfiguredApp !== undefined && sso.saml !== undefined) {
    const saml = sso.saml;
    const settings = [
      ...(saml.acsUrl !== undefined ? [`ACS URL ${saml.acsUrl}`] : []),
      ...(saml.audience !== undefined ? [`audience ${saml.audience}`] : []),
      `Name ID format ${saml.nameIdFormat}`,
      `signature algorithm ${saml.signatureAlgorithm}`,
      `response signed ${saml.responseSigned}`,
      `assertion signed ${saml.assertionSigned}`,
      ...(saml.attributes?.length ? [`attributes ${saml.attributes.map((a) => a.name).join(', ')}`] : []),
    ];
    steps.push({
      app,
      topic: 'oin-saml-settings',
      reason: `the app comes from the Okta Integration Network ("${preconfiguredApp}"), whose template sets its SAML endpoints and signing; saasgov did not apply the manifest's spec.sso.saml`,
      steps: [open, `Sign On tab › Edit: compare with the manifest (${settings.join('; ')}) and set what the template allows; Save.`],
    });
  }
  return steps;
}
