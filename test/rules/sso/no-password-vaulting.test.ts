import { describe, expect, it } from 'vitest';
import { at, edit, findings, lintText, suppressed, VALID, withWaiver } from '../../helpers';

const RULE = 'sso/no-password-vaulting';
const SWA = edit(VALID, { set: { 'spec.sso.protocol': 'swa' }, remove: ['spec.sso.okta'] });

describe(RULE, () => {
  it('passes SAML for sensitive data', () => {
    expect(findings(lintText(VALID), RULE)).toEqual([]);
  });

  it.each(['public', 'internal'])('passes password vaulting for %s data', (classification) => {
    const text = edit(SWA, { set: { 'spec.data.classification': classification } });
    expect(findings(lintText(text), RULE)).toEqual([]);
  });

  it.each(['confidential', 'restricted'])('reports password vaulting for %s data at the protocol value', (classification) => {
    const text = edit(SWA, { set: { 'spec.data.classification': classification } });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([at(RULE, 'swa', text, 'swa')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain(`\`spec.sso.protocol\` is \`swa\` (password vaulting) for an app holding ${classification} data`);
  });

  it('leaves protocol none to sso/required', () => {
    const text = edit(SWA, { set: { 'spec.sso.protocol': 'none' } });
    expect(findings(lintText(text), RULE)).toEqual([]);
  });

  it('has no options, and its severity is configurable', () => {
    expect(() => lintText(VALID, { config: `rules:\n  ${RULE}: [error, {allow: true}]\n` })).toThrow(/invalid option|unknown option/);
    expect(findings(lintText(SWA, { config: `rules:\n  ${RULE}: off\n` }), RULE)).toEqual([]);
    expect(lintText(SWA, { config: `rules:\n  ${RULE}: warn\n` }).messages.find((m) => m.ruleId === RULE)!.severity).toBe(1);
  });

  it('is suppressed by a valid waiver', () => {
    const text = withWaiver(SWA, RULE);
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([]);
    expect(suppressed(result, RULE)).toEqual([at(RULE, 'swa', text, 'swa')]);
  });
});
