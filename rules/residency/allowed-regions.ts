/** residency/allowed-regions — data of a classification stays inside the regions the organisation allows for it. */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';
import type { Manifest } from '../../src/manifest/schema';
import { isInside, isRegionCode } from '../../src/regions/regions';

const region = z.string().refine(isRegionCode, {
  message: 'not a region code (an ISO 3166-1 alpha-2 country in lower case, uk, el, or eu, eea, adequate, us, apac, global)',
});
const regions = z.array(region).min(1).optional();

/** Options of residency/allowed-regions, after defaults. */
export interface AllowedRegionsOptions {
  readonly allowed: Partial<Readonly<Record<Manifest['spec']['data']['classification'], readonly string[]>>>;
}

/** The regions the `allowed` option permits for the app's classification, or `undefined` when it does not restrict that classification (the rule does not apply). */
export function allowedRegionsFor(manifest: Manifest, options: AllowedRegionsOptions): readonly string[] | undefined {
  return options.allowed[manifest.spec.data.classification];
}

export const rule = createRule({
  kind: 'manifest',
  id: 'residency/allowed-regions',
  description: 'Every region in residency.regions is inside the regions the allowed option permits for the app\'s classification',
  severity: 'error',
  waivable: true,
  controls: CONTROLS.residency,
  options: z.strictObject({
    /** Allowed regions per classification; a classification not named here is not restricted. */
    allowed: z
      .strictObject({ public: regions, internal: regions, confidential: regions, restricted: regions })
      .default({}),
  }),
  messages: {
    notAllowed:
      '`spec.residency.regions` includes `{{region}}`, which is not inside the regions allowed for {{classification}} data ({{allowed}}): choose a vendor data center inside them, or get the data classified differently.',
  },
  check({ manifest, options, report }) {
    const classification = manifest.spec.data.classification;
    const allowed = allowedRegionsFor(manifest, options);
    if (allowed === undefined) return;
    (manifest.spec.residency?.regions ?? []).forEach((region, i) => {
      if (!isInside(region, allowed)) {
        report({ path: ['spec', 'residency', 'regions', i], messageId: 'notAllowed', data: { region, classification, allowed: allowed.join(', ') } });
      }
    });
  },
});
