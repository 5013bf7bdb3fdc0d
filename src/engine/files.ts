/**
 * Expands the paths given to `lint` into manifest files: files as given,
 * directories walked for `*.yaml`/`*.yml`, and globs matched with picomatch.
 * A walk (a directory, or a glob's base) follows symbolic links but never
 * into the same directory twice, so a link loop ends, and never picks what
 * is not the team's inventory: dot-files and dot-folders (`.git`, `.github`,
 * `.venv`, …), `node_modules`, what git ignores, and the config file. A file
 * named as a path is always read.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import picomatch from 'picomatch';
import { SaasgovError } from '../util/errors';

const MANIFEST = /\.ya?ml$/i;
const NODE_MODULES = 'node_modules';

/** `/`-separated form of a path (the path itself where `/` is the separator). */
export const toPosix = path.sep === '/' ? (p: string): string => p : (p: string): string => p.split(path.sep).join('/');

/** A path as messages show it: relative to the working directory, `/`-separated (absolute when outside it). */
export function displayPath(cwd: string, file: string): string {
  const rel = toPosix(path.relative(cwd, file));
  return rel === '' || rel.startsWith('../') ? toPosix(file) : rel;
}

export interface ExpandOptions {
  readonly cwd: string;
  /** Whether a file (absolute, `/`) is ignored by the configuration. */
  readonly isIgnored: (absolutePath: string) => boolean;
  /** Files (absolute, `/`) a walk never picks, though they may be named: the config file. */
  readonly unlisted?: ReadonlySet<string>;
}

/**
 * Manifest files for `paths` (absolute, `/` separators, sorted, unique).
 * Throws `NO_FILES` for a path that does not exist or matches no manifest.
 */
export function expandPaths(paths: readonly string[], options: ExpandOptions): string[] {
  const files: string[] = [];
  for (const arg of paths) {
    const abs = path.resolve(options.cwd, arg);
    let found: string[];
    const stat = statOrNull(abs);
    if (stat && !stat.isDirectory()) {
      found = [abs]; // a file, or a FIFO or device given by name: reported as not a regular file, never skipped
    } else if (stat?.isDirectory()) {
      found = walked(abs, walk(abs, isManifestName), options);
    } else if (picomatch.scan(arg).isGlob) {
      const { base } = picomatch.scan(toPosix(arg));
      const root = path.resolve(options.cwd, base || '.');
      const relTo = toPosix(path.resolve(options.cwd));
      const isMatch = picomatch(toPosix(path.isAbsolute(arg) ? path.relative(options.cwd, arg) : arg), { dot: false });
      found = statOrNull(root)?.isDirectory() ? walked(root, walk(root, () => true).filter((f) => isMatch(path.posix.relative(relTo, toPosix(f)))), options) : [];
    } else {
      throw new SaasgovError('NO_FILES', `No such file or directory: ${arg}`);
    }
    if (found.length === 0) throw new SaasgovError('NO_FILES', `No manifest (*.yaml, *.yml) matches ${arg}`);
    for (const f of found) {
      const file = toPosix(f);
      if (!options.isIgnored(file)) files.push(file);
    }
  }
  // The default order is by UTF-16 code units, as `<` compares strings; native, so much faster on 10,000 paths.
  files.sort();
  // Unique (paths given twice, or overlapping directories): equal paths are neighbours now.
  return paths.length > 1 ? files.filter((f, i) => i === 0 || f !== files[i - 1]) : files;
}

const isManifestName = (name: string): boolean => MANIFEST.test(name);

/** The files a walk of `root` found, less the config file and what git ignores. */
function walked(root: string, files: string[], options: ExpandOptions): string[] {
  if (files.length === 0) return files;
  const ignoredByGit = gitIgnored(root);
  return files.filter((f) => !options.unlisted?.has(toPosix(f)) && !ignoredByGit(f));
}

/**
 * What git ignores under `dir` (`.gitignore` files, `.git/info/exclude`, the
 * user's excludes file): `git ls-files --others --ignored --exclude-standard
 * --directory` names each ignored file, and each wholly ignored directory once,
 * without descending into it (git-ls-files(1)). A tracked file is never
 * ignored. Outside a work tree, or without git, nothing is.
 */
function gitIgnored(dir: string): (file: string) => boolean {
  const args = ['ls-files', '-z', '--others', '--ignored', '--exclude-standard', '--directory', '--', '.'];
  const run = spawnSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 28 });
  if (run.status !== 0 || !run.stdout) return () => false;
  // Paths relative to `dir`, `/`-separated; a directory's ends with `/`.
  const ignored = new Set(run.stdout.split('\0').filter(Boolean).map((p) => p.replace(/\/$/, '')));
  const prefix = dir.endsWith(path.sep) ? dir.length : dir.length + 1;
  return (file) => {
    const rel = toPosix(file.slice(prefix));
    for (let i = rel.indexOf('/'); i !== -1; i = rel.indexOf('/', i + 1)) if (ignored.has(rel.slice(0, i))) return true;
    return ignored.has(rel);
  };
}

function statOrNull(p: string) {
  try {
    return statSync(p);
  } catch {
    return null;
  }
}

/** Every file under `root` whose name passes `keep` (iterative; each real directory visited once). */
function walk(root: string, keep: (name: string) => boolean): string[] {
  const out: string[] = [];
  const visited = new Set<string>();
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let real: string;
    let entries: Dirent[];
    try {
      real = realpathSync(dir);
      if (visited.has(real)) continue;
      visited.add(real);
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // an unreadable directory holds nothing we can lint
    }
    // Plain concatenation: walking 10,000 files, path.join's normalising costs more than the rest.
    const prefix = dir.endsWith(path.sep) ? dir : dir + path.sep;
    for (const e of entries) {
      const name = e.name;
      if (name.charCodeAt(0) === 46 /* . */) continue; // dot-files and dot-folders: tool state, not the inventory
      if (e.isDirectory()) {
        if (name !== NODE_MODULES) stack.push(prefix + name);
      } else if (e.isSymbolicLink()) {
        const target = statOrNull(prefix + name);
        if (target?.isDirectory()) stack.push(prefix + name);
        else if (keep(name)) out.push(prefix + name); // a broken link to a manifest is reported as unreadable, not dropped
      } else if (keep(name)) {
        out.push(prefix + name); // a file, or a FIFO, socket or device named like a manifest: reported, not skipped
      }
    }
  }
  return out;
}
