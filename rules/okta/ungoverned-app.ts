/** okta/ungoverned-app — an active app in the Okta org that no manifest declares: shadow IT. */
import { z } from 'zod';
import { createRule, type DeclaredApp } from '../../src/engine/rule';
import type { OrgApp } from '../../src/okta-api/org';
import { appLabel } from '../../src/okta/mapping';
import { CONTROLS } from '../controls';

/** Whether a manifest claims the org app: by its `okta.appId`, or by OIN key and label when it names no id. */
export function claims(declared: DeclaredApp, app: OrgApp): boolean {
  const okta = declared.manifest.spec.sso.okta;
  if (okta?.appId !== undefined) return okta.appId === app.id;
  return app.oinKey !== null && okta?.preconfiguredApp === app.oinKey && appLabel(declared.manifest) === app.label;
}

export const rule = createRule({
  kind: 'org',
  id: 'okta/ungoverned-app',
  description: 'Every active app in the Okta org is declared by a manifest (by okta.appId, or by OIN key and label)',
  severity: 'error',
  waivable: false,
  controls: CONTROLS.orgInventory,
  options: z.strictObject({
    ignore: z.array(z.string()).default([]).meta({ description: 'App ids or labels (exact) that are governed elsewhere' }),
  }),
  messages: {
    ungoverned:
      'The Okta app "{{label}}" ({{id}}, {{signOnMode}}{{oin}}) is active in the org but no manifest declares it: nobody has recorded its owners, data or controls. Import it (`saasgov import okta --out apps`) and complete the manifest, or deactivate it in Okta.',
  },
  check({ org, declared, claimedAppIds, options, report }) {
    const ignored = new Set(options.ignore);
    for (const app of org.apps) {
      if (app.status !== 'ACTIVE' || app.firstParty || ignored.has(app.id) || ignored.has(app.label)) continue;
      // By id, any manifest claims its app, even one not filled in yet (lint reports that one); by OIN key and label, a valid one.
      if (claimedAppIds.has(app.id) || declared.some((d) => claims(d, app))) continue;
      report({ app, messageId: 'ungoverned', data: { label: app.label, id: app.id, signOnMode: app.signOnMode, oin: app.oinKey !== null ? `, OIN app ${app.oinKey}` : ', custom app' } });
    }
  },
});
