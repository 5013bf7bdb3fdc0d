#!/usr/bin/env node
// Builds the publishable policy pack (README, "Policy pack"): `pulumi policy
// publish` packs the pack directory with `npm pack`, so src/policy-pack —
// which imports the shared checks from ../checks and ../../rules and resolves
// @pulumi/* from the repository root — cannot be published as it is. This
// writes a self-contained directory instead: index.js (the pack and the
// shared checks in one CommonJS file, @pulumi/* left external),
// PulumiPolicy.yaml, and a package.json whose dependencies pin the @pulumi
// packages the repository is tested with (the Pulumi service runs
// `npm install` before it runs a published pack).
//
// Usage: node scripts/bundle-policy-pack.mjs [out dir, default dist/policy-pack]
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const source = path.join(root, 'src', 'policy-pack');
const out = path.resolve(process.argv[2] ?? path.join(root, 'dist', 'policy-pack'));
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const rootPackage = readJson(path.join(root, 'package.json'));
const packPackage = readJson(path.join(source, 'package.json'));
const PULUMI_PACKAGES = ['@pulumi/okta', '@pulumi/policy', '@pulumi/pulumi'];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  input: path.join(source, 'index.ts'),
  platform: 'node',
  // One copy of the Pulumi SDKs: the analyzer's own, installed beside the pack.
  external: [/^@pulumi\//],
  output: { file: path.join(out, 'index.js'), format: 'cjs', codeSplitting: false },
  logLevel: 'warn',
});
copyFileSync(path.join(source, 'PulumiPolicy.yaml'), path.join(out, 'PulumiPolicy.yaml'));
const dependencies = Object.fromEntries(
  PULUMI_PACKAGES.map((name) => {
    const version = rootPackage.dependencies[name];
    if (!version) throw new Error(`bundle-policy-pack: ${name} is not a dependency of the repository`);
    return [name, version];
  }),
);
const manifest = {
  name: packPackage.name,
  version: packPackage.version,
  description: 'saasgov\'s CrossGuard policy pack (built by scripts/bundle-policy-pack.mjs from src/policy-pack)',
  license: packPackage.license,
  main: 'index.js',
  dependencies,
};
writeFileSync(path.join(out, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
process.stdout.write(`policy pack ${manifest.name}@${manifest.version} written to ${path.relative(process.cwd(), out) || '.'}\n`);
