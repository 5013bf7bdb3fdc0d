/**
 * saasgov installs for real where teams run it (issue 17 items 1–3, 12), from
 * a release made the way a maintainer makes one (`npm run release` on a clean
 * clone of this tree): the GitHub Action's steps exactly as action.yml declares
 * them, pre-commit's own install (Debian's pre-commit always, the Python
 * index's where one is on PATH), `npm pack` and `npm i -D` of the tarball, and
 * `npm i -D` from a git URL — each into a governance repository that
 * `saasgov init` set up, none of them building anything, and the documented
 * `npx saasgov` asking no registry — and the Pulumi project init writes,
 * run from there as the Pulumi CLI runs it (test/pulumi-cli.ts).
 */
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, existsSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INIT_FILES } from '../../src/cli/init';
import { PACKAGE_ROOT, REPOSITORY_URL, VERSION } from '../../src/util/package';
import { edit, VALID } from '../helpers';
import { runLikePulumiCli } from '../pulumi-cli';
import { tempTree, writeTree } from '../run-cli';
import { cli } from '../cli/run';
import { runAction, workflowInputs } from './action-runner';

const TAG = `v${VERSION}`;
const GIT_ENV = {
  GIT_AUTHOR_NAME: 'saasgov test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'saasgov test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};
/** npm as a CI machine runs it after `npm ci`: packages from its cache, no audit, no banners. */
const NPM_ENV = { npm_config_prefer_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
/**
 * How this machine reaches the npm registry (a proxy, its CA), passed through as a CI runner has it:
 * without them npm can only use what its cache already holds, and a dependency whose metadata it
 * has not cached fails to install although the real machine would fetch it.
 */
const NETWORK_ENV = Object.fromEntries(
  Object.entries(process.env).filter(([key]) => /^(NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR|https?_proxy|no_proxy|npm_config_(registry|cafile|ca|proxy|https_proxy|noproxy|strict_ssl))$/i.test(key)),
);
const ENV: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, ...NETWORK_ENV, ...GIT_ENV, ...NPM_ENV };

const temps: string[] = [];
const temp = (prefix: string) => {
  const dir = tempTree({}, `saasgov-${prefix}-`);
  temps.push(dir);
  return dir;
};
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })), 120_000);

interface Ran {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}
/** Runs a program (asynchronously: the installs of this file run side by side). */
function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env: { ...ENV, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject).on('close', (code) => resolve({ status: code ?? 1, stdout, stderr }));
  });
}
async function ok(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const r = await run(cmd, args, cwd, env);
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} (in ${cwd}) exited ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}
/** git, for the quick commands. */
const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env: ENV, encoding: 'utf8' }).trim();

/** A git repository set up by `saasgov init`, committed. */
async function governanceRepo(name: string): Promise<string> {
  const dir = temp(name);
  git(dir, 'init', '-q', '-b', 'main');
  expect((await cli(['init'], { cwd: dir })).code).toBe(0);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'saasgov init');
  return dir;
}

/**
 * Nothing was built at install: the CLI is the release's, byte for byte, and no
 * development dependency came along (the bundler, the test runner; TypeScript
 * itself is a dependency of @pulumi/pulumi).
 */
function expectPrebuilt(installed: string, nodeModules: string): void {
  expect(git(release, 'hash-object', path.join(installed, 'dist', 'saasgov.cjs'))).toBe(git(release, 'rev-parse', `${TAG}:dist/saasgov.cjs`));
  for (const tool of ['rolldown', 'vitest', 'eslint']) expect(existsSync(path.join(nodeModules, tool)), `${tool} in ${nodeModules}`).toBe(false);
}

/** The release: this tree as a clean clone, released with `npm run release` (HEAD plus the built CLI, tagged). */
let release: string;

beforeAll(async () => {
  release = temp('release');
  // What a commit of this work tree holds: tracked and new files, not what git ignores.
  const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: PACKAGE_ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) if (existsSync(path.join(PACKAGE_ROOT, f))) cpSync(path.join(PACKAGE_ROOT, f), path.join(release, f), { recursive: true });
  git(release, 'init', '-q', '-b', 'main');
  git(release, 'add', '-A');
  git(release, 'commit', '-q', '-m', 'work tree');
  // The build needs the compiler and bundler only: this tree's, not a second install of them.
  writeFileSync(path.join(release, '.git', 'info', 'exclude'), '/node_modules\n');
  execFileSync('ln', ['-s', path.join(PACKAGE_ROOT, 'node_modules'), path.join(release, 'node_modules')]);
  expect(await ok('npm', ['run', '--silent', 'release'], release)).toMatch(new RegExp(`^Tagged ${TAG} \\([0-9a-f]{12}\\): [0-9a-f]{12} with the built CLI`));
  rmSync(path.join(release, 'node_modules'));
}, 180_000);

