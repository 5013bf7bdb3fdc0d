import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AS_OF, edit, VALID } from '../helpers';
import { gitRepo } from '../git-repo';
import { cli } from '../cli/run';
import { tempTree } from '../run-cli';

const named = (name: string, changes: { set?: Record<string, unknown>; remove?: string[] } = {}) =>
  edit(VALID, { ...changes, set: { 'metadata.name': name, ...changes.set } });
const A = named('app-a', { remove: ['metadata.owner.business'] });
const B = named('app-b');
/** The same config on both sides: the manifests it names, owners at example.com. */
const CONFIG = 'manifests: ["apps/**/*.yaml"]\nrules:\n  ownership/owners: [error, {domains: [example.com]}]\n';

interface JsonResult {
  filePath: string;
  messages: { ruleId: string; path: string; fingerprint: string }[];
}
const findingsOf = (stdout: string) => (JSON.parse(stdout) as JsonResult[]).flatMap((r) => r.messages.map((m) => `${path.basename(r.filePath)} ${m.ruleId} ${m.path}`));

describe('--new-since <git-ref>', () => {
  // Point the temporary checkout at a directory of our own, to see that it is removed.
  let tmp: string;
  let savedTmp: string | undefined;
  beforeEach(() => {
    savedTmp = process.env.TMPDIR;
    tmp = tempTree({}, 'saasgov-tmpdir-');
    process.env.TMPDIR = tmp;
  });
  afterEach(() => {
    if (savedTmp === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = savedTmp;
    rmSync(tmp, { recursive: true, force: true });
  });
  const lint = (dir: string, ...args: string[]) => cli(['lint', '--as-of', AS_OF, '-f', 'json', ...args], { cwd: dir });

  it('reports only the findings a change introduces, while cross-file rules see every current manifest', async () => {
    const repo = gitRepo({ 'saasgov.config.yaml': CONFIG, 'apps/a.yaml': A, 'apps/b.yaml': B });
    const base = repo.git('rev-parse', 'HEAD').trim();
    // The change: b gets an owner outside the allowed domains (a config option, so the base must use the same config),
    // a new c reuses a's name (manifest/unique-name sees a, unchanged), a's old finding stays.
    writeFileSync(path.join(repo.dir, 'apps/b.yaml'), named('app-b', { set: { 'metadata.owner.technical': 'it@gmail.com' } }));
    writeFileSync(path.join(repo.dir, 'apps/c.yaml'), named('app-a'));
    const status = repo.git('status', '--porcelain');

    const all = await lint(repo.dir);
    expect(all.code).toBe(1);
    expect(findingsOf(all.stdout)).toEqual(['a.yaml ownership/owners metadata.owner.business', 'b.yaml ownership/owners metadata.owner.technical', 'c.yaml manifest/unique-name metadata.name']);

    const uncommitted = await lint(repo.dir, '--new-since', 'main');
    expect(uncommitted.code).toBe(1);
    expect(findingsOf(uncommitted.stdout)).toEqual(['b.yaml ownership/owners metadata.owner.technical', 'c.yaml manifest/unique-name metadata.name']);
    expect(uncommitted.stderr).toBe(`saasgov: 1 finding already at main (${base.slice(0, 12)}) not reported\n`);

    // The repository is as it was: same status, no extra worktree, no temporary checkout left.
    expect(repo.git('status', '--porcelain')).toBe(status);
    expect(repo.git('worktree', 'list').trim().split('\n')).toHaveLength(1);
    expect(readdirSync(tmp).filter((f) => f.startsWith('saasgov-base-'))).toEqual([]);

    // Committed, compared with the parent commit; from a subdirectory, with a path argument.
    repo.commit('change');
    const committed = await lint(path.join(repo.dir, 'apps'), '.', '--new-since', 'HEAD~1');
    expect(findingsOf(committed.stdout)).toEqual(['b.yaml ownership/owners metadata.owner.technical', 'c.yaml manifest/unique-name metadata.name']);
    // Nothing new since the change itself.
    const none = await lint(repo.dir, '--new-since', 'HEAD', '-f', 'markdown');
    expect(none.code).toBe(0);
    expect(none.stdout.split('\n')[0]).toBe('### ✅ saasgov: no new problems in 3 manifest files');
    expect(none.stdout).toContain('3 findings already at HEAD');
  });

  it('reports a duplicate name in the file the change adds, whatever the path order', async () => {
    const repo = gitRepo({ 'apps/zoom.yaml': named('zoom') });
    // Added, and first in path order: without --new-since the existing file gets the finding.
    writeFileSync(path.join(repo.dir, 'apps/a-zoom.yaml'), named('zoom'));
    const plain = await lint(repo.dir, 'apps');
    expect(findingsOf(plain.stdout)).toEqual(['zoom.yaml manifest/unique-name metadata.name']);

    const result = await lint(repo.dir, 'apps', '--new-since', 'main');
    expect(result.code).toBe(1);
    const files = JSON.parse(result.stdout) as (JsonResult & { messages: { message: string }[] })[];
    // Still in path order, the finding on the new file, naming the one already there.
    expect(files.map((f) => path.basename(f.filePath))).toEqual(['a-zoom.yaml', 'zoom.yaml']);
    expect(findingsOf(result.stdout)).toEqual(['a-zoom.yaml manifest/unique-name metadata.name']);
    expect(files[0]!.messages[0]!.message).toBe('The name `zoom` is already used by apps/zoom.yaml (line 4); every app needs its own name, and a former name may not be reused.');
  });

  it('treats a path that the base ref does not have as all new', async () => {
    const repo = gitRepo({ 'apps/a.yaml': A });
    mkdirSync(path.join(repo.dir, 'teams/new'), { recursive: true });
    writeFileSync(path.join(repo.dir, 'teams/new/d.yaml'), named('app-d', { remove: ['metadata.owner.technical'] }));
    const result = await lint(repo.dir, 'apps', 'teams/new', '--new-since', 'main');
    expect(findingsOf(result.stdout)).toEqual(['d.yaml ownership/owners metadata.owner.technical']);
  });

  it('is a usage error (exit 2) for an unknown ref, an option-like ref, or a directory outside git', async () => {
    const repo = gitRepo({ 'apps/a.yaml': A });
    const unknown = await lint(repo.dir, '--new-since', 'origin/nope');
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain('"origin/nope" is not a commit of this repository');
    expect((await lint(repo.dir, '--new-since=--output=/tmp/x')).code).toBe(2);
    const outside = tempTree({ 'apps/a.yaml': A });
    try {
      expect(await lint(outside, '--new-since', 'main')).toMatchObject({ code: 2, stderr: expect.stringContaining('needs a git repository') });
    } finally {
      rmSync(outside, { recursive: true, force: true });
    }
    expect(readdirSync(tmp).filter((f) => f.startsWith('saasgov-base-'))).toEqual([]);
    expect(tmpdir()).toBe(tmp);
  });
});
