/**
 * `okta-oidc-hardening`: the linter's `sso/oidc-hardening` (the same
 * `checkOidc`) on `okta.app.OAuth` resources written in any Pulumi program,
 * and on the redirect URIs that `okta.app.OAuthRedirectUri` appends to an
 * app. Okta's provider settings are resolved the way the provider resolves
 * them (terraform-provider-okta `resource_okta_app_oauth.go`, which
 * @pulumi/okta bridges):
 * - `grantTypes` unset or empty: the provider sends its default for the app
 *   type — `authorization_code` for web and native apps,
 *   `client_credentials` for services, and for a browser app every grant a
 *   browser app may have, `implicit` included;
 * - `pkceRequired` unset: true when `tokenEndpointAuthMethod` is `none` (a
 *   public client), on create and on every update; otherwise true only when
 *   the app is created as native or browser and false on every later update —
 *   so a native or browser app that keeps a client secret must set it to true
 *   whenever the authorization code flow is granted (without that flow PKCE
 *   does not apply, as in the saasgov program's mapping)
 *   (`buildAppOAuth`: "if pkceVal.IsNull() { if authMethod == "none" { pkceRequired = true } …");
 * - `tokenEndpointAuthMethod` unset: `client_secret_basic` (the schema default);
 * - a native app's private-use URI scheme redirect (`com.example.app:/cb`,
 *   RFC 8252 §7.1) is not a violation: the OS routes it to the app that
 *   claimed the scheme;
 * - `wildcardRedirect` unset: `DISABLED`.
 */
import * as okta from '@pulumi/okta';
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from '@pulumi/policy';
import { checkOidc, OIDC_MESSAGES, OIDC_READS, type OidcField, type OidcSettings } from '../checks/oidc';
import { decidedProblems, type UnknownField } from '../checks/problem';
import { isPrivateUseScheme } from '../checks/uri';
import { renderMessage } from '../engine/rule';
import { rule } from '../../rules/sso/oidc-hardening';
import { enforcementLevelFor } from './enforcement';
import { typeToken } from './okta-types';
import { readBoolean, readString, readStringList, UNKNOWN, type Unknown } from './preview-values';

/** The grant the code flow needs, and PKCE protects. */
const AUTHORIZATION_CODE = 'authorization_code';

/** The grants the provider sends when `grantTypes` is unset or empty, by app type. */
export const PROVIDER_DEFAULT_GRANTS: Readonly<Record<string, readonly string[]>> = {
  web: [AUTHORIZATION_CODE],
  native: [AUTHORIZATION_CODE],
  service: ['client_credentials'],
  browser: [
    'implicit',
    AUTHORIZATION_CODE,
    'refresh_token',
    'urn:ietf:params:oauth:grant-type:saml2-bearer',
    'urn:ietf:params:oauth:grant-type:token-exchange',
    'urn:ietf:params:oauth:grant-type:device_code',
    'interaction_code',
    'urn:okta:params:oauth:grant-type:oob',
    'urn:okta:params:oauth:grant-type:otp',
    'http://auth0.com/oauth/grant-type/mfa-oob',
    'http://auth0.com/oauth/grant-type/mfa-otp',
  ],
};

type List = readonly (string | Unknown)[];

/** A list field as the check reads it, with what is unknown about it. */
interface ListValue {
  /** The items, unknown ones replaced by `''` (their problems are dropped). */
  readonly items: string[] | undefined;
  readonly unknown: (index?: number) => boolean;
}

function listValue(list: List | undefined | Unknown): ListValue {
  if (list === UNKNOWN) return { items: [], unknown: () => true };
  if (list === undefined) return { items: undefined, unknown: () => false };
  return {
    items: list.map((item) => (item === UNKNOWN ? '' : item)),
    unknown: (index) => (index === undefined ? list.includes(UNKNOWN) : list[index] === UNKNOWN),
  };
}

/** What the check gets for an app, what is unknown, and how its fields are named. */
interface Prepared {
  readonly settings: OidcSettings;
  readonly unknown: UnknownField<OidcField>;
  readonly label: (field: OidcField, index?: number) => string;
}

const indexed = (name: string, index?: number) => (index === undefined ? name : `${name}[${index}]`);

