/** backup/restore-tested — a production app's backups were restored successfully within the last maxAgeDays. */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';
import { addDays, daysBetween, relativeDays } from '../../src/util/dates';
import { backupExpected } from './required';

export const rule = createRule({
  kind: 'manifest',
  id: 'backup/restore-tested',
  description: 'A production app with internal or more sensitive data records a restore test no older than maxAgeDays',
  severity: 'warn',
  waivable: true,
  controls: CONTROLS.backup,
  options: z.strictObject({
    /** Oldest acceptable restore test, in days before as-of. */
    maxAgeDays: z.int().min(1).default(365),
  }),
  messages: {
    missing:
      '`spec.backup.lastRestoreTest` is missing for a production app with {{classification}} data: restore a backup, check the data, and record the date; an untested backup may not restore when it is needed.',
    future:
      '`spec.backup.lastRestoreTest` is {{date}}, {{when}} (after the evaluation date {{asOf}}): a restore test cannot be in the future; record the date the last test actually ran.',
    stale:
      '`spec.backup.lastRestoreTest` is {{date}}, {{when}}; restores must be tested at least every {{maxAgeDays}} days (the next test was due on {{due}}), because an untested backup may not restore when it is needed.',
  },
  check({ manifest, options, asOf, validWaivers, report }) {
    const { spec } = manifest;
    // Independent of backup/required: a missing backup also has no restore test.
    if (!backupExpected(manifest)) return;
    // Unless having no backup is an approved exception (a valid backup/required waiver): nothing to restore, nothing to test.
    const noBackup = spec.backup === undefined || spec.backup.strategy === 'none';
    if (noBackup && validWaivers.some((i) => spec.waivers?.[i]?.rule === 'backup/required')) return;
    const path = ['spec', 'backup', 'lastRestoreTest'];
    const date = spec.backup?.lastRestoreTest;
    if (date === undefined) {
      report({ path, messageId: 'missing', data: { classification: spec.data.classification } });
      return;
    }
    const age = daysBetween(date, asOf);
    if (age < 0) {
      report({ path, messageId: 'future', data: { date, when: relativeDays(date, asOf), asOf } });
    } else if (age > options.maxAgeDays) {
      report({ path, messageId: 'stale', data: { date, when: relativeDays(date, asOf), maxAgeDays: options.maxAgeDays, due: addDays(date, options.maxAgeDays) } });
    }
  },
});
