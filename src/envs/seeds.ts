import path from 'node:path';
import type { Paths } from '../paths.js';

/**
 * Where python/seed.py keeps pip (and setuptools) unpacked and compiled once
 * per Python X.Y and wheel, for mkenv.py to link or copy into each new
 * environment. A cache: pyshim's own, removed whole by `uninstall`
 * (src/state/owned.ts), rebuilt by the next environment when gone.
 */
export function seedsDir(paths: Paths): string {
  return path.join(paths.cache, 'seeds');
}
