#!/usr/bin/env node
// `npm run fuzz`: the property tests (test/adversarial/*.property.test.ts)
// with many more cases than CI runs: FUZZ_RUNS per property (default 2000),
// FUZZ_SEED to replay a failure fast-check reported. Extra arguments go to
// vitest, e.g. `npm run fuzz -- formatters` for one file.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const env = { ...process.env, FUZZ_RUNS: process.env.FUZZ_RUNS || '2000' };
const filters = process.argv.slice(2);
const args = [path.join(root, 'node_modules', 'vitest', 'vitest.mjs'), 'run', ...(filters.length > 0 ? filters : ['property.test'])];
console.error(`saasgov fuzz: ${env.FUZZ_RUNS} cases per property${env.FUZZ_SEED ? `, seed ${env.FUZZ_SEED}` : ''}`);
const run = spawnSync(process.execPath, args, { cwd: root, env, stdio: 'inherit' });
process.exit(run.status ?? 1);
