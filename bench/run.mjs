#!/usr/bin/env node
// saasgov benchmark (issue 8). Generates manifest sets with the shared seeded
// generator, then runs the floor and saasgov alternately, several times, and
// prints medians, ratios and peak memory (RSS, from /usr/bin/time), plus the
// cache, one-file and plan cases.
//
//   npm run bench                      # 10,000 files, 5 rounds
//   npm run bench -- --rounds 3 --large   # also 100,000 files (memory)
//   GEN=path/to/gen-manifests.mjs npm run bench
//
// Every number is measured in this run, on these files.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const OUT = path.join(ROOT, 'bench', 'out');
const GEN = process.env.GEN ?? path.resolve(ROOT, '..', 'shared', 'bench', 'gen-manifests.mjs');
const BIN = path.join(ROOT, 'bin', 'saasgov.js');
const FLOOR = path.join(ROOT, 'bench', 'floor.cjs');
const AS_OF = '2026-12-01';
const args = process.argv.slice(2);
const ROUNDS = Number(args[args.indexOf('--rounds') + 1]) || 5;
const LARGE = args.includes('--large');

if (!existsSync(GEN)) {
  console.error(`generator not found: ${GEN} (set GEN=…)`);
  process.exit(2);
}
if (!existsSync('/usr/bin/time')) {
  console.error('/usr/bin/time is needed for peak memory (Debian: apt-get install time)');
  process.exit(2);
}

/** Runs a command under /usr/bin/time; returns seconds and peak RSS in MB. */
function measure(cmd, argv, options = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', cmd, ...argv], { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  const last = r.stderr.trim().split('\n').at(-1);
  const [seconds, kb] = last.split(' ').map(Number);
  if (!Number.isFinite(seconds)) throw new Error(`cannot measure ${cmd} ${argv.join(' ')}:\n${r.stderr}`);
  return { seconds, mb: kb / 1024, status: r.status };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};
const fmt = (x, d = 2) => x.toFixed(d);

function generate(n, seed) {
  const dir = path.join(OUT, `m${n}-${seed}`);
  if (!existsSync(dir) || readdirSync(dir).length !== n) {
    rmSync(dir, { recursive: true, force: true });
    execFileSync(process.execPath, [GEN, dir, String(n), String(seed)], { stdio: ['ignore', 'ignore', 'ignore'] });
  }
  return dir;
}

const rows = [];
function report(name, value, target, ok) {
  rows.push({ name, value, target, ok });
  console.log(`${ok === undefined ? '  ' : ok ? '✔ ' : '✖ '}${name.padEnd(48)} ${value.padEnd(28)} ${target}`);
}

mkdirSync(OUT, { recursive: true });
console.log(`saasgov benchmark — node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${Math.round(totalmem() / 2 ** 30)} GiB, ${ROUNDS} rounds\n`);

// 1 + 2: 10,000 files, floor and saasgov alternately.
const set10k = generate(10_000, 1);
const out = path.join(OUT, 'lint.json');
const floor = [];
const lint = [];
for (let i = 0; i < ROUNDS; i++) {
  floor.push(measure(process.execPath, [FLOOR, set10k]));
  lint.push(measure(process.execPath, [BIN, 'lint', set10k, '--format', 'json', '-o', out, '--as-of', AS_OF]));
}
const floorS = median(floor.map((r) => r.seconds));
const lintS = median(lint.map((r) => r.seconds));
report('floor: parseDocument + toJS, 10,000 files', `${fmt(floorS)} s, ${fmt(median(floor.map((r) => r.mb)), 0)} MB`, '');
report('saasgov lint --format json -o, 10,000 files', `${fmt(lintS)} s (${fmt(lintS / floorS)}× floor)`, '≤ 1.0× (stretch 0.6×)', lintS / floorS <= 1.0);
const peak10k = Math.max(...lint.map((r) => r.mb));
report('  peak memory, 10,000 files', `${fmt(peak10k, 0)} MB`, '≤ 250 MB', peak10k <= 250);

// Sequential, for reference (same findings, one core).
const seq = measure(process.execPath, [BIN, 'lint', set10k, '--format', 'json', '-o', path.join(OUT, 'lint-seq.json'), '--as-of', AS_OF, '--concurrency', 'off']);
report('  same, --concurrency off (one thread)', `${fmt(seq.seconds)} s (${fmt(seq.seconds / floorS)}× floor)`, 'reference');
report('  parallel and sequential JSON identical', String(readFileSync(out, 'utf8') === readFileSync(path.join(OUT, 'lint-seq.json'), 'utf8')), 'true', readFileSync(out, 'utf8') === readFileSync(path.join(OUT, 'lint-seq.json'), 'utf8'));

