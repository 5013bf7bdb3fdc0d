/** sso/no-password-vaulting — sensitive data is not protected by a vaulted password (SWA), but by SAML or OIDC. */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';
import { isSensitive } from '../../src/manifest/facts';

export const rule = createRule({
  kind: 'manifest',
  id: 'sso/no-password-vaulting',
  description: 'An app holding confidential or restricted data uses real SSO (SAML or OIDC), not Okta password vaulting (swa)',
  severity: 'error',
  waivable: true,
  controls: CONTROLS.sso,
  options: z.strictObject({}),
  messages: {
    swa: '`spec.sso.protocol` is `swa` (password vaulting) for an app holding {{classification}} data: Okta only types in a password the vendor still accepts directly, so it can be phished, shared or used at the vendor\'s own login page, bypassing Okta\'s MFA and offboarding. Use `saml` or `oidc`; if the vendor sells SSO only on a higher plan, budget for it.',
  },
  check({ manifest, report }) {
    if (manifest.spec.sso.protocol !== 'swa' || !isSensitive(manifest)) return;
    report({ path: ['spec', 'sso', 'protocol'], messageId: 'swa', data: { classification: manifest.spec.data.classification } });
  },
});
