/** lifecycle/poc-data — a proof of concept does not run on production copies of sensitive data. */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';
import { isSensitive } from '../../src/manifest/facts';

export const rule = createRule({
  kind: 'manifest',
  id: 'lifecycle/poc-data',
  description: 'A poc app with confidential or restricted data does not use production data',
  severity: 'error',
  waivable: true,
  controls: CONTROLS.lifecycle,
  options: z.strictObject({}),
  messages: {
    productionData:
      '`spec.data.source` is `production` for a PoC with {{classification}} data: a trial has not passed the production controls (SSO, backup, residency, contracts), so use `synthetic` or masked data, or move the app to `production` first.',
  },
  check({ manifest, report }) {
    const { spec } = manifest;
    if (spec.lifecycle === 'poc' && isSensitive(manifest) && spec.data.source === 'production') {
      report({ path: ['spec', 'data', 'source'], messageId: 'productionData', data: { classification: spec.data.classification } });
    }
  },
});
