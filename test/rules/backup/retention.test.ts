import { describe, expect, it } from 'vitest';
import { at, atWithin, edit, findings, lintText, suppressed, VALID, waiverOf } from '../../helpers';

const RULE = 'backup/retention';

/** VALID with another classification and retention (undefined removes it). */
function manifest(classification: string, retentionDays: number | undefined): string {
  const text = edit(VALID, { set: { 'spec.data.classification': classification } });
  return retentionDays === undefined
    ? edit(text, { remove: ['spec.backup.retentionDays'] })
    : edit(text, { set: { 'spec.backup.retentionDays': retentionDays } });
}

describe(RULE, () => {
  it('passes a backup kept at least as long as the classification requires', () => {
    expect(findings(lintText(VALID), RULE)).toEqual([]);
  });

  it('reports a missing retentionDays at the backup key', () => {
    const text = manifest('confidential', undefined);
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([at(RULE, 'missing', text, 'backup')]);
    const message = result.messages.find((m) => m.ruleId === RULE)!;
    expect(message.path).toBe('spec.backup.retentionDays');
    expect(message.message).toContain('at least 90 for confidential data');
  });

  it('reports a missing retentionDays even for public data', () => {
    const text = manifest('public', undefined);
    expect(findings(lintText(text), RULE)).toEqual([at(RULE, 'missing', text, 'backup')]);
  });

  it('reports a retention below the default minimum of each classification at the value', () => {
    const cases: [string, number, number][] = [
      ['internal', 29, 30],
      ['confidential', 89, 90],
      ['restricted', 364, 365],
    ];
    for (const [classification, below, minimum] of cases) {
      const text = manifest(classification, below);
      const result = lintText(text);
      expect(findings(result, RULE), classification).toEqual([atWithin(RULE, 'tooShort', text, `retentionDays: ${below}`, String(below))]);
      expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain(`is ${below}, below the ${minimum} days required for ${classification} data`);
      expect(findings(lintText(manifest(classification, minimum)), RULE), `${classification} at ${minimum}`).toEqual([]);
    }
    expect(findings(lintText(manifest('public', 0)), RULE)).toEqual([]);
  });

  it('ignores apps without a backup or with strategy none', () => {
    expect(findings(lintText(edit(VALID, { remove: ['spec.backup'] })), RULE)).toEqual([]);
    const none = edit(VALID, { set: { 'spec.backup': { strategy: 'none' } } });
    expect(findings(lintText(none), RULE)).toEqual([]);
  });

  it('applies to every lifecycle', () => {
    const text = edit(manifest('internal', 7), { set: { 'spec.lifecycle': 'poc', 'spec.pocEnds': '2027-01-31' } });
    expect(findings(lintText(text), RULE)).toEqual([atWithin(RULE, 'tooShort', text, 'retentionDays: 7', '7')]);
  });

  it('merges a partial minDays option with the defaults', () => {
    const config = 'rules:\n  backup/retention: [error, {minDays: {restricted: 730}}]\n';
    const restricted = manifest('restricted', 365);
    expect(findings(lintText(restricted, { config }), RULE)).toEqual([atWithin(RULE, 'tooShort', restricted, 'retentionDays: 365', '365')]);
    expect(findings(lintText(manifest('restricted', 730), { config }), RULE)).toEqual([]);
    // The classifications the option does not name keep their defaults.
    expect(findings(lintText(manifest('confidential', 90), { config }), RULE)).toEqual([]);
    const confidential = manifest('confidential', 89);
    expect(findings(lintText(confidential, { config }), RULE)).toEqual([atWithin(RULE, 'tooShort', confidential, 'retentionDays: 89', '89')]);
  });

  it('takes minDays in the long config form, and lowers a minimum too', () => {
    const config = 'rules:\n  backup/retention:\n    severity: warn\n    options: {minDays: {confidential: 30}}\n';
    const text = manifest('confidential', 30);
    expect(findings(lintText(text, { config }), RULE)).toEqual([]);
    const short = manifest('confidential', 29);
    const result = lintText(short, { config });
    expect(findings(result, RULE)).toEqual([atWithin(RULE, 'tooShort', short, 'retentionDays: 29', '29')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.severity).toBe(1);
  });

  it('rejects invalid minDays options', () => {
    expect(() => lintText(VALID, { config: 'rules:\n  backup/retention: [error, {minDays: {secret: 10}}]\n' })).toThrow(/invalid option|unknown option/);
    expect(() => lintText(VALID, { config: 'rules:\n  backup/retention: [error, {minDays: {internal: -1}}]\n' })).toThrow(/minDays\.internal/);
    expect(() => lintText(VALID, { config: 'rules:\n  backup/retention: [error, {minDays: {internal: 1.5}}]\n' })).toThrow(/invalid option|unknown option/);
  });

  it('is suppressed by a valid waiver', () => {
    const text = edit(manifest('confidential', 30), { set: { 'spec.waivers': [waiverOf(RULE)] } });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([]);
    expect(suppressed(result, RULE)).toEqual([atWithin(RULE, 'tooShort', text, 'retentionDays: 30', '30')]);
    expect(findings(result, 'waiver/unused')).toEqual([]);
  });
});
