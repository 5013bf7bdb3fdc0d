import { describe, expect, it } from 'vitest';
import { atWithin, edit, findings, lintText, suppressed, VALID, waiverOf } from '../../helpers';

const RULE = 'lifecycle/poc-data';

/** VALID (confidential, source production) as a PoC, with other changes. */
const poc = (set: Record<string, unknown> = {}) =>
  edit(VALID, { set: { 'spec.lifecycle': 'poc', 'spec.pocEnds': '2027-01-31', ...set } });

describe(RULE, () => {
  it('passes production apps on production data', () => {
    expect(findings(lintText(VALID), RULE)).toEqual([]);
  });

  it('reports a sensitive PoC on production data at data.source', () => {
    for (const classification of ['confidential', 'restricted']) {
      const text = poc({ 'spec.data.classification': classification });
      const result = lintText(text);
      expect(findings(result, RULE), classification).toEqual([atWithin(RULE, 'productionData', text, 'source: production', 'production')]);
      const message = result.messages.find((m) => m.ruleId === RULE)!;
      expect(message.path).toBe('spec.data.source');
      expect(message.message).toContain(`\`spec.data.source\` is \`production\` for a PoC with ${classification} data`);
    }
  });

  it('passes PoCs on other data sources or without one', () => {
    for (const source of ['copy', 'synthetic', 'none']) {
      expect(findings(lintText(poc({ 'spec.data.source': source })), RULE), source).toEqual([]);
    }
    expect(findings(lintText(edit(poc(), { remove: ['spec.data.source'] })), RULE)).toEqual([]);
  });

  it('passes PoCs with public or internal data', () => {
    expect(findings(lintText(poc({ 'spec.data.classification': 'internal' })), RULE)).toEqual([]);
    expect(findings(lintText(poc({ 'spec.data.classification': 'public' })), RULE)).toEqual([]);
  });

  it('takes no options and can be turned off', () => {
    expect(() => lintText(VALID, { config: 'rules:\n  lifecycle/poc-data: [error, {sources: [copy]}]\n' })).toThrow(/unknown option "sources"/);
    expect(findings(lintText(poc(), { config: 'rules:\n  lifecycle/poc-data: off\n' }), RULE)).toEqual([]);
  });

  it('is suppressed by a valid waiver', () => {
    const text = poc({ 'spec.waivers': [waiverOf(RULE)] });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([]);
    expect(suppressed(result, RULE)).toEqual([atWithin(RULE, 'productionData', text, 'source: production', 'production')]);
  });
});
