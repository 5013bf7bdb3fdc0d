/** sso/required — an app holding internal or more sensitive data signs in through Okta, not with its own passwords. */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';
import { classifiedAtLeast } from '../../src/manifest/facts';
import { describe } from '../../src/manifest/validate';

export const rule = createRule({
  kind: 'manifest',
  id: 'sso/required',
  description: 'An app holding internal, confidential or restricted data signs in through Okta (sso.protocol is not none)',
  severity: 'error',
  waivable: true,
  controls: CONTROLS.sso,
  options: z.strictObject({}),
  messages: {
    none: '`spec.sso.protocol` is `none` for an app holding {{classification}} data: people sign in with separate passwords that Okta cannot protect with MFA or revoke when they leave. Connect the app to Okta with `saml` or `oidc`.',
    notOnPlan:
      '`spec.sso.protocol` is `none` for an app holding {{classification}} data, and the vendor does not sell SSO on {{plan}} (`spec.sso.availableOnPlan: false` — the "SSO tax"): budget the upgrade to a plan with SAML or OIDC, or get a time-limited waiver with a compensating control such as monthly access reviews.',
  },
  check({ manifest, report }) {
    const { sso, plan, data } = manifest.spec;
    if (sso.protocol !== 'none' || !classifiedAtLeast(manifest, 'internal')) return;
    const path = ['spec', 'sso', 'protocol'];
    if (sso.availableOnPlan === false) {
      const onPlan = plan === undefined ? 'the plan bought (`spec.plan` is not set)' : `plan ${describe(plan, 'plan')}`;
      report({ path, messageId: 'notOnPlan', data: { classification: data.classification, plan: onPlan } });
    } else {
      report({ path, messageId: 'none', data: { classification: data.classification } });
    }
  },
});
