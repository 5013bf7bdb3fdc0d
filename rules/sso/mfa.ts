/** sso/mfa — sensitive data needs a second factor at sign-in, not just a password (no person signs in to an OIDC service app). */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';
import { isSensitive, isServiceApp } from '../../src/manifest/facts';

export const rule = createRule({
  kind: 'manifest',
  id: 'sso/mfa',
  description: 'An app holding confidential or restricted data requires multi-factor authentication (sso.mfa: required)',
  severity: 'error',
  waivable: true,
  controls: CONTROLS.mfa,
  options: z.strictObject({}),
  messages: {
    notRequired:
      '`spec.sso.mfa` is `optional` (the default when not set) for an app holding {{classification}} data: a stolen or guessed password alone opens it. Set `mfa: required`, so Okta asks for a second factor at every sign-in to this app.',
  },
  check({ manifest, report }) {
    if (!isSensitive(manifest) || manifest.spec.sso.mfa === 'required' || isServiceApp(manifest)) return;
    report({ path: ['spec', 'sso', 'mfa'], messageId: 'notRequired', data: { classification: manifest.spec.data.classification } });
  },
});
