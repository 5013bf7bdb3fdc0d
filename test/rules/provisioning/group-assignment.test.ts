import { describe, expect, it } from 'vitest';
import { at, atKey, edit, findings, lintText, suppressed, VALID, withWaiver } from '../../helpers';

const RULE = 'provisioning/group-assignment';
const NO_GROUPS = edit(VALID, { remove: ['spec.access.groups'] });

describe(RULE, () => {
  it('passes an app assigned to groups', () => {
    expect(findings(lintText(VALID), RULE)).toEqual([]);
  });

  it('passes public data without groups', () => {
    expect(findings(lintText(edit(NO_GROUPS, { set: { 'spec.data.classification': 'public' } })), RULE)).toEqual([]);
  });

  it('reports missing groups at the access key, as a warning', () => {
    const result = lintText(NO_GROUPS);
    expect(findings(result, RULE)).toEqual([atKey(RULE, 'noGroups', NO_GROUPS, 'access')]);
    const message = result.messages.find((m) => m.ruleId === RULE)!;
    expect(message.severity).toBe(1);
    expect(message.message).toMatch(/^`spec\.access\.groups` is missing for an app holding confidential data/);
  });

  it('reports at the spec key when there is no access block', () => {
    const text = edit(VALID, { remove: ['spec.access'] });
    expect(findings(lintText(text), RULE)).toEqual([atKey(RULE, 'noGroups', text, 'spec')]);
  });

  it('reports an empty list at the value', () => {
    const text = edit(VALID, { set: { 'spec.access.groups': [] } });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([at(RULE, 'noGroups', text, '[]')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain('is an empty list');
  });

  it.each(['internal', 'restricted'])('applies to %s data', (classification) => {
    const text = edit(NO_GROUPS, { set: { 'spec.data.classification': classification } });
    expect(findings(lintText(text), RULE)).toEqual([atKey(RULE, 'noGroups', text, 'access')]);
  });

  it('is an error in the strict preset, and has no options', () => {
    expect(lintText(NO_GROUPS, { config: 'extends: strict\n' }).messages.find((m) => m.ruleId === RULE)!.severity).toBe(2);
    expect(findings(lintText(NO_GROUPS, { config: `rules:\n  ${RULE}: off\n` }), RULE)).toEqual([]);
    expect(() => lintText(VALID, { config: `rules:\n  ${RULE}: [warn, {minGroups: 1}]\n` })).toThrow(/invalid option|unknown option/);
  });

  it('is suppressed by a valid waiver', () => {
    const text = withWaiver(NO_GROUPS, RULE);
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([]);
    expect(suppressed(result, RULE)).toEqual([atKey(RULE, 'noGroups', text, 'access')]);
  });
});
