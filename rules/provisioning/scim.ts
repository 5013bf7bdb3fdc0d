/** provisioning/scim — large or sensitive apps create and remove accounts through SCIM, so leavers lose access automatically. */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';
import { isSensitive } from '../../src/manifest/facts';
import type { Manifest } from '../../src/manifest/schema';
import { describe } from '../../src/manifest/validate';

/** The SCIM features the rule requires: joiners get accounts, leavers lose them. */
const REQUIRED_FEATURES = ['create', 'deactivate'] as const;

/** Why an app needs SCIM: its seat count (at least `minSeats`), its sensitive data, both, or neither (the rule does not apply). */
export function scimTriggers(manifest: Manifest, minSeats: number): { readonly bySeats: boolean; readonly sensitive: boolean } {
  const seats = manifest.spec.seats;
  return { bySeats: seats !== undefined && seats >= minSeats, sensitive: isSensitive(manifest) };
}

export const rule = createRule({
  kind: 'manifest',
  id: 'provisioning/scim',
  description: 'An app with at least minSeats seats, or holding confidential or restricted data, has SCIM provisioning with create and deactivate',
  severity: 'error',
  waivable: true,
  controls: CONTROLS.provisioning,
  options: z.strictObject({
    /** Seat count from which SCIM is required whatever the data (sensitive apps always need it). */
    minSeats: z.int().min(0).default(25),
  }),
  messages: {
    notEnabled:
      'SCIM provisioning is off (`spec.provisioning.scim.enabled` is not true) although {{reason}}: accounts are then created and removed by hand, and leavers keep access until someone remembers. Enable SCIM in Okta with at least the `create` and `deactivate` features.',
    notOnPlan:
      'SCIM provisioning is off and the vendor does not sell it on {{plan}} (`spec.provisioning.scim.availableOnPlan: false`), although {{reason}}: leavers keep access until someone removes them by hand. Budget the upgrade to a plan with SCIM, or get a time-limited waiver with a documented manual deprovisioning process.',
    missingFeatures:
      '`spec.provisioning.scim.features` lacks {{missing}} although {{reason}}: without `create` joiners get no account from Okta, and without `deactivate` leavers keep access. Switch on {{missing}} in the app\'s provisioning settings in Okta and list it here.',
  },
  check({ manifest, options, report }) {
    const { seats, plan, data, provisioning } = manifest.spec;
    const { bySeats, sensitive } = scimTriggers(manifest, options.minSeats);
    if (!bySeats && !sensitive) return;
    const reasons = [
      ...(sensitive ? [`the app holds ${data.classification} data`] : []),
      ...(bySeats ? [`${sensitive ? 'it' : 'the app'} has ${seats} seats (SCIM is required from ${options.minSeats})`] : []),
    ];
    const reason = reasons.join(' and ');
    const scim = provisioning?.scim;
    if (scim?.enabled !== true) {
      const path = ['spec', 'provisioning', 'scim', 'enabled'];
      if (scim?.availableOnPlan === false) {
        const onPlan = plan === undefined ? 'the plan bought (`spec.plan` is not set)' : `plan ${describe(plan, 'plan')}`;
        report({ path, messageId: 'notOnPlan', data: { plan: onPlan, reason } });
      } else {
        report({ path, messageId: 'notEnabled', data: { reason } });
      }
      return;
    }
    const features = scim.features ?? [];
    const missing = REQUIRED_FEATURES.filter((f) => !features.includes(f));
    if (missing.length > 0) {
      report({
        path: ['spec', 'provisioning', 'scim', 'features'],
        messageId: 'missingFeatures',
        data: { missing: missing.map((f) => `\`${f}\``).join(' and '), reason },
      });
    }
  },
});