/** The check's view of an `okta.app.OAuth`'s properties, provider defaults resolved. */
export function oauthAppSettings(props: unknown): Prepared {
  const type = readString(props, 'type');
  const redirectUris = listValue(readStringList(props, 'redirectUris'));
  const pkceRequired = readBoolean(props, 'pkceRequired');
  const authMethod = readString(props, 'tokenEndpointAuthMethod');
  const wildcardRedirect = readString(props, 'wildcardRedirect');
  const typeName = type === UNKNOWN ? '' : (type ?? '');

  const explicitGrants = readStringList(props, 'grantTypes');
  const defaulted = explicitGrants !== UNKNOWN && (explicitGrants === undefined || explicitGrants.length === 0);
  // Own properties only: the type is the program's text (`constructor` must not find Object's).
  const defaults = Object.hasOwn(PROVIDER_DEFAULT_GRANTS, typeName) ? PROVIDER_DEFAULT_GRANTS[typeName]! : [];
  const grantList: List | Unknown = !defaulted ? (explicitGrants as List | Unknown) : type === UNKNOWN ? UNKNOWN : defaults;
  const grants = listValue(grantList);

  // PKCE counts as required when pkceRequired is true; when it is unset and the
  // client is public (tokenEndpointAuthMethod none), because the provider then
  // requires it on create and on every update; or when the code flow is not granted at all.
  let pkce: boolean | Unknown;
  if (pkceRequired === true || (pkceRequired === undefined && authMethod === 'none')) pkce = true;
  else if (pkceRequired === UNKNOWN || grantList === UNKNOWN || (pkceRequired === undefined && authMethod === UNKNOWN)) pkce = UNKNOWN;
  else if (grantList.includes(AUTHORIZATION_CODE)) pkce = false;
  else pkce = grantList.includes(UNKNOWN) ? UNKNOWN : true;

  const unknownOf: Readonly<Record<OidcField, (index?: number) => boolean>> = {
    settings: () => false,
    type: () => type === UNKNOWN,
    redirectUris: redirectUris.unknown,
    grantTypes: grants.unknown,
    pkce: () => pkce === UNKNOWN,
    wildcardRedirect: () => wildcardRedirect === UNKNOWN,
  };
  const defaultedGrants = `grantTypes (not set: the provider's default for a ${typeName} app)`;
  const names: Readonly<Record<OidcField, string>> = {
    settings: 'the OAuth settings',
    type: 'type',
    redirectUris: 'redirectUris',
    grantTypes: 'grantTypes',
    pkce: 'pkceRequired',
    wildcardRedirect: 'wildcardRedirect',
  };
  return {
    settings: {
      type: typeName,
      ...(redirectUris.items !== undefined ? { redirectUris: redirectUris.items } : {}),
      grantTypes: grants.items ?? [],
      pkce: pkce === UNKNOWN ? true : pkce,
      ...(wildcardRedirect !== UNKNOWN && wildcardRedirect !== undefined ? { wildcardRedirect } : {}),
    },
    unknown: (field, index) => unknownOf[field](index),
    label: (field, index) => (field === 'grantTypes' && defaulted ? defaultedGrants : indexed(names[field], index)),
  };
}

/**
 * The check's view of an `okta.app.OAuthRedirectUri`: one redirect URI of an
 * app whose type is on another resource, so what depends on the type (plain
 * http to loopback, allowed for native apps only) is left undecided.
 */
export function redirectUriSettings(props: unknown): Prepared {
  const uri = readString(props, 'uri');
  return {
    settings: { type: '', redirectUris: [uri === UNKNOWN ? '' : (uri ?? '')], grantTypes: [], pkce: true },
    unknown: (field) => field === 'type' || (field === 'redirectUris' && uri === UNKNOWN),
    label: (field, index) => (field === 'redirectUris' ? 'uri' : indexed(field, index)),
  };
}

function report({ settings, unknown, label }: Prepared, reportViolation: ReportViolation): void {
  for (const p of decidedProblems(checkOidc(settings, label, { privateUseSchemes: true }), OIDC_READS, unknown)) {
    // A private-use scheme is allowed for a native app: while the type is unknown, that is not decided.
    const uri = p.index !== undefined ? settings.redirectUris?.[p.index] : undefined;
    if (p.messageId === 'redirectNotHttps' && unknown('type') && uri !== undefined && isPrivateUseScheme(uri)) continue;
    reportViolation(renderMessage(OIDC_MESSAGES[p.messageId], p.data));
  }
}

/** Reports each OIDC hardening problem of an `okta.app.OAuth`'s properties that is decidable now. */
export function validateOAuthApp(props: unknown, reportViolation: ReportViolation): void {
  report(oauthAppSettings(props), reportViolation);
}

/** Reports a wildcard or non-https redirect URI added by an `okta.app.OAuthRedirectUri`. */
export function validateOAuthRedirectUri(props: unknown, reportViolation: ReportViolation): void {
  report(redirectUriSettings(props), reportViolation);
}

/** The policy's validation: OAuth apps and their separately added redirect URIs; every other type is not applicable. */
export function validateOidcResource(args: ResourceValidationArgs, reportViolation: ReportViolation): void {
  if (args.isType(okta.app.OAuth)) return validateOAuthApp(args.props, reportViolation);
  if (args.isType(okta.app.OAuthRedirectUri)) return validateOAuthRedirectUri(args.props, reportViolation);
  args.notApplicable(`Policy only applies to resources of type '${typeToken(okta.app.OAuth)}' and '${typeToken(okta.app.OAuthRedirectUri)}'`);
}

/** The policy, at the enforcement level of `sso/oidc-hardening`'s severity. */
export const oktaOidcHardening: ResourceValidationPolicy = {
  name: 'okta-oidc-hardening',
  displayName: 'Okta OIDC apps are hardened',
  description:
    `${rule.description} (saasgov rule ${rule.id}): okta.app.OAuth and okta.app.OAuthRedirectUri need exact https redirect URIs, ` +
    'no implicit or password grant (an unset grantTypes is the provider default, implicit included for browser apps), ' +
    'pkceRequired true for native and browser apps granted the code flow, and wildcardRedirect DISABLED.',
  enforcementLevel: enforcementLevelFor(rule.severity),
  severity: 'high',
  tags: ['okta', 'oidc'],
  validateResource: validateOidcResource,
};
