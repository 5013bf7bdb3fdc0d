/** Where saasgov is installed: its version and the files it ships (rule docs). */
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The package root: the directory holding saasgov's package.json (works from src/ under vitest and from dist/). */
export const PACKAGE_ROOT: string = (() => {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'saasgov') return dir;
    } catch {
      // not here: keep walking up
    }
    if (path.dirname(dir) === dir) throw new Error('internal: cannot find the saasgov package root');
  }
})();

interface PackageJson {
  readonly version: string;
  readonly homepage?: string;
  readonly repository?: string | { readonly url?: string };
}

const PACKAGE_JSON = JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as PackageJson;

/** saasgov's version, from package.json. */
export const VERSION: string = PACKAGE_JSON.version;

/**
 * The source repository as an https URL (package.json `repository`, e.g.
 * `git+https://github.com/o/r.git` → `https://github.com/o/r`), or the
 * `homepage` without its fragment when there is no repository.
 */
export const REPOSITORY_URL: string = (() => {
  const repo = PACKAGE_JSON.repository;
  const raw = typeof repo === 'string' ? repo : repo?.url;
  if (raw) return raw.replace(/^git\+/, '').replace(/^git:\/\//, 'https://').replace(/\.git$/, '').replace(/\/+$/, '');
  if (PACKAGE_JSON.homepage) return PACKAGE_JSON.homepage.replace(/#.*$/, '').replace(/\/+$/, '');
  throw new Error('internal: package.json names neither a repository nor a homepage');
})();

/**
 * The web page of a rule's documentation: `rules/<id>.md` in the source
 * repository, at the tag of this version, so the page matches the rule that
 * ran — or `template` (the config's `ruleDocsUrl`, for a mirror), with
 * `{rule}` replaced by the rule id and `{version}` by saasgov's version. The
 * one place every output format takes rule links from.
 */
export function ruleDocUrl(ruleId: string, template?: string): string {
  const rule = ruleId.split('/').map(encodeURIComponent).join('/');
  const version = encodeURIComponent(VERSION);
  if (template !== undefined) return template.replaceAll('{rule}', rule).replaceAll('{version}', version);
  return `${REPOSITORY_URL}/blob/v${version}/rules/${rule}.md`;
}
