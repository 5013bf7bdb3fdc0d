import { describe, expect, it } from 'vitest';
import { at, atWithin, edit, findings, lintText, suppressed, VALID, waiverOf } from '../../helpers';

const RULE = 'residency/declared';

describe(RULE, () => {
  it('passes a sensitive app that lists its regions', () => {
    expect(findings(lintText(VALID), RULE)).toEqual([]);
  });

  it('reports missing regions at the residency key', () => {
    const text = edit(VALID, { remove: ['spec.residency.regions'] });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([at(RULE, 'missing', text, 'residency')]);
    const message = result.messages.find((m) => m.ruleId === RULE)!;
    expect(message.path).toBe('spec.residency.regions');
    expect(message.message).toContain('`spec.residency.regions` is missing for an app with confidential data');
  });

  it('reports a missing residency block at the spec key', () => {
    const text = edit(VALID, { remove: ['spec.residency'] });
    expect(findings(lintText(text), RULE)).toEqual([at(RULE, 'missing', text, 'spec')]);
  });

  it('reports an empty list at the list', () => {
    const text = VALID.replace('regions: [eu]', 'regions: []');
    expect(findings(lintText(text), RULE)).toEqual([atWithin(RULE, 'empty', text, 'regions: []', '[]')]);
  });

  it('applies to confidential and restricted data only', () => {
    const text = edit(VALID, { remove: ['spec.residency'] });
    expect(findings(lintText(edit(text, { set: { 'spec.data.classification': 'restricted' } })), RULE)).toEqual([at(RULE, 'missing', text, 'spec')]);
    expect(findings(lintText(edit(text, { set: { 'spec.data.classification': 'internal' } })), RULE)).toEqual([]);
    expect(findings(lintText(edit(text, { set: { 'spec.data.classification': 'public' } })), RULE)).toEqual([]);
  });

  it('applies in every lifecycle', () => {
    const text = edit(VALID, { set: { 'spec.lifecycle': 'poc', 'spec.pocEnds': '2027-01-31' }, remove: ['spec.residency'] });
    expect(findings(lintText(text), RULE)).toEqual([at(RULE, 'missing', text, 'spec')]);
  });

  it('takes no options and can be turned off', () => {
    expect(() => lintText(VALID, { config: 'rules:\n  residency/declared: [error, {regions: [eu]}]\n' })).toThrow(/unknown option "regions"/);
    const text = edit(VALID, { remove: ['spec.residency'] });
    expect(findings(lintText(text, { config: 'rules:\n  residency/declared: off\n' }), RULE)).toEqual([]);
  });

  it('is suppressed by a valid waiver', () => {
    const text = edit(VALID, { remove: ['spec.residency'], set: { 'spec.waivers': [waiverOf(RULE)] } });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([]);
    expect(suppressed(result, RULE)).toEqual([at(RULE, 'missing', text, 'spec')]);
  });
});
