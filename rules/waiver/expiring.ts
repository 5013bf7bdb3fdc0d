/** waiver/expiring — a valid waiver ends soon: renew it or fix the finding in time. */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';
import { daysBetween, relativeDays } from '../../src/util/dates';

export const rule = createRule({
  kind: 'manifest',
  id: 'waiver/expiring',
  description: 'A valid waiver expires within the next `days` days',
  severity: 'warn',
  waivable: false,
  controls: CONTROLS.waiver,
  options: z.strictObject({
    /** How many days ahead to warn. */
    days: z.int().min(0).default(30),
  }),
  messages: {
    expiring: 'The waiver of `{{rule}}` expires on {{expires}} ({{when}}); after that its findings fail the build. Fix them or renew the approval ({{ticket}}).',
  },
  check(context) {
    const { manifest, options, asOf, report } = context;
    // Invalid waivers are waiver/valid's business; only warn about ones that work today.
    for (const i of context.validWaivers) {
      const w = manifest.spec.waivers![i]!;
      if (daysBetween(asOf, w.expires) <= options.days) {
        report({ path: ['spec', 'waivers', i, 'expires'], messageId: 'expiring', data: { rule: w.rule, expires: w.expires, when: relativeDays(w.expires, asOf), ticket: w.ticket } });
      }
    }
  },
});
