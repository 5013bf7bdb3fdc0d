/**
 * OIDC hardening (SPEC §2.1 `sso/oidc-hardening`, §8), after RFC 9700 (OAuth
 * 2.0 Security Best Current Practice) and RFC 8252 (native apps): one
 * implementation on a neutral shape, called by the manifest rule and by the
 * CrossGuard policy pack (with `okta.app.OAuth` properties: `type`,
 * `redirectUris`, `grantTypes`, `pkceRequired`, `wildcardRedirect`). Free of
 * manifest and Pulumi types.
 */
import { neutralLabel, type CheckProblem, type FieldLabel, type ProblemReads } from './problem';
import { isPrivateUseScheme, LOOPBACK_HOSTS, showUrl, urlKind } from './uri';

/** An OIDC client's settings, defaults already resolved by the caller. */
export interface OidcSettings {
  /** `web`, `native`, `browser` or `service` (Okta's application types). */
  readonly type: string;
  /** Sign-in redirect URIs; `undefined` when none are given. */
  readonly redirectUris?: readonly string[];
  /** OAuth grant types, e.g. `authorization_code`. */
  readonly grantTypes: readonly string[];
  /** Whether PKCE is required. */
  readonly pkce: boolean;
  /**
   * Okta's wildcard matching of redirect URIs (`DISABLED` or `SUBDOMAIN`);
   * `undefined` when not set, which is Okta's `DISABLED`. Manifests have no
   * such setting; the policy pack reads `okta.app.OAuth`'s `wildcardRedirect`.
   */
  readonly wildcardRedirect?: string;
}

/** Fields an OIDC problem names; `settings` is the settings as a whole. */
export type OidcField = 'settings' | keyof OidcSettings;

/** App types that sign users in through a browser redirect (all but `service`). */
export const REDIRECTING_TYPES: readonly string[] = ['web', 'native', 'browser'];
/** App types that cannot keep a client secret, so need PKCE (RFC 9700 §2.1.1). */
export const PUBLIC_CLIENT_TYPES: readonly string[] = ['native', 'browser'];

const LOOPBACK = `${LOOPBACK_HOSTS.slice(0, -1).join(', ')} or ${LOOPBACK_HOSTS.at(-1)}`;

/**
 * Message templates by id. `{{field}}` is the caller's label of the field at
 * fault (with its list index); `{{found}}` a value safe to show.
 */
export const OIDC_MESSAGES = {
  oidcMissing:
    'The app signs in with OIDC but `{{field}}` is missing: declare the client type, redirect URIs and grant types, so Okta creates a client with safe settings rather than guesses.',
  redirectUrisMissing:
    '`{{field}}` is missing or empty for a `{{type}}` app: Okta must send sign-in codes only to addresses you list. Add the app\'s https callback URL(s).',
  redirectNotHttps:
    '`{{field}}` is {{found}}, not an absolute https URL: sign-in codes sent there can be intercepted or sent to the wrong place. Use an https URL (plain http is allowed only to ' +
    LOOPBACK +
    ', and only for a `native` app).',
  redirectHttpNotNative:
    '`{{field}}` is {{found}}: plain http to a loopback address is allowed only for a `native` app (RFC 8252), not for a `{{type}}` app. Use https.',
  redirectWildcard:
    '`{{field}}` is {{found}}, which contains a wildcard `*`: any matching host or path could receive sign-in codes, e.g. a forgotten subdomain taken over by an attacker. RFC 9700 requires exact redirect URIs: list each one.',
  implicitGrant:
    '`{{field}}` is `implicit`: the implicit grant returns tokens in the browser address, where they leak through history, logs and referrers; RFC 9700 says not to use it. Use `authorization_code` with PKCE.',
  passwordGrant:
    '`{{field}}` is `password`: the resource owner password grant gives users\' passwords to the app and bypasses Okta\'s MFA and sign-on policies; RFC 9700 says it must not be used. Use `authorization_code` (or `client_credentials` for a service).',
  pkceDisabled:
    '`{{field}}` is false for a `{{type}}` app: a {{type}} app cannot keep a client secret, so without PKCE a stolen authorization code can be redeemed by an attacker (RFC 9700). Set it to true (the default).',
  wildcardRedirect:
    '`{{field}}` is {{found}}: Okta then sends sign-in codes to any address that matches a wildcard redirect URI, e.g. a forgotten subdomain taken over by an attacker. RFC 9700 requires exact redirect URI matching: set it to `DISABLED` (the default) and list each redirect URI.',
} as const;

