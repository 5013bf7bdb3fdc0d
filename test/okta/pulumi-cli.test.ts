/**
 * The Pulumi CLI can run the program: Pulumi.yaml points at a CommonJS
 * TypeScript entry that the CLI's own ts-node (vendored in @pulumi/pulumi)
 * loads with the tsconfig Pulumi.yaml names, and whose exports are the stack
 * outputs of SPEC §7. Run in a separate Node process, under runtime mocks.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/util/package';

interface PulumiProject {
  name: string;
  options?: { refresh?: string };
  runtime: { name: string; options: { typescript: boolean; tsconfig: string } };
  main: string;
  stackConfigDir: string;
}

const project = parse(readFileSync(path.join(PACKAGE_ROOT, 'Pulumi.yaml'), 'utf8')) as PulumiProject;

function loadLikePulumiCli(config: Record<string, string>, secretKeys: string[] = []) {
  const result = spawnSync(
    process.execPath,
    [path.join(__dirname, 'load-like-pulumi-cli.cjs'), PACKAGE_ROOT, project.main, project.runtime.options.tsconfig, JSON.stringify(config), JSON.stringify(secretKeys)],
    { encoding: 'utf8', timeout: 120_000 },
  );
  return result;
}

describe('Pulumi.yaml and the program entry', () => {
  it('declares the project of SPEC §7', () => {
    expect(project).toEqual({
      name: 'saasgov',
      description: expect.any(String),
      runtime: { name: 'nodejs', options: { typescript: true, tsconfig: 'tsconfig.pulumi.json' } },
      main: 'src/okta/index.ts',
      stackConfigDir: 'stacks',
      // SPEC §7.1 "drift is seen": pulumi up and preview refresh from Okta first (Pulumi.yaml project option).
      options: { refresh: 'always' },
    });
  });

  it('loads through the Pulumi CLI\'s ts-node and exports apps, skipped and manualSteps', () => {
    const result = loadLikePulumiCli({
      'saasgov:manifests': 'test/fixtures/okta/apps',
      'saasgov:config': 'test/fixtures/okta/saasgov.config.yaml',
      'okta:orgName': 'acme-dev',
    });
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.status).toBe(0);
    const { tsnode, transpileOnly, outputs } = JSON.parse(result.stdout) as {
      tsnode: string;
      transpileOnly: boolean;
      outputs: { apps: Record<string, { id: string }>; skipped: { filePath: string; rules: string[] }[]; manualSteps: { app: string }[] };
    };
    expect(tsnode).toBe('ts-node@7.0.1');
    expect(transpileOnly).toBe(true);
    expect(Object.keys(outputs).sort()).toEqual(['apps', 'deployed', 'held', 'manualSteps', 'skipped']);
    expect(Object.keys(outputs.apps)).toEqual(['crm-salesforce', 'dashboard-spa', 'expenses', 'field-app', 'lunch-orders', 'payroll', 'reporting-service']);
    expect(outputs.apps.payroll!.id).toBe('payroll-app-id');
    expect(outputs.skipped.map((s) => s.filePath)).toEqual([
      'test/fixtures/okta/apps/failing/broken.yaml',
      'test/fixtures/okta/apps/failing/inline-password.yaml',
      'test/fixtures/okta/apps/failing/no-owner.yaml',
      'test/fixtures/okta/apps/failing/unknown-key.yaml',
    ]);
    // The skip warnings go to the engine's log (stderr without an engine), naming file and rules.
    expect(result.stderr).toContain('not provisioning test/fixtures/okta/apps/failing/no-owner.yaml (wiki): it fails ownership/owners');
  });

  it('fails the update before any change under saasgov:strict', () => {
    const result = loadLikePulumiCli({
      'saasgov:manifests': 'test/fixtures/okta/apps',
      'saasgov:config': 'test/fixtures/okta/saasgov.config.yaml',
      'saasgov:strict': 'true',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('saasgov:strict is set and these failing manifests would create or change an app');
  });

  it('refuses with one line, not a crash, when saasgov:manifests names nothing', () => {
    const result = loadLikePulumiCli({ 'saasgov:manifests': 'no-such-dir', 'saasgov:config': 'test/fixtures/okta/saasgov.config.yaml' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('ProvisioningRefused: No such file or directory: no-such-dir (check saasgov:manifests and saasgov:config in stacks/Pulumi.dev.yaml)');
  });

  it('has stacks whose saasgov:manifests and saasgov:config name what the repository has', () => {
    for (const file of readdirSync(path.join(PACKAGE_ROOT, 'stacks'))) {
      const config = (parse(readFileSync(path.join(PACKAGE_ROOT, 'stacks', file), 'utf8')) as { config: Record<string, unknown> }).config;
      for (const key of ['saasgov:manifests', 'saasgov:config']) expect(existsSync(path.join(PACKAGE_ROOT, String(config[key]))), `${file} ${key}`).toBe(true);
    }
  });
});

describe('modules the CLI\'s ts-node can resolve', () => {
  it('has no .json file beside a .ts module of the same name (require would load the JSON first)', () => {
    const twins: string[] = [];
    for (const dir of ['src', 'rules']) {
      for (const entry of readdirSync(path.join(PACKAGE_ROOT, dir), { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !entry.name.endsWith('.json')) continue;
        const base = path.join(entry.parentPath, entry.name.slice(0, -'.json'.length));
        if (readdirSync(entry.parentPath).includes(`${path.basename(base)}.ts`)) twins.push(path.relative(PACKAGE_ROOT, `${base}.json`));
      }
    }
    expect(twins).toEqual([]);
  });
});
