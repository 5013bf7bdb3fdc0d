/** `saasgov plan` on the command line: formats, output file, exit statuses. */
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
    expect((await plan(['plan', '--as-of', AS_OF, 'apps/payroll.yaml'])).stdout).toMatch(/^saasgov plan \(stack dev, as of 2026-12-01\): 1 app to create \(5 resources\)/);
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
    expect(stdout).toMatch(/plan \[options\] \[paths\.\.\.\]\s+offline preview of what `pulumi up` would create/);
  });
});
