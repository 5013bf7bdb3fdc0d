/** manifest/unique-name — every app name (and former name) is used by one document only. */
import { z } from 'zod';
import { createRule, type NameClaim } from '../../src/engine/rule';
import { CONTROLS } from '../controls';

export const rule = createRule({
  kind: 'project',
  id: 'manifest/unique-name',
  description: 'metadata.name and formerNames are unique across all manifests',
  severity: 'error',
  waivable: false,
  controls: CONTROLS.inventory,
  options: z.strictObject({}),
  messages: {
    duplicate: 'The name `{{name}}` is already used by {{first}} (line {{line}}); every app needs its own name, and a former name may not be reused.',
  },
  claims(manifest) {
    const claims: NameClaim[] = [{ name: manifest.metadata.name, path: ['metadata', 'name'] }];
    (manifest.metadata.formerNames ?? []).forEach((name, i) => {
      if (name !== manifest.metadata.name) claims.push({ name, path: ['metadata', 'formerNames', i] });
    });
    return claims;
  },
  start(_options, report) {
    const first = new Map<string, { filePath: string; index: number; line: number }>();
    return (document) => {
      const { claims } = document;
      for (let i = 0; i < claims.length; i++) {
        const claim = claims[i]!;
        const seen = first.get(claim.name);
        if (seen === undefined) {
          first.set(claim.name, { filePath: document.filePath, index: document.index, line: claim.line });
        } else if (seen.filePath !== document.filePath || seen.index !== document.index) {
          const where = seen.filePath === document.filePath ? 'another document of this file' : seen.filePath;
          report({ document, claim: i, messageId: 'duplicate', data: { name: claim.name, first: where, line: seen.line } });
        }
      }
    };
  },
});
