import { describe, expect, it } from 'vitest';
import { atWithin, edit, findings, lintText, suppressed, VALID, waiverOf } from '../../helpers';

const RULE = 'residency/transfers';

/**
 * `base` (VALID: pii and customer data of people in the EU) storing its data
 * in `regions` under `mechanism` (none when undefined), both as flow lists.
 */
function transfer(regions: string, mechanism?: string, subjects = 'eu', base = VALID): string {
  const text = base
    .replace(/regions: \[ ?eu ?\]/, `regions: [${regions}]`)
    .replace('\n    transferMechanism: scc', mechanism === undefined ? '' : `\n    transferMechanism: ${mechanism}`)
    .replace(/subjects: \[ ?eu ?\]/, `subjects: [${subjects}]`);
  const expected = [`regions: [${regions}]`, `subjects: [${subjects}]`, ...(mechanism ? [`transferMechanism: ${mechanism}`] : [])];
  for (const line of expected) if (!text.includes(line)) throw new Error(`transfer(): "${line}" not written`);
  if (mechanism === undefined && text.includes('transferMechanism')) throw new Error('transfer(): transferMechanism not removed');
  return text;
}

describe(RULE, () => {
  it('passes data kept in the EEA', () => {
    expect(findings(lintText(VALID), RULE)).toEqual([]);
    expect(findings(lintText(transfer('eu, de, eea, no')), RULE)).toEqual([]);
  });

  it('passes adequate countries without a mechanism', () => {
    expect(findings(lintText(transfer('eu, ch, uk, gb, jp, adequate')), RULE)).toEqual([]);
  });

  it('reports a region outside the EEA and adequate countries with no mechanism at its list item', () => {
    const text = transfer('eu, us');
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([atWithin(RULE, 'noMechanism', text, 'regions: [eu, us]', 'us')]);
    const message = result.messages.find((m) => m.ruleId === RULE)!;
    expect(message.path).toBe('spec.residency.regions[1]');
    expect(message.message).toContain('includes `us`, outside the EEA');
    expect(message.message).toContain('`spec.residency.transferMechanism` is not set');
  });

  it('reports one finding per region not covered', () => {
    const text = transfer('us, eu, in, global, apac');
    const line = 'regions: [us, eu, in, global, apac]';
    expect(findings(lintText(text), RULE)).toEqual([
      atWithin(RULE, 'noMechanism', text, line, 'us'),
      atWithin(RULE, 'noMechanism', text, line, 'in'),
      atWithin(RULE, 'noMechanism', text, line, 'global'),
      atWithin(RULE, 'noMechanism', text, line, 'apac'),
    ]);
  });

  it('accepts scc and bcr for every region, global included', () => {
    expect(findings(lintText(transfer('us, in, global, apac', 'scc')), RULE)).toEqual([]);
    expect(findings(lintText(transfer('us, in, global, apac', 'bcr')), RULE)).toEqual([]);
  });

  it('accepts dpf for us only', () => {
    expect(findings(lintText(transfer('eu, us', 'dpf')), RULE)).toEqual([]);
    const text = transfer('us, in, global', 'dpf');
    const line = 'regions: [us, in, global]';
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([
      atWithin(RULE, 'dpfNotCovering', text, line, 'in'),
      atWithin(RULE, 'dpfNotCovering', text, line, 'global'),
    ]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain('is `dpf`, which covers transfers to `us` only');
  });

  it('applies when any subject region is inside the EEA', () => {
    const line = 'regions: [eu, us]';
    for (const subjects of ['eu', 'de', 'no', 'eea', 'us, fr']) {
      const text = transfer('eu, us', undefined, subjects);
      expect(findings(lintText(text), RULE), subjects).toEqual([atWithin(RULE, 'noMechanism', text, line, 'us')]);
    }
  });

  it('does not apply when no subject region is inside the EEA', () => {
    // `global` and `adequate` are not inside `eea` (SPEC: "a region inside eea").
    for (const subjects of ['us', 'ch, uk', 'global', 'apac']) {
      expect(findings(lintText(transfer('eu, us', undefined, subjects)), RULE), subjects).toEqual([]);
    }
    expect(findings(lintText(edit(transfer('eu, us'), { remove: ['spec.data.subjects'] })), RULE)).toEqual([]);
  });

  it('applies to personal data only: pii, health, employee or customer', () => {
    const base = transfer('eu, us');
    for (const category of ['pii', 'health', 'employee', 'customer']) {
      const text = base.replace('categories: [pii, customer]', `categories: [financial, ${category}]`);
      expect(findings(lintText(text), RULE), category).toEqual([atWithin(RULE, 'noMechanism', text, 'regions: [eu, us]', 'us')]);
    }
    expect(findings(lintText(base.replace('categories: [pii, customer]', 'categories: [financial, source-code]')), RULE)).toEqual([]);
    expect(findings(lintText(edit(base, { remove: ['spec.data.categories'] })), RULE)).toEqual([]);
  });

  it('applies whatever the classification', () => {
    const text = transfer('eu, us', undefined, 'eu', edit(VALID, { set: { 'spec.data.classification': 'public' } }));
    expect(findings(lintText(text), RULE)).toEqual([atWithin(RULE, 'noMechanism', text, 'regions: [eu, us]', 'us')]);
  });

  it('takes no options', () => {
    expect(() => lintText(VALID, { config: 'rules:\n  residency/transfers: [error, {mechanisms: [scc]}]\n' })).toThrow(/unknown option "mechanisms"/);
  });

  it('is suppressed by a valid waiver', () => {
    const text = transfer('eu, us', undefined, 'eu', edit(VALID, { set: { 'spec.waivers': [waiverOf(RULE)] } }));
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([]);
    expect(suppressed(result, RULE)).toEqual([atWithin(RULE, 'noMechanism', text, 'regions: [eu, us]', 'us')]);
  });
});
