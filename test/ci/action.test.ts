/**
 * The GitHub Action and the pre-commit hooks: their files are well-formed, and
 * the action's lint step (action/run.sh) does on a real repository what a
 * workflow relies on — annotations on standard output, the Markdown report in
 * the job summary, SARIF with every finding, outputs, the exit status — and
 * never evaluates its inputs; its install step refuses a ref without the
 * built CLI. The install itself, from a release, is test/ci/install.test.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type * as Sarif from 'sarif';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readAction, runAction, type ActionRun } from './action-runner';
import { PACKAGE_ROOT } from '../../src/util/package';
import { AS_OF, edit, VALID } from '../helpers';
import { gitRepo } from '../git-repo';
import { tempTree } from '../run-cli';

const action = readAction(PACKAGE_ROOT);
const script = readFileSync(path.join(PACKAGE_ROOT, 'action', 'run.sh'), 'utf8');

describe('action.yml', () => {
  it('is a composite action whose inputs are all described and used', async () => {
    expect(action.runs.using).toBe('composite');
    const text = readFileSync(path.join(PACKAGE_ROOT, 'action.yml'), 'utf8');
    const referenced = new Set([...text.matchAll(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g)].map((m) => m[1]));
    for (const [name, input] of Object.entries(action.inputs)) {
      expect(input.description.length, name).toBeGreaterThan(10);
      expect(referenced.has(name), `input ${name} is never used`).toBe(true);
    }
    for (const name of referenced) expect(action.inputs[name!], `undeclared input ${name}`).toBeDefined();
  });

  it('passes inputs to the script only as environment variables (no expression inside a run: script)', async () => {
    for (const step of action.runs.steps) if (step.run) expect(step.run).not.toContain('${{');
    const lint = action.runs.steps.find((s) => s.run?.includes('action/run.sh'))!;
    for (const [name, value] of Object.entries(lint.env!)) {
      expect(value).toBe(`\${{ inputs.${name.slice('INPUT_'.length).toLowerCase().replace(/_/g, '-')} }}`);
      expect(script, `run.sh ignores ${name}`).toContain(name);
    }
  });
});

/** The action's lint step, as the runner runs it, from this development tree (built; never installed over). */
function runStep(cwd: string, inputs: Record<string, string>): Promise<ActionRun> {
  expect(existsSync(path.join(PACKAGE_ROOT, 'dist', 'saasgov.cjs')), 'run `npm run build` first').toBe(true);
  return runAction(PACKAGE_ROOT, cwd, { 'as-of': AS_OF, ...inputs }, { install: false });
}

const named = (name: string, remove: string[] = []) => edit(VALID, { set: { 'metadata.name': name }, remove });

