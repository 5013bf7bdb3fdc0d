import { describe, expect, it } from 'vitest';
import { at, atKey, edit, findings, lintText, suppressed, VALID, withWaiver } from '../../helpers';

const RULE = 'provisioning/scim';
/** VALID without SCIM (deprovisioning stays declared, so only this rule fires). */
const NO_SCIM = edit(VALID, { remove: ['spec.provisioning.scim'] });
const messageOf = (text: string, config?: string) => lintText(text, config ? { config } : {}).messages.find((m) => m.ruleId === RULE)!.message;

describe(RULE, () => {
  it('passes SCIM with create and deactivate', () => {
    expect(findings(lintText(VALID), RULE)).toEqual([]);
    const minimal = edit(VALID, { set: { 'spec.provisioning.scim.features': ['deactivate', 'create'] } });
    expect(findings(lintText(minimal), RULE)).toEqual([]);
  });

  it('passes a small app without sensitive data', () => {
    const text = edit(NO_SCIM, { set: { 'spec.data.classification': 'internal', 'spec.seats': 24 } });
    expect(findings(lintText(text), RULE)).toEqual([]);
    const noSeats = edit(text, { remove: ['spec.seats'] });
    expect(findings(lintText(noSeats), RULE)).toEqual([]);
  });

  it('reports an app with minSeats (25) seats or more, at the nearest parent of scim.enabled', () => {
    const text = edit(NO_SCIM, { set: { 'spec.data.classification': 'internal', 'spec.seats': 25 } });
    expect(findings(lintText(text), RULE)).toEqual([atKey(RULE, 'notEnabled', text, 'provisioning')]);
    expect(messageOf(text)).toContain('although the app has 25 seats (SCIM is required from 25)');
  });

  it.each(['confidential', 'restricted'])('reports a %s app whatever its seats', (classification) => {
    const text = edit(NO_SCIM, { set: { 'spec.data.classification': classification }, remove: ['spec.seats'] });
    expect(findings(lintText(text), RULE)).toEqual([atKey(RULE, 'notEnabled', text, 'provisioning')]);
    expect(messageOf(text)).toContain(`although the app holds ${classification} data:`);
  });

  it('names both reasons when both apply', () => {
    expect(messageOf(NO_SCIM)).toContain('although the app holds confidential data and it has 250 seats (SCIM is required from 25)');
  });

  it('reports at the spec key when there is no provisioning block', () => {
    const text = edit(VALID, { remove: ['spec.provisioning'] });
    expect(findings(lintText(text), RULE)).toEqual([atKey(RULE, 'notEnabled', text, 'spec')]);
  });

  it('reports enabled: false at the value', () => {
    const text = edit(VALID, { set: { 'spec.provisioning.scim.enabled': false } });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([at(RULE, 'notEnabled', text, 'false')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.path).toBe('spec.provisioning.scim.enabled');
  });

  it('says when the vendor does not sell SCIM on the plan bought', () => {
    const text = edit(NO_SCIM, { set: { 'spec.provisioning.scim': { availableOnPlan: false } } });
    expect(findings(lintText(text), RULE)).toEqual([atKey(RULE, 'notOnPlan', text, 'scim')]);
    expect(messageOf(text)).toMatch(/^SCIM provisioning is off and the vendor does not sell it on plan "Enterprise" \(`spec\.provisioning\.scim\.availableOnPlan: false`\)/);
    const noPlan = edit(text, { remove: ['spec.plan'] });
    expect(messageOf(noPlan)).toContain('does not sell it on the plan bought (`spec.plan` is not set)');
  });

  it('reports missing create or deactivate features at the features value', () => {
    const text = VALID.replace('features: [create, update, deactivate, push-groups]', 'features: [create, update]');
    expect(findings(lintText(text), RULE)).toEqual([at(RULE, 'missingFeatures', text, '[create, update]')]);
    expect(messageOf(text)).toMatch(/^`spec\.provisioning\.scim\.features` lacks `deactivate` although/);
  });

  it('reports features not listed at the scim key, naming both', () => {
    const text = edit(VALID, { remove: ['spec.provisioning.scim.features'] });
    expect(findings(lintText(text), RULE)).toEqual([atKey(RULE, 'missingFeatures', text, 'scim')]);
    expect(messageOf(text)).toContain('lacks `create` and `deactivate`');
  });

  it('takes the seat threshold from option minSeats', () => {
    const text = edit(NO_SCIM, { set: { 'spec.data.classification': 'internal', 'spec.seats': 10 } });
    expect(findings(lintText(text), RULE)).toEqual([]);
    const config = `rules:\n  ${RULE}: [error, {minSeats: 10}]\n`;
    expect(findings(lintText(text, { config }), RULE)).toEqual([atKey(RULE, 'notEnabled', text, 'provisioning')]);
    expect(messageOf(text, config)).toContain('has 10 seats (SCIM is required from 10)');
    expect(() => lintText(text, { config: `rules:\n  ${RULE}: [error, {minSeats: -1}]\n` })).toThrow(/invalid option|unknown option/);
    expect(() => lintText(text, { config: `rules:\n  ${RULE}: [error, {minseats: 10}]\n` })).toThrow(/invalid option|unknown option/);
  });

  it('can be turned off or down', () => {
    expect(findings(lintText(NO_SCIM, { config: `rules:\n  ${RULE}: off\n` }), RULE)).toEqual([]);
    expect(lintText(NO_SCIM, { config: `rules:\n  ${RULE}: warn\n` }).messages.find((m) => m.ruleId === RULE)!.severity).toBe(1);
  });

  it('is suppressed by a valid waiver', () => {
    const text = withWaiver(NO_SCIM, RULE);
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([]);
    expect(suppressed(result, RULE)).toEqual([atKey(RULE, 'notEnabled', text, 'provisioning')]);
  });
});
