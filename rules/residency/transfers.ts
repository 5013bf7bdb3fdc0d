/** residency/transfers — personal data of people in the EEA leaves the EEA and adequate countries only with a legal transfer mechanism. */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';
import { hasPersonalData } from '../../src/manifest/facts';
import type { Manifest } from '../../src/manifest/schema';
import { isDpfCovered, isInside } from '../../src/regions/regions';

/** Where GDPR lets personal data go without a transfer mechanism (Art. 45). */
const SAFE = ['eea', 'adequate'] as const;

/** Whether the app holds personal data of people in the EEA (`data.subjects` has a region inside `eea`): the rule then checks where it goes. */
export function hasEeaPersonalData(manifest: Manifest): boolean {
  return hasPersonalData(manifest) && (manifest.spec.data.subjects ?? []).some((s) => isInside(s, 'eea'));
}

export const rule = createRule({
  kind: 'manifest',
  id: 'residency/transfers',
  description:
    'Personal data of people in the EEA stored outside the EEA and adequate countries has a transfer mechanism: scc or bcr, or dpf for the us',
  severity: 'error',
  waivable: true,
  controls: CONTROLS.residency,
  options: z.strictObject({}),
  messages: {
    noMechanism:
      '`spec.residency.regions` includes `{{region}}`, outside the EEA and the countries with an EU adequacy decision, and `spec.residency.transferMechanism` is not set: personal data of people in the EEA may go there only under standard contractual clauses (`scc`), binding corporate rules (`bcr`) or, for `us`, the Data Privacy Framework (`dpf`) (GDPR Art. 44–46).',
    dpfNotCovering:
      '`spec.residency.regions` includes `{{region}}`, outside the EEA and the countries with an EU adequacy decision; `spec.residency.transferMechanism` is `dpf`, which covers transfers to `us` only: sign standard contractual clauses (`scc`) or binding corporate rules (`bcr`) with the vendor (GDPR Art. 46).',
  },
  check({ manifest, report }) {
    const { residency } = manifest.spec;
    if (!hasEeaPersonalData(manifest)) return;
    const mechanism = residency?.transferMechanism;
    if (mechanism === 'scc' || mechanism === 'bcr') return;
    (residency?.regions ?? []).forEach((region, i) => {
      if (isInside(region, SAFE)) return;
      if (mechanism === 'dpf' && isDpfCovered(region)) return;
      report({
        path: ['spec', 'residency', 'regions', i],
        messageId: mechanism === 'dpf' ? 'dpfNotCovering' : 'noMechanism',
        data: { region },
      });
    });
  },
});
