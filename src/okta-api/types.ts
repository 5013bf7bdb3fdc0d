/**
 * The parts of Okta's management API responses saasgov reads, as Okta's
 * OpenAPI description (test/fixtures/okta-api/management-openapi.yaml) names
 * them. Bodies are kept as Okta sent them (the SDK's typed models drop
 * fields such as an OIN app's `settings.app`), so every field is optional
 * here and read defensively.
 */

/** `Application` (one of its sign-on-mode subtypes). */
export interface OktaApp {
  readonly id: string;
  /** The OIN key of an OIN app; a fixed template name (`oidc_client`, `bookmark`, `template_swa`…) or a generated key for a custom app. */
  readonly name: string;
  readonly label: string;
  readonly status: 'ACTIVE' | 'INACTIVE' | 'DELETED';
  readonly signOnMode: string;
  readonly created?: string;
  readonly lastUpdated?: string;
  /** Enabled app features, provisioning ones included (`PUSH_NEW_USERS`, `PUSH_USER_DEACTIVATION`, `GROUP_PUSH`…). */
  readonly features?: readonly string[];
  readonly settings?: {
    readonly app?: Readonly<Record<string, unknown>>;
    readonly signOn?: OktaSamlSignOn & { readonly loginUrl?: string };
    readonly oauthClient?: OktaOAuthClientSettings;
  };
  readonly credentials?: { readonly oauthClient?: { readonly pkce_required?: boolean; readonly token_endpoint_auth_method?: string } };
  readonly _links?: {
    readonly accessPolicy?: { readonly href: string };
    readonly appLinks?: readonly { readonly name?: string; readonly href: string; readonly type?: string }[];
  };
}

/** `SamlApplicationSettingsSignOn`. */
export interface OktaSamlSignOn {
  readonly ssoAcsUrl?: string;
  readonly audience?: string;
  readonly subjectNameIdFormat?: string;
  readonly signatureAlgorithm?: string;
  readonly responseSigned?: boolean;
  readonly assertionSigned?: boolean;
  readonly attributeStatements?: readonly { readonly name?: string; readonly type?: string; readonly values?: readonly string[] }[];
}

/** `OpenIdConnectApplicationSettingsClient`. */
export interface OktaOAuthClientSettings {
  readonly application_type?: string;
  readonly grant_types?: readonly string[];
  readonly redirect_uris?: readonly string[];
  readonly post_logout_redirect_uris?: readonly string[];
}

/** `Group`. */
export interface OktaGroup {
  readonly id: string;
  readonly type?: string;
  readonly profile?: { readonly name?: string };
}

/** `ApplicationGroupAssignment`: `id` is the group's id. */
export interface OktaGroupAssignment {
  readonly id: string;
}

/** `AccessPolicyRule` (an app's authentication policy rule). */
export interface OktaPolicyRule {
  readonly id: string;
  readonly name?: string;
  readonly status?: string;
  readonly priority?: number;
  readonly actions?: {
    readonly appSignOn?: {
      readonly access?: 'ALLOW' | 'DENY';
      readonly verificationMethod?: { readonly type?: string; readonly factorMode?: '1FA' | '2FA' };
    };
  };
}

/** `LogEvent` of the System Log. */
export interface OktaLogEvent {
  readonly uuid: string;
  readonly published: string;
  readonly eventType: string;
  readonly displayMessage?: string;
  readonly actor?: { readonly id?: string; readonly type?: string; readonly alternateId?: string; readonly displayName?: string };
  readonly target?: readonly { readonly id?: string; readonly type?: string; readonly alternateId?: string; readonly displayName?: string }[];
}
