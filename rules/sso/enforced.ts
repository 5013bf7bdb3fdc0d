/** sso/enforced — for sensitive data, SSO is the only way in: the vendor's local password login is disabled. */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';
import { isSensitive } from '../../src/manifest/facts';

export const rule = createRule({
  kind: 'manifest',
  id: 'sso/enforced',
  description: 'An app holding confidential or restricted data with SAML or OIDC has local password login disabled (sso.enforced: true)',
  severity: 'error',
  waivable: true,
  controls: CONTROLS.sso,
  options: z.strictObject({}),
  messages: {
    notEnforced:
      '`spec.sso.enforced` is not true (it defaults to false) for a `{{protocol}}` app holding {{classification}} data: people can still sign in at the vendor with a local password, skipping Okta\'s MFA and keeping access after they leave. Disable password login in the vendor\'s admin settings (keep one break-glass admin) and set `enforced: true`.',
  },
  check({ manifest, report }) {
    const { sso, data } = manifest.spec;
    if ((sso.protocol !== 'saml' && sso.protocol !== 'oidc') || !isSensitive(manifest) || sso.enforced) return;
    // Reported at the value when written; the engine falls back to `sso` for the default.
    report({ path: ['spec', 'sso', 'enforced'], messageId: 'notEnforced', data: { protocol: sso.protocol, classification: data.classification } });
  },
});
