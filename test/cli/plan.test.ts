/** `saasgov plan` on the command line: formats, output file, exit statuses. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EXIT } from '../../src/cli/common';
import { AS_OF, edit } from '../helpers';
import { FIXTURES, fixtureText } from '../okta/manifests';
import { cli } from './run';

/** Runs the CLI in process, in `cwd`, capturing its output. */
const plan = (args: string[], cwd = FIXTURES) => cli(args, { cwd });

const tmpDirs: string[] = [];
afterEach(() => {
  for (const dir of tmpDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const ROOT = path.resolve(__dirname, '../..');
const BIN = path.join(ROOT, 'bin', 'saasgov.js');

describe('saasgov plan --state', () => {
  const EXAMPLES = ['plan', '--state', 'examples/state/dev.json', '-c', 'examples/saasgov.config.yaml', 'examples/apps', '--as-of', '2026-12-21'];

  it('shows on the bundled example state only the changes of the pull request, and the app held since its waiver expired', async () => {
    const { code, stdout, stderr } = await cli([...EXAMPLES, '-f', 'json'], { cwd: ROOT });
    expect(stderr).toBe('');
    expect(code).toBe(EXIT.findings);
    const json = JSON.parse(stdout) as { steps: { op: string; name: string; diff?: string[] }[]; held: { app: string }[]; skipped: unknown[] };
    expect(json.steps.filter((s) => s.op !== 'same')).toEqual([expect.objectContaining({ op: 'update', name: 'slack-groups', diff: ['groups'] })]);
    expect(json.held.map((h) => h.app)).toEqual(['jira']);
    expect(json.steps.filter((s) => s.name.startsWith('jira')).map((s) => s.op)).toEqual(['same', 'same', 'same', 'same', 'same']);
  });

  it('has a bundled example state that is what the examples give (node scripts/example-state.mjs)', () => {
    const r = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'example-state.mjs'), '--check'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it.each([
    ['a file that does not exist', 'nope.json', '', /^saasgov: --state nope\.json: no such file\n$/],
    ['a file that is not JSON', 'bad.json', 'not json', /^saasgov: --state bad\.json is not a `pulumi stack export` file: it is not JSON/],
    ['JSON that is not an export', 'bad.json', '{"apps": {}}', /^saasgov: --state bad\.json is not a `pulumi stack export` file: it has no "deployment" object\n$/],
    ['an export of another deployment version', 'bad.json', '{"version": 2, "deployment": {"resources": []}}', /its deployment version is 2, not one of 3, 4/],
    [
      'an export of another project',
      'other.json',
      JSON.stringify({ version: 3, deployment: { resources: [{ urn: 'urn:pulumi:dev::billing::pulumi:pulumi:Stack::billing-dev', custom: false, type: 'pulumi:pulumi:Stack' }] } }),
      /^saasgov: --state other\.json is the state of Pulumi project "billing", not "saasgov"/,
    ],
  ])('exits 2 with one line on %s', async (_what, name, content, message) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'saasgov-plan-state-'));
    tmpDirs.push(dir);
    if (content !== '') writeFileSync(path.join(dir, name), content);
    writeFileSync(path.join(dir, 'payroll.yaml'), fixtureText('payroll.yaml'));
    const { code, stdout, stderr } = await plan(['plan', '--as-of', AS_OF, '--state', name, 'payroll.yaml'], dir);
    expect([code, stdout]).toEqual([EXIT.error, '']);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('saasgov plan, the real binary', () => {
  it('says in one line, without "internal error", that the manifests directory does not exist', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'saasgov-plan-bin-'));
    tmpDirs.push(dir);
    const r = spawnSync(process.execPath, [BIN, 'plan', 'apps'], { cwd: dir, encoding: 'utf8' });
    expect(r.status).toBe(EXIT.error);
    expect(r.stderr).toBe('saasgov: No such file or directory: apps\n');
  });

  it('says in one line that a state file is not an export', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'saasgov-plan-bin-'));
    tmpDirs.push(dir);
    writeFileSync(path.join(dir, 'payroll.yaml'), fixtureText('payroll.yaml'));
    writeFileSync(path.join(dir, 'state.json'), '[]');
    const r = spawnSync(process.execPath, [BIN, 'plan', '--state', 'state.json', 'payroll.yaml'], { cwd: dir, encoding: 'utf8' });
    expect([r.status, r.stderr]).toEqual([EXIT.error, 'saasgov: --state state.json is not a `pulumi stack export` file: it has no "deployment" object\n']);
  });
});

