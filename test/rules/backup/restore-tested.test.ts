import { describe, expect, it } from 'vitest';
import { at, edit, findings, lintText, suppressed, VALID, waiverOf, withWaiver } from '../../helpers';

const RULE = 'backup/restore-tested';
/** VALID's lastRestoreTest. */
const TESTED = '2026-10-02';

describe(RULE, () => {
  it('passes a recent restore test', () => {
    expect(findings(lintText(VALID), RULE)).toEqual([]);
  });

  it('is a warning in recommended and an error in strict', () => {
    const text = edit(VALID, { remove: ['spec.backup.lastRestoreTest'] });
    expect(lintText(text).messages.find((m) => m.ruleId === RULE)!.severity).toBe(1);
    expect(lintText(text, { config: 'extends: strict\n' }).messages.find((m) => m.ruleId === RULE)!.severity).toBe(2);
  });

  it('becomes an error from the errorFrom date', () => {
    const text = edit(VALID, { remove: ['spec.backup.lastRestoreTest'] });
    const config = 'rules:\n  backup/restore-tested:\n    severity: warn\n    errorFrom: 2027-01-01\n';
    expect(lintText(text, { config, asOf: '2026-12-31' }).messages.find((m) => m.ruleId === RULE)!.severity).toBe(1);
    expect(lintText(text, { config, asOf: '2027-01-01' }).messages.find((m) => m.ruleId === RULE)!.severity).toBe(2);
  });

  it('reports a missing lastRestoreTest at the backup key', () => {
    const text = edit(VALID, { remove: ['spec.backup.lastRestoreTest'] });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([at(RULE, 'missing', text, 'backup')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.path).toBe('spec.backup.lastRestoreTest');
  });

  it('reports a missing backup at the spec key, whether or not backup/required is on', () => {
    const text = edit(VALID, { remove: ['spec.backup'] });
    expect(findings(lintText(text), RULE)).toEqual([at(RULE, 'missing', text, 'spec')]);
    const result = lintText(text, { config: 'rules:\n  backup/required: off\n' });
    expect(findings(result, 'backup/required')).toEqual([]);
    expect(findings(result, RULE)).toEqual([at(RULE, 'missing', text, 'spec')]);
  });

  it('asks no restore test of an app whose having no backup is waived (backup/required), until the waiver ends', () => {
    for (const backup of [{ strategy: 'none' }, undefined]) {
      const text = edit(withWaiver(VALID, 'backup/required'), backup ? { set: { 'spec.backup': backup } } : { remove: ['spec.backup'] });
      const result = lintText(text);
      expect(suppressed(result, 'backup/required')).toHaveLength(1);
      expect(findings(result)).toEqual([]);
      // An expired waiver suppresses nothing: both findings are back.
      const later = lintText(text, { asOf: '2027-03-02' });
      expect(findings(later, 'backup/required')).toHaveLength(1);
      expect(findings(later, RULE)).toHaveLength(1);
    }
    // A waiver of another rule does not count, nor does a backup that exists.
    const other = edit(withWaiver(VALID, 'backup/retention'), { set: { 'spec.backup': { strategy: 'none' } } });
    expect(findings(lintText(other), RULE)).toHaveLength(1);
    const tested = edit(withWaiver(VALID, 'backup/required'), { remove: ['spec.backup.lastRestoreTest'] });
    expect(findings(lintText(tested), RULE)).toHaveLength(1);
  });

  it('reports a date after as-of at the value', () => {
    const text = edit(VALID, { set: { 'spec.backup.lastRestoreTest': '2026-12-04' } });
    const result = lintText(text, { asOf: '2026-12-01' });
    expect(findings(result, RULE)).toEqual([at(RULE, 'future', text, '2026-12-04')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain('is 2026-12-04, in 3 days (after the evaluation date 2026-12-01)');
    expect(findings(lintText(text, { asOf: '2026-12-04' }), RULE)).toEqual([]);
  });

  it('reports a test older than maxAgeDays at the value, saying how long ago and when it was due', () => {
    expect(findings(lintText(VALID, { asOf: '2027-10-02' }), RULE)).toEqual([]);
    const result = lintText(VALID, { asOf: '2027-10-03' });
    expect(findings(result, RULE)).toEqual([at(RULE, 'stale', VALID, TESTED)]);
    const message = result.messages.find((m) => m.ruleId === RULE)!.message;
    expect(message).toContain(`is ${TESTED}, 366 days ago`);
    expect(message).toContain('at least every 365 days');
    expect(message).toContain('due on 2027-10-02');
  });

  it('takes maxAgeDays from the config', () => {
    const config = 'rules:\n  backup/restore-tested: [warn, {maxAgeDays: 30}]\n';
    const result = lintText(VALID, { config, asOf: '2026-12-01' });
    expect(findings(result, RULE)).toEqual([at(RULE, 'stale', VALID, TESTED)]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain('60 days ago; restores must be tested at least every 30 days (the next test was due on 2026-11-01)');
    expect(findings(lintText(VALID, { config, asOf: '2026-11-01' }), RULE)).toEqual([]);
    expect(() => lintText(VALID, { config: 'rules:\n  backup/restore-tested: [warn, {maxAgeDays: 0}]\n' })).toThrow(/maxAgeDays/);
  });

  it('applies from classification internal upwards, in production only', () => {
    const text = edit(VALID, { remove: ['spec.backup.lastRestoreTest'] });
    expect(findings(lintText(edit(text, { set: { 'spec.data.classification': 'internal' } })), RULE)).toHaveLength(1);
    expect(findings(lintText(edit(text, { set: { 'spec.data.classification': 'public' } })), RULE)).toEqual([]);
    expect(findings(lintText(edit(text, { set: { 'spec.lifecycle': 'deprecated' } })), RULE)).toEqual([]);
    expect(findings(lintText(edit(text, { set: { 'spec.lifecycle': 'poc', 'spec.pocEnds': '2027-01-31' } })), RULE)).toEqual([]);
  });

  it('is suppressed by a valid waiver', () => {
    const text = edit(VALID, { set: { 'spec.waivers': [waiverOf(RULE)] } });
    const config = 'rules:\n  backup/restore-tested: [warn, {maxAgeDays: 30}]\n';
    const result = lintText(text, { config, asOf: '2026-12-01' });
    expect(findings(result, RULE)).toEqual([]);
    expect(suppressed(result, RULE)).toEqual([at(RULE, 'stale', text, TESTED)]);
    expect(result.suppressedMessages[0]!.severity).toBe(1);
    expect(result.warningCount).toBe(0);
    expect(findings(result, 'waiver/unused')).toEqual([]);
  });
});
