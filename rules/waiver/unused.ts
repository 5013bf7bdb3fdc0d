/** waiver/unused — a valid waiver suppresses nothing: remove it. Findings come from the engine, after waivers are applied. */
import { z } from 'zod';
import { createRule } from '../../src/engine/rule';
import { CONTROLS } from '../controls';

export const rule = createRule({
  kind: 'engine',
  id: 'waiver/unused',
  description: 'A valid waiver suppresses no finding of its rule in its document',
  severity: 'warn',
  waivable: false,
  controls: CONTROLS.waiver,
  options: z.strictObject({}),
  messages: {
    unused: 'The waiver of `{{rule}}` suppresses nothing: the manifest passes that rule. Remove the waiver so the exception register stays true.',
  },
});