describe('saasgov plan', () => {
  it('prints §7 JSON and exits 1 when some manifests are skipped', async () => {
    const { code, stdout, stderr } = await plan(['plan', '--format', 'json', '--as-of', AS_OF]);
    expect(stderr).toBe('');
    expect(code).toBe(EXIT.findings);
    const json = JSON.parse(stdout) as { steps: { type: string; name: string }[]; skipped: { filePath: string }[] };
    expect(json.steps.filter((s) => s.type === 'saasgov:okta:AppIntegration').map((s) => s.name)).toEqual([
      'crm-salesforce',
      'dashboard-spa',
      'expenses',
      'field-app',
      'lunch-orders',
      'payroll',
      'reporting-service',
    ]);
    expect(json.skipped.map((s) => s.filePath)).toEqual(['apps/failing/broken.yaml', 'apps/failing/inline-password.yaml', 'apps/failing/no-owner.yaml', 'apps/failing/unknown-key.yaml']);
  });

  it('exits 0 when every manifest passes, and takes paths, globs and --stack', async () => {
    const { code, stdout } = await plan(['plan', '-f', 'json', '--as-of', AS_OF, '--stack', 'prod', 'apps/payroll.yaml', 'apps/ser*.yaml']);
    expect(code).toBe(EXIT.ok);
    const json = JSON.parse(stdout) as { steps: { urn: string; name: string }[]; skipped: unknown[] };
    expect(json.skipped).toEqual([]);
    expect(json.steps.filter((s) => !s.urn.includes('$')).map((s) => s.urn)).toEqual([
      'urn:pulumi:prod::saasgov::saasgov:okta:AppIntegration::dashboard-spa',
      'urn:pulumi:prod::saasgov::saasgov:okta:AppIntegration::payroll',
      'urn:pulumi:prod::saasgov::saasgov:okta:AppIntegration::reporting-service',
    ]);
  });

  it('prints text by default, and Markdown with --format markdown', async () => {
    expect((await plan(['plan', '--as-of', AS_OF, 'apps/payroll.yaml'])).stdout).toMatch(/^saasgov plan \(stack dev, as of 2026-12-01\): 1 app to create \(4 resources\)/);
    expect((await plan(['plan', '-f', 'markdown', '--as-of', AS_OF, 'apps/payroll.yaml'])).stdout).toMatch(/^## saasgov plan\n/);
  });

  it('writes the plan to --output-file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'saasgov-plan-out-'));
    tmpDirs.push(dir);
    const file = path.join(dir, 'plan.json');
    const { code, stdout } = await plan(['plan', '-f', 'json', '--as-of', AS_OF, '-o', file, 'apps/payroll.yaml']);
    expect([code, stdout]).toEqual([EXIT.ok, '']);
    expect(JSON.parse(readFileSync(file, 'utf8')).steps).toHaveLength(5);
  });

  it('judges with the config it is given, like lint', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'saasgov-plan-cfg-'));
    tmpDirs.push(dir);
    writeFileSync(path.join(dir, 'lint.yaml'), 'rules:\n  ownership/owners: off\n');
    const { code, stdout } = await plan(['plan', '-f', 'json', '--as-of', AS_OF, '-c', path.join(dir, 'lint.yaml'), 'apps/failing/no-owner.yaml']);
    expect(code).toBe(EXIT.ok);
    expect(JSON.parse(stdout).steps.map((s: { name: string }) => s.name)).toContain('wiki');
  });

  it.each([
    ['an unknown format', ['plan', '-f', 'xml'], /argument 'xml' is invalid/],
    ['a bad --as-of', ['plan', '--as-of', '2026-02-30'], /--as-of must be a date/],
    ['a bad stack name', ['plan', '--stack', 'a b'], /a stack name is letters/],
    ['a path that matches nothing', ['plan', 'nope/'], /No such file or directory: nope\//],
    ['a missing config file', ['plan', '-c', 'missing.yaml'], /Config file not found: missing.yaml/],
  ])('exits 2 on %s', async (_what, args, message) => {
    const { code, stderr, stdout } = await plan(args);
    expect(code).toBe(EXIT.error);
    expect(stderr).toMatch(message);
    expect(stdout).toBe('');
  });

  it('exits 2, saying why, when a passing manifest cannot be provisioned', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'saasgov-plan-bad-'));
    tmpDirs.push(dir);
    writeFileSync(path.join(dir, 'saasgov.config.yaml'), 'rules:\n  manifest/unique-name: off\n');
    writeFileSync(path.join(dir, 'a.yaml'), fixtureText('payroll.yaml'));
    writeFileSync(path.join(dir, 'b.yaml'), edit(fixtureText('crm.yaml'), { set: { 'metadata.name': 'payroll' } }));
    const { code, stderr, stdout } = await plan(['plan', '--as-of', AS_OF, '.'], dir);
    expect(code).toBe(EXIT.error);
    expect(stderr).toContain('saasgov: two passing manifests claim the same name');
    expect(stdout).toBe('');
  });

  it('is described in saasgov --help', async () => {
    const { stdout } = await plan(['--help']);
    expect(stdout).toMatch(/plan \[options\] \[paths\.\.\.\]\s+offline preview of what `pulumi up` would do in\s+Okta/);
    const help = await plan(['plan', '--help']);
    expect(help.stdout).toContain('--state <file>');
  });
});
