/**
 * docs/yaml.md is true: every policy difference the suite test allows has a
 * section, and every YAML example shows what its section says — under a
 * policy, differences from `yaml`'s reading that this policy (and no other)
 * explains; under "Read as `yaml` reads it", no difference at all.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/util/package';
import { explain, plain, POLICIES, withBom } from './yaml-reading';

const DOC = readFileSync(path.join(PACKAGE_ROOT, 'docs/yaml.md'), 'utf8');
const SAME = 'read-as-yaml-reads-it';

/** The YAML examples of the page, each with the anchor of the heading it stands under. */
function examples(): { section: string; yaml: string }[] {
  const out: { section: string; yaml: string }[] = [];
  let section = '';
  let block: string[] | null = null;
  for (const line of DOC.split('\n')) {
    if (block !== null) {
      if (line.startsWith('```')) {
        out.push({ section, yaml: `${block.join('\n')}\n` });
        block = null;
      } else block.push(line);
    } else if (line.startsWith('```yaml')) block = [];
    else if (/^#{2,3} /.test(line)) section = line.replace(/^#+ /, '').toLowerCase().replace(/[^\p{L}\p{N}\- ]/gu, '').replace(/ /g, '-');
  }
  return out;
}

describe('docs/yaml.md', () => {
  const all = examples();

  it('has a section with an example for every policy difference', () => {
    for (const p of POLICIES) expect(all.some((e) => e.section === p.id), p.id).toBe(true);
    expect(all.filter((e) => e.section === SAME).length).toBeGreaterThan(0);
  });

  it.each(all.map((e, i) => [i + 1, e.section, e.yaml] as const))('example %i (%s) shows what its section says', (_, section, yaml) => {
    const variant = section === 'byte-order-mark' ? withBom(yaml) : plain(yaml);
    const r = explain(variant);
    expect(r.unexplained).toEqual([]);
    if (section === SAME) expect([...r.policies]).toEqual([]);
    else {
      expect(POLICIES.map((p) => p.id)).toContain(section);
      expect([...r.policies]).toEqual([section]);
    }
  });
});
