/**
 * No format repeats a credential: messages never hold one, and waiver text
 * (reason, ticket, approver), which formats print in full, is redacted.
 */
import { describe, expect, it } from 'vitest';
import { FORMAT_NAMES, FORMATTERS } from '../../src/formatters';
import type { FormatContext } from '../../src/formatters/types';
import { VERSION } from '../../src/util/package';
import { RULES_BY_ID } from '../../rules';
import { AS_OF, edit, lintFiles, VALID } from '../helpers';

const GITHUB_TOKEN = `ghp_${'A1b2C3d4E5'.repeat(3)}abcdef`;
const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';
const context: FormatContext = { cwd: '/repo', srcRoot: '/repo', color: false, version: VERSION, asOf: AS_OF, rules: RULES_BY_ID };

describe('every format', () => {
  const text = edit(VALID, {
    remove: ['metadata.owner.business'],
    set: {
      'spec.x-apiToken': GITHUB_TOKEN,
      'spec.waivers': [{ rule: 'ownership/owners', reason: `Owner left; token ${GITHUB_TOKEN} rotated`, approvedBy: 'ciso@example.com', ticket: `SEC-1 ${AWS_KEY}`, expires: '2027-01-15' }],
    },
  });
  const results = lintFiles({ 'apps/a.yaml': text });

  it('has the findings this test needs: a flagged token and a waived finding', () => {
    expect(results[0]!.messages.map((m) => m.ruleId)).toContain('secrets/no-inline-secrets');
    expect(results[0]!.suppressedMessages).toHaveLength(1);
  });

  it.each(FORMAT_NAMES)('%s never contains the token or the key', (format) => {
    const out = FORMATTERS[format](results, context);
    expect(out).not.toContain(GITHUB_TOKEN);
    expect(out).not.toContain(AWS_KEY);
    if (format !== 'github' && format !== 'stylish') expect(out).toContain('GitHub token, 40 characters, not shown');
  });
});
