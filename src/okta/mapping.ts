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
 * reassigned; otherwise Okta's default application username.
 */
export const NAME_ID_TEMPLATES: Readonly<Record<Saml['nameIdFormat'], string>> = {
  email: '${user.email}',
  persistent: '${user.id}',
  transient: '${user.userName}',
  unspecified: '${user.userName}',
};

/** Okta's default authentication context for custom SAML apps (the provider requires one for custom apps). */
export const AUTHN_CONTEXT_CLASS_REF = 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport';
/** Attribute statements are sent with the "unspecified" name format, as Okta's own app wizard does. */
export const ATTRIBUTE_NAME_FORMAT = 'urn:oasis:names:tc:SAML:2.0:attrname-format:unspecified';

/**
 * `okta.app.Saml` arguments. An OIN app (`okta.preconfiguredApp`) gets only
 * its label and key: the OIN template owns its endpoints and signing. A
 * custom app gets the ACS URL as SSO URL, recipient and destination, the
 * audience, NameID format and template, signing (SHA-256 digest always) and
 * attribute statements.
 */
export function samlAppArgs(manifest: Manifest): okta.app.SamlArgs {
  const label = appLabel(manifest);
  const preconfiguredApp = manifest.spec.sso.okta?.preconfiguredApp;
  if (preconfiguredApp !== undefined) return { label, preconfiguredApp };
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
 * code flow is granted. A public client granted `refresh_token` gets
 * rotating refresh tokens (RFC 9700 §4.14); confidential clients keep
 * Okta's static ones.
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
    ...(preconfiguredApp !== undefined ? { preconfiguredApp } : {}),
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
 * `okta.app.Swa` arguments: an OIN app by its key; a custom app with the
 * manifest's `spec.url` as login URL and the generic form selectors
 * (`url`, `usernameField`, `passwordField` and `buttonField` are what the
 * provider requires for a custom SWA app).
 */
export function swaAppArgs(manifest: Manifest): okta.app.SwaArgs {
  const label = appLabel(manifest);
  const preconfiguredApp = manifest.spec.sso.okta?.preconfiguredApp;
  if (preconfiguredApp !== undefined) return { label, preconfiguredApp };
  return { label, url: manifest.spec.url, ...SWA_FORM };
}

/** The app resource for the manifest's protocol; `null` for `none` (nothing is provisioned). */
export type AppArgs =
  | { readonly protocol: 'saml'; readonly args: okta.app.SamlArgs }
  | { readonly protocol: 'oidc'; readonly args: okta.app.OAuthArgs }
  | { readonly protocol: 'swa'; readonly args: okta.app.SwaArgs };

/** The app resource arguments for a manifest. Throws `MappingError` when the provider's required settings are missing. */
export function appArgs(manifest: Manifest): AppArgs | null {
  switch (manifest.spec.sso.protocol) {
    case 'saml':
      return { protocol: 'saml', args: samlAppArgs(manifest) };
    case 'oidc':
      return { protocol: 'oidc', args: oauthAppArgs(manifest) };
    case 'swa':
      return { protocol: 'swa', args: swaAppArgs(manifest) };
    case 'none':
      return null;
  }
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

/** SCIM features `okta.app.Features` (`USER_PROVISIONING`) can switch; push-groups and import stay manual. */
export const API_SCIM_FEATURES: readonly ScimFeature[] = ['create', 'update', 'deactivate', 'sync-password'];

const status = (on: boolean) => (on ? 'ENABLED' : 'DISABLED');

/**
 * `okta.app.Features` arguments (without the app id) for the manifest's SCIM
 * features: each capability on exactly when the manifest lists it.
 * `sync-password` syncs the Okta password (`seed: OKTA`).
 */
export function provisioningFeaturesArgs(manifest: Manifest): Omit<okta.app.FeaturesArgs, 'appId'> {
  const features = new Set(manifest.spec.provisioning?.scim?.features ?? []);
  return {
    name: 'USER_PROVISIONING',
    status: 'ENABLED',
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

/** What an Okta admin must do by hand, because saasgov did not (and says why). */
export interface ManualStep {
  /** `metadata.name`. */
  readonly app: string;
  readonly topic: 'scim' | 'swa-login-form' | 'oin-saml-settings';
  /** Why it is not automated. */
  readonly reason: string;
  /** The steps, in order, each naming the Admin Console page, tab and setting. */
  readonly steps: readonly string[];
}

/** The SCIM connection the stack holds for an OIN app: the vendor's SCIM base URL (the token stays in the component). */
export interface ScimAvailability {
  /** Whether `saasgov:scim` holds a connection (base URL + secret token) for this app. */
  readonly connection: boolean;
}

/** How the manifest's SCIM provisioning is handled: by the provider, by hand, or both. */
export interface ScimPlan {
  /** Create `okta.app.Connection` + `okta.app.Features` (OIN app with a stack-held token). */
  readonly automated: boolean;
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

/** The config command that lets saasgov configure an OIN app's SCIM connection. */
export function scimConfigCommands(app: string): string {
  return (
    `pulumi config set --path 'saasgov:scim["${app}"].baseUrl' <the vendor's SCIM base URL> and ` +
    `pulumi config set --secret --path 'saasgov:scim["${app}"].token' (paste the token at the prompt), then pulumi up`
  );
}

/**
 * The SCIM plan for a manifest (SPEC §7, "never pretend"): nothing when SCIM
 * is off; `okta.app.Connection` + `okta.app.Features` for an OIN app whose
 * token the stack holds as a secret; otherwise manual steps for an Okta
 * admin. Push Groups and imports are always manual (the provider's Features
 * resource covers only the To App lifecycle).
 */
export function scimPlan(manifest: Manifest, availability: ScimAvailability): ScimPlan {
  const scim = manifest.spec.provisioning?.scim;
  if (!scim?.enabled) return { automated: false };
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
  const extra: string[] = [];
  if (features.includes('push-groups')) {
    extra.push(
      `Push Groups tab › Push Groups › Find groups by name: push ${groups.length > 0 ? groups.join(', ') : 'the groups the vendor needs'}` +
        `${groups.length > 0 ? ' (the manifest\'s access.groups)' : ''}, with "Push group memberships immediately" on.`,
    );
  }
  if (features.includes('import')) {
    extra.push('Provisioning tab › Settings › To Okta: set the import schedule and the user matching rules, then run Import from the Import tab.');
  }

  if (manifest.spec.sso.protocol === 'none') {
    return {
      automated: false,
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

  const preconfiguredApp = manifest.spec.sso.okta?.preconfiguredApp;
  if (preconfiguredApp !== undefined && availability.connection) {
    if (extra.length === 0) return { automated: true };
    return {
      automated: true,
      manual: {
        app,
        topic: 'scim',
        reason: `saasgov configured the SCIM connection and the To App features (${toApp.join(', ') || 'none'}); the provider cannot push groups or configure imports`,
        steps: [open, ...extra],
      },
    };
  }
  if (preconfiguredApp !== undefined) {
    return {
      automated: false,
      manual: {
        app,
        topic: 'scim',
        reason: `the manifest enables SCIM (features: ${listed}), but the stack holds no SCIM connection for this app in saasgov:scim, so saasgov did not switch provisioning on`,
        steps: [
          open,
          'Provisioning tab › Configure API Integration › tick "Enable API integration", enter the vendor\'s SCIM credentials, click "Test API Credentials", then Save.',
          toAppStep,
          ...extra,
          `Or let saasgov configure the connection and the To App features: ${scimConfigCommands(app)}.`,
        ],
      },
    };
  }
  const actions = ['Push New Users', 'Push Profile Updates', ...(features.includes('push-groups') ? ['Push Groups'] : []), ...(features.includes('import') ? ['Import New Users and Profile Updates'] : [])];
  return {
    automated: false,
    manual: {
      app,
      topic: 'scim',
      reason: `the manifest enables SCIM (features: ${listed}), but the Okta provider cannot switch provisioning on for a custom (non-OIN) app integration`,
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
