/**
 * `saasgov import okta` against the fake org: one manifest per app with
 * Okta's facts, placeholders that fail lint where a person must decide (and
 * nothing else), `--defaults`, idempotent re-runs that never overwrite,
 * deterministic bytes, and failures that write nothing and never echo a token.
 */
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameFromLabel } from '../../src/import';
import { PACKAGE_ROOT } from '../../src/util/package';
import { cli } from '../cli/run';
import { CONTRACT_HOOK_TIMEOUT, expectResponsesMatchSpec, startCheckedFakeOrg } from '../fake-okta/contract';
import { APP, smallOrg } from '../fake-okta/org-data';
import type { FakeOrg } from '../fake-okta/server';
import { tempTree as newTempTree } from '../run-cli';

const TOKEN = '00Zy9Xw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa-_99';
const ALL = ['okta.apps.read', 'okta.groups.read', 'okta.policies.read', 'okta.logs.read'];
const AS_OF = '2026-12-01';

/** Everything Okta cannot know, so imported manifests pass the schema. */
const DEFAULTS = `metadata:
  owner: {team: it, business: cio@example.com, technical: it-apps@example.com}
spec:
  vendor: To be reviewed
  url: https://apps.example.com
  lifecycle: production
  data: {classification: internal}
  provisioning: {deprovisioning: {method: automatic}}
  backup: {strategy: vendor-native, retentionDays: 30, lastRestoreTest: 2026-10-01}
  residency: {regions: [eu]}
`;

