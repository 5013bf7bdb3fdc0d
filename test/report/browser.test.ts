/**
 * The HTML report in a real browser: Debian's headless Chromium, driven by
 * playwright-core. Loads the file, reads the rendered matrix and chart the way
 * assistive technology does (roles and accessible names), takes a screenshot
 * and a PDF (print CSS), and checks that nothing but the file was requested,
 * nothing was logged as an error, and a hostile display name stayed text.
 *
 * Needs /usr/bin/chromium (`apt-get install -y chromium`). Without it the
 * tests are skipped locally, with a message; in CI (`CI` set) they fail.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/run';
import { edit, VALID } from '../helpers';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const available = existsSync(CHROMIUM);
const runHere = available || process.env.CI !== undefined;
if (!runHere) console.warn(`skipping the browser tests of the HTML report: ${CHROMIUM} is missing (install it with: apt-get install -y chromium)`);

const XSS = '<script>alert(1)</script>';

/** The little of the DOM the layout check reads in the page (tests are type-checked without the DOM library). */
interface PageElement {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  matches(selector: string): boolean;
  getBoundingClientRect(): { left: number; right: number; width: number };
  getScreenCTM(): { a: number } | null;
  readonly textContent: string | null;
  readonly parentElement: PageElement | null;
  readonly scrollWidth: number;
  readonly clientWidth: number;
}
interface PageGlobals {
  document: { querySelector(selector: string): PageElement | null; documentElement: PageElement };
  getComputedStyle(element: PageElement): { fontSize: string };
}

