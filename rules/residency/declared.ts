/** residency/declared — an app with sensitive data declares where that data is stored and processed. */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';
import { isSensitive } from '../../src/manifest/facts';

export const rule = createRule({
  kind: 'manifest',
  id: 'residency/declared',
  description: 'An app with confidential or restricted data lists the regions where the data is stored and processed',
  severity: 'error',
  waivable: true,
  controls: CONTROLS.residency,
  options: z.strictObject({}),
  messages: {
    missing:
      '`spec.residency.regions` is missing for an app with {{classification}} data: list every region where the vendor stores or processes the data, backups included (e.g. `[eu]`), so data-location and transfer rules can be checked.',
    empty:
      '`spec.residency.regions` is empty for an app with {{classification}} data: list every region where the vendor stores or processes the data, backups included (e.g. `[eu]`), so data-location and transfer rules can be checked.',
  },
  check({ manifest, report }) {
    if (!isSensitive(manifest)) return;
    const regions = manifest.spec.residency?.regions;
    const classification = manifest.spec.data.classification;
    if (regions === undefined) {
      report({ path: ['spec', 'residency', 'regions'], messageId: 'missing', data: { classification } });
    } else if (regions.length === 0) {
      report({ path: ['spec', 'residency', 'regions'], messageId: 'empty', data: { classification } });
    }
  },
});
