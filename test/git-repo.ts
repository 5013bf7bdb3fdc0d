/** A real temporary git repository for tests of `--baseline` and `--new-since`. */
import { execFileSync } from 'node:child_process';
import { tempTree, writeTree } from './run-cli';

const GIT_ENV = {
  ...process.env,
  GIT_AUTHOR_NAME: 'saasgov test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'saasgov test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
};

export interface GitRepo {
  readonly dir: string;
  git(...args: string[]): string;
  /** Writes files and commits everything. */
  commit(message: string, files?: Record<string, string>): string;
}

/** A repository with `files` committed on `main`; removed when the test file ends (see `tempTree`). */
export function gitRepo(files: Record<string, string>): GitRepo {
  const dir = tempTree({}, 'saasgov-repo-');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, env: GIT_ENV, encoding: 'utf8' });
  git('init', '-q', '-b', 'main');
  git('config', 'commit.gpgsign', 'false');
  const repo: GitRepo = {
    dir,
    git,
    commit(message, more = {}) {
      writeTree(dir, more);
      git('add', '-A');
      git('commit', '-q', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD').trim();
    },
  };
  repo.commit('initial', files);
  return repo;
}
