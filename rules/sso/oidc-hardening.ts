/** sso/oidc-hardening — an OIDC client follows the OAuth security best practice (RFC 9700). The checks live in `src/checks/oidc.ts`. */
import { z } from 'zod';
import { checkOidc, OIDC_MESSAGES, type OidcField } from '../../src/checks/oidc';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';
import { formatPath } from '../../src/manifest/path';
import type { Path } from '../../src/manifest/types';

const pathOf = (field: OidcField, index?: number): Path => {
  const base: Path = field === 'settings' ? ['spec', 'sso', 'oidc'] : ['spec', 'sso', 'oidc', field];
  return index === undefined ? base : [...base, index];
};

export const rule = createRule({
  kind: 'manifest',
  id: 'sso/oidc-hardening',
  description:
    'An OIDC app has exact https redirect URIs (http only to loopback for native apps, no wildcards), no implicit or password grant, and PKCE for native and browser apps',
  severity: 'error',
  waivable: true,
  controls: CONTROLS.protocolHardening,
  options: z.strictObject({}),
  messages: OIDC_MESSAGES,
  check({ manifest, report }) {
    const sso = manifest.spec.sso;
    if (sso.protocol !== 'oidc') return;
    for (const p of checkOidc(sso.oidc, (field, index) => formatPath(pathOf(field, index)))) {
      report({ path: pathOf(p.field, p.index), messageId: p.messageId, data: p.data });
    }
  },
});
