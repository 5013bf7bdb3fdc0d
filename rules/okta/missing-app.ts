/** okta/missing-app — a passing manifest names an Okta app that is not in the org, or is inactive there. */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';

export const rule = createRule({
  kind: 'org',
  id: 'okta/missing-app',
  description: 'A passing manifest\'s okta.appId is an active app of the Okta org',
  severity: 'error',
  waivable: false,
  controls: CONTROLS.orgInventory,
  options: z.strictObject({}),
  messages: {
    missing:
      '`spec.sso.okta.appId` is {{id}}, but the Okta org has no such app: it was deleted, or the id is wrong. Restore the app (or correct the id), or remove `appId` so the Pulumi program creates the app again.',
    inactive:
      'The Okta app {{id}} ("{{label}}") is inactive in the org: its users cannot sign in, although the manifest passes and is meant to run. Activate it in Okta, or mark the app `lifecycle: deprecated` and retire it.',
  },
  check({ org, declared, report }) {
    const byId = new Map(org.apps.map((a) => [a.id, a]));
    for (const d of declared) {
      const id = d.manifest.spec.sso.okta?.appId;
      if (id === undefined || !d.passing) continue;
      const app = byId.get(id);
      if (!app || app.status === 'DELETED') report({ declared: d, path: ['spec', 'sso', 'okta', 'appId'], messageId: 'missing', data: { id } });
      else if (app.status === 'INACTIVE') report({ declared: d, path: ['spec', 'sso', 'okta', 'appId'], messageId: 'inactive', data: { id, label: app.label } });
    }
  },
});
