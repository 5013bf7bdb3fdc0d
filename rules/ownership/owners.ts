/** ownership/owners — an app has a business and a technical owner, with e-mail addresses in allowed domains. */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';

const ROLES = {
  business: 'the business owner (accountable for the app, its cost and its data)',
  technical: 'the technical owner (administers the app and its SSO)',
} as const;

export const rule = createRule({
  kind: 'manifest',
  id: 'ownership/owners',
  description: 'The app names a business owner and a technical owner, with e-mail addresses in the allowed domains',
  severity: 'error',
  waivable: true,
  controls: CONTROLS.ownership,
  options: z.strictObject({
    /** E-mail domains owners must belong to; empty means any domain. */
    domains: z.array(z.string().min(1)).default([]),
  }),
  messages: {
    missing: '`metadata.owner.{{role}}` is missing: name {{who}} by e-mail, so someone answers for access reviews and incidents.',
    domain: '`metadata.owner.{{role}}` is {{email}}, outside the allowed domains ({{domains}}); owners must be people of the company.',
  },
  check({ manifest, options, report }) {
    const owner = manifest.metadata.owner;
    const domains = options.domains.map((d) => d.toLowerCase().replace(/^@/, ''));
    for (const role of ['business', 'technical'] as const) {
      const email = owner[role];
      if (email === undefined) {
        report({ path: ['metadata', 'owner', role], messageId: 'missing', data: { role, who: ROLES[role] } });
      } else if (domains.length > 0) {
        const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
        if (!domains.includes(domain)) {
          report({ path: ['metadata', 'owner', role], messageId: 'domain', data: { role, email, domains: domains.join(', ') } });
        }
      }
    }
  },
});
