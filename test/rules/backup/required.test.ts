import { describe, expect, it } from 'vitest';
import { at, edit, findings, lintText, suppressed, VALID, waiverOf } from '../../helpers';

const RULE = 'backup/required';

describe(RULE, () => {
  it('passes a production app with a backup strategy', () => {
    expect(findings(lintText(VALID), RULE)).toEqual([]);
  });

  it('reports a missing backup block at the spec key', () => {
    const text = edit(VALID, { remove: ['spec.backup'] });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([at(RULE, 'missing', text, 'spec')]);
    const message = result.messages.find((m) => m.ruleId === RULE)!;
    expect(message.severity).toBe(2);
    expect(message.path).toBe('spec.backup');
    expect(message.message).toContain('`spec.backup` is missing');
    expect(message.message).toContain('confidential data');
  });

  it('reports strategy none at the value', () => {
    const text = edit(VALID, { set: { 'spec.backup.strategy': 'none' } });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([at(RULE, 'none', text, 'none')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain('`spec.backup.strategy` is `none`');
  });

  it('applies from classification internal upwards', () => {
    for (const classification of ['internal', 'restricted']) {
      const text = edit(VALID, { set: { 'spec.data.classification': classification }, remove: ['spec.backup'] });
      expect(findings(lintText(text), RULE), classification).toEqual([at(RULE, 'missing', text, 'spec')]);
    }
  });

  it('ignores public data, PoCs and deprecated apps', () => {
    const noBackup = edit(VALID, { remove: ['spec.backup'] });
    expect(findings(lintText(edit(noBackup, { set: { 'spec.data.classification': 'public' } })), RULE)).toEqual([]);
    expect(findings(lintText(edit(noBackup, { set: { 'spec.lifecycle': 'poc', 'spec.pocEnds': '2027-01-31' } })), RULE)).toEqual([]);
    expect(findings(lintText(edit(noBackup, { set: { 'spec.lifecycle': 'deprecated' } })), RULE)).toEqual([]);
  });

  it('accepts vendor-native backups', () => {
    const text = edit(VALID, { set: { 'spec.backup.strategy': 'vendor-native' } });
    expect(findings(lintText(text), RULE)).toEqual([]);
  });

  it('takes no options and can be turned off', () => {
    expect(() => lintText(VALID, { config: 'rules:\n  backup/required: [error, {minDays: 3}]\n' })).toThrow(/unknown option "minDays"/);
    const text = edit(VALID, { remove: ['spec.backup'] });
    expect(findings(lintText(text, { config: 'rules:\n  backup/required: off\n' }), RULE)).toEqual([]);
    const overridden = 'overrides:\n  - files: ["apps/sandbox/**"]\n    rules:\n      backup/required: off\n';
    expect(findings(lintText(text, { config: overridden, file: 'apps/sandbox/app.yaml' }), RULE)).toEqual([]);
    expect(findings(lintText(text, { config: overridden }), RULE)).toHaveLength(1);
  });

  it('is suppressed by a valid waiver, and not by an expired one', () => {
    const text = edit(VALID, { set: { 'spec.backup.strategy': 'none', 'spec.waivers': [waiverOf(RULE)] } });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([]);
    expect(suppressed(result, RULE)).toEqual([at(RULE, 'none', text, 'none')]);
    expect(result.suppressedMessages[0]!.suppressions?.[0]?.ticket).toBe('SEC-1234');

    const expired = edit(text, { set: { 'spec.waivers.0.expires': '2026-11-30' } });
    const late = lintText(expired);
    expect(findings(late, RULE)).toEqual([at(RULE, 'none', expired, 'none')]);
    expect(findings(late, 'waiver/valid').map((f) => f.messageId)).toEqual(['expired']);
  });
});
