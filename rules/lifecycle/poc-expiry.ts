/** lifecycle/poc-expiry — a proof of concept has an end date, not in the past and not too far ahead. */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';
import { addDays, daysBetween, relativeDays } from '../../src/util/dates';

export const rule = createRule({
  kind: 'manifest',
  id: 'lifecycle/poc-expiry',
  description: 'A poc app has a pocEnds date that is not before as-of and at most maxDays after it',
  severity: 'error',
  waivable: true,
  controls: CONTROLS.lifecycle,
  options: z.strictObject({
    /** Longest a PoC may still run, in days after as-of. */
    maxDays: z.int().min(1).default(90),
  }),
  messages: {
    missing:
      '`spec.pocEnds` is missing for an app with lifecycle `poc`: set the date the PoC ends (at most {{maxDays}} days ahead, by {{latest}}), so a trial cannot quietly become an ungoverned production app.',
    ended:
      '`spec.pocEnds` says the PoC ended on {{date}}, {{when}}: move the app to `production` (and meet its rules), set it to `deprecated` and retire it, or agree a new end date.',
    tooFar:
      '`spec.pocEnds` is {{date}}, {{days}} days ahead; a PoC may run at most {{maxDays}} days (until {{latest}}): shorten it, or move the app to `production` and meet its rules.',
  },
  check({ manifest, options, asOf, report }) {
    const { spec } = manifest;
    if (spec.lifecycle !== 'poc') return;
    const latest = addDays(asOf, options.maxDays);
    const date = spec.pocEnds;
    if (date === undefined) {
      report({ path: ['spec', 'pocEnds'], messageId: 'missing', data: { maxDays: options.maxDays, latest } });
      return;
    }
    const ahead = daysBetween(asOf, date);
    if (ahead < 0) {
      report({ path: ['spec', 'pocEnds'], messageId: 'ended', data: { date, when: relativeDays(date, asOf) } });
    } else if (ahead > options.maxDays) {
      report({ path: ['spec', 'pocEnds'], messageId: 'tooFar', data: { date, days: ahead, maxDays: options.maxDays, latest } });
    }
  },
});