describe.skipIf(!runHere)('the HTML report in headless Chromium', () => {
  let dir: string;
  let fileUrl: string;
  let context: BrowserContext;
  let page: Page;
  const consoleErrors: string[] = [];
  const requests: string[] = [];
  const dialogs: string[] = [];

  beforeAll(async () => {
    if (!available) throw new Error(`${CHROMIUM} is missing in CI: install it with apt-get install -y chromium`);
    dir = mkdtempSync(path.join(tmpdir(), 'saasgov-browser-'));
    cpSync(path.resolve(__dirname, '../fixtures/report'), dir, { recursive: true });
    writeFileSync(path.join(dir, 'apps/xss-app.yaml'), edit(VALID, { set: { 'metadata.name': 'xss-app', 'metadata.displayName': XSS } }));
    const r = await cli(['report', '--as-of', '2026-12-01', '-o', 'report.html'], { cwd: dir });
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    fileUrl = pathToFileURL(path.join(dir, 'report.html')).href;

    // A fresh profile (playwright passes it to Chromium as --user-data-dir).
    context = await chromium.launchPersistentContext(path.join(dir, 'profile'), { executablePath: CHROMIUM, args: ARGS, viewport: { width: 1600, height: 1000 } });
    context.on('request', (req) => requests.push(req.url()));
    page = context.pages()[0] ?? (await context.newPage());
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    page.on('dialog', (dialog) => {
      dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(fileUrl, { waitUntil: 'load' });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    // The Chromium profile is tens of megabytes: do not leave it behind.
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders the posture matrix: one row per app, each cell a state in words', async () => {
    const matrix = page.getByRole('table', { name: /One row per app, one column per control family/ });
    await expect.poll(() => matrix.count()).toBe(1);
    expect(await matrix.locator('tbody > tr').count()).toBe(9);
    const headers = await matrix.locator('thead th').allInnerTexts();
    const sso = headers.indexOf('SSO');
    expect(sso).toBeGreaterThan(0);
    const row = matrix.locator('tbody > tr', { has: page.getByRole('rowheader', { name: /hr-payroll/ }) });
    const cell = row.locator('th, td').nth(sso);
    expect(await cell.innerText()).toBe('✗ Fail (1)');
    expect(await cell.getByRole('link').getAttribute('aria-label')).toBe('SSO: Fail, 1 finding');
    expect(await row.locator('th, td').nth(headers.indexOf('MFA')).innerText()).toBe('✗ Fail (1)');
    const wiki = matrix.locator('tbody > tr', { has: page.getByRole('rowheader', { name: /wiki-public/ }) });
    expect(await wiki.locator('th, td').nth(headers.indexOf('MFA')).innerText()).toBe('– N/A');
  });

  it('links a cell to the findings behind it', async () => {
    const row = page.locator('table.matrix tbody > tr', { has: page.getByRole('rowheader', { name: /hr-payroll/ }) });
    const href = await row.getByRole('link', { name: 'Backup: Fail, 2 findings' }).getAttribute('href');
    const target = page.locator(`[id="${href!.slice(1)}"]`);
    expect(await target.innerText()).toContain('Backup');
    const items = await target.locator('xpath=following-sibling::ul[1]/li').allInnerTexts();
    expect(items.map((t) => t.split(' ').slice(0, 3).join(' '))).toEqual(['✗ error backup/required', '⚠ warning backup/restore-tested']);
  });

  it('draws the charts as accessible SVG images', async () => {
    const chart = page.getByRole('img', { name: /^Posture by control family/ });
    expect(await chart.count()).toBe(1);
    expect(await chart.evaluate((e) => e.tagName.toLowerCase())).toBe('svg');
    expect(await chart.isVisible()).toBe(true);
    expect(await chart.getAttribute('aria-label')).toContain('SSO: 4 pass, 2 waived, 1 fail, 1 unknown, 1 n/a — 4 of 8 pass (50.0%);');
    expect(await chart.locator('title').first().textContent()).toBe('Posture by control family');
    expect(await page.getByRole('img', { name: /^Posture by data classification/ }).count()).toBe(1);
  });

  it('shows a hostile display name as text: no script runs, no dialog opens', async () => {
    const row = page.locator('table.matrix tbody > tr', { has: page.getByRole('rowheader', { name: /xss-app/ }) });
    expect(await row.locator('th').innerText()).toContain(XSS);
    expect(await page.locator('script').count()).toBe(0);
    expect(dialogs).toEqual([]);
  });

  it('takes a screenshot and prints (print CSS hides the navigation)', async () => {
    const png = path.join(dir, 'report.png');
    await page.screenshot({ path: png, fullPage: true });
    const bytes = readFileSync(png);
    expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(bytes.readUInt32BE(16)).toBe(1600); // IHDR width
    expect(bytes.readUInt32BE(20)).toBeGreaterThan(1000); // the full page
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav').isVisible()).toBe(false);
    const pdf = await page.pdf({ landscape: true, preferCSSPageSize: true });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
  });

  it.each([1280, 1400, 1920])('lays out at %i px: the chart text full size, the whole matrix with its Verdict column in view (screenshot)', async (width) => {
    const narrow = await context.newPage();
    try {
      await narrow.setViewportSize({ width, height: 900 });
      await narrow.goto(fileUrl, { waitUntil: 'load' });
      const layout = await narrow.evaluate(() => {
        const { document, getComputedStyle } = globalThis as unknown as PageGlobals;
        // The family chart's smallest text, in CSS pixels as drawn (its font size times the SVG's scale).
        const chart = document.querySelector('svg.chart')!;
        const texts = [...chart.querySelectorAll('text')];
        const drawn = texts.map((t) => t.getScreenCTM()!.a * parseFloat(getComputedStyle(t).fontSize));
        const matrix = document.querySelector('table.matrix')!;
        const box = matrix.parentElement!.getBoundingClientRect();
        const verdicts = [...matrix.querySelectorAll('thead th, tbody td.verdict')].filter((e) => e.matches('td.verdict') || e.textContent === 'Verdict');
        const inView = (e: PageElement) => {
          const r = e.getBoundingClientRect();
          return r.width > 0 && r.left >= box.left - 0.5 && r.right <= box.right + 0.5;
        };
        return {
          smallestText: Math.min(...drawn),
          verdictCells: verdicts.length,
          verdictsInView: verdicts.filter(inView).length,
          overflow: matrix.parentElement!.scrollWidth - matrix.parentElement!.clientWidth,
          pageOverflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
        };
      });
      expect(layout.smallestText).toBeGreaterThanOrEqual(12);
      expect(layout.verdictCells).toBe(10); // the header and nine apps
      expect(layout.verdictsInView).toBe(layout.verdictCells);
      expect(layout.overflow).toBe(0);
      expect(layout.pageOverflow).toBe(0);
      const png = await narrow.screenshot({ path: path.join(dir, `report-${width}.png`), fullPage: true });
      expect(png.readUInt32BE(16)).toBe(width);
    } finally {
      await narrow.close();
    }
  });

  it('logs no error and requests nothing but the file', () => {
    expect(consoleErrors).toEqual([]);
    expect([...new Set(requests)]).toEqual([fileUrl]);
  });
});