export type OidcMessageId = keyof typeof OIDC_MESSAGES;
export type OidcProblem = CheckProblem<OidcMessageId, OidcField>;

/** The fields each problem depends on (see {@link ProblemReads}); a test holds `checkOidc` to it. */
export const OIDC_READS: ProblemReads<OidcMessageId, OidcField> = {
  oidcMissing: ['settings'],
  redirectUrisMissing: ['redirectUris', 'type'],
  redirectNotHttps: ['redirectUris'],
  redirectHttpNotNative: ['redirectUris', 'type'],
  redirectWildcard: ['redirectUris'],
  implicitGrant: ['grantTypes'],
  passwordGrant: ['grantTypes'],
  pkceDisabled: ['pkce', 'type'],
  wildcardRedirect: ['wildcardRedirect'],
};

/** Okta's value that turns wildcard redirect matching off. */
export const WILDCARD_REDIRECT_DISABLED = 'DISABLED';

/** A setting's value as a message may quote it: a short plain token, else only its length. */
function showSetting(s: string): string {
  if (s.trim() === '') return 'an empty string';
  return /^[A-Za-z0-9_.-]{1,40}$/.test(s) ? `\`${s}\`` : `a ${s.length}-character value`;
}

const FORBIDDEN_GRANTS: ReadonlyMap<string, OidcMessageId> = new Map([
  ['implicit', 'implicitGrant'],
  ['password', 'passwordGrant'],
]);

/** How strictly the check reads redirect URIs. */
export interface OidcCheckOptions {
  /**
   * Accept a native app's private-use URI scheme redirect (RFC 8252 §7.1,
   * `com.example.app:/cb`). The policy pack does: a Pulumi program has no
   * waiver to record the exception in. The linter does not (SPEC §2.1: "not
   * absolute https"): a manifest records it as a governed waiver.
   */
  readonly privateUseSchemes?: boolean;
}

/**
 * Every OIDC hardening problem of a client, one per problem: the settings
 * missing; redirect URIs missing; per redirect URI, a wildcard and a scheme
 * other than https (loopback http for native apps excepted, and with
 * `privateUseSchemes` a native app's private-use scheme); per grant,
 * `implicit` or `password`; PKCE off for a public client; Okta's wildcard
 * redirect matching switched on.
 */
export function checkOidc(settings: OidcSettings | undefined, label: FieldLabel<OidcField> = neutralLabel, options: OidcCheckOptions = {}): OidcProblem[] {
  if (settings === undefined) return [{ messageId: 'oidcMissing', field: 'settings', data: { field: label('settings') } }];
  const problems: OidcProblem[] = [];
  const { type } = settings;
  const redirectUris = settings.redirectUris ?? [];

  if (redirectUris.length === 0 && REDIRECTING_TYPES.includes(type)) {
    problems.push({ messageId: 'redirectUrisMissing', field: 'redirectUris', data: { field: label('redirectUris'), type } });
  }
  redirectUris.forEach((uri, index) => {
    const data = { field: label('redirectUris', index), found: showUrl(uri), type };
    if (uri.includes('*')) problems.push({ messageId: 'redirectWildcard', field: 'redirectUris', index, data });
    const kind = urlKind(uri);
    if (kind === 'httpLoopback') {
      if (type !== 'native') problems.push({ messageId: 'redirectHttpNotNative', field: 'redirectUris', index, data });
    } else if (kind !== 'https' && !(options.privateUseSchemes === true && type === 'native' && isPrivateUseScheme(uri))) {
      problems.push({ messageId: 'redirectNotHttps', field: 'redirectUris', index, data });
    }
  });
  settings.grantTypes.forEach((grant, index) => {
    const messageId = FORBIDDEN_GRANTS.get(grant);
    if (messageId !== undefined) problems.push({ messageId, field: 'grantTypes', index, data: { field: label('grantTypes', index) } });
  });
  if (!settings.pkce && PUBLIC_CLIENT_TYPES.includes(type)) {
    problems.push({ messageId: 'pkceDisabled', field: 'pkce', data: { field: label('pkce'), type } });
  }
  const wildcard = settings.wildcardRedirect;
  if (wildcard !== undefined && wildcard.trim().toUpperCase() !== WILDCARD_REDIRECT_DISABLED) {
    problems.push({ messageId: 'wildcardRedirect', field: 'wildcardRedirect', data: { field: label('wildcardRedirect'), found: showSetting(wildcard) } });
  }
  return problems;
}
