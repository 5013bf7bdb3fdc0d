/** provisioning/group-assignment — access to an internal or more sensitive app is granted through Okta groups, not person by person. */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';
import { classifiedAtLeast } from '../../src/manifest/facts';

export const rule = createRule({
  kind: 'manifest',
  id: 'provisioning/group-assignment',
  description: 'An app holding internal, confidential or restricted data is assigned to Okta groups (access.groups is not empty)',
  severity: 'warn',
  waivable: true,
  controls: CONTROLS.provisioning,
  options: z.strictObject({}),
  messages: {
    noGroups:
      '`spec.access.groups` is {{found}} for an app holding {{classification}} data: without Okta groups, access is granted person by person, nobody can review who has it as a whole, and movers keep it. Assign the app to one or more Okta groups (e.g. the team and its admins).',
  },
  check({ manifest, report }) {
    if (!classifiedAtLeast(manifest, 'internal')) return;
    const groups = manifest.spec.access?.groups;
    if (groups !== undefined && groups.length > 0) return;
    report({
      path: ['spec', 'access', 'groups'],
      messageId: 'noGroups',
      data: { found: groups === undefined ? 'missing' : 'an empty list', classification: manifest.spec.data.classification },
    });
  },
});
