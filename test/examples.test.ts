/**
 * The bundled examples and the README stay true: the examples lint as the
 * README says (one failing example per kind of gap, every rule family
 * exercised), and the rule table of docs/rules.md is the one generated from
 * the rule metadata.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rulesMarkdown } from '../src/cli/info';
import { categoryOf, judgesManifests } from '../src/engine/rule';
import { RULES } from '../rules';
import { cli } from './cli/run';

const ROOT = path.resolve(__dirname, '..');
const ARGS = ['lint', '--config', 'examples/saasgov.config.yaml', 'examples/apps', '--as-of', '2026-12-01'];

describe('examples', () => {
  it('print what docs/example-output.txt shows, and the README excerpt is part of it', async () => {
    const r = await cli(ARGS, { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe(readFileSync(path.join(ROOT, 'docs/example-output.txt'), 'utf8'));
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const excerpt = readme.split('```text\n')[1]!.split('```')[0]!;
    for (const line of excerpt.split('\n').filter((l) => l.trim() !== '' && l.trim() !== '…')) {
      expect(r.stdout.split('\n'), line).toContain(line);
    }
  });

  it('pass and fail on purpose, and exercise every rule family', async () => {
    const r = await cli([...ARGS, '-f', 'json'], { cwd: ROOT });
    const results = JSON.parse(r.stdout) as { filePath: string; errorCount: number; messages: { ruleId: string }[]; suppressedMessages: { ruleId: string }[] }[];
    const failing = results.filter((x) => x.errorCount > 0).map((x) => path.relative(path.join(ROOT, 'examples/apps'), x.filePath));
    expect(failing).toEqual(['ai-notetaker-poc.yaml', 'hubspot.yaml', 'legacy-expenses.yaml', 'marketing-survey.yml', 'partner-portal.yaml', 'zoom.yaml']);
    expect(results).toHaveLength(12);
    const fired = new Set(results.flatMap((x) => [...x.messages, ...x.suppressedMessages].map((m) => categoryOf(m.ruleId))));
    expect([...fired].sort()).toEqual([...new Set(RULES.filter(judgesManifests).map((rule) => categoryOf(rule.id)))].sort());
  });
});

describe('docs/rules.md', () => {
  it('lists every rule, generated from the rule metadata (npm run docs:tables)', async () => {
    const r = await cli(['rules', '--format', 'markdown'], { cwd: '/' });
    const doc = readFileSync(path.join(ROOT, 'docs/rules.md'), 'utf8');
    const table = doc.split('<!-- rules:start -->\n')[1]!.split('<!-- rules:end -->')[0];
    // The page is one folder down from the links' root (scripts/update-rules-doc.mjs).
    expect(table).toBe(r.stdout.replaceAll('](rules/', '](../rules/'));
    expect(r.stdout).toBe(
      rulesMarkdown(RULES.map((rule) => ({ id: rule.id, severity: rule.severity, waivable: rule.waivable, controls: rule.controls, description: rule.description }))),
    );
  });
});

describe('docs/manifest.md', () => {
  it('lists every field, generated from the schema (npm run docs:tables)', async () => {
    const r = await cli(['schema', '--format', 'markdown'], { cwd: '/' });
    const doc = readFileSync(path.join(ROOT, 'docs/manifest.md'), 'utf8');
    expect(doc.split('<!-- fields:start -->\n')[1]!.split('<!-- fields:end -->')[0]).toBe(r.stdout);
    for (const field of ['metadata.owner.business', 'spec.sso.okta.appId', 'spec.sso.okta.settings', 'spec.waivers[].expires']) expect(r.stdout).toContain(`| \`${field}\` |`);
    expect(r.stdout).toContain('| `spec.sso.mfa` | `required`, `optional` |  | `"optional"` |');
  });
});
