import { describe, expect, it } from 'vitest';
import { at, atWithin, edit, findings, lintText, suppressed, VALID, waiverOf } from '../../helpers';

const RULE = 'vendor/assurance';

/** `base` (VALID: confidential, pii and customer data) with other certifications, as a flow list. */
function certified(certifications: string, base = VALID): string {
  const text = base.replace(/certifications: \[ ?soc2-type2, iso27001 ?\]/, `certifications: [${certifications}]`);
  if (!text.includes(`certifications: [${certifications}]`)) throw new Error('certified(): certifications not written');
  return text;
}

/** VALID with `classification` and `categories` (none when empty). */
function holding(classification: string, categories: string[], changes: { set?: Record<string, unknown>; remove?: string[] } = {}) {
  const base = edit(VALID, { set: { 'spec.data.classification': classification, ...changes.set }, remove: changes.remove ?? [] });
  return categories.length > 0 ? edit(base, { set: { 'spec.data.categories': categories } }) : edit(base, { remove: ['spec.data.categories'] });
}

describe(RULE, () => {
  it('passes a vendor with a DPA and a SOC 2 Type II or ISO 27001 certification', () => {
    expect(findings(lintText(VALID), RULE)).toEqual([]);
    expect(findings(lintText(certified('soc2-type2')), RULE)).toEqual([]);
    expect(findings(lintText(certified('iso27001')), RULE)).toEqual([]);
  });

  it('reports a missing vendorAssurance block once, at the spec key', () => {
    const text = edit(VALID, { remove: ['spec.vendorAssurance'] });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([at(RULE, 'missing', text, 'spec')]);
    const message = result.messages.find((m) => m.ruleId === RULE)!.message;
    expect(message).toContain('for an app with confidential data and personal data');
    expect(message).toContain('`soc2-type2` or `iso27001`');
  });

  it('asks only for a DPA when the missing block is for personal data that is not sensitive', () => {
    const text = holding('internal', ['employee'], { remove: ['spec.vendorAssurance'] });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([at(RULE, 'missing', text, 'spec')]);
    const message = result.messages.find((m) => m.ruleId === RULE)!.message;
    expect(message).toContain('for an app with personal data:');
    expect(message).not.toContain('soc2-type2');
  });

  it('reports dpaSigned false at the value', () => {
    const text = VALID.replace('dpaSigned: true', 'dpaSigned: false');
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([atWithin(RULE, 'noDpa', text, 'dpaSigned: false', 'false')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain('`spec.vendorAssurance.dpaSigned` is `false`');
  });

  it('reports a missing dpaSigned at the vendorAssurance key', () => {
    const text = edit(VALID, { remove: ['spec.vendorAssurance.dpaSigned'] });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([at(RULE, 'noDpa', text, 'vendorAssurance')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain('is missing for an app with confidential data and personal data');
  });

  it('reports sensitive data without a SOC 2 Type II or ISO 27001 certification at the list', () => {
    const text = certified('soc2-type1, pci-dss, iso27701');
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([
      atWithin(RULE, 'noAudit', text, 'certifications: [soc2-type1, pci-dss, iso27701]', '[soc2-type1, pci-dss, iso27701]'),
    ]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain('has `soc2-type1`, `pci-dss`, `iso27701` for an app with confidential data');
  });

  it('reports missing certifications at the vendorAssurance key', () => {
    const text = edit(VALID, { remove: ['spec.vendorAssurance.certifications'] });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([at(RULE, 'noAudit', text, 'vendorAssurance')]);
    expect(result.messages.find((m) => m.ruleId === RULE)!.message).toContain('has none');
  });

  it('reports each problem separately', () => {
    const text = certified('hipaa', VALID.replace('dpaSigned: true', 'dpaSigned: false'));
    expect(findings(lintText(text), RULE)).toEqual([
      atWithin(RULE, 'noDpa', text, 'dpaSigned: false', 'false'),
      atWithin(RULE, 'noAudit', text, 'certifications: [hipaa]', '[hipaa]'),
    ]);
  });

  it('requires a DPA and an audit for restricted data without personal data', () => {
    const text = holding('restricted', ['financial'], { set: { 'spec.vendorAssurance': { dpaSigned: false } } });
    // Missing certifications point at the vendorAssurance key, above the dpaSigned value.
    expect(findings(lintText(text), RULE)).toEqual([at(RULE, 'noAudit', text, 'vendorAssurance'), atWithin(RULE, 'noDpa', text, 'dpaSigned: false', 'false')]);
  });

  it('requires only a DPA for personal data that is not sensitive', () => {
    for (const category of ['pii', 'health', 'employee', 'customer']) {
      const ok = holding('internal', [category], { set: { 'spec.vendorAssurance': { dpaSigned: true } } });
      expect(findings(lintText(ok), RULE), category).toEqual([]);
      const text = holding('public', [category], { set: { 'spec.vendorAssurance': { dpaSigned: false, certifications: [] } } });
      expect(findings(lintText(text), RULE), category).toEqual([atWithin(RULE, 'noDpa', text, 'dpaSigned: false', 'false')]);
    }
  });

  it('asks nothing of apps without sensitive or personal data', () => {
    expect(findings(lintText(holding('internal', [], { remove: ['spec.vendorAssurance'] })), RULE)).toEqual([]);
    expect(findings(lintText(holding('internal', ['financial', 'source-code'], { set: { 'spec.vendorAssurance': { dpaSigned: false } } })), RULE)).toEqual([]);
  });

  it('takes no options', () => {
    expect(() => lintText(VALID, { config: 'rules:\n  vendor/assurance: [error, {certifications: [soc2-type1]}]\n' })).toThrow(/unknown option "certifications"/);
  });

  it('is suppressed by a valid waiver, every finding of the document', () => {
    const text = certified('soc2-type1', edit(VALID.replace('dpaSigned: true', 'dpaSigned: false'), { set: { 'spec.waivers': [waiverOf(RULE)] } }));
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([]);
    expect(suppressed(result, RULE)).toEqual([
      atWithin(RULE, 'noDpa', text, 'dpaSigned: false', 'false'),
      atWithin(RULE, 'noAudit', text, 'certifications: [soc2-type1]', '[soc2-type1]'),
    ]);
  });
});
