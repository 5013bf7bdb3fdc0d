/** backup/retention — backups are kept at least as long as the app's data classification requires. */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';
import type { Classification, Manifest } from '../../src/manifest/schema';

/** Whether the app declares a backup (a `backup` object whose strategy is not `none`), whose retention the rule then checks. */
export function hasBackup(manifest: Manifest): boolean {
  const backup = manifest.spec.backup;
  return backup !== undefined && backup.strategy !== 'none';
}

/** Minimum retention in days per classification, when the config does not say otherwise. */
export const DEFAULT_MIN_DAYS: Readonly<Record<Classification, number>> = { public: 0, internal: 30, confidential: 90, restricted: 365 };

const days = (c: Classification) => z.int().min(0).default(DEFAULT_MIN_DAYS[c]);

export const rule = createRule({
  kind: 'manifest',
  id: 'backup/retention',
  description: 'A backup declares retentionDays of at least the minimum for the app\'s classification',
  severity: 'error',
  waivable: true,
  controls: CONTROLS.backup,
  options: z.strictObject({
    /**
     * Minimum retention in days per classification. A partial object is merged
     * with the defaults: `{restricted: 730}` keeps 0/30/90 for the others.
     */
    minDays: z
      .strictObject({ public: days('public'), internal: days('internal'), confidential: days('confidential'), restricted: days('restricted') })
      .default({ ...DEFAULT_MIN_DAYS }),
  }),
  messages: {
    missing:
      '`spec.backup.retentionDays` is missing: declare how many days backups are kept (at least {{minDays}} for {{classification}} data), so a problem found late can still be restored.',
    tooShort:
      '`spec.backup.retentionDays` is {{retentionDays}}, below the {{minDays}} days required for {{classification}} data: keep backups longer, so corruption or deletion noticed weeks later can still be restored.',
  },
  check({ manifest, options, report }) {
    const backup = manifest.spec.backup;
    if (backup === undefined || !hasBackup(manifest)) return;
    const classification = manifest.spec.data.classification;
    const minDays = options.minDays[classification];
    if (backup.retentionDays === undefined) {
      report({ path: ['spec', 'backup', 'retentionDays'], messageId: 'missing', data: { classification, minDays } });
    } else if (backup.retentionDays < minDays) {
      report({ path: ['spec', 'backup', 'retentionDays'], messageId: 'tooShort', data: { classification, minDays, retentionDays: backup.retentionDays } });
    }
  },
});
