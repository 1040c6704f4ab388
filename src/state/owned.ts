/**
 * What is provably pyshim's on disk, for `uninstall`: the files the record
 * holds, and files pyshim's layout names (its registry, caches, init and
 * lazy files, runtime copies, lock files, its atomic-write leftovers, and
 * files carrying the shim header in its bin/). Nothing is pyshim's because
 * of where it lies alone: `PYSHIM_HOME=~/.local` puts pyshim's bin/ beside
 * the user's own scripts.
 *
 * API
 *   ownedFiles(paths, record) → string[]             existing files uninstall may delete
 *   ownedDirs(paths, record)  → string[]             directories it may remove when empty, deepest first
 *   whollyOwned(paths)        → string[]             subtrees only pyshim writes (download and build
 *                                                    scratch, the seed cache, the runtime helpers'
 *                                                    bytecode), deleted whole when pyshim made them
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Paths } from '../paths.js';
import { SHELLS } from '../shell/adapter.js';
import { adapterFor } from '../shell/shells.js';
import { FISH_COMPLETIONS, FISH_FUNCTIONS, FISH_LAZY_FILE, fishAutoloadNames, lazyFileName } from '../init/render.js';
import { ownedByPyshim } from '../shims/write.js';
import type { MadeRecord } from './record.js';
import { RETIRED_RUNTIME_FILES, runtimeDir, runtimeSources } from '../runtime-files.js';
import { seedsDir } from '../envs/seeds.js';
import { listDir } from '../util/files.js';

// writeFileAtomic's temporary files: `.NAME.pyshim-PID-TIME.tmp`.
const TEMP_FILE = /^\..+\.pyshim-\d+-\d+\.tmp$/;

/** A directory's entries; none when it is absent or unreadable. */

function isFile(file: string): boolean {
  try {
    return fs.lstatSync(file).isFile();
  } catch {
    return false;
  }
}

/** fish's autoload directories in the data dir (init.fish puts them on fish's search paths), and their parent. */
function fishDirs(paths: Paths): string[] {
  return [path.join(paths.data, FISH_FUNCTIONS), path.join(paths.data, FISH_COMPLETIONS), path.dirname(path.join(paths.data, FISH_FUNCTIONS))];
}

/** Files pyshim's layout names, wherever its directories are. */
function layoutFiles(paths: Paths): string[] {
  const files = [
    paths.registryFile,
    path.join(paths.config, 'pyshim.lock'),
    paths.probeCacheFile,
    path.join(paths.cache, 'dirs.json'),
    path.join(paths.cache, 'env-trials.json'),
    path.join(paths.cache, 'env-facts.json'),
    path.join(paths.data, 'profiles-created.json'),
    path.join(paths.data, 'profiles.lock'),
    ...SHELLS.map((shell) => path.join(paths.data, adapterFor(shell).initFileName)),
    ...(['bash', 'zsh'] as const).map((shell) => path.join(paths.data, lazyFileName(shell))),
    ...fishAutoloadNames().map((name) => path.join(paths.data, name)),
    path.join(paths.data, FISH_LAZY_FILE),
    ...runtimeSources().map((f) => path.join(runtimeDir(paths), f.name)),
    ...RETIRED_RUNTIME_FILES.map((name) => path.join(runtimeDir(paths), name)),
  ];
  for (const dir of new Set([paths.config, paths.data, paths.cache, paths.bin, runtimeDir(paths), ...fishDirs(paths)])) {
    files.push(...listDir(dir).filter((name) => TEMP_FILE.test(name)).map((name) => path.join(dir, name)));
  }
  files.push(...listDir(paths.bin).map((name) => path.join(paths.bin, name)).filter((file) => isFile(file) && ownedByPyshim(file)));
  return files;
}

export function ownedFiles(paths: Paths, record: MadeRecord): string[] {
  // A shim the user replaced with a file of their own (same name, no header) is theirs now.
  const stillOurs = (file: string) => path.dirname(file) !== paths.bin || TEMP_FILE.test(path.basename(file)) || ownedByPyshim(file);
  return [...new Set([...record.files, ...layoutFiles(paths)])].filter((file) => isFile(file) && stillOurs(file));
}

export function whollyOwned(paths: Paths): string[] {
  // seeds/: pip unpacked for new environments (which hold links or copies, never references);
  // runtime/__pycache__: what Python 3 compiled of the runtime helpers it ran.
  return [path.join(paths.cache, 'downloads'), path.join(paths.cache, 'build'), seedsDir(paths), path.join(runtimeDir(paths), '__pycache__')];
}

/**
 * Directories uninstall may remove, each only once it is empty: those the
 * record says pyshim created, and the subdirectories of pyshim's layout
 * (bin/, logs/, …) — never the roots a user pointed PYSHIM_HOME or XDG_* at
 * unless pyshim created them.
 */
export function ownedDirs(paths: Paths, record: MadeRecord): string[] {
  // The XDG roots are pyshim's by name (…/pyshim); PYSHIM_HOME is the user's choice, so under it
  // only what pyshim created counts.
  const named = [paths.config, paths.data, paths.cache].filter((dir) => path.basename(dir) === 'pyshim');
  const roots = [...named, ...record.dirs];
  const retiredDirs = RETIRED_RUNTIME_FILES.map((name) => path.dirname(path.join(runtimeDir(paths), name)));
  const layout = [paths.bin, paths.backups, paths.logs, runtimeDir(paths), ...retiredDirs, ...fishDirs(paths), paths.pythons, ...whollyOwned(paths)].filter((dir) =>
    roots.some((root) => dir.startsWith(root + path.sep)),
  );
  const all = [...new Set([...record.dirs, ...layout, ...named])];
  return all.sort((a, b) => b.split(path.sep).length - a.split(path.sep).length || b.localeCompare(a));
}
