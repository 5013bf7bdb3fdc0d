/**
 * `saasgov init`: from an empty git repository to a green CI — the files of
 * examples/governance-repo and the schema, then `lint`, then the workflow's
 * own step (the action, run as the runner runs it, with the workflow's inputs)
 * for a push and for a pull request. It never overwrites.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { INIT_FILES } from '../../src/cli/init';
import { PACKAGE_ROOT, REPOSITORY_URL, VERSION } from '../../src/util/package';
import { runAction, workflowInputs } from '../ci/action-runner';
import { gitRepo } from '../git-repo';
import { edit, VALID } from '../helpers';
import { cli } from './run';

const KIT = path.join(PACKAGE_ROOT, 'examples', 'governance-repo');
const WORKFLOW = '.github/workflows/saasgov.yml';

describe('saasgov init', () => {
  it('sets up an empty repository whose lint and workflow pass, for a push and for a pull request', async () => {
    const repo = gitRepo({});
    const init = await cli(['init'], { cwd: repo.dir });
    expect(init).toEqual({
      code: 0,
      stderr: '',
      stdout:
        `Created ${INIT_FILES.join(', ')}.\n` +
        'Next: saasgov lint (it passes); saasgov new <name> for your first app; commit and push, and the workflow lints every pull request.\n',
    });
    for (const f of INIT_FILES.filter((f) => f !== 'saasgov.schema.json')) expect(readFileSync(path.join(repo.dir, f), 'utf8'), f).toBe(readFileSync(path.join(KIT, f), 'utf8'));
    expect(readFileSync(path.join(repo.dir, 'saasgov.schema.json'), 'utf8')).toBe((await cli(['schema'], { cwd: repo.dir })).stdout);

    // lint with no paths reads apps/ (the config's manifests) and nothing else init wrote.
    const lint = await cli(['lint', '-f', 'json'], { cwd: repo.dir });
    expect(lint.code).toBe(0);
    expect((JSON.parse(lint.stdout) as { filePath: string }[]).map((r) => path.relative(repo.dir, r.filePath))).toEqual(['apps/status-page.yaml']);
    const base = repo.commit('saasgov init');

    // The workflow's saasgov step, with its inputs: on a push to main, then on a pull request that adds an app.
    const workflow = readFileSync(path.join(repo.dir, WORKFLOW), 'utf8');
    const push = workflowInputs(workflow, { name: 'push' });
    expect(push.uses).toBe(`saasgov/saasgov@v${VERSION}`);
    const onPush = await runAction(PACKAGE_ROOT, repo.dir, push.inputs, { install: false });
    expect(onPush.status).toBe(0);
    expect(onPush.outputs).toEqual({ 'exit-code': '0', 'sarif-file': 'saasgov.sarif' });
    expect(onPush.summary.split('\n')[0]).toBe('### ✅ saasgov: no problems in 1 manifest file');
    expect(existsSync(path.join(repo.dir, 'saasgov-junit.xml'))).toBe(true);

    repo.commit('add crm', { 'apps/crm.yaml': edit(VALID, { remove: ['metadata.owner.technical'] }) });
    const pr = workflowInputs(workflow, { name: 'pull_request', baseSha: base });
    expect(pr.inputs['new-since']).toBe(base);
    const onPr = await runAction(PACKAGE_ROOT, repo.dir, pr.inputs, { install: false });
    expect(onPr.status).toBe(1);
    expect(onPr.stdout).toMatch(/^::error file=apps\/crm\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=ownership\/owners::/);
  });

  it('writes what the pre-commit config and the workflow pin: this version, from this repository', () => {
    const precommit = parse(readFileSync(path.join(KIT, '.pre-commit-config.yaml'), 'utf8')) as { repos: { repo: string; rev: string; hooks: { id: string }[] }[] };
    expect(precommit.repos).toEqual([{ repo: REPOSITORY_URL, rev: `v${VERSION}`, hooks: [{ id: 'saasgov-lint' }] }]);
    expect(workflowInputs(readFileSync(path.join(KIT, WORKFLOW), 'utf8'), { name: 'push' }).uses).toBe(`${new URL(REPOSITORY_URL).pathname.slice(1)}@v${VERSION}`);
  });

  it('never overwrites: one file there, nothing written (exit 2)', async () => {
    const repo = gitRepo({ '.pre-commit-config.yaml': 'repos: []\n' });
    expect(await cli(['init'], { cwd: repo.dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'saasgov: init never overwrites, and .pre-commit-config.yaml already exists: move it away, or add the rest by hand (docs/ci.md)\n',
    });
    expect(readdirSync(repo.dir).sort()).toEqual(['.git', '.pre-commit-config.yaml']);
    expect(readFileSync(path.join(repo.dir, '.pre-commit-config.yaml'), 'utf8')).toBe('repos: []\n');
  });

  it('counts a file where it needs a directory as one it would overwrite', async () => {
    const repo = gitRepo({ apps: 'not a directory\n' });
    expect(await cli(['init'], { cwd: repo.dir })).toEqual({
      code: 2,
      stdout: '',
      stderr: 'saasgov: init never overwrites, and apps already exists: move it away, or add the rest by hand (docs/ci.md)\n',
    });
    expect(readdirSync(repo.dir).sort()).toEqual(['.git', 'apps']);
  });

  it('adds no example to an apps/ that already holds manifests', async () => {
    const repo = gitRepo({ 'apps/crm.yaml': VALID });
    const init = await cli(['init'], { cwd: repo.dir });
    expect(init.stdout.split('\n')[0]).toBe(
      'Created saasgov.config.yaml, saasgov.schema.json, .github/workflows/saasgov.yml, .pre-commit-config.yaml (apps/ already holds manifests: no example added).',
    );
    expect(readdirSync(path.join(repo.dir, 'apps'))).toEqual(['crm.yaml']);
    expect((await cli(['lint'], { cwd: repo.dir })).code).toBe(0);
  });
});
