/**
 * docs/robustness.md describes this suite: its corpus table is generated from
 * corpus.ts (SAASGOV_UPDATE_DOCS=1 rewrites it), and it names every property
 * test and the fuzz script, so the page cannot drift from the tests.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/util/package';
import { CORPUS, corpusMarkdown } from './corpus';

const DOC = path.join(PACKAGE_ROOT, 'docs/robustness.md');
const MARKERS = /(<!-- corpus:start -->\n)[\s\S]*?(<!-- corpus:end -->)/;

describe('docs/robustness.md', () => {
  const doc = readFileSync(DOC, 'utf8');

  it('lists the corpus exactly as corpus.ts defines it', () => {
    expect(doc).toMatch(MARKERS);
    const generated = corpusMarkdown();
    if (process.env.SAASGOV_UPDATE_DOCS) writeFileSync(DOC, doc.replace(MARKERS, `$1${generated}$2`));
    const current = MARKERS.exec(readFileSync(DOC, 'utf8'))![0];
    expect(current, 'run SAASGOV_UPDATE_DOCS=1 npx vitest run test/adversarial/robustness-doc.test.ts').toBe(`<!-- corpus:start -->\n${generated}<!-- corpus:end -->`);
    for (const c of CORPUS) expect(current).toContain(`| \`${c.id}\` |`);
  });

  it('names every property test, and how to fuzz', () => {
    const properties = readdirSync(__dirname).filter((f) => f.endsWith('.property.test.ts'));
    expect(properties.length).toBeGreaterThanOrEqual(4);
    for (const file of properties) expect(doc, file).toContain(`\`${file}\``);
    const pkg = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.fuzz).toContain('scripts/fuzz.mjs');
    expect(doc).toContain('npm run fuzz');
    expect(doc).toContain('FUZZ_RUNS');
  });
});
