import fs from 'node:fs';
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

/**
 * Where pyshim keeps, per X.Y, the pip and setuptools wheels a line without
 * ensurepip was bootstrapped from (`pyshim bootstrap 2.6 --find-links DIR`):
 * the seed its environments get when its virtualenv cannot seed pip itself.
 * Data, not cache: only the bootstrap's directory could make them again.
 */
export function keptWheelsDir(paths: Paths, line: string): string {
  return path.join(paths.data, 'wheels', line);
}

/** The kept wheels for X.Y, pip first then setuptools (the order mkenv.py seeds in); [] when none. */
export function keptWheels(paths: Paths, line: string): string[] {
  const dir = keptWheelsDir(paths, line);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const pick = (project: string) => names.filter((n) => n.startsWith(`${project}-`) && n.endsWith('.whl')).sort().pop();
  const pip = pick('pip');
  if (!pip) return [];
  const setuptools = pick('setuptools');
  return [pip, ...(setuptools ? [setuptools] : [])].map((n) => path.join(dir, n));
}
