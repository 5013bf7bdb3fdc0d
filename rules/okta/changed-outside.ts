/** okta/changed-outside — the System Log shows a change to a governed app made by someone other than the pipeline. */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';

export const rule = createRule({
  kind: 'org',
  id: 'okta/changed-outside',
  description: 'Governed Okta apps change only through the pipeline: no System Log entry of a change by another actor, no app created by hand',
  severity: 'warn',
  waivable: false,
  controls: [...CONTROLS.orgChange, 'NIST 800-53 AU-6'],
  options: z.strictObject({
    deployers: z.array(z.string()).default([]).meta({ description: "The System Log actors (alternateId) of the pipeline's credentials; --deployer adds to them" }),
  }),
  messages: {
    changed: '{{actor}} changed this app in Okta on {{date}} ({{eventType}}: "{{message}}"), outside the pipeline. Check the change; put what should stay into the manifest, and let `pulumi up` revert the rest.',
    created: '{{actor}} created the Okta app "{{label}}" ({{id}}) by hand on {{date}}, outside the pipeline.',
  },
  check({ org, declared, options, report }) {
    if (org.log === null) return;
    const deployers = new Set(options.deployers);
    const byId = new Map(declared.filter((d) => d.manifest.spec.sso.okta?.appId !== undefined).map((d) => [d.manifest.spec.sso.okta!.appId!, d]));
    const apps = new Map(org.apps.map((a) => [a.id, a]));
    const byPolicy = new Map<string, string[]>();
    for (const a of org.apps) if (a.policyId !== null && byId.has(a.id)) byPolicy.set(a.policyId, [...(byPolicy.get(a.policyId) ?? []), a.id]);
    for (const entry of org.log) {
      if (deployers.has(entry.actor)) continue;
      const data = { actor: entry.actorName === entry.actor ? entry.actor : `${entry.actorName} (${entry.actor})`, date: entry.published.slice(0, 10), eventType: entry.eventType, message: entry.message };
      const touched = new Set([...entry.appIds, ...entry.policyIds.flatMap((p) => byPolicy.get(p) ?? [])]);
      for (const id of [...touched].sort()) {
        const d = byId.get(id);
        if (d) report({ declared: d, path: ['spec', 'sso', 'okta', 'appId'], messageId: 'changed', data });
        else if (entry.eventType === 'application.lifecycle.create' && apps.has(id)) {
          const app = apps.get(id)!;
          report({ app, messageId: 'created', data: { ...data, label: app.label, id } });
        }
      }
    }
  },
});
