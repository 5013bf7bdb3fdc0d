/**
 * No output repeats a credential: values that `secrets/no-inline-secrets`
 * flags are planted everywhere a manifest can hold text — valid fields,
 * fields that fail the schema (whose messages quote values), key names,
 * comments, a waiver's reason and ticket, YAML that does not parse (whose
 * errors quote the source), an anchor name, an app name — and every format,
 * the `--report` files, the `--write-baseline` file and standard error are
 * searched for them, whole and in part. (The cache, `.saasgovcache`, is a
 * working file beside the manifests, not a report: it keeps the app names of
 * cached files for `manifest/unique-name`.)
 *
 * File names are paths, not manifest values: the rule does not read them,
 * and every report shows them as they are, since a redacted path would not
 * say which file to fix (the last test pins that down).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORMAT_NAMES } from '../../src/formatters';
import { cli } from '../cli/run';
import { AS_OF, VALID } from '../helpers';
import { tempTree } from '../run-cli';
import { named, swap } from './corpus';

// Built at run time, so this file holds no credential literally.
const AWS = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');
const AWS_IN_COMMENT = ['AKIA', 'QWERTYUIOP234567'].join('');
const AWS_AS_KEY = ['AKIA', 'ZXCVBNMASDFG2345'].join('');
/** Written with an escape (`\x41` is A): only the decoded value shows it. */
const AWS_ESCAPED = ['AKIA', 'ESCAPEDVALUE2345'].join('');
const GITHUB = `ghp_${'a1B2c3D4e5'.repeat(3)}123456`;
const GITHUB_ANCHOR = `ghp_${'Z9y8X7w6V5'.repeat(3)}654321`;
const SLACK = ['xoxb', '1234567890', '1234567890123', 'AbCdEfGhIjKlMnOpQrStUvWx'].join('-');
const SLACK_NAME = ['xoxb', '9876543210', 'abcdefghijklmnopqrst'].join('-');
const OKTA = `00${'AbCdEfGhIj'.repeat(4)}`;
const OKTA_IN_ENUM = `00${'KlMnOpQrSt'.repeat(4)}`;
const JWT = ['eyJhbGciOiJIUzI1NiJ9', 'eyJzdWIiOiIxMjM0NTY3ODkwIn0', 'dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U'].join('.');
const KEY_HEADER = ['-----BEGIN RSA', 'PRIVATE KEY-----'].join(' ');
const KEY_BODY = 'MIIEowIBAAKCAQEA7bq98lHwQ0vVxXq2DKo4T1Vb9YbO5fV3mZk2dHcLp1aR0w';
const PASSWORD = 'correct-horse-battery-staple-42';
const TICKET_TOKEN = `ghs_${'Q1w2E3r4T5'.repeat(3)}abcdef`;

/** Each planted value, and a piece of it that must not appear either (a message could quote a value cut short). */
const PLANTED: readonly (readonly [string, string])[] = [
  AWS, AWS_IN_COMMENT, AWS_AS_KEY, AWS_ESCAPED, GITHUB, GITHUB_ANCHOR, SLACK, SLACK_NAME, OKTA, OKTA_IN_ENUM, JWT, KEY_HEADER, KEY_BODY, PASSWORD, TICKET_TOKEN,
].map((s) => [s, s.length > 24 ? s.slice(6, 22) : s] as const);

/** Valid positions: the rule flags them; other rules quote some (a ticket, an owner's e-mail). */
const inValidFields = named(
  'planted-valid',
  ['  description: CRM for the sales team', `  description: Sync job uses ${AWS} nightly`],
  ['    department: sales', `    department: sales\n    password: ${PASSWORD}\n    ${AWS_AS_KEY}: x\n    x-slack: ${SLACK}`],
  ['    technical: it-apps@example.com', `    technical: ${AWS}@vendor.example`],
  ['  vendor: Salesforce', `  vendor: Salesforce\n  x-apiToken: ${GITHUB}\n  x-jwt: ${JWT}\n  x-cert: |\n    ${KEY_HEADER}\n    ${KEY_BODY}`],
  ['      preconfiguredApp: salesforce', `      preconfiguredApp: ${OKTA}`],
  ['  plan: Enterprise', `  plan: Enterprise # rotated ${AWS_IN_COMMENT}`],
  [
    '  residency:',
    [
      '  waivers:',
      '    - rule: backup/restore-tested',
      `      reason: Restore tested with token ${GITHUB} in the staging tenant`,
      '      approvedBy: ciso@example.com',
      `      ticket: SEC-9 ${TICKET_TOKEN}`,
      '      expires: 2026-12-10',
      `    - rule: ${SLACK}`,
      '      reason: A waiver naming a rule that does not exist at all',
      '      approvedBy: ciso@example.com',
      '      ticket: SEC-10',
      '      expires: 2026-12-20',
      '  residency:',
    ].join('\n'),
  ],
);

