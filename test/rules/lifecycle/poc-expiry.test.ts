import { describe, expect, it } from 'vitest';
import { at, edit, findings, lintText, suppressed, VALID, waiverOf } from '../../helpers';

const RULE = 'lifecycle/poc-expiry';

/** VALID as a PoC ending on `pocEnds` (none when undefined). */
const poc = (pocEnds?: string) =>
  edit(VALID, { set: { 'spec.lifecycle': 'poc', ...(pocEnds === undefined ? {} : { 'spec.pocEnds': pocEnds }) } });

describe(RULE, () => {
  it('passes production apps and PoCs that end within maxDays', () => {
    expect(findings(lintText(VALID), RULE)).toEqual([]);
    expect(findings(lintText(poc('2027-01-31')), RULE)).toEqual([]);
  });

  it('ignores pocEnds outside lifecycle poc', () => {
    const text = edit(VALID, { set: { 'spec.pocEnds': '2020-01-01' } });
    expect(findings(lintText(text), RULE)).toEqual([]);
    expect(findings(lintText(edit(text, { set: { 'spec.lifecycle': 'deprecated' } })), RULE)).toEqual([]);
  });

  it('reports a missing pocEnds at the spec key, naming the latest acceptable date', () => {
    const text = poc();
    const result = lintText(text, { asOf: '2026-12-01' });
    expect(findings(result, RULE)).toEqual([at(RULE, 'missing', text, 'spec')]);
    const message = result.messages.find((m) => m.ruleId === RULE)!;
    expect(message.path).toBe('spec.pocEnds');
    expect(message.message).toContain('at most 90 days ahead, by 2027-03-01');
  });

  it('reports an ended PoC at the date, saying when and how long ago', () => {
    const text = poc('2026-10-01');
    const result = lintText(text, { asOf: '2026-12-01' });
    expect(findings(result, RULE)).toEqual([at(RULE, 'ended', text, '2026-10-01')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain('the PoC ended on 2026-10-01, 61 days ago');
  });

  it('judges against the as-of date: the last day passes, the day after fails', () => {
    const text = poc('2027-01-31');
    expect(findings(lintText(text, { asOf: '2027-01-31' }), RULE)).toEqual([]);
    const result = lintText(text, { asOf: '2027-02-01' });
    expect(findings(result, RULE)).toEqual([at(RULE, 'ended', text, '2027-01-31')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain('the PoC ended on 2027-01-31, 1 day ago');
  });

  it('reports an end date more than maxDays ahead at the date, saying how many days ahead', () => {
    expect(findings(lintText(poc('2027-03-01'), { asOf: '2026-12-01' }), RULE)).toEqual([]);
    const text = poc('2027-03-02');
    const result = lintText(text, { asOf: '2026-12-01' });
    expect(findings(result, RULE)).toEqual([at(RULE, 'tooFar', text, '2027-03-02')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain('is 2027-03-02, 91 days ahead; a PoC may run at most 90 days (until 2027-03-01)');
  });

  it('takes maxDays from the config', () => {
    const config = 'rules:\n  lifecycle/poc-expiry: [error, {maxDays: 30}]\n';
    const text = poc('2027-01-31');
    const result = lintText(text, { config, asOf: '2026-12-01' });
    expect(findings(result, RULE)).toEqual([at(RULE, 'tooFar', text, '2027-01-31')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain('61 days ahead; a PoC may run at most 30 days (until 2026-12-31)');
    expect(findings(lintText(text, { config, asOf: '2027-01-01' }), RULE)).toEqual([]);
    expect(() => lintText(text, { config: 'rules:\n  lifecycle/poc-expiry: [error, {maxDays: 0}]\n' })).toThrow(/maxDays/);
    expect(() => lintText(text, { config: 'rules:\n  lifecycle/poc-expiry: [error, {maxDay: 30}]\n' })).toThrow('unknown option "maxDay"; did you mean `maxDays`?');
  });

  it('is suppressed by a valid waiver', () => {
    const text = edit(poc('2026-10-01'), { set: { 'spec.waivers': [waiverOf(RULE)] } });
    const result = lintText(text, { asOf: '2026-12-01' });
    expect(findings(result, RULE)).toEqual([]);
    expect(suppressed(result, RULE)).toEqual([at(RULE, 'ended', text, '2026-10-01')]);
  });
});
