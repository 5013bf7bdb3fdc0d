/**
 * The pack directory is what the Pulumi CLI expects, the pack's metadata is
 * what the engine accepts, and nothing else in saasgov loads the pack.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as protoutil from '@pulumi/policy/protoutil';
import type * as analyzerproto from '@pulumi/pulumi/proto/analyzer_pb';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/util/package';
import { enforcementLevelFor, PACK_ARGS, PACK_NAME, POLICIES } from '../../src/policy-pack/policies';
import { PACK_DIR } from './serve';

const readJson = <T>(file: string) => JSON.parse(readFileSync(file, 'utf8')) as T;

describe('src/policy-pack as the Pulumi CLI reads it', () => {
  it('has a PulumiPolicy.yaml with the nodejs runtime and a description', () => {
    expect(parse(readFileSync(path.join(PACK_DIR, 'PulumiPolicy.yaml'), 'utf8'))).toEqual({ runtime: 'nodejs', description: expect.stringMatching(/^saasgov Okta hardening/) });
  });

  it('has a package.json (PolicyPack reads its version from the working directory\'s) pointing at the entry, at saasgov\'s version', () => {
    const pack = readJson<{ version: string; main: string; dependencies?: unknown; type?: string }>(path.join(PACK_DIR, 'package.json'));
    expect(pack.version).toBe(readJson<{ version: string }>(path.join(PACKAGE_ROOT, 'package.json')).version);
    expect(pack.main).toBe('index.ts');
    expect(readdirSync(PACK_DIR)).toContain(pack.main);
    // CommonJS like the rest of saasgov; dependencies resolve from the repository root.
    expect(pack.type).toBeUndefined();
    expect(pack.dependencies).toBeUndefined();
  });

  it('refuses npm pack (what pulumi policy publish runs for Node.js packs), which would leave the shared checks out', () => {
    const { scripts } = readJson<{ scripts: { prepack: string } }>(path.join(PACK_DIR, 'package.json'));
    const result = spawnSync('sh', ['-c', scripts.prepack], { cwd: PACK_DIR, encoding: 'utf8' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('npm run build:policy-pack, then pulumi policy publish <org> in dist/policy-pack');
  });

  it('has a tsconfig.json for the runner\'s ts-node: the project\'s settings, transpile only', () => {
    expect(readJson(path.join(PACK_DIR, 'tsconfig.json'))).toMatchObject({ extends: '../../tsconfig.json', compilerOptions: { noCheck: true } });
  });
});

describe('the pack\'s metadata', () => {
  it('names the pack and its policies as the analyzer requires (no "all", unique, no enforcementLevel in a config schema)', () => {
    expect(PACK_NAME).toMatch(/^[a-zA-Z0-9-_.]{1,100}$/);
    const names = POLICIES.map((p) => p.name);
    expect(names).toEqual(['okta-saml-hardening', 'okta-oidc-hardening', 'okta-production-apps-retained']);
    expect(new Set(names).size).toBe(names.length);
    for (const p of POLICIES) expect(p.configSchema?.properties ?? {}).not.toHaveProperty('enforcementLevel');
  });

  it('maps severities to enforcement levels: error → mandatory, warn → advisory, off → disabled', () => {
    expect([enforcementLevelFor('error'), enforcementLevelFor('warn'), enforcementLevelFor('off')]).toEqual(['mandatory', 'advisory', 'disabled']);
  });

  it('serializes into the AnalyzerInfo the CLI asks for first', () => {
    const makeAnalyzerInfo = (protoutil as unknown as { makeAnalyzerInfo(...args: unknown[]): analyzerproto.AnalyzerInfo }).makeAnalyzerInfo;
    const info = makeAnalyzerInfo(PACK_NAME, '0.1.0', 'advisory', PACK_ARGS, undefined);
    expect(info.getPoliciesList().map((p) => p.getName())).toEqual(POLICIES.map((p) => p.name));
    expect(info.getDescription()).toBe(PACK_ARGS.description);
  });
});

describe('nothing else loads the pack', () => {
  it('is imported by no module outside src/policy-pack (lint, plan, the CLI bundle never start its server)', () => {
    const importers: string[] = [];
    for (const dir of ['src', 'rules']) {
      for (const entry of readdirSync(path.join(PACKAGE_ROOT, dir), { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
        const file = path.join(entry.parentPath, entry.name);
        if (file.startsWith(PACK_DIR + path.sep)) continue;
        if (/from '[^']*policy-pack[^']*'|require\([^)]*policy-pack/.test(readFileSync(file, 'utf8'))) importers.push(path.relative(PACKAGE_ROOT, file));
      }
    }
    expect(importers).toEqual([]);
  });
});
