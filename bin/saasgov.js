#!/usr/bin/env node
'use strict';
// Launcher. `npm run build` (run by `npm ci` through `prepare`) compiles the
// TypeScript to dist/ and bundles the CLI into dist/saasgov.cjs and the lint
// worker into dist/worker.cjs. A bundle is compiled with a V8 code cache kept
// beside it (dist/<bundle>.<size>-<mtime>.v8cache, written after the first
// run), so a one-file lint starts about as fast as Node itself, and a lint
// worker thread (started through this file too) is ready sooner. Without the
// bundle, the compiled modules are loaded directly.
const fs = require('node:fs');
const path = require('node:path');

const dist = path.join(__dirname, '..', 'dist');
const argv = process.argv.slice(2);
/** The argument src/engine/run.ts starts a lint worker thread with. */
const LINT_WORKER = '--saasgov-lint-worker';

function loadBundle(bundle, cacheName) {
  const vm = require('node:vm');
  const Module = require('node:module');
  const source = fs.readFileSync(bundle, 'utf8');
  // V8 checks little more than the source length: key the cache by the bundle's size and time
  // (every build writes it anew; scripts/bundle.mjs removes old caches).
  const { size, mtimeMs } = fs.statSync(bundle);
  const cacheFile = `${bundle}.${size}-${Math.round(mtimeMs)}.v8cache`;
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    // no code cache yet: it is written after this run
  }
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const mod = { exports: {} };
  script.runInThisContext().call(mod.exports, mod.exports, Module.createRequire(bundle), mod, bundle, path.dirname(bundle));
  if (cachedData === undefined || script.cachedDataRejected) {
    // After the run, the cache also holds the functions this run compiled.
    process.once('exit', () => {
      const tmp = `${cacheFile}.${cacheName}.tmp`;
      try {
        fs.writeFileSync(tmp, script.createCachedData());
        fs.renameSync(tmp, cacheFile);
      } catch {
        fs.rmSync(tmp, { force: true });
      }
    });
  }
  return mod.exports;
}

const bundle = path.join(dist, 'saasgov.cjs');
if (argv[0] === LINT_WORKER && !require('node:worker_threads').isMainThread) {
  // A lint worker thread: it runs once its module is loaded (src/cli/lint-worker.ts).
  const worker = path.join(dist, 'worker.cjs');
  if (fs.existsSync(worker)) loadBundle(worker, `${process.pid}-${require('node:worker_threads').threadId}`);
  else require('../dist/src/cli/lint-worker.js');
} else if (!fs.existsSync(bundle)) {
  require('../dist/src/cli/main.js').main(argv);
} else if (process.env.SAASGOV_DEBUG) {
  // Debugging: stack traces through the bundle's source map, to the TypeScript sources.
  process.setSourceMapsEnabled(true);
  require(bundle).main(argv);
} else {
  loadBundle(bundle, String(process.pid)).main(argv);
}
