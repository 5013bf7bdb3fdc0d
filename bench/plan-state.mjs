#!/usr/bin/env node
// `saasgov plan --state` against `saasgov plan` on the same 1,000 passing
// manifests (copies of the passing Okta fixtures: SAML custom and OIN, OIDC
// web/native/service/browser, SWA). The state is the export a `pulumi up` of
// those manifests would leave (simulated by src/plan/export.ts, in `pulumi
// stack export`'s format); then one manifest changes, as in a pull request.
// Both commands run alternately, several rounds, through the built CLI, under
// /usr/bin/time: median wall time and peak memory (max RSS), and their ratio.
// Goal: plan --state within 1.5× of plan.
//
//   npm run build && node bench/plan-state.mjs [--count 1000] [--rounds 5]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const COUNT = option('--count', 1000);
const ROUNDS = option('--rounds', 5);
const AS_OF = '2026-12-01';
const BIN = path.join(root, 'bin', 'saasgov.js');

const fixtures = path.join(root, 'test', 'fixtures', 'okta', 'apps');
// One document per template; formerNames dropped so copies do not share them.
const templates = ['payroll.yaml', 'crm.yaml', 'expenses.yaml', 'field-app.yaml', 'lunch.yaml'].map((f) =>
  readFileSync(path.join(fixtures, f), 'utf8').replace(/^ {2}formerNames: .*\n/m, ''),
);
templates.push(...readFileSync(path.join(fixtures, 'services.yaml'), 'utf8').split(/^---\n/m));

/** Seconds and peak RSS (MB) of one run. */
function measure(argv, cwd) {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, BIN, ...argv], { cwd, encoding: 'utf8', maxBuffer: 1 << 30 });
  const [seconds, kb] = r.stderr.trim().split('\n').at(-1).split(' ').map(Number);
  if (r.status !== 0 || !Number.isFinite(seconds)) throw new Error(`saasgov ${argv.join(' ')} exited ${r.status}:\n${r.stderr}`);
  return { seconds, mb: kb / 1024 };
}
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const dir = mkdtempSync(path.join(tmpdir(), 'saasgov-bench-plan-state-'));
try {
  mkdirSync(path.join(dir, 'apps'));
  for (let i = 0; i < COUNT; i++) {
    const name = `app-${String(i + 1).padStart(5, '0')}`;
    writeFileSync(path.join(dir, 'apps', `${name}.yaml`), templates[i % templates.length].replace(/^( {2}name: ).*$/m, `$1${name}`));
  }
  const { simulateUpdate } = require(path.join(root, 'dist', 'src', 'plan', 'export.js'));
  const exported = await simulateUpdate({ cwd: dir, paths: [], asOf: AS_OF, stack: 'prod' });
  writeFileSync(path.join(dir, 'state.json'), exported);
  // The pull request: one app loses a group.
  const changed = path.join(dir, 'apps', 'app-00001.yaml');
  writeFileSync(changed, readFileSync(changed, 'utf8').replace('groups: [people-ops, payroll-admins]', 'groups: [people-ops]'));

  const plain = [];
  const withState = [];
  for (let i = 0; i < ROUNDS; i++) {
    plain.push(measure(['plan', '--as-of', AS_OF, '-f', 'json', '-o', 'plan.json'], dir));
    withState.push(measure(['plan', '--as-of', AS_OF, '-f', 'json', '-o', 'plan-state.json', '--state', 'state.json'], dir));
  }
  const steps = JSON.parse(readFileSync(path.join(dir, 'plan-state.json'), 'utf8')).steps;
  const changes = steps.filter((s) => s.op !== 'same').map((s) => `${s.op} ${s.name}`);
  const p = { seconds: median(plain.map((r) => r.seconds)), mb: median(plain.map((r) => r.mb)) };
  const s = { seconds: median(withState.map((r) => r.seconds)), mb: median(withState.map((r) => r.mb)) };
  console.log(
    JSON.stringify(
      {
        manifests: COUNT,
        resources: steps.length,
        stateMB: +(exported.length / 2 ** 20).toFixed(1), // ASCII JSON: characters are bytes
        changes,
        rounds: ROUNDS,
        plan: { wallSeconds: p.seconds, maxRssMB: Math.round(p.mb) },
        planWithState: { wallSeconds: s.seconds, maxRssMB: Math.round(s.mb) },
        ratio: { wall: +(s.seconds / p.seconds).toFixed(2), memory: +(s.mb / p.mb).toFixed(2) },
        goal: 'wall ratio <= 1.5',
        met: s.seconds / p.seconds <= 1.5,
        cpus: cpus().length,
        loadAverage1m: +loadavg()[0].toFixed(1),
      },
      null,
      2,
    ),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
