/** vendor/assurance — a vendor trusted with sensitive or personal data has signed a DPA and shows an independent audit. */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';
import { hasPersonalData, isSensitive } from '../../src/manifest/facts';
import type { Manifest } from '../../src/manifest/schema';

/** Certifications that evidence an independently audited security programme. */
const AUDITS = ['soc2-type2', 'iso27001'] as const;

/** Why the app needs vendor assurance, for messages: its classification and/or personal data. */
function reasons(m: Manifest, sensitive: boolean, personal: boolean): string {
  const out: string[] = [];
  if (sensitive) out.push(`${m.spec.data.classification} data`);
  if (personal) out.push('personal data');
  return out.join(' and ');
}

export const rule = createRule({
  kind: 'manifest',
  id: 'vendor/assurance',
  description:
    'A vendor holding confidential or restricted data has a signed DPA and a SOC 2 Type II or ISO 27001 certification; one holding personal data has a signed DPA',
  severity: 'error',
  waivable: true,
  controls: CONTROLS.vendor,
  options: z.strictObject({}),
  messages: {
    missing:
      '`spec.vendorAssurance` is missing for an app with {{reasons}}: record that a data processing agreement is signed (`dpaSigned: true`){{certNeeded}}, so the vendor is contractually and demonstrably bound to protect the data.',
    noDpa:
      '`spec.vendorAssurance.dpaSigned` is {{found}} for an app with {{reasons}}: sign a data processing agreement with the vendor (GDPR Art. 28) and set `dpaSigned: true`.',
    noAudit:
      '`spec.vendorAssurance.certifications` has {{found}} for an app with {{classification}} data: a SOC 2 Type II report (`soc2-type2`) or an ISO 27001 certificate (`iso27001`) is needed as independent evidence of the vendor\'s security; obtain it and add it.',
  },
  check({ manifest, report }) {
    const sensitive = isSensitive(manifest);
    const personal = hasPersonalData(manifest);
    if (!sensitive && !personal) return;
    const assurance = manifest.spec.vendorAssurance;
    const why = reasons(manifest, sensitive, personal);
    if (assurance === undefined) {
      const certNeeded = sensitive ? ' and a `soc2-type2` or `iso27001` certification' : '';
      report({ path: ['spec', 'vendorAssurance'], messageId: 'missing', data: { reasons: why, certNeeded } });
      return;
    }
    if (assurance.dpaSigned !== true) {
      const found = assurance.dpaSigned === false ? '`false`' : 'missing';
      report({ path: ['spec', 'vendorAssurance', 'dpaSigned'], messageId: 'noDpa', data: { found, reasons: why } });
    }
    const certifications = assurance.certifications ?? [];
    if (sensitive && !certifications.some((c) => (AUDITS as readonly string[]).includes(c))) {
      const found = certifications.length === 0 ? 'none' : certifications.map((c) => `\`${c}\``).join(', ');
      report({ path: ['spec', 'vendorAssurance', 'certifications'], messageId: 'noAudit', data: { found, classification: manifest.spec.data.classification } });
    }
  },
});
