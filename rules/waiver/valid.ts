/** waiver/valid — a waiver names a waivable rule, is current, not too long, and not approved by the app's own owner. */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';
import { checkWaiver } from '../../src/engine/waivers';

export const rule = createRule({
  kind: 'manifest',
  id: 'waiver/valid',
  description: 'Each waiver names a known, waivable rule, has not expired, runs at most maxDays, and is not approved by an owner of the app',
  severity: 'error',
  waivable: false,
  controls: CONTROLS.waiver,
  options: z.strictObject({
    /** Longest a waiver may run, in days after as-of. */
    maxDays: z.int().min(1).default(365),
  }),
  messages: {
    unknownRule: 'The waiver names `{{rule}}`, which is not a saasgov rule{{suggestion}} It suppresses nothing.',
    notWaivable: 'The rule `{{rule}}` cannot be waived; fix the manifest instead. The waiver suppresses nothing.',
    expired: 'The waiver expired on {{expires}} ({{when}}) and suppresses nothing; fix the finding or renew the approval with a new date.',
    tooLong: 'The waiver runs until {{expires}}, {{days}} days from now; waivers may run at most {{maxDays}} days (until {{latest}}). It suppresses nothing until shortened.',
    selfApproved: 'The waiver is approved by {{approvedBy}}, the app\'s {{role}} owner; an exception needs someone independent (segregation of duties). It suppresses nothing.',
  },
  check(context) {
    (context.manifest.spec.waivers ?? []).forEach((_, i) => {
      for (const p of checkWaiver(context.manifest, i, context, context.options)) context.report(p);
    });
  },
});
