/**
 * The Pulumi CLI can run the program: Pulumi.yaml points at a CommonJS
 * TypeScript entry that the CLI's own ts-node (vendored in @pulumi/pulumi)
 * loads with the tsconfig Pulumi.yaml names, and whose exports are the stack
 * outputs of SPEC §7. Run as the CLI runs it (test/pulumi-cli.ts: in `main`'s
 * directory, through @pulumi/pulumi's own cmd/run), in a separate Node
 * process, under runtime mocks.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/util/package';
import { runLikePulumiCli } from '../pulumi-cli';

interface PulumiProject {
  name: string;
  options?: { refresh?: string };
  runtime: { name: string; options: { typescript: boolean; tsconfig: string } };
  main: string;
  stackConfigDir: string;
}

const project = parse(readFileSync(path.join(PACKAGE_ROOT, 'Pulumi.yaml'), 'utf8')) as PulumiProject;

const loadLikePulumiCli = (config: Record<string, string>) => runLikePulumiCli(PACKAGE_ROOT, config);

describe('Pulumi.yaml and the program entry', () => {
  it('declares the project of SPEC §7', () => {
    expect(project).toEqual({
      name: 'saasgov',
      description: expect.any(String),
      runtime: { name: 'nodejs', options: { typescript: true, tsconfig: '../../tsconfig.pulumi.json' } },
      main: 'src/okta/index.ts',
      stackConfigDir: 'stacks',
      // SPEC §7.1 "drift is seen": pulumi up and preview refresh from Okta first (Pulumi.yaml project option).
      options: { refresh: 'always' },
    });
  });

  it('loads through the Pulumi CLI\'s ts-node and exports apps, skipped and manualSteps', async () => {
    const result = await loadLikePulumiCli({
      'saasgov:manifests': 'test/fixtures/okta/apps',
      'saasgov:config': 'test/fixtures/okta/saasgov.config.yaml',
      'okta:orgName': 'acme-dev',
    });
    expect(result.stderr).not.toMatch(/Error/);
    expect(result.status).toBe(0);
    const { cwd, typescript } = result;
    const outputs = result.outputs as { apps: Record<string, { id: string }>; skipped: { filePath: string; rules: string[] }[]; manualSteps: { app: string }[] };
    // The CLI runs the program in `main`'s directory; the settings' paths are the project's all the same.
    expect(cwd).toBe(path.dirname(project.main));
    expect(typescript).toEqual({ tsnode: 'ts-node@7.0.1', transpileOnly: true });
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

  it('fails the update before any change under saasgov:strict', async () => {
    const result = await loadLikePulumiCli({
      'saasgov:manifests': 'test/fixtures/okta/apps',
      'saasgov:config': 'test/fixtures/okta/saasgov.config.yaml',
      'saasgov:strict': 'true',
    });
    // 32: the program stopped after logging an error for the user (@pulumi/pulumi cmd/run/index.js).
    expect(result.status).toBe(32);
    expect(result.stderr).toContain('error: [runtime] the update is refused before any change:\nsaasgov:strict is set and these failing manifests would create or change an app:\n');
  });

  it('refuses with one line, not a crash, when saasgov:manifests names nothing', async () => {
    const result = await loadLikePulumiCli({ 'saasgov:manifests': 'no-such-dir', 'saasgov:config': 'test/fixtures/okta/saasgov.config.yaml' });
    expect(result.status).toBe(32);
    // A RunError: its message alone, no stack trace.
    expect(result.stderr).toBe('error: [runtime] No such file or directory: no-such-dir (check saasgov:manifests and saasgov:config in stacks/Pulumi.dev.yaml)\n');
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
