#!/usr/bin/env node
/* global document, window -- these run in the page (page.evaluate) */
// report-screenshot.mjs — renders `saasgov report` for an inventory as HTML and
// photographs it in headless Chromium (Debian's /usr/bin/chromium, driven by
// playwright-core), for the README.
//
// Usage (after `npm run build`; `npm run report:screenshot` does both):
//   node scripts/report-screenshot.mjs [--apps DIR] [--config FILE] [--as-of DATE] [--out PNG] [--height PX]
//
// The picture is 1600 px wide and, unless --height says otherwise, runs from
// the top of the page to the end of the posture matrix.
//
// Defaults: the bundled examples (examples/apps with examples/saasgov.config.yaml),
// as of 2026-12-01 (fixed, so the picture does not change with the calendar),
// written to docs/report-screenshot.png (the README's picture). For the test
// fixture inventory:
//   npm run report:screenshot -- --apps test/fixtures/report/apps --config test/fixtures/report/saasgov.config.yaml

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = path.resolve(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i === -1 ? fallback : args[i + 1];
};
const apps = path.resolve(ROOT, opt('apps', 'examples/apps'));
const config = opt('config', apps.endsWith('examples/apps') ? 'examples/saasgov.config.yaml' : undefined);
const asOf = opt('as-of', '2026-12-01');
const out = path.resolve(ROOT, opt('out', 'docs/report-screenshot.png'));
// Default: down to the end of the posture matrix (summary, charts, riskiest apps, matrix).
const height = opt('height') === undefined ? undefined : Number(opt('height'));

if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} is missing: install it with  apt-get install -y chromium`);
  process.exit(2);
}

const dir = mkdtempSync(path.join(tmpdir(), 'saasgov-screenshot-'));
try {
  const html = path.join(dir, 'report.html');
  execFileSync(
    process.execPath,
    [path.join(ROOT, 'bin/saasgov.js'), 'report', apps, '--as-of', asOf, '-f', 'html', '-o', html, ...(config ? ['--config', path.resolve(ROOT, config)] : [])],
    { cwd: ROOT, stdio: 'inherit' },
  );
  // A fresh profile per run (playwright passes it as --user-data-dir).
  const context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1600, height: 900 },
    deviceScaleFactor: 1,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(pathToFileURL(html).href);
    const full = await page.evaluate(() => document.documentElement.scrollHeight);
    const matrixEnd = await page.evaluate(() => Math.ceil(document.querySelector('#matrix').getBoundingClientRect().bottom + window.scrollY + 16));
    mkdirSync(path.dirname(out), { recursive: true });
    await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: 0, width: 1600, height: Math.min(full, height ?? matrixEnd) } });
  } finally {
    await context.close();
  }
  console.log(`wrote ${path.relative(process.cwd(), out)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