describe('the action lint step (action/run.sh)', () => {
  it('annotates, summarises, writes SARIF and JUnit, sets its outputs and fails on findings', async () => {
    const repo = gitRepo({ 'apps/a.yaml': named('app-a', ['metadata.owner.business']), 'apps/b.yaml': named('app-b') });
    const step = await runStep(repo.dir, { paths: 'apps', 'sarif-file': 'saasgov.sarif', 'junit-file': 'junit.xml' });
    expect(step.status).toBe(1);
    expect(step.stdout).toMatch(/^::error file=apps\/a\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=ownership\/owners::/);
    expect(step.stdout.trim().split('\n')).toHaveLength(1);
    expect(step.summary.split('\n')[0]).toBe('### ❌ saasgov: 1 error in 1 of 2 manifest files');
    expect(step.outputs).toEqual({ 'exit-code': '1', 'sarif-file': 'saasgov.sarif' });
    const sarif = JSON.parse(readFileSync(path.join(repo.dir, 'saasgov.sarif'), 'utf8')) as Sarif.Log;
    expect(sarif.runs[0]!.results!.map((r) => r.ruleId)).toEqual(['ownership/owners']);
    expect(readFileSync(path.join(repo.dir, 'junit.xml'), 'utf8')).toContain('<testsuite name="apps/a.yaml"');
  });

  it('with new-since fails only on new findings, fetching the base into a shallow clone, while SARIF keeps every finding', async () => {
    const repo = gitRepo({ 'apps/a.yaml': named('app-a', ['metadata.owner.business']), 'apps/b.yaml': named('app-b') });
    const base = repo.git('rev-parse', 'HEAD').trim();
    repo.commit('break b', { 'apps/b.yaml': named('app-b', ['metadata.owner.technical']) });
    const clone = tempTree({}, 'saasgov-clone-');
    execFileSync('git', ['clone', '-q', '--depth=1', `file://${repo.dir}`, clone], { stdio: 'ignore' });
    expect(spawnSync('git', ['cat-file', '-e', `${base}^{commit}`], { cwd: clone }).status).not.toBe(0);

    const step = await runStep(clone, { paths: 'apps', 'new-since': base, 'sarif-file': 'saasgov.sarif' });
    expect(step.status).toBe(1);
    expect(step.stdout.trim().split('\n').map((l) => /file=([^,]*)/.exec(l)?.[1])).toEqual(['apps/b.yaml']);
    expect(step.summary).toContain('1 finding already at');
    const sarif = JSON.parse(readFileSync(path.join(clone, 'saasgov.sarif'), 'utf8')) as Sarif.Log;
    expect(sarif.runs[0]!.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri)).toEqual(['apps/a.yaml', 'apps/b.yaml']);
    execFileSync('rm', ['-rf', clone]);
  });

  it('passes on warnings unless fail-on-warnings, and prints the terminal report without annotations', async () => {
    const warned = edit(named('app-w'), {
      set: { 'spec.waivers': [{ rule: 'ownership/owners', reason: 'Kept while the owner review runs', approvedBy: 'ciso@example.com', ticket: 'SEC-9', expires: '2026-12-20' }] },
    });
    const repo = gitRepo({ 'apps/w.yaml': warned });
    expect((await runStep(repo.dir, { paths: 'apps' })).status).toBe(0);
    expect((await runStep(repo.dir, { paths: 'apps', 'fail-on-warnings': 'true' })).status).toBe(1);
    expect((await runStep(repo.dir, { paths: 'apps', 'max-warnings': '5' })).status).toBe(0);
    const plain = await runStep(repo.dir, { paths: 'apps', annotations: 'false', summary: 'false' });
    expect(plain.stdout).toContain('apps/w.yaml:');
    expect(plain.stdout).not.toContain('::warning');
    expect(plain.summary).toBe('');
  });

  it('never evaluates its inputs, and reports a run that could not start in the summary', async () => {
    const repo = gitRepo({ 'apps/a.yaml': named('app-a') });
    const step = await runStep(repo.dir, { paths: '$(touch pwned1) `touch pwned2` ;touch pwned3', config: 'x; touch pwned4', 'new-since': '--upload-pack=touch pwned5' });
    expect(step.status).toBe(2);
    expect(['pwned1', 'pwned2', 'pwned3', 'pwned4', 'pwned5', ';touch'].filter((f) => existsSync(path.join(repo.dir, f)))).toEqual([]);
    expect(step.summary).toBe('### ⛔ saasgov could not run (exit status 2)\n\nSee the log of this step.\n');
    expect(step.outputs).toEqual({ 'exit-code': '2', 'sarif-file': '' });
  });
});

describe('the action install step', () => {
  it('refuses a ref without the built CLI, saying to use a release tag, before installing anything', async () => {
    const ref = tempTree({ 'action.yml': readFileSync(path.join(PACKAGE_ROOT, 'action.yml'), 'utf8'), 'package.json': '{}\n' });
    const repo = gitRepo({ 'apps/a.yaml': named('app-a') });
    const run = await runAction(ref, repo.dir, {});
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('::error title=saasgov::This ref of saasgov has no built CLI (dist/): use a release tag, e.g. saasgov/saasgov@v1.2.3\n');
    expect(existsSync(path.join(ref, 'node_modules'))).toBe(false);
    execFileSync('rm', ['-rf', ref]);
  });
});

describe('.pre-commit-hooks.yaml', () => {
  const hooks = parse(readFileSync(path.join(PACKAGE_ROOT, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; language: string; files: string; pass_filenames?: boolean }[];

  it('runs saasgov lint as a node hook on manifests under apps/', async () => {
    expect(hooks.map((h) => h.id)).toEqual(['saasgov-lint', 'saasgov-lint-all']);
    for (const hook of hooks) {
      expect(hook).toMatchObject({ entry: 'saasgov lint', language: 'node' });
      const files = new RegExp(hook.files);
      for (const f of ['apps/crm.yaml', 'apps/sales/crm.yml']) expect(files.test(f), f).toBe(true);
      for (const f of ['docs/apps/crm.yaml', 'apps/crm.json', '.github/workflows/ci.yml']) expect(files.test(f), f).toBe(false);
    }
    expect(hooks[1]!.pass_filenames).toBe(false);
  });

  it('packs the built CLI, the rule docs and what saasgov init writes, and no sources', async () => {
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PACKAGE_ROOT, encoding: 'utf8' });
    const files = (JSON.parse(out) as { files: { path: string }[] }[])[0]!.files.map((f) => f.path);
    expect(files).toEqual(expect.arrayContaining(['bin/saasgov.js', 'dist/saasgov.cjs', 'dist/worker.cjs', 'dist/src/cli/main.js', 'dist/rules/index.js', 'dist/src/regions/region-data.json', 'rules/ownership/owners.md', 'package.json', 'examples/governance-repo/.github/workflows/saasgov.yml']));
    expect(files.some((f) => f.startsWith('test/') || f.startsWith('src/'))).toBe(false);
  });
});
