/**
 * `saasgov plan` as data and in its three formats: a create step for every
 * passing manifest, a skipped entry for every failing one, SPEC §7 JSON
 * exactly, secrets redacted, manifest text escaped, output deterministic.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { specialSecretSig, specialSigKey, unknownValue } from '@pulumi/pulumi/runtime/rpc';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load';
import { lintProject } from '../../src/engine/lint';
import { formatJson, formatMarkdown, formatText, PLAN_FORMATTERS } from '../../src/plan/format';
import { computePlan, displayValue, SECRET, UNKNOWN, type Plan } from '../../src/plan/run';
import { PACKAGE_ROOT } from '../../src/util/package';
import { RULES_BY_ID } from '../../rules';
import { AS_OF, edit } from '../helpers';
import { tempTree } from '../run-cli';
import { FIXTURES, fixtureText } from '../okta/manifests';

const COMPONENT = 'saasgov:okta:AppIntegration';

/** A temporary project directory with these files (removed when the test file ends). */
const project = (files: Record<string, string>) => tempTree(files, 'saasgov-plan-');

/**
 * The oracle: lint the same files with the same config, and check that the
 * plan creates a component for every passing document with SSO and skips
 * every failing one.
 */
function expectPlanFollowsLint(plan: Plan, cwd: string, paths: string[], configFile?: string) {
  const config = loadConfig({ cwd, ...(configFile ? { configFile } : {}), rules: RULES_BY_ID });
  const results = lintProject({ cwd, config, rules: RULES_BY_ID, asOf: plan.asOf, paths, keepManifests: true });
  const docs = results.flatMap((r) => r.documents.map((d) => ({ d, file: path.relative(cwd, r.filePath).split(path.sep).join('/') })));
  const passing = docs.filter(({ d }) => d.manifest && d.errorCount === 0);
  const withSso = passing.filter(({ d }) => d.manifest!.spec.sso.protocol !== 'none').map(({ d }) => d.app!);
  const json = JSON.parse(formatJson(plan)) as { steps: { type: string; name: string }[]; skipped: unknown[] };
  expect(json.steps.filter((s) => s.type === COMPONENT).map((s) => s.name).sort()).toEqual([...withSso].sort());
  const failing = docs.filter(({ d }) => !(d.manifest && d.errorCount === 0)).map(({ d, file }) => ({ app: d.app, filePath: file, rules: d.failedRules }));
  const unreadable = results.filter((r) => r.documents.length === 0 && r.errorCount > 0).map((r) => path.relative(cwd, r.filePath).split(path.sep).join('/'));
  expect(json.skipped).toEqual(expect.arrayContaining(failing));
  expect(json.skipped).toHaveLength(failing.length + unreadable.length);
  return { passing: passing.length, failing: failing.length + unreadable.length };
}

