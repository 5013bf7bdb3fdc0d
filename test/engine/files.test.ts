/**
 * What every command reads (src/engine/lint.ts `defaultPaths`, src/engine/files.ts):
 * the config's `manifests`, else `apps/`, else the working directory — and a
 * walk never picks the config file, dot-files and dot-folders, `node_modules`
 * or what git ignores, while a file named as a path is always read.
 */
import { rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { edit, VALID } from '../helpers';
import { gitRepo } from '../git-repo';
import { tempTree, writeTree } from '../run-cli';
import { cli } from '../cli/run';

const named = (name: string) => edit(VALID, { set: { 'metadata.name': name } });

/** A temporary tree, removed when the test ends. */
function scratch(files: Record<string, string>): string {
  const dir = tempTree(files);
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** What a fresh governance repository holds besides its manifests (issue 17: 13 errors in a fresh repo). */
const TOOLING = {
  'saasgov.config.yaml': 'extends: recommended\n',
  '.github/workflows/saasgov.yml': 'name: saasgov\non: [pull_request]\njobs: {}\n',
  '.pre-commit-config.yaml': 'repos: []\n',
  '.venv/lib/site-packages/pkg/data.yaml': 'a: 1\n',
  'node_modules/pkg/data.yml': 'a: 1\n',
  'build/out.yaml': 'a: 1\n',
  'inventory/draft.local.yaml': 'a: 1\n',
  '.gitignore': 'build/\n*.local.yaml\n',
};

/** The files a JSON lint run reports, relative to `dir`. */
async function linted(dir: string, args: string[] = []): Promise<string[]> {
  const r = await cli(['lint', '-f', 'json', '--as-of', '2026-12-01', ...args], { cwd: dir });
  expect(r.stderr).toBe('');
  return (JSON.parse(r.stdout) as { filePath: string }[]).map((f) => path.relative(dir, f.filePath));
}

describe('what lint reads by default', () => {
  it('apps/ when there is no `manifests` in the config: never the config, tooling, dot-folders or ignored files', async () => {
    const repo = gitRepo({ ...TOOLING, 'apps/a.yaml': named('app-a'), 'apps/.draft.yaml': 'a: 1\n', 'docker-compose.yml': 'services: {}\n' });
    expect(await linted(repo.dir)).toEqual(['apps/a.yaml']);
    expect((await cli(['lint', '--as-of', '2026-12-01'], { cwd: repo.dir })).code).toBe(0);
    // From a subdirectory, apps/ beside the config file.
    expect(await linted(path.join(repo.dir, 'inventory'))).toEqual(['../apps/a.yaml']);
  });

  it('the config\'s `manifests` when set, relative to the config file', async () => {
    const repo = gitRepo({ ...TOOLING, 'saasgov.config.yaml': 'manifests: ["inventory/**/*.yaml"]\n', 'inventory/b.yaml': named('app-b'), 'apps/a.yaml': named('app-a') });
    expect(await linted(repo.dir)).toEqual(['inventory/b.yaml']);
  });

  it('the working directory without apps/, less the same; a YAML file that is not a manifest is one finding', async () => {
    const repo = gitRepo({ ...TOOLING, 'inventory/b.yaml': named('app-b'), 'docker-compose.yml': 'services:\n  web: {image: nginx}\n' });
    expect(await linted(repo.dir)).toEqual(['docker-compose.yml', 'inventory/b.yaml']);
    const r = await cli(['lint', '--as-of', '2026-12-01'], { cwd: repo.dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('docker-compose.yml:1:1  error    This is not a saasgov manifest: `apiVersion` is missing');
    expect(r.stdout).toContain('✖ 1 problem (1 error, 0 warnings)');
  });

  it('reads a file named as a path even where a walk would not (dot-folder, ignored, the config itself)', async () => {
    const repo = gitRepo({ ...TOOLING, 'apps/a.yaml': named('app-a') });
    expect(await linted(repo.dir, ['.github/workflows/saasgov.yml', 'build/out.yaml', 'saasgov.config.yaml'])).toEqual([
      '.github/workflows/saasgov.yml',
      'build/out.yaml',
      'saasgov.config.yaml',
    ]);
    // A named dot-folder is walked; dot-entries inside it are not.
    writeTree(repo.dir, { '.drafts/c.yaml': named('app-c'), '.drafts/.hidden/d.yaml': named('app-d') });
    expect(await linted(repo.dir, ['.drafts'])).toEqual(['.drafts/c.yaml']);
  });

  it('keeps a tracked file that an ignore pattern matches, and walks a linked directory git cannot see into', async () => {
    const repo = gitRepo({ 'apps/a.yaml': named('app-a') });
    writeTree(repo.dir, { 'apps/kept.local.yaml': named('app-kept'), '.gitignore': '*.local.yaml\n' });
    repo.git('add', '-f', 'apps/kept.local.yaml');
    writeTree(repo.dir, { 'apps/new.local.yaml': named('app-new') });
    const outside = scratch({ 'linked.yaml': named('app-linked') });
    symlinkSync(outside, path.join(repo.dir, 'apps', 'shared'));
    expect(await linted(repo.dir)).toEqual(['apps/a.yaml', 'apps/kept.local.yaml', 'apps/shared/linked.yaml']);
  });

  it('outside a git repository, skips dot-folders and node_modules (no ignore file applies)', async () => {
    const dir = scratch({ ...TOOLING, 'inventory/b.yaml': named('app-b') });
    expect(await linted(dir)).toEqual(['build/out.yaml', 'inventory/b.yaml', 'inventory/draft.local.yaml']);
  });

  it('is the same for report; plan, like the Pulumi program, never falls back to the working directory', async () => {
    const repo = gitRepo({ ...TOOLING, 'apps/a.yaml': named('app-a') });
    const report = await cli(['report', '-f', 'json', '--as-of', '2026-12-01'], { cwd: repo.dir });
    expect((JSON.parse(report.stdout) as { apps: { file: string }[] }).apps.map((a) => a.file)).toEqual(['apps/a.yaml']);
    const bare = gitRepo({ ...TOOLING, 'inventory/b.yaml': named('app-b') });
    expect(await cli(['plan', '--as-of', '2026-12-01'], { cwd: bare.dir })).toMatchObject({ code: 2, stderr: expect.stringContaining('apps') });
  });
});
