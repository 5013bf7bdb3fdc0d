#!/usr/bin/env node
// Writes examples/state/dev.json: the stack export a `pulumi up` of the bundled
// examples on 2026-12-01 would leave (simulated under Pulumi's runtime mocks by
// src/plan/export.ts, in `pulumi stack export`'s format), as the examples were
// *before* the pull request the README shows: Slack was still assigned the
// `slack-guests` group. So, from the repository root,
//
//   npx saasgov plan --state examples/state/dev.json -c examples/saasgov.config.yaml examples/apps --as-of 2026-12-21
//
// shows that pull request (Slack's guest group removed: one update) and the day
// after Jira's waiver expired (Jira held as last deployed), and nothing else.
//
//   node scripts/example-state.mjs            # rewrite the file (npm run build first)
//   node scripts/example-state.mjs --check    # exit 1 if the file is not what the examples give
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const { simulateUpdate } = require(path.join(root, 'dist', 'src', 'plan', 'export.js'));
const target = path.join(root, 'examples', 'state', 'dev.json');

const dir = mkdtempSync(path.join(tmpdir(), 'saasgov-example-state-'));
try {
  cpSync(path.join(root, 'examples', 'apps'), path.join(dir, 'examples', 'apps'), { recursive: true });
  cpSync(path.join(root, 'examples', 'saasgov.config.yaml'), path.join(dir, 'examples', 'saasgov.config.yaml'));
  const slack = path.join(dir, 'examples', 'apps', 'slack.yaml');
  const before = readFileSync(slack, 'utf8').replace('    groups: [all-staff]\n', '    groups: [all-staff, slack-guests]\n');
  if (!before.includes('slack-guests')) throw new Error('examples/apps/slack.yaml no longer has `groups: [all-staff]`: update scripts/example-state.mjs');
  writeFileSync(slack, before);
  const text = await simulateUpdate({ cwd: dir, paths: ['examples/apps'], configFile: 'examples/saasgov.config.yaml', asOf: '2026-12-01', stack: 'dev' });
  if (process.argv.includes('--check')) {
    if (readFileSync(target, 'utf8') !== text) {
      console.error('examples/state/dev.json is stale: run node scripts/example-state.mjs');
      process.exitCode = 1;
    }
  } else {
    writeFileSync(target, text);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