describe('plan of the fixture project', () => {
  it('has a create step for every passing manifest and a skipped entry for every failing one', async () => {
    const plan = await computePlan({ cwd: FIXTURES, paths: [], asOf: AS_OF });
    const counts = expectPlanFollowsLint(plan, FIXTURES, []);
    expect(counts).toEqual({ passing: 8, failing: 4 });
  });

  it('prints SPEC §7 JSON exactly: {steps: [{op, urn, type, name, inputs}], skipped: [{app, filePath, rules}]}, sorted by URN', async () => {
    const plan = await computePlan({ cwd: FIXTURES, paths: [], asOf: AS_OF });
    const json = JSON.parse(formatJson(plan)) as Record<string, unknown[]>;
    expect(Object.keys(json)).toEqual(['steps', 'skipped']);
    for (const step of json.steps as Record<string, unknown>[]) {
      expect(Object.keys(step)).toEqual(['op', 'urn', 'type', 'name', 'inputs']);
      expect(step.op).toBe('create');
      expect(step.urn).toBe(`urn:pulumi:dev::saasgov::${step.urn === `urn:pulumi:dev::saasgov::${COMPONENT}::${step.name}` ? '' : `${COMPONENT}$`}${step.type}::${step.name}`);
    }
    const urns = (json.steps as { urn: string }[]).map((s) => s.urn);
    expect(urns).toEqual([...urns].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const s of json.skipped as Record<string, unknown>[]) expect(Object.keys(s)).toEqual(['app', 'filePath', 'rules']);
    const app = (json.steps as { name: string; inputs: Record<string, unknown> }[]).find((s) => s.name === 'payroll-app')!;
    expect(app.inputs).toMatchObject({ label: 'Payroll Portal', ssoUrl: 'https://acme.payco.example/saml/acs', authenticationPolicy: UNKNOWN });
    const groups = (json.steps as { name: string; inputs: Record<string, unknown> }[]).find((s) => s.name === 'payroll-groups')!;
    expect(groups.inputs).toEqual({ appId: UNKNOWN, groups: [{ id: 'okta-group:people-ops', profile: '{}' }, { id: 'okta-group:payroll-admins', profile: '{}' }] });
  });

  it('is byte-identical across runs, in every format', async () => {
    const a = await computePlan({ cwd: FIXTURES, paths: [], asOf: AS_OF });
    const b = await computePlan({ cwd: FIXTURES, paths: [], asOf: AS_OF });
    for (const format of Object.values(PLAN_FORMATTERS)) expect(format(a)).toBe(format(b));
  });

  it('prints a tree per app in text: the component, then its resources with inputs and safety options', async () => {
    const text = formatText(await computePlan({ cwd: FIXTURES, paths: [], asOf: AS_OF }));
    const lines = text.split('\n');
    expect(lines[0]).toBe('saasgov plan (stack dev, as of 2026-12-01): 7 apps to create (18 resources); 1 without SSO (nothing to create); 4 manifests skipped; 3 manual steps');
    const start = lines.indexOf('+ saasgov:okta:AppIntegration payroll  (apps/payroll.yaml)  [aliases: payroll-legacy]');
    expect(start).toBeGreaterThan(0);
    const tree = lines.slice(start, lines.indexOf('', start)).filter((l) => l.startsWith('  +'));
    expect(tree).toEqual([
      '  + okta:index/appSignonPolicy:AppSignonPolicy payroll-mfa-policy  [retainOnDelete]',
      '  + okta:index/appSignonPolicyRule:AppSignonPolicyRule payroll-mfa-rule  [retainOnDelete]',
      '  + okta:app/saml:Saml payroll-app  [retainOnDelete]',
      '  + okta:index/appGroupAssignments:AppGroupAssignments payroll-groups  [retainOnDelete]',
    ]);
    expect(lines).toContain('      factorMode: "2FA"');
    expect(lines).toContain('  + okta:app/oAuth:OAuth expenses-app  [retainOnDelete; secret outputs: clientBasicSecret, clientBasicSecretWo, clientSecret]');
    expect(text).toContain('Skipped: these manifests fail lint and are not provisioned (saasgov lint shows the findings):\n  - apps/failing/broken.yaml: manifest/syntax\n');
    expect(text).toContain('No Okta app (sso.protocol none):\n  - apps/status-page.yaml (status-page)\n');
    expect(text).toContain('  payroll (apps/payroll.yaml): SCIM provisioning\n    why: ');
  });

  it('prints Markdown for a pull request: a verdict, a table per app, the skipped manifests and the manual steps', async () => {
    const md = formatMarkdown(await computePlan({ cwd: FIXTURES, paths: [], asOf: AS_OF }));
    expect(md.startsWith('## saasgov plan\n\n**7 apps to create \\(18 resources\\); 1 without SSO \\(nothing to create\\); 4 manifests skipped; 3 manual steps**')).toBe(true);
    expect(md).toContain('### payroll · apps/payroll\\.yaml\n\n| | type | name | inputs and options |\n| --- | --- | --- | --- |\n| create | `saasgov:okta:AppIntegration` | payroll | _aliases\\: payroll\\-legacy_ |\n');
    expect(md).toContain('| apps/failing/no\\-owner\\.yaml | wiki | `ownership/owners` |');
    expect(md).toContain('#### payroll: SCIM provisioning\n\nWhy: ');
    // Every table row has its four cells: no stray pipe from manifest text.
    for (const line of md.split('\n').filter((l) => l.startsWith('| create |'))) expect(line.split(/(?<!\\)\|/)).toHaveLength(6);
  });
});

