/**
 * The environments in each home, read from the file system only: no Python
 * runs (`pyshim envs` must be fast, and an environment whose interpreter is
 * gone is still listed).
 *
 * API
 *   scanHomes(homes)        [{ home, exists, environments: [...] }] in the order given, environments by name
 *   isEnvironment(dir)      the one rule for what counts as an environment
 *   holdsEnvironments(dir)  whether a directory holds at least one
 *   envVersion(dir)         X.Y of the environment's lib/pythonX.Y, or undefined
 *   pyvenvVersion(text)     the full version pyvenv.cfg names (`version`, `version_info`), or undefined
 */
import fs from 'node:fs';
import path from 'node:path';
import { isFile, readText } from '../util/files.js';

/** One environment found in a home. */
export interface FoundEnv {
  name: string;
  /** Absolute directory of the environment. */
  path: string;
  /** X.Y from its lib/pythonX.Y directory; undefined when it has none (PyPy, a broken env). */
  version?: string;
  /** X.Y.Z from its pyvenv.cfg, when it has one that says (virtualenv < 20 wrote none). */
  fullVersion?: string;
}

/** A home as shims/homes.ts gives it (the directory, and what else the caller keeps with it). */
export interface ScannedHome<H extends { dir: string } = { dir: string; line?: string }> {
  home: H;
  exists: boolean;
  environments: FoundEnv[];
}


function entries(dir: string): fs.Dirent[] | undefined {
  try {
    return fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return undefined;
  }
}

/** X.Y of `dir/lib/pythonX.Y` (every CPython environment on POSIX has one), or undefined. */
export function envVersion(dir: string): string | undefined {
  for (const entry of entries(path.join(dir, 'lib')) ?? []) {
    const m = /^python(\d+\.\d+)$/.exec(entry.name);
    if (m) return m[1];
  }
  return undefined;
}

/** The X.Y.Z a pyvenv.cfg's text names: venv's `version`, virtualenv 20's `version_info` (3.12.1.final.0). Pure. */
export function pyvenvVersion(text: string): string | undefined {
  for (const key of ['version', 'version_info']) {
    const m = new RegExp(`^\\s*${key}\\s*=\\s*(\\d+\\.\\d+\\.\\d+)`, 'm').exec(text);
    if (m) return m[1];
  }
  return undefined;
}


/**
 * What counts as an environment, for all of pyshim's TypeScript (`pyshim envs`,
 * setup's and doctor's reports, what `add` and `remove` leave searched): a
 * directory with bin/activate (virtualenvwrapper's own test, in workon and
 * lsvirtualenv) or a pyvenv.cfg (venv, virtualenv >= 20: also an environment
 * made with `virtualenv --activators` leaving the POSIX script out).
 *
 * The shells' lookup by name (shells/posix/virtualenvwrapper-lazy.sh, fish's
 * virtualenvwrapper.fish) tests `HOME/NAME/bin/activate` instead, and agrees:
 * every environment venv and virtualenv (any release) make with their defaults
 * has both files or, before pyvenv.cfg existed, bin/activate; the only ones the
 * test leaves out are environments without an activate script, which workon
 * could not activate anyway (virtualenvwrapper's workon refuses them too).
 */
export function isEnvironment(dir: string): boolean {
  return isFile(path.join(dir, 'bin', 'activate')) || isFile(path.join(dir, 'pyvenv.cfg'));
}

/** Does `dir` hold at least one environment (isEnvironment)? Reads only; false when it does not exist. */
export function holdsEnvironments(dir: string): boolean {
  return (entries(dir) ?? []).some((e) => (e.isDirectory() || e.isSymbolicLink()) && isEnvironment(path.join(dir, e.name)));
}

function scanDir(dir: string): FoundEnv | undefined {
  if (!isEnvironment(dir)) return undefined;
  const cfg = path.join(dir, 'pyvenv.cfg');
  const version = envVersion(dir);
  const text = readText(cfg);
  const fullVersion = text === undefined ? undefined : pyvenvVersion(text);
  return { name: path.basename(dir), path: dir, ...(version ? { version } : {}), ...(fullVersion ? { fullVersion } : {}) };
}

/** The environments of each home, in the homes' order; within a home by name. Reads only. */
export function scanHomes<H extends { dir: string }>(homes: H[]): ScannedHome<H>[] {
  return homes.map((home) => {
    const list = entries(home.dir);
    const environments = (list ?? [])
      .filter((e) => e.isDirectory() || e.isSymbolicLink())
      .map((e) => scanDir(path.join(home.dir, e.name)))
      .filter((e): e is FoundEnv => e !== undefined)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    return { home, exists: list !== undefined, environments };
  });
}
