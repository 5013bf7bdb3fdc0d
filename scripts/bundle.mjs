#!/usr/bin/env node
// Bundles the compiled CLI (dist/src/cli/main.js) and the lint worker into one
// file each, so `saasgov` starts without resolving and compiling hundreds of
// modules (issue 8: one file in at most 2× `node -e 0`). The Pulumi SDK stays
// external: it is only loaded by `saasgov plan`.
import { readdirSync, rmSync } from 'node:fs';
import { build } from 'rolldown';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
for (const [input, file] of [
  ['dist/src/cli/main.js', 'dist/saasgov.cjs'],
  ['dist/src/engine/worker.js', 'dist/worker.cjs'],
]) {
  await build({
    input: path.join(root, input),
    platform: 'node',
    external: [/^@pulumi\//, /^playwright-core/],
    // One file: lazily loaded modules (plan, report) stay lazy, wrapped in the bundle.
    output: { file: path.join(root, file), format: 'cjs', codeSplitting: false },
    logLevel: 'warn',
  });
}

// Code caches of earlier bundles are stale: bin/saasgov.js writes a new one on the next run.
for (const f of readdirSync(path.join(root, 'dist'))) if (f.endsWith('.v8cache')) rmSync(path.join(root, 'dist', f));
