import { describe, expect, it } from 'vitest';
import { at, atKey, edit, findings, lintText, suppressed, VALID, withWaiver } from '../../helpers';

const RULE = 'provisioning/deprovisioning';
/** A small internal app without SCIM, so provisioning/scim stays quiet. */
const SMALL = edit(VALID, { set: { 'spec.data.classification': 'internal', 'spec.seats': 5 }, remove: ['spec.provisioning.scim'] });
const MANUAL = edit(SMALL, { set: { 'spec.provisioning.deprovisioning': { method: 'manual', slaHours: 24 } } });

describe(RULE, () => {
  it('passes SCIM deactivation, whatever the deprovisioning block says', () => {
    expect(findings(lintText(VALID), RULE)).toEqual([]);
    expect(findings(lintText(edit(VALID, { remove: ['spec.provisioning.deprovisioning'] })), RULE)).toEqual([]);
    const slow = edit(VALID, { set: { 'spec.provisioning.deprovisioning': { method: 'manual', slaHours: 720 } } });
    expect(findings(lintText(slow), RULE)).toEqual([]);
  });

  it('passes automatic deprovisioning, and manual within 24 hours', () => {
    expect(findings(lintText(SMALL), RULE)).toEqual([]);
    expect(findings(lintText(MANUAL), RULE)).toEqual([]);
  });

  it('reports a missing deprovisioning block at the provisioning key', () => {
    const text = edit(SMALL, { remove: ['spec.provisioning.deprovisioning'] });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([atKey(RULE, 'missing', text, 'provisioning')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.path).toBe('spec.provisioning.deprovisioning');
  });

  it('reports at the spec key when there is no provisioning block, even for public data', () => {
    const text = edit(SMALL, { set: { 'spec.data.classification': 'public' }, remove: ['spec.provisioning'] });
    expect(findings(lintText(text), RULE)).toEqual([atKey(RULE, 'missing', text, 'spec')]);
  });

  it('does not count SCIM that is off or lacks deactivate', () => {
    const off = edit(VALID, { set: { 'spec.provisioning.scim.enabled': false }, remove: ['spec.provisioning.deprovisioning'] });
    expect(findings(lintText(off), RULE)).toEqual([atKey(RULE, 'missing', off, 'provisioning')]);
    const noDeactivate = edit(VALID, { set: { 'spec.provisioning.scim.features': ['create'] }, remove: ['spec.provisioning.deprovisioning'] });
    expect(findings(lintText(noDeactivate), RULE)).toEqual([atKey(RULE, 'missing', noDeactivate, 'provisioning')]);
  });

  it('reports manual deprovisioning without slaHours at the deprovisioning key', () => {
    const text = edit(MANUAL, { remove: ['spec.provisioning.deprovisioning.slaHours'] });
    expect(findings(lintText(text), RULE)).toEqual([atKey(RULE, 'slaMissing', text, 'deprovisioning')]);
  });

  it('reports slaHours above maxSlaHours (24) at the value', () => {
    const text = edit(MANUAL, { set: { 'spec.provisioning.deprovisioning.slaHours': 48 } });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([at(RULE, 'slaTooLong', text, '48')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toMatch(/^`spec\.provisioning\.deprovisioning\.slaHours` is 48, above the 24 hours allowed/);
  });

  it('takes the limit from option maxSlaHours', () => {
    const text = edit(MANUAL, { set: { 'spec.provisioning.deprovisioning.slaHours': 48 } });
    expect(findings(lintText(text, { config: `rules:\n  ${RULE}: [error, {maxSlaHours: 72}]\n` }), RULE)).toEqual([]);
    const strict = lintText(MANUAL, { config: `rules:\n  ${RULE}: [error, {maxSlaHours: 8}]\n` });
    expect(findings(strict, RULE)).toEqual([at(RULE, 'slaTooLong', MANUAL, '24')]);
    expect(strict.messages.find((m) => m.ruleId === RULE)!.message).toContain('above the 8 hours allowed');
    expect(() => lintText(MANUAL, { config: `rules:\n  ${RULE}: [error, {maxSlaHours: 0}]\n` })).toThrow(/invalid option|unknown option/);
  });

  it('can be turned off or down', () => {
    const text = edit(SMALL, { remove: ['spec.provisioning.deprovisioning'] });
    expect(findings(lintText(text, { config: `rules:\n  ${RULE}: off\n` }), RULE)).toEqual([]);
    expect(lintText(text, { config: `rules:\n  ${RULE}: warn\n` }).messages.find((m) => m.ruleId === RULE)!.severity).toBe(1);
  });

  it('is suppressed by a valid waiver', () => {
    const text = withWaiver(edit(MANUAL, { set: { 'spec.provisioning.deprovisioning.slaHours': 48 } }), RULE);
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([]);
    expect(suppressed(result, RULE)).toEqual([at(RULE, 'slaTooLong', text, '48')]);
  });
});
