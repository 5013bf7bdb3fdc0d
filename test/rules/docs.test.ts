/**
 * Every rule ships its documentation and its tests (ESLint's discipline): the
 * doc has the required sections, documents every option, and its examples are
 * linted — each "Incorrect" example must trigger the rule, each "Correct" one
 * must not (and must be a valid manifest).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../rules';
import { ruleDocPath } from '../../src/cli/info';
import { PACKAGE_ROOT } from '../../src/util/package';
import { auditResults } from '../../src/audit';
import type { LintResult } from '../../src/engine/results';
import { RULES_BY_ID } from '../../rules';
import { AS_OF, configFromText, lintFiles, lintText } from '../helpers';
import { orgSnapshot } from '../audit/org-fixtures';
import { examples } from './doc-examples';

const SECTIONS = ['## Rule details', '## Options', '## How to fix', '## When to waive', '## Examples', '### Incorrect', '### Correct'];

function optionKeys(rule: (typeof RULES)[number]): string[] {
  const shape = (rule.options as unknown as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

describe.each(RULES.map((r) => [r.id, r] as const))('%s', (id, rule) => {
  const docFile = ruleDocPath(id);

  it('has its documentation and its test file', () => {
    expect(existsSync(docFile), `missing ${path.relative(PACKAGE_ROOT, docFile)}`).toBe(true);
    expect(existsSync(path.join(PACKAGE_ROOT, 'test', 'rules', `${id}.test.ts`)), `missing test/rules/${id}.test.ts`).toBe(true);
  });

  it('has every section, starting with its id', () => {
    const doc = readFileSync(docFile, 'utf8');
    expect(doc.startsWith(`# ${id}\n`)).toBe(true);
    for (const section of SECTIONS) expect(doc, `section "${section}"`).toMatch(new RegExp(`^${section}\\s*$`, 'm'));
  });

  it('documents every option', () => {
    const doc = readFileSync(docFile, 'utf8');
    const options = doc.split(/^## Options\s*$/m)[1]!.split(/^## /m)[0]!;
    for (const key of optionKeys(rule)) expect(options, `option ${key}`).toContain(`\`${key}\``);
  });

  it('has incorrect examples that trigger it and correct ones that do not', () => {
    const all = examples(readFileSync(docFile, 'utf8'));
    expect(all.filter((e) => e.kind === 'Incorrect').length).toBeGreaterThan(0);
    expect(all.filter((e) => e.kind === 'Correct').length).toBeGreaterThan(0);
    for (const example of all) {
      const result = lintText(example.yaml, example.config ? { config: example.config } : {});
      // An org rule is audited against the example's org (the harness of `saasgov audit okta`).
      const audited: LintResult[] =
        rule.kind === 'org'
          ? auditResults(lintFiles({ 'apps/app.yaml': example.yaml }, example.config ? { config: example.config } : {}), orgSnapshot(JSON.parse(example.org ?? '{}')), {
              config: configFromText(example.config ?? '{}'),
              rules: RULES_BY_ID,
              asOf: AS_OF,
              deployers: [],
            }, () => example.yaml)
          : [result];
      const hits = audited.flatMap((r) => r.messages).filter((m) => m.ruleId === id);
      if (example.kind === 'Incorrect') {
        expect(hits.length, `incorrect example should trigger ${id}:\n${example.yaml}`).toBeGreaterThan(0);
      } else {
        expect(hits, `correct example should not trigger ${id}:\n${example.yaml}`).toEqual([]);
        const invalid = result.messages.filter((m) => m.ruleId.startsWith('manifest/'));
        expect(invalid, `correct example should be a valid manifest:\n${example.yaml}`).toEqual([]);
      }
    }
  });
});
