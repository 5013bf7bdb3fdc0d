import { describe, expect, it } from 'vitest';
import { at, edit, findings, lintText, suppressed, VALID } from '../../helpers';

const RULE = 'ownership/owners';

describe(RULE, () => {
  it('passes a manifest with both owners', () => {
    expect(findings(lintText(VALID), RULE)).toEqual([]);
  });

  it('reports a missing business owner at the owner key', () => {
    const text = edit(VALID, { remove: ['metadata.owner.business'] });
    expect(findings(lintText(text), RULE)).toEqual([at(RULE, 'missing', text, 'owner')]);
  });

  it('reports a missing technical owner at the owner key', () => {
    const text = edit(VALID, { remove: ['metadata.owner.technical'] });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([at(RULE, 'missing', text, 'owner')]);
    expect(result.messages[0]!.message).toContain('metadata.owner.technical');
  });

  it('reports both owners missing separately', () => {
    const text = edit(VALID, { remove: ['metadata.owner.business', 'metadata.owner.technical'] });
    expect(findings(lintText(text), RULE)).toHaveLength(2);
  });

  it('restricts owner domains with the domains option', () => {
    const config = `rules:\n  ownership/owners: [error, {domains: ["@acme.com", example.com]}]\n`;
    expect(findings(lintText(VALID, { config }), RULE)).toEqual([]);
    const text = edit(VALID, { set: { 'metadata.owner.technical': 'it@gmail.com' } });
    expect(findings(lintText(text, { config }), RULE)).toEqual([at(RULE, 'domain', text, 'it@gmail.com')]);
  });

  it('can be turned off and is waivable', () => {
    const text = edit(VALID, { remove: ['metadata.owner.business'] });
    expect(findings(lintText(text, { config: 'rules:\n  ownership/owners: off\n' }), RULE)).toEqual([]);
    const waived = edit(text, {
      set: {
        'spec.waivers': [
          { rule: RULE, reason: 'Owner left; successor named at the next quarterly review', approvedBy: 'ciso@example.com', ticket: 'SEC-1', expires: '2027-01-15' },
        ],
      },
    });
    const result = lintText(waived);
    expect(findings(result, RULE)).toEqual([]);
    expect(suppressed(result, RULE)).toEqual([at(RULE, 'missing', waived, 'owner')]);
    expect(result.suppressedMessages[0]!.suppressions?.[0]?.justification).toMatch(/^Owner left/);
  });
});
