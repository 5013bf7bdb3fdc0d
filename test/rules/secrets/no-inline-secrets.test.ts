import { describe, expect, it } from 'vitest';
import { json } from '../../../src/formatters/json';
import { stylish } from '../../../src/formatters/stylish';
import { RULES_BY_ID } from '../../../rules';
import { at, atWithin, edit, findings, lintText, VALID } from '../../helpers';

const RULE = 'secrets/no-inline-secrets';

// Planted credentials, built at run time so this file holds none literally.
const AWS = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');
const GITHUB = `ghp_${'a1B2c3D4e5'.repeat(3)}123456`;
const SLACK = ['xoxb', '1234567890', '1234567890123', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('-');
const OKTA = `00${'AbCdEfGhIj'.repeat(4)}`;
const JWT = ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'].join('.');
const KEY = '-----BEGIN RSA PRIVATE KEY-----';

describe(RULE, () => {
  it('passes a manifest without credentials, and secret-store references', () => {
    expect(findings(lintText(VALID), RULE)).toEqual([]);
    const refs = edit(VALID, { set: { 'metadata.labels.api-token': 'vault:kv/saas/crm#token', 'spec.x-password': '${CRM_PASSWORD}', 'spec.x-secret': 'secret:crm' } });
    expect(findings(lintText(refs), RULE)).toEqual([]);
  });

  it.each([
    ['AWS access key id', AWS],
    ['GitHub token', GITHUB],
    ['Slack token', SLACK],
    ['JSON Web Token', JWT],
  ])('finds a %s in any value, at the value', (kind, secret) => {
    const text = edit(VALID, { set: { 'metadata.description': `Sync job uses ${secret} daily` } });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([atWithin(RULE, 'pattern', text, `Sync job uses ${secret} daily`, `Sync job uses ${secret} daily`)]);
    expect(result.messages[0]!.message).toContain(kind);
    expect(result.messages[0]!.message).not.toContain(secret);
  });

  it('finds an Okta API token only with "okta" nearby', () => {
    const withKeyword = edit(VALID, { set: { 'metadata.description': `okta api ${OKTA}` } });
    expect(findings(lintText(withKeyword), RULE)).toHaveLength(1);
    const without = edit(VALID, { set: { 'metadata.description': `ref ${OKTA}` } });
    expect(findings(lintText(without), RULE)).toEqual([]);
    const inKey = edit(VALID, { set: { 'metadata.labels.x-okta-api': OKTA } });
    expect(findings(lintText(inKey), RULE)).toEqual([atWithin(RULE, 'pattern', inKey, `x-okta-api: ${OKTA}`, OKTA)]);
  });

  it('finds a private key block in a block scalar', () => {
    const text = VALID.replace('  costCenter: CC-4410\n', `  costCenter: CC-4410\n  x-cert: |\n    ${KEY}\n    MIIEow\n`);
    expect(findings(lintText(text), RULE)).toEqual([{ ruleId: RULE, messageId: 'pattern', ...rangeOfBlock(text) }]);
  });

  it('finds values under credential-named keys, whatever their case or separators', () => {
    for (const key of ['password', 'clientSecret', 'API_KEY', 'api-key', 'apiKey', 'private_key', 'x-Token']) {
      const text = edit(VALID, { set: { [`metadata.labels.${key}`]: 'hunter22!' } });
      expect(findings(lintText(text), RULE), key).toEqual([atWithin(RULE, 'credentialKey', text, `${key}: hunter22!`, 'hunter22!')]);
    }
  });

  it('finds credentials in comments and in documents that cannot be parsed', () => {
    const comment = `# deploy token ${GITHUB}\n${VALID}`;
    expect(findings(lintText(comment), RULE)).toEqual([at(RULE, 'inText', comment, GITHUB)]);
    const duplicate = `apiVersion: saasgov.dev/v1\nkind: SaaSApp\nkind: x\nmetadata: {description: "${AWS}"}\n`;
    expect(findings(lintText(duplicate), RULE)).toEqual([at(RULE, 'pattern', duplicate, `"${AWS}"`)]);
    const tooDeep = `a: ${'['.repeat(100)}"${AWS}"${']'.repeat(100)}\n`;
    expect(findings(lintText(tooDeep), RULE)).toEqual([at(RULE, 'inText', tooDeep, AWS)]);
  });

  it('finds credentials written with escapes, which a raw-text scan would miss', () => {
    const text = VALID.replace('  costCenter: CC-4410', `  description: "key \\x41${AWS.slice(1)}"`).replace('  description: CRM for the sales team\n', '');
    expect(findings(lintText(text), RULE)).toEqual([expect.objectContaining({ messageId: 'pattern' })]);
  });

  it('finds a credential used as a key, and redacts it in paths', () => {
    const text = edit(VALID, { set: { [`metadata.labels.${AWS}`]: 'x' } });
    const result = lintText(text);
    expect(findings(result, RULE)).toEqual([at(RULE, 'inKey', text, AWS)]);
    const out = json([result], { cwd: '/repo', color: false, version: '0', asOf: '2026-12-01', rules: RULES_BY_ID });
    expect(out).toContain('metadata.labels[redacted]');
    expect(out).not.toContain(AWS);
  });

  it('never prints a flagged value in any output', () => {
    const text = edit(VALID, { set: { 'metadata.description': `${AWS} ${GITHUB}`, 'metadata.labels.password': 'hunter22!', 'spec.vendor': JWT } });
    const result = lintText(text);
    expect(result.messages.length).toBeGreaterThan(0);
    const context = { cwd: '/repo', color: false, version: '0', asOf: '2026-12-01', rules: RULES_BY_ID };
    for (const out of [json([result], context), stylish([result], context)]) {
      for (const secret of [AWS, GITHUB, 'hunter22!', JWT]) expect(out).not.toContain(secret);
    }
  });

  it('runs on documents that fail the schema, and is not waivable', () => {
    const waiver = { rule: RULE, reason: 'Test credential of the sandbox tenant only', approvedBy: 'ciso@example.com', ticket: 'T-1', expires: '2027-01-01' };
    const text = edit(VALID, { set: { 'metadata.description': AWS, 'spec.waivers': [waiver] } });
    const result = lintText(text);
    expect(findings(result, RULE)).toHaveLength(1);
    expect(findings(result, 'waiver/valid').map((f) => f.messageId)).toEqual(['notWaivable']);
    const invalid = edit(VALID, { set: { 'metadata.description': AWS }, remove: ['spec.vendor'] });
    expect(findings(lintText(invalid), RULE)).toHaveLength(1);
  });
});

function rangeOfBlock(text: string) {
  const start = text.indexOf(KEY);
  const line = text.slice(0, start).split('\n').length;
  // A block scalar's range starts at its `|` indicator, on the line before the key block.
  return { line: line - 1, column: 11, endLine: line + 1, endColumn: 11 };
}

describe(`${RULE}: values in other rules' messages`, () => {
  const messagesOf = (text: string, config?: string) => lintText(text, config ? { config } : {}).messages;

  it('redacts credentials that the YAML parser quotes in its errors, and anchor names', () => {
    for (const text of [`${VALID}x-a: |${AWS}\n  x\n`, `${VALID}x-b: &${GITHUB} [*${GITHUB}]\n`, `${VALID}x-c: !${AWS}!t x\n`]) {
      const messages = messagesOf(text);
      expect(messages.some((m) => m.ruleId === 'manifest/syntax')).toBe(true);
      expect(messages.some((m) => m.ruleId === RULE)).toBe(true);
      const all = messages.map((m) => m.message).join('\n');
      expect(all).not.toContain(AWS);
      expect(all).not.toContain(GITHUB);
    }
  });

  it('redacts credentials quoted by rules: a waiver ticket or rule id, an owner e-mail, a plan', () => {
    const text = edit(VALID, {
      set: {
        'metadata.owner.technical': `${AWS}@example.com`,
        'spec.plan': GITHUB,
        'spec.sso.protocol': 'none',
        'spec.sso.availableOnPlan': false,
        'spec.waivers': [
          { rule: GITHUB, reason: 'A reason long enough to be accepted here', approvedBy: 'ciso@example.com', ticket: 'T-1', expires: '2027-01-01' },
          { rule: 'backup/required', reason: 'A reason long enough to be accepted here', approvedBy: 'ciso@example.com', ticket: `T-2 ${SLACK}`, expires: '2026-12-05' },
        ],
      },
    });
    const messages = messagesOf(text, 'rules:\n  ownership/owners: [error, {domains: [corp.example]}]\n');
    expect(new Set(messages.map((m) => m.ruleId))).toEqual(new Set([RULE, 'ownership/owners', 'sso/required', 'waiver/valid', 'waiver/expiring', 'waiver/unused']));
    const all = messages.map((m) => m.message).join('\n');
    for (const secret of [AWS, GITHUB, SLACK]) expect(all).not.toContain(secret);
    expect(all).toContain('[Slack token, 54 characters, not shown]');
  });

  it('redacts an Okta-shaped token in messages even where "okta" is not nearby', () => {
    // The token is flagged (okta is within reach of the raw text); the enum message knows only the value.
    const text = edit(VALID, { set: { 'spec.sso.mfa': OKTA } });
    const messages = messagesOf(text);
    expect(messages.map((m) => m.ruleId).sort()).toEqual(['manifest/schema', RULE]);
    expect(messages.map((m) => m.message).join('\n')).not.toContain(OKTA.slice(0, 30));
  });

  it('shows no app name that looks like a credential (a Slack token is a valid name)', () => {
    const slackName = ['xoxb', '1234567890', 'abcdefghijklmnopqrst'].join('-');
    const result = lintText(edit(VALID, { set: { 'metadata.name': slackName } }));
    expect(findings(result, RULE)).toHaveLength(1);
    expect(result.messages.map((m) => m.app)).toEqual([null]);
    expect(JSON.stringify([result.messages, result.documents.map((d) => d.app)])).not.toContain(slackName);
  });
});

describe(`${RULE}: keys in other rules' messages`, () => {
  it('redacts a credential-like key in schema and syntax messages', () => {
    const unknown = `${VALID}${AWS}: x\n`;
    const duplicate = `${VALID}${AWS}: x\n${AWS}: y\n`;
    for (const text of [unknown, duplicate]) {
      const result = lintText(text);
      expect(result.messages.some((m) => m.message.includes('[redacted]'))).toBe(true);
      expect(result.messages.map((m) => m.message).join('\n')).not.toContain(AWS);
    }
  });
});
