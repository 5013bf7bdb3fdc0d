#!/usr/bin/env node
// Benchmark of `saasgov import okta` and `saasgov audit okta` against the
// fake Okta org of the tests (test/fake-okta, bundled here with rolldown),
// holding 1,000 apps and 300 groups, with a rate limit of LIMIT requests per
// WINDOW seconds per endpoint bucket: wall time, requests made, and 429s
// received (0: the client never went past the limit the headers announced).
//
//   npm run build && node bench/okta.mjs
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'rolldown';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const OUT = path.join(ROOT, 'bench', 'out');
const LIMIT = Number(process.env.LIMIT ?? 300);
const WINDOW = Number(process.env.WINDOW ?? 10);
const TOKEN = 'bench-token-0000000000000000000000000000000';

mkdirSync(OUT, { recursive: true });
const entry = path.join(OUT, 'fake-okta-entry.ts');
await import('node:fs').then((fs) =>
  fs.writeFileSync(entry, "export { startFakeOrg } from '../../test/fake-okta/server';\nexport { largeOrg } from '../../test/fake-okta/org-data';\n"),
);
await build({ input: entry, platform: 'node', output: { file: path.join(OUT, 'fake-okta.cjs'), format: 'cjs' }, logLevel: 'warn' });
const { startFakeOrg, largeOrg } = await import(path.join(OUT, 'fake-okta.cjs'));

const fake = await startFakeOrg({ data: { apps: [], groups: [], assignments: {}, policyRules: {}, logs: [] }, tokens: { [TOKEN]: ['okta.apps.read', 'okta.groups.read', 'okta.policies.read', 'okta.logs.read'] }, rateLimit: { limit: LIMIT, windowSeconds: WINDOW } });
Object.assign(fake.data, largeOrg(fake.url));
const dir = mkdtempSync(path.join(tmpdir(), 'saasgov-bench-okta-'));
const env = { ...process.env, OKTA_API_TOKEN: TOKEN, OKTA_ORG_URL: fake.url };

// The fake runs in this process: the CLI runs as a child, asynchronously, so the fake can answer.
function run(args) {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const { spawn } = require_('node:child_process');
    const child = spawn(process.execPath, [path.join(ROOT, 'bin', 'saasgov.js'), ...args], { cwd: dir, env });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('close', (code) => resolve({ code, seconds: Number(process.hrtime.bigint() - started) / 1e9, out }));
  });
}
import { createRequire } from 'node:module';
const require_ = createRequire(import.meta.url);

const responses = () => fake.responses.length;
let before = responses();
const imp = await run(['import', 'okta', '--out', 'apps']);
const importRequests = responses() - before;
before = responses();
const aud = await run(['audit', 'okta', 'apps', '-f', 'json', '-o', 'audit.json']);
const auditRequests = responses() - before;
await fake.stop();
rmSync(dir, { recursive: true, force: true });
console.log(`fake org: ${fake.data.apps.length} apps, ${fake.data.groups.length} groups; rate limit ${LIMIT} requests per ${WINDOW} s per bucket`);
console.log(`import okta: exit ${imp.code}, ${imp.seconds.toFixed(1)} s, ${importRequests} requests — ${imp.out.trim().split('\n')[0]}`);
console.log(`audit okta:  exit ${aud.code}, ${aud.seconds.toFixed(1)} s, ${auditRequests} requests`);
console.log(`429 answers: ${fake.tooManyRequests()}`);
void spawnSync;
