import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where pyshim keeps its files, per docs/DESIGN.md "Where things live". */
export interface Paths {
  home: string;
  /** registry.json, settings */
  config: string;
  /** bin/, init files, pythons/, backups/, logs/ */
  data: string;
  /** probe cache, downloads */
  cache: string;
  bin: string;
  backups: string;
  pythons: string;
  logs: string;
  registryFile: string;
  probeCacheFile: string;
}

export type Env = Record<string, string | undefined>;

export function homeDir(env: Env = process.env): string {
  return env.HOME || os.homedir();
}

function xdg(env: Env, name: string, fallback: string): string {
  const value = env[name];
  // XDG says relative values are invalid and must be ignored.
  return value && path.isAbsolute(value) ? value : path.join(homeDir(env), fallback);
}

/** An absolute directory named by a variable, or undefined. */
function absolute(env: Env, name: string): string | undefined {
  const value = env[name];
  return value && path.isAbsolute(value) ? value : undefined;
}

/**
 * PYSHIM_HOME holds everything; else PYSHIM_CONFIG_DIR, PYSHIM_DATA_DIR and
 * PYSHIM_CACHE_DIR (which the init files export when the XDG directories in
 * force when they were written were not the defaults: a new shell must find
 * the same registry), else the XDG directories.
 */
export function resolvePaths(env: Env = process.env): Paths {
  const home = homeDir(env);
  const root = env.PYSHIM_HOME;
  const config = root ? root : absolute(env, 'PYSHIM_CONFIG_DIR') ?? path.join(xdg(env, 'XDG_CONFIG_HOME', '.config'), 'pyshim');
  const data = root ? root : absolute(env, 'PYSHIM_DATA_DIR') ?? path.join(xdg(env, 'XDG_DATA_HOME', '.local/share'), 'pyshim');
  const cache = root ? path.join(root, 'cache') : absolute(env, 'PYSHIM_CACHE_DIR') ?? path.join(xdg(env, 'XDG_CACHE_HOME', '.cache'), 'pyshim');
  return {
    home,
    config,
    data,
    cache,
    bin: path.join(data, 'bin'),
    backups: path.join(data, 'backups'),
    pythons: path.join(data, 'pythons'),
    logs: path.join(data, 'logs'),
    registryFile: path.join(config, 'registry.json'),
    probeCacheFile: path.join(cache, 'probe-cache.json'),
  };
}

/**
 * Caches are kept only where pyshim is in use — its registry or its cache
 * directory exists — so that `list` or `doctor` on a machine pyshim was
 * uninstalled from (or never set up on) creates nothing.
 */
export function mayWriteCache(paths: Paths): boolean {
  return fs.existsSync(paths.cache) || fs.existsSync(paths.registryFile);
}

/**
 * What a new shell must be told to find these same directories: PYSHIM_HOME
 * when it is set, else each directory that differs from where a shell with
 * only HOME set would look.
 */
export function pathsToCarry(env: Env): { name: string; value: string }[] {
  if (env.PYSHIM_HOME) return [{ name: 'PYSHIM_HOME', value: path.resolve(env.PYSHIM_HOME) }];
  const here = resolvePaths(env);
  const bare = resolvePaths({ HOME: homeDir(env) });
  const carried: { name: string; value: string }[] = [];
  if (here.config !== bare.config) carried.push({ name: 'PYSHIM_CONFIG_DIR', value: here.config });
  if (here.data !== bare.data) carried.push({ name: 'PYSHIM_DATA_DIR', value: here.data });
  if (here.cache !== bare.cache) carried.push({ name: 'PYSHIM_CACHE_DIR', value: here.cache });
  return carried;
}

/** One of pyshim's Python scripts (python/NAME), found when it is needed: finding the package root costs ~1 ms. */
export function pythonScript(name: string): string {
  return path.join(packageRoot(), 'python', name);
}

let root: string | undefined;

/**
 * The package's own root (for python/ and shells/): the nearest directory
 * above this module that holds python/probe.py. Modules run from src/ (tests)
 * and from dist/ and dist/commands/ (bundles), at different depths.
 */
export function packageRoot(): string {
  if (root) return root;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (fs.existsSync(path.join(dir, 'python', 'probe.py'))) return (root = dir);
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`pyshim's files (python/probe.py) were not found above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}
