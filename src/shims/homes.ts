/**
 * Where environments live (docs/DESIGN.md, "Homes"): each line's home (its
 * WORKON_HOME), then the searched homes — virtualenvwrapper's default
 * `~/.virtualenvs` and the registry's `sharedHomes` — which pyshim reads and
 * never writes. The shells search names in this order (after the current
 * line's home); `pyshim envs` lists them in it.
 *
 * API
 *   homesOf(registry, home)   [{ dir, line? }]: lines' homes (version order), then the searched homes; no duplicates
 */
import path from 'node:path';
import { sortedLines, type Registry } from '../registry/registry.js';
import { workonHome } from './plan.js';
import type { Version } from '../version.js';

/** One home: an absolute directory, and the line whose home it is (absent: a searched home). */
export interface Home {
  dir: string;
  line?: Version;
}

/** virtualenvwrapper's own default WORKON_HOME, searched whenever it exists. */
export function defaultHome(home: string): string {
  return path.join(home, '.virtualenvs');
}

/**
 * Every home, in search order: the lines' homes by version, `~/.virtualenvs`,
 * then `registry.sharedHomes`. A directory is listed once, as a line's home
 * when it is one. Pure: nothing is read (a home that does not exist is listed).
 */
export function homesOf(registry: Registry, home: string): Home[] {
  const homes: Home[] = sortedLines(registry).map((line) => ({ dir: workonHome(line, home), line: line.version }));
  for (const dir of [defaultHome(home), ...(registry.sharedHomes ?? [])]) {
    const clean = path.resolve(dir);
    if (!homes.some((h) => h.dir === clean)) homes.push({ dir: clean });
  }
  return homes;
}