describe('secrets', () => {
  it('never prints a SCIM token, an inline password or a client secret, in any format', async () => {
    const token = 'scim-token-9f8e7d6c5b4a';
    // Zscaler 2.0: the app whose connection saasgov configures from the stack's token; and the failing fixture with an inline password.
    const zia = edit(fixtureText('crm.yaml'), { set: { 'spec.sso.okta': { preconfiguredApp: 'zscalerbyz' } } });
    const dir = project({ 'apps/crm.yaml': zia, 'apps/failing/inline-password.yaml': fixtureText('failing/inline-password.yaml') });
    const plan = await computePlan({ cwd: dir, paths: [], asOf: AS_OF, scim: new Map([['crm-salesforce', { baseUrl: 'https://scim.example.com/v2', token }]]) });
    const connection = plan.steps.find((s) => s.name === 'crm-salesforce-scim-connection')!;
    expect(connection.inputs).toEqual({ action: 'activate', baseUrl: 'https://scim.example.com/v2', idProperty: UNKNOWN, profile: SECRET });
    expect(plan.skipped.map((s) => s.app)).toEqual(['legacy-crm']);
    for (const format of Object.values(PLAN_FORMATTERS)) {
      const out = format(plan);
      expect(out).not.toContain(token);
      expect(out).not.toContain('Winter2026-do-not-print'); // the skipped fixture's inline password
      expect(out).not.toContain('mock-client-secret');
    }
    expect(formatJson(plan)).toContain(`"profile": "${SECRET}"`);
  });

  it('redacts a secret nested in an input', () => {
    // Without additionalSecretOutputs on the input's key, the secret is redacted where it sits.
    expect(displayValue({ b: [1, { [specialSigKey]: specialSecretSig, value: 'x' }], a: unknownValue })).toEqual({ a: UNKNOWN, b: [1, SECRET] });
  });
});

describe('escaping manifest text', () => {
  const hostile = '::set-output name=x::y ##[error]pwn @org/team #123 </details><!-- a|b \u202E\u001b[31m';

  it('neutralises workflow commands and control characters in text, and HTML, Markdown, mentions and pipes in Markdown', async () => {
    const text = edit(fixtureText('payroll.yaml'), { set: { 'metadata.displayName': hostile } });
    const dir = project({ 'apps/payroll.yaml': text });
    const plan = await computePlan({ cwd: dir, paths: [], asOf: AS_OF });
    expect(plan.skipped).toEqual([]);

    const out = formatText(plan);
    for (const line of out.split('\n')) expect(line).not.toMatch(/^\s*::/);
    expect(out).not.toContain('##[');
    expect(out).not.toMatch(/[\u001b\u202E]/);
    expect(out).toContain('\\u202E');

    const md = formatMarkdown(plan);
    expect(md).not.toContain('</details>');
    expect(md).not.toContain('<!--');
    expect(md).not.toContain('@org');
    expect(md).not.toContain('#123');
    expect(md).not.toContain('##[');
    expect(md).not.toMatch(/[\u001b\u202E]/);
    expect(md).toContain('&lt;/details&gt;&lt;\\!\\-\\-');
    for (const line of md.split('\n').filter((l) => l.startsWith('| create |'))) expect(line.split(/(?<!\\)\|/)).toHaveLength(6);
  });
});

const EXAMPLES = path.join(PACKAGE_ROOT, 'examples', 'apps');
describe.runIf(existsSync(EXAMPLES))('plan of examples/apps', () => {
  it('has a create step for every passing example and a skipped entry for every failing one', async () => {
    const configFile = existsSync(path.join(PACKAGE_ROOT, 'examples', 'saasgov.config.yaml')) ? path.join(PACKAGE_ROOT, 'examples', 'saasgov.config.yaml') : undefined;
    const plan = await computePlan({ cwd: PACKAGE_ROOT, paths: ['examples/apps'], asOf: AS_OF, ...(configFile ? { configFile } : {}) });
    expectPlanFollowsLint(plan, PACKAGE_ROOT, ['examples/apps'], configFile);
  });
});