// 3: the cache, after changing one file of 10,000.
const cacheDir = path.join(OUT, 'cache-set');
rmSync(cacheDir, { recursive: true, force: true });
cpSync(set10k, cacheDir, { recursive: true });
const cacheFile = path.join(OUT, '.saasgovcache');
const cacheArgs = ['lint', cacheDir, '--format', 'json', '--as-of', AS_OF, '--cache', '--cache-location', cacheFile];
const colds = [];
const warms = [];
for (let i = 0; i < ROUNDS; i++) {
  rmSync(cacheFile, { force: true });
  colds.push(measure(process.execPath, [BIN, ...cacheArgs, '-o', path.join(OUT, 'cold.json')]));
  const changed = path.join(cacheDir, 'app-00042.yaml');
  writeFileSync(changed, readFileSync(changed, 'utf8').replace(/^(\s+description: .*)$/m, `$1 (edit ${i})`).replace(/^kind: SaaSApp$/m, `kind: SaaSApp\n# edited ${i}`));
  warms.push(measure(process.execPath, [BIN, ...cacheArgs, '-o', path.join(OUT, 'warm.json')]));
}
const fresh = measure(process.execPath, [BIN, 'lint', cacheDir, '--format', 'json', '--as-of', AS_OF, '-o', path.join(OUT, 'fresh.json')]);
const coldS = median(colds.map((r) => r.seconds));
const warmS = median(warms.map((r) => r.seconds));
const same = readFileSync(path.join(OUT, 'warm.json'), 'utf8') === readFileSync(path.join(OUT, 'fresh.json'), 'utf8');
report('--cache cold run, 10,000 files', `${fmt(coldS)} s`, '');
report('--cache re-run after changing one file', `${fmt(warmS)} s (${fmt(warmS / coldS)}× cold)`, '≤ 0.1× cold', warmS / coldS <= 0.1);
report('  re-run findings identical to a cold run', String(same), 'true', same && fresh.status === warms.at(-1).status);

// 4: one small file against `node -e 0`.
const one = path.join(ROOT, 'examples', 'apps', 'slack.yaml');
const node0 = [];
const oneFile = [];
for (let i = 0; i < Math.max(10, ROUNDS * 2); i++) {
  node0.push(measure(process.execPath, ['-e', '0']).seconds);
  oneFile.push(measure(process.execPath, [BIN, 'lint', one, '--as-of', AS_OF]).seconds);
}
report('node -e 0', `${fmt(median(node0), 3)} s`, '');
report('saasgov lint one.yaml', `${fmt(median(oneFile), 3)} s (${fmt(median(oneFile) / median(node0))}× node -e 0)`, '≤ 2×', median(oneFile) / median(node0) <= 2);

// 5: plan on 1,000 passing manifests (when the plan command exists).
if (spawnSync(process.execPath, [BIN, 'plan', '--help']).status === 0) {
  const planDir = path.join(OUT, 'plan-set');
  rmSync(planDir, { recursive: true, force: true });
  mkdirSync(planDir, { recursive: true });
  const base = readFileSync(path.join(ROOT, 'examples', 'apps', 'salesforce.yaml'), 'utf8');
  for (let i = 0; i < 1000; i++) {
    const name = `crm-${String(i).padStart(4, '0')}`;
    writeFileSync(path.join(planDir, `${name}.yaml`), base.replace('name: crm-salesforce', `name: ${name}`).replace('formerNames: [salesforce]', `formerNames: [${name}-old]`));
  }
  const plans = [];
  for (let i = 0; i < Math.min(ROUNDS, 3); i++) plans.push(measure(process.execPath, [BIN, 'plan', planDir, '--format', 'json', '-o', path.join(OUT, 'plan.json'), '--as-of', AS_OF]));
  const planS = median(plans.map((r) => r.seconds));
  report('saasgov plan, 1,000 passing manifests', `${fmt(planS)} s, ${fmt(median(plans.map((r) => r.mb)), 0)} MB`, '< 10 s', planS < 10);
}

// 2 (large): memory must not grow with the inventory.
if (LARGE) {
  const set100k = generate(100_000, 1);
  const big = measure(process.execPath, [BIN, 'lint', set100k, '--format', 'json', '-o', path.join(OUT, 'lint-100k.json'), '--as-of', AS_OF]);
  const bigFloor = measure(process.execPath, [FLOOR, set100k]);
  report('floor, 100,000 files', `${fmt(bigFloor.seconds)} s, ${fmt(bigFloor.mb, 0)} MB`, '');
  report('saasgov lint, 100,000 files', `${fmt(big.seconds)} s (${fmt(big.seconds / bigFloor.seconds)}× floor), ${fmt(big.mb, 0)} MB`, '≤ 350 MB', big.mb <= 350);
}

writeFileSync(path.join(OUT, 'results.json'), `${JSON.stringify({ node: process.version, rounds: ROUNDS, rows }, null, 2)}\n`);
process.exitCode = rows.every((r) => r.ok !== false) ? 0 : 1;
