#!/usr/bin/env node
// Bundles the CLI and the lint worker into one file each, from the TypeScript
// sources, so `saasgov` starts without resolving and compiling hundreds of
// modules (issue 8: one file in at most 2× `node -e 0`). Bundling the ES
// modules (not tsc's CommonJS output) lets unused code of dependencies go
// (zod's locales, for one). The Pulumi SDK, Okta's SDK, Playwright and
// xmlbuilder2 stay external: they load from node_modules only when `plan`,
// `import okta`/`audit okta`, a test or `-f junit` needs them.
import { readdirSync, rmSync } from 'node:fs';
import { build } from 'rolldown';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
for (const [input, file] of [
  ['src/cli/main.ts', 'dist/saasgov.cjs'],
  ['src/cli/lint-worker.ts', 'dist/worker.cjs'],
]) {
  await build({
    input: path.join(root, input),
    platform: 'node',
    external: [/^@pulumi\//, /^@okta\//, /^playwright-core/, /^xmlbuilder2/],
    plugins: [
      {
        // `saasgov plan` requires the Pulumi program and SDK when it runs: left to Node at run time
        // (tsc's output in dist/src), so the Pulumi SDK is never loaded by the bundle itself.
        name: 'lazy-plan',
        // A require, not import(): the bundle runs from a V8 code cache, where import() has no loader.
        transform(code, id) {
          if (!id.endsWith(path.join('src', 'cli', 'plan.ts'))) return null;
          // `map: null`: the replacement moves no line, so positions stay right.
          return { code: code.replace("await import('../plan/index.js')", "require('../plan/index.js')"), map: null };
        },
        resolveId(source, importer) {
          if (source === '../plan/index.js' && importer?.endsWith(path.join('src', 'cli', 'plan.ts'))) return { id: './src/plan/index.js', external: true };
          return null;
        },
      },
      {
        // commander requires child_process (and with it the network modules) at load, for
        // subcommands run as separate programs, which saasgov has none of: loaded on use instead.
        name: 'lazy-child-process',
        transform(code, id) {
          if (!id.endsWith(path.join('commander', 'lib', 'command.js'))) return null;
          const eager = "const childProcess = require('node:child_process');";
          if (!code.includes(eager)) throw new Error('commander no longer requires child_process as expected: update scripts/bundle.mjs');
          return { code: code.replace(eager, "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };"), map: null };
        },
      },
    ],
    // One file: lazily loaded modules (plan, report) stay lazy, wrapped in the bundle.
    // Minified: half the bytes to read and half the code cache at every start; the source map
    // (`SAASGOV_DEBUG=1`) gives stack traces in the TypeScript sources.
    output: { file: path.join(root, file), format: 'cjs', codeSplitting: false, minify: true, sourcemap: true },
    logLevel: 'warn',
  });
}

// Code caches of earlier bundles are stale: bin/saasgov.js writes a new one on the next run.
for (const f of readdirSync(path.join(root, 'dist'))) if (f.endsWith('.v8cache')) rmSync(path.join(root, 'dist', f));
