#!/usr/bin/env node
// Times `saasgov plan` on N passing manifests (default 1000): copies of the
// passing Okta fixtures (SAML custom and OIN, OIDC web/native/service/browser,
// SWA), each renamed. Uses the built CLI (npm run build first).
//
//   node bench/plan-1000.mjs [N]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const count = Number(process.argv[2] ?? 1000);
const fixtures = path.join(root, 'test', 'fixtures', 'okta', 'apps');
// One document per template; formerNames dropped so copies do not share them.
const templates = ['payroll.yaml', 'crm.yaml', 'expenses.yaml', 'field-app.yaml', 'lunch.yaml'].map((f) =>
  readFileSync(path.join(fixtures, f), 'utf8').replace(/^ {2}formerNames: .*\n/m, ''),
);
const services = readFileSync(path.join(fixtures, 'services.yaml'), 'utf8').split(/^---\n/m);
templates.push(...services);

const dir = mkdtempSync(path.join(tmpdir(), 'saasgov-bench-plan-'));
try {
  mkdirSync(path.join(dir, 'apps'));
  for (let i = 0; i < count; i++) {
    const name = `app-${String(i + 1).padStart(5, '0')}`;
    const text = templates[i % templates.length].replace(/^( {2}name: ).*$/m, `$1${name}`);
    writeFileSync(path.join(dir, 'apps', `${name}.yaml`), text);
  }
  const out = path.join(dir, 'plan.json');
  // The CLI in a fresh process, timed from the moment it is required to its exit (wall and CPU).
  const script = `
    const start = process.hrtime.bigint();
    process.on('exit', () => {
      const cpu = process.cpuUsage();
      process.stderr.write('\\nBENCH ' + JSON.stringify({ wall: Number(process.hrtime.bigint() - start) / 1e9, cpu: (cpu.user + cpu.system) / 1e6, rssMB: Math.round(process.resourceUsage().maxRSS / 1024) }) + '\\n');
    });
    require(${JSON.stringify(path.join(root, 'dist', 'src', 'cli', 'main.js'))}).main(process.argv.slice(1));
  `;
  const result = spawnSync(process.execPath, ['-e', script, '--', 'plan', '--as-of', '2026-12-01', '-f', 'json', '-o', out], { cwd: dir, encoding: 'utf8' });
  const bench = /BENCH (.*)\n$/.exec(result.stderr);
  if (result.status !== 0 || !bench) throw new Error(`saasgov plan exited ${result.status}: ${result.stderr}`);
  const { wall, cpu, rssMB } = JSON.parse(bench[1]);
  const plan = JSON.parse(readFileSync(out, 'utf8'));
  const apps = plan.steps.filter((s) => s.type === 'saasgov:okta:AppIntegration').length;
  const [load1] = loadavg();
  console.log(
    JSON.stringify({ manifests: count, apps, resources: plan.steps.length, skipped: plan.skipped.length, wallSeconds: +wall.toFixed(2), cpuSeconds: +cpu.toFixed(2), maxRssMB: rssMB, cpus: cpus().length, loadAverage1m: +load1.toFixed(1) }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