/** Temporary trees, removed after the file's tests. */
const made: string[] = [];
const tempTree = (files?: Record<string, string>) => {
  const dir = newTempTree(files);
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

describe('saasgov import okta', () => {
  let fake: FakeOrg;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    fake = await startCheckedFakeOrg({ data: { apps: [], groups: [], assignments: {}, policyRules: {}, logs: [] }, tokens: { [TOKEN]: ALL } });
    Object.assign(fake.data, smallOrg(fake.url));
    env = { OKTA_API_TOKEN: TOKEN, OKTA_ORG_URL: fake.url };
  }, CONTRACT_HOOK_TIMEOUT);
  afterAll(async () => {
    expectResponsesMatchSpec(fake);
    await fake.stop();
  });

  const importInto = (dir: string, ...args: string[]) => cli(['import', 'okta', '--out', 'apps', '--as-of', AS_OF, ...args], { cwd: dir, env });
  const files = (dir: string) => readdirSync(path.join(dir, 'apps')).sort();
  const read = (dir: string, name: string) => readFileSync(path.join(dir, 'apps', `${name}.yaml`), 'utf8');

  it('writes one manifest per active app that is not Okta\'s own, and says what it did', async () => {
    const dir = tempTree();
    const run = await importInto(dir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(files(dir)).toEqual(
      ['billing-sync', 'company-handbook', 'expense-portal', 'field-app', 'github-enterprise-cloud', 'intranet-reports', 'jira-2', 'jira', 'legacy-wiki', 'partner-portal', 'salesforce', 'slack', 'status-dashboard', 'team-calendar', 'vendor-extranet', 'workday', 'zoom'].map((n) => `${n}.yaml`),
    );
    expect(run.stdout).toMatch(/^Imported 17 apps from http:\/\/127\.0\.0\.1:\d+ into apps\/ \(0 already declared; skipped: 3 first-party, 1 inactive\); 14 requests to Okta\.\n/);
  });

  it('fills in what Okta knows: OIN key and settings, groups, MFA, SCIM, SAML and OIDC settings, the sign-on mode', async () => {
    const dir = tempTree();
    await importInto(dir);
    const salesforce = read(dir, 'salesforce');
    expect(salesforce).toMatch(new RegExp(`^# Imported from the Okta org ${fake.url.replace(/\./g, '\\.')} on 2026-12-01 by \`saasgov import okta\`: app id ${APP.salesforce}\n`));
    expect(parse(salesforce).spec).toMatchObject({
      sso: { protocol: 'saml', mfa: 'required', okta: { preconfiguredApp: 'salesforce', appId: APP.salesforce, settings: { instanceType: 'PRODUCTION', integrationType: 'STANDARD' } } },
      provisioning: { scim: { enabled: true, features: ['create', 'update', 'deactivate', 'push-groups', 'import'] } },
      access: { groups: ['Sales', 'Sales Admins'] },
    });
    expect(parse(read(dir, 'zoom')).spec.sso.mfa).toBe('optional');
    expect(parse(read(dir, 'legacy-wiki')).spec.sso).toMatchObject({ okta: { appId: APP.wiki }, saml: { acsUrl: 'https://wiki.example.com/sso', signatureAlgorithm: 'RSA_SHA1' } });
    expect(parse(read(dir, 'legacy-wiki')).spec.sso.okta.preconfiguredApp).toBeUndefined();
    expect(parse(read(dir, 'field-app')).spec.sso.oidc).toEqual({ type: 'native', redirectUris: ['com.example.field:/callback'], grantTypes: ['authorization_code', 'refresh_token'], pkce: true });
    expect(read(dir, 'vendor-extranet')).toContain('protocol: swa # password vaulting by the browser plugin (BROWSER_PLUGIN)');
    expect(read(dir, 'company-handbook')).toContain('protocol: none # a bookmark on the Okta dashboard (BOOKMARK)');
    expect(parse(read(dir, 'company-handbook')).spec.url).toBe('https://handbook.example.com');
    expect(read(dir, 'billing-sync')).toContain('groups: [] # no group is assigned to this app in Okta');
    expect(parse(read(dir, 'jira-2')).spec.sso.okta.settings).toEqual({ siteURL: 'https://acme-sandbox.atlassian.net' });
  });

  it('leaves placeholders that fail lint where a person must decide, and nothing else', async () => {
    const dir = tempTree();
    await importInto(dir);
    const lint = await cli(['lint', 'apps', '-f', 'json', '--as-of', AS_OF], { cwd: dir, env: {} });
    expect(lint.code).toBe(1);
    const results = JSON.parse(lint.stdout) as { filePath: string; messages: { ruleId: string; messageId: string; path: string }[] }[];
    expect(results).toHaveLength(17);
    const placeholders = new Set(['metadata.owner.business', 'metadata.owner.technical', 'spec.vendor', 'spec.url', 'spec.lifecycle', 'spec.data.classification', 'spec.backup.strategy', 'spec.residency.regions[0]']);
    for (const r of results) {
      expect(r.messages.length, r.filePath).toBeGreaterThan(0);
      for (const m of r.messages) {
        expect([m.ruleId, m.messageId], `${r.filePath}: ${m.path}`).toEqual(['manifest/schema', 'placeholder']);
        expect(placeholders, `${r.filePath}: ${m.path}`).toContain(m.path);
      }
    }
  });

  it('takes what Okta cannot know from --defaults: the manifests then pass the schema', async () => {
    const dir = tempTree({ 'defaults.yaml': DEFAULTS });
    expect((await importInto(dir, '--defaults', 'defaults.yaml')).code).toBe(0);
    const lint = await cli(['lint', 'apps', '-f', 'json', '--as-of', AS_OF], { cwd: dir, env: {} });
    const messages = (JSON.parse(lint.stdout) as { messages: { ruleId: string }[] }[]).flatMap((r) => r.messages);
    expect(messages.filter((m) => m.ruleId.startsWith('manifest/'))).toEqual([]);
    // What the org really holds still shows: SHA-1 signing, password vaulting.
    expect(messages.map((m) => m.ruleId)).toContain('sso/saml-hardening');
    expect(parse(read(dir, 'salesforce')).metadata.owner).toEqual({ team: 'it', business: 'cio@example.com', technical: 'it-apps@example.com' });
  });

  it('is adopted, not duplicated: saasgov plan on the imported manifests shows every app as import and creates nothing', async () => {
    const dir = tempTree({ 'defaults.yaml': DEFAULTS });
    expect((await importInto(dir, '--defaults', 'defaults.yaml')).code).toBe(0);
    const run = await cli(['plan', '-f', 'json', '--as-of', AS_OF, 'apps'], { cwd: dir, env: {} });
    const plan = JSON.parse(run.stdout) as { steps: { op: string; type: string; name: string }[]; skipped: { app: string; rules: string[] }[] };
    expect(plan.steps.filter((s) => s.op !== 'import')).toEqual([]);
    const adopted = plan.steps.filter((s) => s.type === 'saasgov:okta:AppIntegration').map((s) => s.name);
    // Every app the import wrote is adopted, but those whose Okta setup lint refuses (they are skipped, not created).
    expect([...adopted, ...plan.skipped.map((s) => s.app)].sort()).toEqual(files(dir).map((f) => f.replace(/\.yaml$/, '')).sort());
    // Skipped: what the org really runs fails lint there (a bookmark for internal data, a private-use redirect, SHA-1 signing).
    expect(plan.skipped.map((s) => `${s.app} ${s.rules.join(' ')}`)).toEqual(['company-handbook sso/required', 'field-app sso/oidc-hardening', 'legacy-wiki sso/saml-hardening']);
  });

  it('is idempotent: a re-run skips every declared app and never overwrites an edited manifest', async () => {
    const dir = tempTree();
    await importInto(dir);
    const edited = read(dir, 'salesforce').replace('<e-mail of the business owner>', 'jane@example.com');
    writeFileSync(path.join(dir, 'apps', 'salesforce.yaml'), edited);
    const before = Object.fromEntries(files(dir).map((f) => [f, readFileSync(path.join(dir, 'apps', f), 'utf8')]));
    const again = await importInto(dir, '--include-inactive');
    expect(again.stdout).toMatch(/^Imported 1 app .*\(17 already declared; skipped: 3 first-party\)/);
    expect(files(dir)).toEqual([...Object.keys(before), 'old-crm.yaml'].sort());
    for (const [f, text] of Object.entries(before)) expect(readFileSync(path.join(dir, 'apps', f), 'utf8')).toBe(text);
  });

  it('writes the same bytes for the same org', async () => {
    const [a, b] = [tempTree(), tempTree()];
    await importInto(a);
    await importInto(b);
    for (const f of files(a)) expect(readFileSync(path.join(b, 'apps', f), 'utf8')).toBe(readFileSync(path.join(a, 'apps', f), 'utf8'));
  });

  it('reads the assignments per group or per app, whichever its rate-limit buckets make cheaper, and writes the same bytes either way', async () => {
    const sides: Record<string, { files: Record<string, string>; stdout: string; perApp: number; perGroup: number }> = {};
    // 17 apps to import, 9 groups: per group at equal limits; per app when the groups bucket allows far fewer requests.
    for (const [side, buckets] of [['group', {}], ['app', { '/api/v1/groups*': 60 }]] as const) {
      fake.setRateLimit(600, 60, buckets);
      const from = fake.responses.length;
      const dir = tempTree();
      const run = await importInto(dir);
      expect(run.code).toBe(0);
      const sent = fake.responses.slice(from);
      sides[side] = {
        files: Object.fromEntries(files(dir).map((f) => [f, read(dir, f.replace(/\.yaml$/, ''))])),
        stdout: run.stdout,
        perApp: sent.filter((r) => r.template === '/api/v1/apps/{appId}/groups').length,
        perGroup: sent.filter((r) => r.template === '/api/v1/groups/{groupId}/apps').length,
      };
    }
    fake.setRateLimit(600, 60);
    expect(sides.group).toMatchObject({ perApp: 0, perGroup: 9 });
    expect(sides.app).toMatchObject({ perApp: 17, perGroup: 0 });
    expect(sides.group!.stdout).toContain('; 14 requests to Okta.');
    expect(sides.app!.stdout).toContain('; 22 requests to Okta.');
    expect(Object.keys(sides.group!.files)).toHaveLength(17);
    expect(sides.app!.files).toEqual(sides.group!.files);
  });

  it.each([
    ['a wrong token', { OKTA_API_TOKEN: `${TOKEN}0` }, [], /^saasgov: Okta rejected the credentials for GET \/api\/v1\/apps \(HTTP 401 E0000011 Invalid token provided\)/],
    ['no credentials', { OKTA_API_TOKEN: '' }, [], /^saasgov: no Okta credentials: set OKTA_API_TOKEN/],
    ['an http org that is not loopback', { OKTA_ORG_URL: 'http://acme.okta.com' }, [], /^saasgov: the Okta org URL must be https/],
    ['an org URL with a path', {}, ['--org-url', 'https://acme.okta.com/admin'], /^saasgov: the Okta org URL is the org's address alone/],
  ])('stops on %s with one line, exit 2, nothing written, no token shown', async (_name, envChange, args, message) => {
    const dir = tempTree();
    const run = await cli(['import', 'okta', '--out', 'apps', ...args], { cwd: dir, env: { ...env, ...envChange } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr.split('\n')).toHaveLength(2);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
    expect(existsSync(path.join(dir, 'apps'))).toBe(false);
  });

  it('reports progress on standard error with --progress (what is read, N of M), the summary staying on standard output', async () => {
    const dir = tempTree();
    const run = await importInto(dir, '--progress');
    expect(run.code).toBe(0);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines.slice(0, 2)).toEqual(['saasgov: reading apps…', 'saasgov: reading apps: 21 of 21']);
    expect(lines.at(-1)).toMatch(/^saasgov: reading group apps and policies: (\d+) of \1$/);
    expect(lines.every((l) => l.startsWith('saasgov: reading '))).toBe(true);
    expect(run.stdout).toMatch(/^Imported 17 apps /);
    expect(run.stdout + run.stderr).not.toContain(TOKEN);
  });

  it('rides out a short 429 storm (waiting for each reset), and stops with one line when it outlasts the retries, writing nothing', async () => {
    const stormy = await startCheckedFakeOrg({ data: { apps: [], groups: [], assignments: {}, policyRules: {}, logs: [] }, tokens: { [TOKEN]: ALL }, rateLimit: { limit: 600, windowSeconds: 1 } });
    try {
      Object.assign(stormy.data, smallOrg(stormy.url));
      const stormyEnv = { ...env, OKTA_ORG_URL: stormy.url };
      const dir = tempTree();
      stormy.failNext(/^\/api\/v1\/apps\?/, 2, 429);
      const short = await cli(['import', 'okta', '--out', 'apps'], { cwd: dir, env: stormyEnv });
      expect(short.code).toBe(0);
      expect(files(dir)).toHaveLength(17);

      const other = tempTree();
      stormy.failNext(/^\/api\/v1\/apps\?/, 1_000, 429);
      const long = await cli(['import', 'okta', '--out', 'apps'], { cwd: other, env: stormyEnv });
      expect(long.code).toBe(2);
      expect(long.stderr).toMatch(/^saasgov: Okta kept answering GET \/api\/v1\/apps with HTTP 429 \(rate limit E0000047 .*\) after waiting for every reset: try again later, or lower --concurrency\n$/);
      expect(long.stdout + long.stderr).not.toContain(TOKEN);
      expect(existsSync(path.join(other, 'apps'))).toBe(false);
      // Only the injected 429s: the client itself never went over the limit.
      expect(stormy.tooManyRequests()).toBe(0);
      expectResponsesMatchSpec(stormy);
    } finally {
      stormy.failNext(/./, 0);
      await stormy.stop();
    }
  }, 60_000);

  it('writes nothing when Okta fails in the middle of the reads', async () => {
    const dir = tempTree({ 'apps/kept.yaml': 'kept: as it was\n' });
    fake.failNext(/^\/api\/v1\/groups\/[^/]+\/apps/, 100, 500);
    const run = await importInto(dir);
    fake.failNext(/^\/api\/v1\/groups\/[^/]+\/apps/, 0, 500);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^saasgov: Okta answered GET \/api\/v1\/groups\/[^/ ]+\/apps /);
    expect(files(dir)).toEqual(['kept.yaml']);
  });

  it('leaves the directory as it was when the run is interrupted', async () => {
    const dir = tempTree({ 'apps/kept.yaml': 'kept: as it was\n' });
    fake.setDelay(150);
    try {
      const child = spawn(process.execPath, [path.join(PACKAGE_ROOT, 'bin', 'saasgov.js'), 'import', 'okta', '--out', 'apps'], { cwd: dir, env: { ...process.env, ...env } });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      setTimeout(() => child.kill('SIGINT'), 600);
      const code = await new Promise<number | null>((resolve) => child.on('close', (c, signal) => resolve(c ?? (signal ? 130 : null))));
      expect(code).not.toBe(0);
      expect(output).not.toContain(TOKEN);
      expect(files(dir)).toEqual(['kept.yaml']);
    } finally {
      fake.setDelay(0);
    }
  });
});

describe('names from labels', () => {
  it.each([
    ['Salesforce Sales Cloud', 'salesforce-sales-cloud'],
    ['  Zoom  ', 'zoom'],
    ['Café Bestellung', 'cafe-bestellung'],
    ['365 Portal', 'app-365-portal'],
    ['ÖÖ', 'oo'],
    ['!', 'app'],
  ])('%s → %s', (label, name) => {
    expect(nameFromLabel(label)).toBe(name);
  });
});
