/**
 * The saasgov policy pack's policies (SPEC §8), without the pack: importing
 * this module starts nothing, so tests and other tools use it freely. The
 * entry (`index.ts`) constructs the `PolicyPack`, which starts the analyzer's
 * gRPC server — never import that one outside the Pulumi CLI.
 *
 * The resource policies run the linter's own checks (`src/checks/`) on the
 * Okta provider's properties; their enforcement levels follow the lint rules'
 * severities. Messages are the checks' messages, naming Okta properties.
 */
import type { PolicyPackArgs } from '@pulumi/policy';
import { oktaOidcHardening } from './oidc-policy';
import { oktaProductionAppsRetained } from './production-policy';
import { oktaSamlHardening } from './saml-policy';

export { enforcementLevelFor } from './enforcement';
export { oauthAppSettings, oktaOidcHardening, PROVIDER_DEFAULT_GRANTS, redirectUriSettings, validateOAuthApp, validateOAuthRedirectUri, validateOidcResource } from './oidc-policy';
export { ADMIN_NOTE_LABEL, LIFECYCLE_TAG, oktaProductionAppsRetained, productionConfig, stackOfUrn, validateProductionApps, type ProductionConfig } from './production-policy';
export { oktaSamlHardening, SAML_PROPERTIES, validateSamlApp } from './saml-policy';

/** The pack's name (`pulumi policy enable <org>/saasgov-okta …`). */
export const PACK_NAME = 'saasgov-okta';

/** Every policy of the pack. */
export const POLICIES = [oktaSamlHardening, oktaOidcHardening, oktaProductionAppsRetained] as const;

/** What the entry constructs the pack with. */
export const PACK_ARGS: PolicyPackArgs = {
  displayName: 'saasgov Okta hardening',
  description:
    'The saasgov linter\'s SAML and OIDC hardening checks on okta.app.Saml, okta.app.OAuth and okta.app.OAuthRedirectUri, ' +
    'and production Okta apps protected or retained on delete — for Okta apps written by hand in any Pulumi program.',
  provider: 'okta',
  tags: ['okta', 'saasgov', 'sso'],
  policies: [...POLICIES],
};
