/**
 * Where environments live (docs/DESIGN.md, "Homes"): each line's home (its
 * WORKON_HOME), then the searched homes — virtualenvwrapper's default
 * `~/.virtualenvs` and the registry's `sharedHomes` — which pyshim reads and
 * never writes. The shells search names in this order (after the current
 * line's home); `pyshim envs` lists them in it.
 *
 * API
 *   homesOf(registry, home)        [{ dir, line? }]: lines' homes (version order), then the searched homes; no duplicates
 *   lineHomes(registry, home)      [{ version, home }]: each line's home, absolute, in version order
 *   searchedHomes(registry, home)  ~/.virtualenvs and the shared homes, once each, even one that is a line's
 *                                  home too (what uninstall keeps)
 *   defaultHome(home)              ~/.virtualenvs
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

/** Each line's home (its WORKON_HOME), absolute, in version order. Pure. */
export function lineHomes(registry: Registry, home: string): { version: Version; home: string }[] {
  return sortedLines(registry).map((line) => ({ version: line.version, home: workonHome(line, home) }));
}

/** The homes that are the user's (~/.virtualenvs, then Registry.sharedHomes), never created, moved or deleted by pyshim. Pure. */
export function searchedHomes(registry: Registry, home: string): string[] {
  return [...new Set([defaultHome(home), ...(registry.sharedHomes ?? []).map((dir) => path.resolve(dir))])];
}

/**
 * Every home, in search order: the lines' homes by version, `~/.virtualenvs`,
 * then `registry.sharedHomes`. A directory is listed once, as a line's home
 * when it is one. Pure: nothing is read (a home that does not exist is listed).
 */
export function homesOf(registry: Registry, home: string): Home[] {
  const homes: Home[] = lineHomes(registry, home).map((l) => ({ dir: l.home, line: l.version }));
  for (const dir of searchedHomes(registry, home)) {
    if (!homes.some((h) => h.dir === dir)) homes.push({ dir });
  }
  return homes;
}
