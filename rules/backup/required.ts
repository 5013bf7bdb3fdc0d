/** backup/required — a production app holding internal or more sensitive data is backed up. */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';
import { classifiedAtLeast } from '../../src/manifest/facts';
import type { Manifest } from '../../src/manifest/schema';

/** Whether the app must be backed up and its restores tested: production, with internal or more sensitive data. */
export function backupExpected(manifest: Manifest): boolean {
  return manifest.spec.lifecycle === 'production' && classifiedAtLeast(manifest, 'internal');
}

export const rule = createRule({
  kind: 'manifest',
  id: 'backup/required',
  description: 'A production app with internal, confidential or restricted data declares a backup strategy other than none',
  severity: 'error',
  waivable: true,
  controls: CONTROLS.backup,
  options: z.strictObject({}),
  messages: {
    missing:
      '`spec.backup` is missing for a production app with {{classification}} data: add `backup.strategy` (vendor-native or third-party), so the data can be restored after a vendor outage, a ransomware attack or a bad bulk edit.',
    none:
      '`spec.backup.strategy` is `none` for a production app with {{classification}} data: use vendor-native or third-party backups, so the data can be restored after a vendor outage, a ransomware attack or a bad bulk edit.',
  },
  check({ manifest, report }) {
    const { spec } = manifest;
    if (!backupExpected(manifest)) return;
    const classification = spec.data.classification;
    if (spec.backup === undefined) {
      report({ path: ['spec', 'backup'], messageId: 'missing', data: { classification } });
    } else if (spec.backup.strategy === 'none') {
      report({ path: ['spec', 'backup', 'strategy'], messageId: 'none', data: { classification } });
    }
  },
});
