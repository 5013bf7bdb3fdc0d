/** provisioning/deprovisioning — without SCIM deactivation, the manifest says how and how fast leavers lose access. */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';

export const rule = createRule({
  kind: 'manifest',
  id: 'provisioning/deprovisioning',
  description: 'An app without SCIM deactivate declares its deprovisioning: automatic, or manual within maxSlaHours',
  severity: 'error',
  waivable: true,
  controls: CONTROLS.provisioning,
  options: z.strictObject({
    /** Longest time, in hours, a manual deprovisioning may take. */
    maxSlaHours: z.int().min(1).default(24),
  }),
  messages: {
    missing:
      'SCIM does not deactivate leavers (`deactivate` is not enabled under `spec.provisioning.scim`) and `spec.provisioning.deprovisioning` is missing: nobody has committed to removing leavers\' accounts. Declare `method: automatic`, or `method: manual` with `slaHours` of at most {{maxSlaHours}}.',
    slaMissing:
      'Deprovisioning is manual and `spec.provisioning.deprovisioning.slaHours` is missing: without a deadline a leaver can keep access for weeks. Commit to removing accounts within at most {{maxSlaHours}} hours.',
    slaTooLong:
      '`spec.provisioning.deprovisioning.slaHours` is {{slaHours}}, above the {{maxSlaHours}} hours allowed for manual deprovisioning: a leaver keeps access to the app that long. Shorten the commitment, or enable SCIM with `deactivate`.',
  },
  check({ manifest, options, report }) {
    const scim = manifest.spec.provisioning?.scim;
    if (scim?.enabled === true && (scim.features ?? []).includes('deactivate')) return;
    const path = ['spec', 'provisioning', 'deprovisioning'];
    const deprovisioning = manifest.spec.provisioning?.deprovisioning;
    const { maxSlaHours } = options;
    if (deprovisioning === undefined) {
      report({ path, messageId: 'missing', data: { maxSlaHours } });
    } else if (deprovisioning.method === 'manual') {
      const { slaHours } = deprovisioning;
      if (slaHours === undefined) report({ path: [...path, 'slaHours'], messageId: 'slaMissing', data: { maxSlaHours } });
      else if (slaHours > maxSlaHours) report({ path: [...path, 'slaHours'], messageId: 'slaTooLong', data: { slaHours, maxSlaHours } });
    }
  },
});
