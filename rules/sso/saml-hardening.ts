/** sso/saml-hardening — a custom SAML app has its endpoints, https, SHA-256 and signed sign-ins. The checks live in `src/checks/saml.ts`. */
import { z } from 'zod';
import { checkSaml, SAML_MESSAGES, type SamlField } from '../../src/checks/saml';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';
import { formatPath } from '../../src/manifest/path';
import type { Path } from '../../src/manifest/types';

const pathOf = (field: SamlField): Path => (field === 'settings' ? ['spec', 'sso', 'saml'] : ['spec', 'sso', 'saml', field]);

export const rule = createRule({
  kind: 'manifest',
  id: 'sso/saml-hardening',
  description: 'A custom SAML app (no Okta Integration Network app) has an https ACS URL, an audience, a SHA-256 signature and a signed response or assertion',
  severity: 'error',
  waivable: true,
  controls: CONTROLS.protocolHardening,
  options: z.strictObject({}),
  messages: SAML_MESSAGES,
  check({ manifest, report }) {
    const sso = manifest.spec.sso;
    if (sso.protocol !== 'saml') return;
    // An empty app key names no Okta Integration Network app.
    const preconfigured = (sso.okta?.preconfiguredApp ?? '').trim() !== '';
    for (const p of checkSaml({ preconfigured, settings: sso.saml }, (field) => formatPath(pathOf(field)))) {
      report({ path: pathOf(p.field), messageId: p.messageId, data: p.data });
    }
  },
});
