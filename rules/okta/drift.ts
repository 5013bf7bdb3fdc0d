/** okta/drift — a governed fact differs between the manifest and the Okta org (one finding per fact, at the manifest's field). */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { protocolOf } from '../../src/okta-api/org';
import { CONTROLS } from '../controls';

const FACTS = ['signOnMode', 'mfa', 'groups', 'scim', 'status'] as const;

const list = (items: readonly string[]) => items.map((i) => `"${i}"`).join(', ');

export const rule = createRule({
  kind: 'org',
  id: 'okta/drift',
  description: 'The Okta app matches its manifest: sign-on mode, MFA, assigned groups, SCIM features, status',
  severity: 'error',
  waivable: false,
  controls: CONTROLS.orgChange,
  options: z.strictObject({
    facts: z.array(z.enum(FACTS)).default([...FACTS]).meta({ description: 'The facts compared' }),
  }),
  messages: {
    protocol: '`spec.sso.protocol` is `{{declared}}`, but the Okta app signs in with {{signOnMode}} (`{{actual}}`): it was changed outside the pipeline. Make the manifest and the org agree.',
    mfa: '`spec.sso.mfa` is `required`, but the Okta app\'s authentication policy lets users in with one factor: MFA was relaxed in the org. Restore the two-factor rule (pulumi up), or change the manifest through review.',
    extraGroups: 'The Okta app is also assigned to {{groups}}, which `spec.access.groups` does not list: access was widened outside the pipeline.',
    missingGroup: 'The group "{{group}}" is not assigned to the Okta app, though `spec.access.groups` lists it.',
    scim: '`spec.provisioning.scim` declares {{declared}}, but Okta has {{actual}} switched on.',
    inactive: 'The Okta app {{id}} is inactive in the org, while this manifest (which does not pass lint) still declares it.',
  },
  check({ org, declared, options, report }) {
    const facts = new Set(options.facts);
    const byId = new Map(org.apps.map((a) => [a.id, a]));
    for (const d of declared) {
      const app = byId.get(d.manifest.spec.sso.okta?.appId ?? '');
      if (!app) continue;
      const spec = d.manifest.spec;
      if (facts.has('status') && app.status === 'INACTIVE' && !d.passing) report({ declared: d, path: ['spec', 'sso', 'okta', 'appId'], messageId: 'inactive', data: { id: app.id } });
      if (facts.has('signOnMode') && protocolOf(app.signOnMode) !== spec.sso.protocol) {
        report({ declared: d, path: ['spec', 'sso', 'protocol'], messageId: 'protocol', data: { declared: spec.sso.protocol, signOnMode: app.signOnMode, actual: app.protocol } });
      }
      const service = spec.sso.oidc?.type === 'service';
      if (facts.has('mfa') && spec.sso.mfa === 'required' && !service && app.mfa === 'optional') report({ declared: d, path: ['spec', 'sso', 'mfa'], messageId: 'mfa' });
      const groups = spec.access?.groups;
      if (facts.has('groups') && groups !== undefined && app.groups !== null) {
        const extra = app.groups.filter((g) => !groups.includes(g));
        if (extra.length > 0) report({ declared: d, path: ['spec', 'access', 'groups'], messageId: 'extraGroups', data: { groups: list(extra) } });
        groups.forEach((g, i) => {
          if (!app.groups!.includes(g)) report({ declared: d, path: ['spec', 'access', 'groups', i], messageId: 'missingGroup', data: { group: g } });
        });
      }
      const scim = spec.provisioning?.scim;
      if (facts.has('scim') && scim !== undefined) {
        const want = scim.enabled ? [...(scim.features ?? [])].sort() : [];
        const have = [...app.scimFeatures].sort();
        if (want.join() !== have.join()) {
          report({
            declared: d,
            path: ['spec', 'provisioning', 'scim', ...(scim.features !== undefined ? ['features'] : [])],
            messageId: 'scim',
            data: { declared: want.length > 0 ? `the features ${want.join(', ')}` : 'no provisioning', actual: have.length > 0 ? `the features ${have.join(', ')}` : 'no provisioning feature' },
          });
        }
      }
    }
  },
});
