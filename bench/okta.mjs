#!/usr/bin/env node
// Times `saasgov import okta` and `saasgov audit okta` against the fake Okta
// org of the tests (test/fake-okta, bundled here with rolldown) holding 1,000
// apps and 300 groups, rate-limited per bucket as Okta's table of management
// rate limits gives them for a Workforce Identity org
// (https://developer.okta.com/docs/reference/rl-global-mgmt/: /api/v1/apps*
// 100, /api/v1/groups* 500, /api/v1/logs 120, other /api/v1 1,200 requests a
// minute). Each command starts in a new rate-limit window, as a scheduled run
// would (run back to back, the audit would first wait for the reset of the
// window the import used). Prints wall time and requests of each command, and
// the 429s the fake sent because a request found no room in its bucket: 0
// means the client never sent one while the headers said the limit was reached.
//
//   npm run build && node bench/okta.mjs
//   WINDOW=6 node bench/okta.mjs     # the same limits per 6 s window: 10× quicker, for a try-out
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.join(root, 'bench', 'out');
const windowSeconds = Number(process.env.WINDOW ?? 60);
const buckets = { '/api/v1/apps*': 100, '/api/v1/groups*': 500, '/api/v1/logs': 120, '/api/v1': 1200 };
const token = 'bench-token-0000000000000000000000000000000';
const scopes = ['okta.apps.read', 'okta.groups.read', 'okta.policies.read', 'okta.logs.read'];
// What Okta cannot know, so every imported manifest passes the schema and the audit reads every app's groups and policy.
const defaults = `metadata:
  owner: {business: cio@example.com, technical: it-apps@example.com}
spec:
  vendor: Reviewed
  url: https://apps.example.com
  lifecycle: production
  data: {classification: public}
  backup: {strategy: vendor-native, retentionDays: 30}
  residency: {regions: [eu]}
`;

// The fake org is TypeScript: bundled to one CommonJS file first.
mkdirSync(out, { recursive: true });
const entry = path.join(out, 'fake-okta-entry.ts');
writeFileSync(entry, "export { startFakeOrg } from '../../test/fake-okta/server';\nexport { largeOrg } from '../../test/fake-okta/org-data';\n");
await build({ input: entry, platform: 'node', output: { file: path.join(out, 'fake-okta.cjs'), format: 'cjs' }, logLevel: 'warn' });
const { startFakeOrg, largeOrg } = await import(path.join(out, 'fake-okta.cjs'));

const fake = await startFakeOrg({ data: { apps: [], groups: [], assignments: {}, policyRules: {}, logs: [] }, tokens: { [token]: scopes }, rateLimit: { limit: 600, windowSeconds, buckets } });
Object.assign(fake.data, largeOrg(fake.url));
const dir = mkdtempSync(path.join(tmpdir(), 'saasgov-bench-okta-'));
writeFileSync(path.join(dir, 'defaults.yaml'), defaults);
const env = { ...process.env, OKTA_API_TOKEN: token, OKTA_ORG_URL: fake.url };

/** Runs the built CLI as a child (asynchronously: the fake answers from this process), with the requests the fake answered meanwhile. */
function run(args) {
  fake.setRateLimit(600, windowSeconds, buckets);
  const before = fake.responses.length;
  const started = process.hrtime.bigint();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(root, 'bin', 'saasgov.js'), ...args], { cwd: dir, env });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code) => resolve({ code, seconds: Number(process.hrtime.bigint() - started) / 1e9, requests: fake.responses.length - before, output: output.trim() }));
  });
}

try {
  const imported = await run(['import', 'okta', '--out', 'apps', '--defaults', 'defaults.yaml']);
  const audited = await run(['audit', 'okta', 'apps', '-f', 'json', '-o', 'audit.json']);
  console.log(`fake org: ${fake.data.apps.length} apps, ${fake.data.groups.length} groups; requests per ${windowSeconds} s: ${Object.entries(buckets).map(([b, n]) => `${b} ${n}`).join(', ')}`);
  for (const [name, r] of [['import okta', imported], ['audit okta', audited]]) {
    console.log(`${name}: exit ${r.code}, ${r.seconds.toFixed(1)} s, ${r.requests} requests answered — ${r.output.split('\n').find((l) => l.includes('requests to Okta'))}`);
  }
  console.log(`429 answers (a request over the limit): ${fake.tooManyRequests()}`);
} finally {
  await fake.stop();
  rmSync(dir, { recursive: true, force: true });
}
