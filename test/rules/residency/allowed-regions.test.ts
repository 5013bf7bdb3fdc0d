import { describe, expect, it } from 'vitest';
import { atWithin, edit, findings, lintText, suppressed, VALID, waiverOf } from '../../helpers';

const RULE = 'residency/allowed-regions';
const POLICY = 'rules:\n  residency/allowed-regions: [error, {allowed: {restricted: [eea], confidential: [eea, ch, gb]}}]\n';

/** `base` (VALID: confidential, scc) storing its data in `regions`, written as a flow list. */
function storedIn(regions: string, base = VALID): string {
  const text = base.replace(/regions: \[ ?eu ?\]/, `regions: [${regions}]`);
  if (!text.includes(`regions: [${regions}]`)) throw new Error('storedIn(): regions not written');
  return text;
}
const policy = (allowed: string) => `rules:\n  residency/allowed-regions: [error, {allowed: {${allowed}}}]\n`;

describe(RULE, () => {
  it('restricts nothing by default', () => {
    expect(findings(lintText(storedIn('us, global')), RULE)).toEqual([]);
  });

  it('passes regions inside the allowed set', () => {
    expect(findings(lintText(VALID, { config: POLICY }), RULE)).toEqual([]);
    expect(findings(lintText(storedIn('de, no, ch, uk, gb'), { config: POLICY }), RULE)).toEqual([]);
  });

  it('reports each region outside the allowed set at its list item', () => {
    const text = storedIn('eu, us, global, uk');
    const result = lintText(text, { config: POLICY });
    expect(findings(result, RULE)).toEqual([
      atWithin(RULE, 'notAllowed', text, 'regions: [eu, us, global, uk]', 'us'),
      atWithin(RULE, 'notAllowed', text, 'regions: [eu, us, global, uk]', 'global'),
    ]);
    const messages = result.messages.filter((m) => m.ruleId === RULE);
    expect(messages.map((m) => m.path)).toEqual(['spec.residency.regions[1]', 'spec.residency.regions[2]']);
    expect(messages[0]!.message).toContain('`spec.residency.regions` includes `us`, which is not inside the regions allowed for confidential data (eea, ch, gb)');
  });

  it('uses the list of the app\'s own classification', () => {
    const restricted = storedIn('ch', edit(VALID, { set: { 'spec.data.classification': 'restricted' } }));
    expect(findings(lintText(restricted, { config: POLICY }), RULE)).toEqual([atWithin(RULE, 'notAllowed', restricted, 'regions: [ch]', 'ch')]);
    // A classification the option does not name is not restricted.
    const internal = storedIn('us', edit(VALID, { set: { 'spec.data.classification': 'internal' } }));
    expect(findings(lintText(internal, { config: POLICY }), RULE)).toEqual([]);
  });

  it('compares by countries: a set must be wholly inside, and several allowed codes form a union', () => {
    const eea = storedIn('eea');
    expect(findings(lintText(eea, { config: policy('confidential: [eu]') }), RULE)).toEqual([atWithin(RULE, 'notAllowed', eea, 'regions: [eea]', 'eea')]);
    expect(findings(lintText(eea, { config: policy('confidential: [eu, is, li, no]') }), RULE)).toEqual([]);
    const apac = storedIn('apac');
    expect(findings(lintText(apac, { config: policy('confidential: [jp, sg]') }), RULE)).toEqual([atWithin(RULE, 'notAllowed', apac, 'regions: [apac]', 'apac')]);
    expect(findings(lintText(storedIn('el'), { config: policy('confidential: [gr]') }), RULE)).toEqual([]);
  });

  it('lets global in only where global is allowed', () => {
    const text = storedIn('global');
    expect(findings(lintText(text, { config: policy('confidential: [eea, adequate, us, apac]') }), RULE)).toHaveLength(1);
    expect(findings(lintText(text, { config: policy('confidential: [global]') }), RULE)).toEqual([]);
  });

  it('validates the option: region codes, classifications, non-empty lists', () => {
    expect(() => lintText(VALID, { config: policy('confidential: [eea, europe]') })).toThrow(/allowed\.confidential\[1\]: not a region code/);
    expect(() => lintText(VALID, { config: policy('confidental: [eea]') })).toThrow(/unknown option "confidental"/);
    expect(() => lintText(VALID, { config: policy('restricted: []') })).toThrow(/allowed\.restricted/);
    expect(() => lintText(VALID, { config: 'rules:\n  residency/allowed-regions: [error, {allowed: [eea]}]\n' })).toThrow(/invalid option|unknown option/);
  });

  it('is suppressed by a valid waiver', () => {
    const text = storedIn('eu, us', edit(VALID, { set: { 'spec.waivers': [waiverOf(RULE)] } }));
    const result = lintText(text, { config: POLICY });
    expect(findings(result, RULE)).toEqual([]);
    expect(suppressed(result, RULE)).toEqual([atWithin(RULE, 'notAllowed', text, 'regions: [eu, us]', 'us')]);
  });
});