/** Fields that fail the schema: their messages describe the value found. */
const inSchemaErrors = named(
  'planted-schema',
  ['  lifecycle: production', `  lifecycle: ${AWS}`],
  ['    mfa: required', `    mfa: ${OKTA_IN_ENUM}`],
  ['    protocol: saml', `    protocol: "\\x41${AWS_ESCAPED.slice(1)}"`],
  ['  seats: 250', `  seats: ${GITHUB}`],
  ['  url: https://acme.my.salesforce.com', `  url: http://acme.example/${SLACK}`],
  ['    business: jane.doe@example.com', `    business: ${JWT}`],
  ['    classification: confidential', `    classification: ${KEY_HEADER}`],
);

/** YAML that does not parse: errors quote tags, block scalar headers and anchors. */
const inSyntaxErrors = [
  VALID.replace('crm-salesforce', 'planted-syntax'),
  `x-tag: !${AWS}!t value`,
  `x-block: |${SLACK}`,
  '  text',
  `x-cycle: &${GITHUB_ANCHOR} [*${GITHUB_ANCHOR}]`,
  `x-dup: {${JWT}: 1, ${JWT}: 2}`,
  `x-unknown: *${OKTA_IN_ENUM}`,
  '',
].join('\n');

const inName = swap(VALID, ['  name: crm-salesforce', `  name: ${SLACK_NAME}`]);

let dir: string;
const lint = (...args: string[]) => cli(['lint', 'apps', '--as-of', AS_OF, '--concurrency', 'off', ...args], { cwd: dir });

function expectNoSecret(where: string, text: string): void {
  for (const [secret, part] of PLANTED) {
    expect(text.includes(secret), `${where} holds ${secret}`).toBe(false);
    expect(text.includes(part), `${where} holds part of ${secret}: ${part}`).toBe(false);
  }
}

beforeAll(() => {
  dir = tempTree(
    {
      'saasgov.config.yaml': 'rules:\n  ownership/owners: [error, {domains: [example.com]}]\n',
      'apps/valid-fields.yaml': inValidFields,
      'apps/schema-errors.yaml': inSchemaErrors,
      'apps/syntax-errors.yaml': inSyntaxErrors,
      'apps/name.yaml': inName,
    },
    'saasgov-secrets-',
  );
});