/** A local registry that answers 404 and counts what it is asked. */
async function recordingRegistry(): Promise<{ url: string; requests: string[]; close: () => Promise<void> }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    res.writeHead(404, { 'content-type': 'application/json' }).end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return { url, requests, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** pre-commit executables: Debian's, and every other one on PATH (e.g. from the Python package index). */
function preCommits(): string[] {
  const found = ['/usr/bin/pre-commit'];
  const seen = new Set(existsSync(found[0]!) ? [realpathSync(found[0]!)] : []);
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const exe = path.join(dir, 'pre-commit');
    if (!existsSync(exe) || !statSync(exe).isFile() || seen.has(realpathSync(exe))) continue;
    seen.add(realpathSync(exe));
    found.push(exe);
  }
  return found;
}

// The installs run side by side (each waits on npm and disk more than on the processor).
describe.concurrent('a release', () => {
  it('is the commit plus the built CLI, with no scripts for npm to run at install', () => {
    const tree = git(release, 'ls-tree', '-r', '--name-only', TAG).split('\n');
    expect(tree).toEqual(expect.arrayContaining(['dist/saasgov.cjs', 'dist/worker.cjs', 'dist/src/cli/main.js', 'dist/src/plan/index.js', 'dist/rules/index.js', 'action.yml']));
    expect(git(release, 'rev-parse', `${TAG}^`)).toBe(git(release, 'rev-parse', 'main'));
    const pkg = JSON.parse(git(release, 'show', `${TAG}:package.json`)) as Record<string, unknown>;
    expect(pkg.scripts).toBeUndefined();
    expect(pkg.private).toBeUndefined();
    // The work tree is as it was: the branch did not move, dist/ stays ignored.
    expect(git(release, 'status', '--porcelain')).toBe('');
  });

  it('installs as the GitHub Action from the release tag and runs the workflow `saasgov init` wrote, exactly as action.yml declares', async () => {
    const action = temp('action');
    git(action, 'clone', '-q', '--branch', TAG, release, '.');
    const repo = await governanceRepo('action-repo');
    const workflow = readFileSync(path.join(repo, '.github/workflows/saasgov.yml'), 'utf8');
    const step = workflowInputs(workflow, { name: 'push' });
    expect(step.uses).toBe(`saasgov/saasgov@${TAG}`);

    const first = await runAction(action, repo, step.inputs, { env: NPM_ENV });
    expect(first.stderr).not.toMatch(/npm (error|ERR)/);
    expect(first.status).toBe(0);
    expect(first.outputs).toEqual({ 'exit-code': '0', 'sarif-file': 'saasgov.sarif' });
    expect(first.summary.split('\n')[0]).toBe('### ✅ saasgov: no problems in 1 manifest file');
    expect(existsSync(path.join(action, 'node_modules', 'yaml'))).toBe(true);
    expectPrebuilt(action, path.join(action, 'node_modules'));

    // A pull request that adds a failing manifest: annotated, summarised, and the job fails.
    const base = git(repo, 'rev-parse', 'HEAD');
    writeTree(repo, { 'apps/crm.yaml': edit(VALID, { remove: ['metadata.owner.technical'] }) });
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'add crm');
    const pr = await runAction(action, repo, workflowInputs(workflow, { name: 'pull_request', baseSha: base }).inputs, { env: NPM_ENV, install: false });
    expect(pr.status).toBe(1);
    expect(pr.stdout).toMatch(/^::error file=apps\/crm\.yaml,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=ownership\/owners::/m);
    expect(pr.summary.split('\n')[0]).toBe('### ❌ saasgov: 1 new error in 1 of 2 manifest files');
  }, 240_000);

  it('packs a tarball that installs with npm i -D, and installs from a git URL, without building; `npx saasgov` asks no registry; `saasgov init` sets up a Pulumi project that runs the installed program', async () => {
    const checkout = temp('pack');
    git(checkout, 'clone', '-q', '--branch', TAG, release, '.');
    const out = temp('tarball');
    expect((await ok('npm', ['pack', '--pack-destination', out], checkout)).trim()).toBe(`saasgov-${VERSION}.tgz`);
    const tarball = path.join(out, `saasgov-${VERSION}.tgz`);

    // As docs/ci.md says: an empty repository, saasgov installed, then the installed saasgov's init.
    const repo = temp('npm-repo');
    git(repo, 'init', '-q', '-b', 'main');
    writeFileSync(path.join(repo, 'package.json'), '{ "name": "governance", "private": true }\n');
    const installed = path.join(repo, 'node_modules', 'saasgov');
    await ok('npm', ['i', '-D', tarball], repo);
    expectPrebuilt(installed, path.join(repo, 'node_modules'));
    const registry = await recordingRegistry();
    try {
      const init = await run('npx', ['saasgov', 'init'], repo, { npm_config_registry: registry.url });
      expect(init.stdout.split('\n')[0]).toBe(`Created ${INIT_FILES.join(', ')}.`);
      expect(init.status).toBe(0);
      const lint = await run('npx', ['saasgov', 'lint'], repo, { npm_config_registry: registry.url });
      expect(lint.stdout + lint.stderr).toBe('✔ no problems (1 of 1 file clean)\n');
      expect(lint.status).toBe(0);
      expect(registry.requests).toEqual([]);
    } finally {
      await registry.close();
    }

    // The same dependency from the release tag's git URL (npm packs the tag: it has nothing to prepare).
    await ok('npm', ['i', '-D', `git+file://${release}#${TAG}`], repo);
    expect((JSON.parse(readFileSync(path.join(repo, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies.saasgov).toBe(`git+file://${release}#${TAG}`);
    expectPrebuilt(installed, path.join(repo, 'node_modules'));
    expect(await ok(path.join(repo, 'node_modules', '.bin', 'saasgov'), ['lint'], repo)).toBe('✔ no problems (1 of 1 file clean)\n');

    // pulumi up in that repository, as the Pulumi CLI runs the program init's Pulumi.yaml names (under mocks):
    // with the stack docs/provisioning.md sets up (saasgov:* left to their defaults), and with saasgov:manifests
    // and saasgov:config set — paths of the repository, not of the package.
    const okta = { 'okta:orgName': 'acme-dev', 'okta:baseUrl': 'oktapreview.com', 'okta:apiToken': '00test-token', 'saasgov:strict': 'true' };
    const secretKeys = ['okta:apiToken'];
    const [documented, explicit] = await Promise.all([
      runLikePulumiCli(repo, okta, { secretKeys }),
      runLikePulumiCli(repo, { ...okta, 'saasgov:manifests': 'apps', 'saasgov:config': 'saasgov.config.yaml' }, { secretKeys }),
    ]);
    for (const up of [documented, explicit]) {
      expect(up.stderr).toBe('');
      expect(up.status).toBe(0);
      // The program runs in the repository, on the @pulumi/pulumi installed there, as JavaScript.
      expect({ cwd: up.cwd, sdk: up.sdk, typescript: up.typescript }).toEqual({ cwd: '', sdk: 'node_modules/@pulumi/pulumi', typescript: null });
      const outputs = up.outputs as {
        apps: Record<string, unknown>;
        skipped: unknown[];
        held: unknown[];
        manualSteps: { app: string; topic: string }[];
        deployed: { apps: Record<string, { filePath: string }> };
      };
      // The example app init wrote into apps/ (the ids are the mocks': the resource name plus -id).
      expect(outputs.apps).toEqual({ 'status-page': { id: 'status-page-app-id', label: 'Status Page', signOnMode: 'MOCK' } });
      expect(outputs.skipped).toEqual([]);
      expect(outputs.held).toEqual([]);
      // Its SCIM: a custom SAML app's connection is switched on in the Admin Console.
      expect(outputs.manualSteps.map((m) => [m.app, m.topic])).toEqual([['status-page', 'scim']]);
      // Recorded (and named in the app's admin note) by its path in the repository.
      expect(outputs.deployed.apps['status-page']!.filePath).toBe('apps/status-page.yaml');
    }
    expect(explicit.outputs).toEqual(documented.outputs);
  }, 240_000);

  it.each(preCommits())('installs as a pre-commit hook (%s) from the release tag and runs on the repository `saasgov init` wrote', async (preCommit) => {
    expect(existsSync(preCommit), "Debian's pre-commit is missing: apt-get install pre-commit (.ci/run does)").toBe(true);
    const version = (await ok(preCommit, ['--version'], PACKAGE_ROOT)).trim();
    const repo = await governanceRepo('pre-commit-repo');
    // The one change to what init wrote: the hook repository is the local release, not GitHub.
    const config = path.join(repo, '.pre-commit-config.yaml');
    const text = readFileSync(config, 'utf8');
    expect(text).toContain(`repo: ${REPOSITORY_URL}\n    rev: ${TAG} `);
    writeFileSync(config, text.replace(`repo: ${REPOSITORY_URL}`, `repo: ${release}`));
    git(repo, 'add', '-A');
    const env = { PRE_COMMIT_HOME: temp('pre-commit-home') };

    const install = await run(preCommit, ['install-hooks'], repo, env);
    expect(install.status, `${version}: ${install.stdout}${install.stderr}`).toBe(0);
    const pass = await run(preCommit, ['run', '--all-files'], repo, env);
    expect(pass.stdout, version).toMatch(/^saasgov lint\.+Passed$/m);
    expect(pass.status).toBe(0);

    writeTree(repo, { 'apps/crm.yaml': edit(VALID, { remove: ['metadata.owner.technical'] }) });
    git(repo, 'add', '-A');
    const fail = await run(preCommit, ['run', '--all-files'], repo, env);
    expect(fail.stdout, version).toMatch(/^saasgov lint\.+Failed$/m);
    expect(fail.stdout).toMatch(/apps\/crm\.yaml:\d+:\d+ {2}error {4}`metadata\.owner\.technical` is missing/);
    expect(fail.status).toBe(1);
  }, 240_000);
});
