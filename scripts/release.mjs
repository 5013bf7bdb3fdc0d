#!/usr/bin/env node
// Makes the release tag v<version> of the checked-out commit: a commit on top
// of it that also holds the built CLI (the dist/ files package.json `files`
// lists) and whose package.json has no scripts. The GitHub Action, the
// pre-commit hooks and `npm i <git URL>#v<version>` install from that tag
// without building anything: no compiler, no devDependencies, no lifecycle
// script (issue 17 — a build at install time failed in each of them). npm
// builds a git dependency ("git dep preparation") whenever its package.json
// has a build, prepare, prepack, preinstall, install or postinstall script
// (pacote lib/git.js), so the release has none; its sources are the parent
// commit. The branch does not move; publish with `git push origin v<version>`.
//
//   npm ci && npm run release
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const git = (args, options = {}) => execFileSync('git', args, { cwd: root, encoding: 'utf8', ...options }).trim();
const fail = (message) => {
  process.stderr.write(`release: ${message}\n`);
  process.exit(2);
};

const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));
const tag = `v${pkg.version}`;
if (git(['status', '--porcelain']) !== '') fail('the work tree has changes: commit them first (a release is of a commit)');
if (git(['tag', '--list', tag]) !== '') fail(`the tag ${tag} exists: raise the version in package.json`);

// A clean build of exactly this commit: nothing left from an earlier one.
rmSync(path.join(root, 'dist'), { recursive: true, force: true });
execFileSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 2, 2] });

const temp = mkdtempSync(path.join(tmpdir(), 'saasgov-release-'));
try {
  // The release tree, through a temporary index: HEAD, the built files, the package.json without scripts.
  const env = { ...process.env, GIT_INDEX_FILE: path.join(temp, 'index') };
  git(['read-tree', 'HEAD'], { env });
  git(['add', '--force', '--', ...pkg.files.filter((f) => f.startsWith('dist/'))], { env });
  const released = { ...pkg };
  delete released.scripts;
  const blob = git(['hash-object', '-w', '--stdin'], { input: `${JSON.stringify(released, null, 2)}\n` });
  git(['update-index', '--cacheinfo', `100644,${blob},package.json`], { env });
  const tree = git(['write-tree'], { env });
  const head = git(['rev-parse', 'HEAD']);
  const commit = git(['commit-tree', tree, '-p', head, '-m', `saasgov ${tag}: ${head.slice(0, 12)} with the built CLI (dist/)`]);
  git(['tag', '--annotate', '--message', `saasgov ${tag}`, tag, commit]);
  process.stdout.write(`Tagged ${tag} (${commit.slice(0, 12)}): ${head.slice(0, 12)} with the built CLI. Publish it: git push origin ${tag}\n`);
} finally {
  rmSync(temp, { recursive: true, force: true });
}