describe('planted credentials', () => {
  it('are all found by secrets/no-inline-secrets, and the places other rules quote are reached', async () => {
    const r = await lint('-f', 'json');
    expect(r.code).toBe(1);
    const byFile = Object.fromEntries(
      (JSON.parse(r.stdout) as { filePath: string; messages: { ruleId: string; messageId: string; path: string | null }[] }[]).map((x) => [
        path.basename(x.filePath),
        x.messages.map((m) => `${m.ruleId} ${m.messageId} ${m.path ?? '-'}`).sort(),
      ]),
    );
    const secret = (messageId: string, at: string) => `secrets/no-inline-secrets ${messageId} ${at}`;
    expect(byFile).toEqual({
      'name.yaml': [secret('pattern', 'metadata.name')],
      'schema-errors.yaml': [
        'manifest/schema email metadata.owner.business',
        'manifest/schema enum spec.data.classification',
        'manifest/schema enum spec.lifecycle',
        'manifest/schema enum spec.sso.mfa',
        'manifest/schema enum spec.sso.protocol',
        'manifest/schema httpsUrl spec.url',
        'manifest/schema type spec.seats',
        secret('inText', '-'), // the Okta token (a keyword nearby in the text, none in its key)
        secret('pattern', 'metadata.owner.business'),
        secret('pattern', 'spec.data.classification'),
        secret('pattern', 'spec.lifecycle'),
        secret('pattern', 'spec.seats'),
        secret('pattern', 'spec.sso.protocol'), // written "\x41KIA…": found in the decoded value
        secret('pattern', 'spec.url'),
      ].sort(),
      'syntax-errors.yaml': [
        'manifest/syntax aliasCycle -',
        'manifest/syntax duplicateKey -',
        'manifest/syntax tag -',
        'manifest/syntax unknownAlias -',
        'manifest/syntax yamlError -', // the tag handle, quoted by yaml
        'manifest/syntax yamlError -', // the block scalar header, quoted by yaml
        secret('inKey', 'x-dup[redacted]'),
        secret('inText', '-'),
        secret('inText', '-'),
        secret('inText', '-'),
      ].sort(),
      'valid-fields.yaml': [
        'ownership/owners domain metadata.owner.technical',
        'waiver/expiring expiring spec.waivers[0].expires',
        'waiver/unused unused spec.waivers[0].rule',
        'waiver/valid unknownRule spec.waivers[1].rule',
        secret('credentialKey', 'metadata.labels.password'),
        secret('inKey', 'metadata.labels[redacted]'),
        secret('inText', '-'), // the comment
        secret('inText', '-'), // the Okta token
        secret('pattern', 'metadata.description'),
        secret('pattern', 'metadata.labels.x-slack'),
        secret('pattern', 'metadata.owner.technical'),
        secret('pattern', 'spec.waivers[0].reason'),
        secret('pattern', 'spec.waivers[0].ticket'),
        secret('pattern', 'spec.waivers[1].rule'),
        secret('pattern', 'spec.x-apiToken'),
        secret('pattern', 'spec.x-cert'),
        secret('pattern', 'spec.x-jwt'),
      ].sort(),
    });
  });

  it.each(FORMAT_NAMES)('never appear in %s output or on standard error', async (format) => {
    const r = await lint('-f', format);
    expect(r.code).toBe(1);
    expect(r.stdout.length).toBeGreaterThan(0);
    expectNoSecret(`${format} output`, r.stdout);
    expectNoSecret('standard error', r.stderr);
  });

  it('never appear in --report files, the baseline file or the stale-entry list', async () => {
    const reports = FORMAT_NAMES.flatMap((f) => ['--report', `${f}=report.${f}`]);
    const written = await lint('-f', 'json', '--write-baseline', 'baseline.json', ...reports);
    expect(written.code).toBe(0); // every finding is now in the baseline
    expectNoSecret('standard error', written.stderr);
    for (const f of FORMAT_NAMES) expectNoSecret(`report.${f}`, readFileSync(path.join(dir, `report.${f}`), 'utf8'));
    const baseline = readFileSync(path.join(dir, 'baseline.json'), 'utf8');
    expect(JSON.parse(baseline).findings.length).toBeGreaterThan(20);
    expectNoSecret('the baseline', baseline);

    // Fix the schema errors: their baseline entries go stale and are listed on standard error.
    writeFileSync(path.join(dir, 'apps/schema-errors.yaml'), VALID.replace('crm-salesforce', 'planted-fixed'));
    const stale = await lint('-f', 'stylish', '--baseline', 'baseline.json');
    expect(stale.stderr).toMatch(/baseline entries no longer occur/);
    expectNoSecret('standard error', stale.stderr);
    expectNoSecret('stylish output', stale.stdout);
  });

  it('in a file name are not read by the rule, and reports show the path as it is', async () => {
    const named = tempTree({ [`apps/${AWS}.yaml`]: VALID }, 'saasgov-secret-name-');
    const r = await cli(['lint', 'apps', '--as-of', AS_OF, '-f', 'json'], { cwd: named });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)[0].filePath).toBe(path.join(named, 'apps', `${AWS}.yaml`));
  });
});
