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

/** saasgov's version, from package.json. */
export const VERSION: string = (JSON.parse(readFileSync(path.join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
