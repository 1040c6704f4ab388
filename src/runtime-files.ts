/**
 * Runtime files: what generated files read or run after pyshim has exited
 * (the lazy virtualenvwrapper loader and its toggleglobalsitepackages, fish's virtualenvwrapper commands,
 * `virtualenv-X.Y`'s helper and its seed cache). Each transaction copies them
 * from the package into pyshim's data dir, so no generated file points into
 * the install tree: moving a checkout, cleaning an npx cache or upgrading a
 * global install leaves every shell and shim working.
 *
 * API
 *   runtimeDir(paths)          <data>/runtime
 *   runtimeFile(paths, name)   the copy a generated file names, e.g. runtimeFile(paths, 'mkenv.py')
 *   runtimeSources()           [{ name, source, mode }]: where each copy comes from in the package
 *   RETIRED_RUNTIME_FILES      names older pyshims copied there, deleted by each transaction
 */
import path from 'node:path';
import { packageRoot, type Paths } from './paths.js';

export type RuntimeName =
  | 'virtualenvwrapper-lazy.sh'
  | 'virtualenvwrapper-toggle.sh'
  | 'virtualenvwrapper.fish'
  | 'mkenv.py'
  | 'mkenv_main.py'
  | 'virtualenv_args.py'
  | 'seed.py'
  | 'skeleton.py'
  | 'copies.py'
  | 'copy.sh';

/** Package path of each runtime file, relative to the package root. */
const SOURCES: Record<RuntimeName, string> = {
  'virtualenvwrapper-lazy.sh': 'shells/posix/virtualenvwrapper-lazy.sh',
  // Beside it, in the package as in <data>/runtime/: lazy.SHELL and the virtualenvwrapper-X.Y.sh shims read it.
  'virtualenvwrapper-toggle.sh': 'shells/posix/virtualenvwrapper-toggle.sh',
  'virtualenvwrapper.fish': 'shells/fish/virtualenvwrapper.fish',
  'mkenv.py': 'python/mkenv.py',
  'mkenv_main.py': 'python/mkenv_main.py',
  'virtualenv_args.py': 'python/virtualenv_args.py',
  'seed.py': 'python/seed.py',
  'skeleton.py': 'python/skeleton.py',
  'copies.py': 'python/copies.py',
  'copy.sh': 'shells/shims/copy.sh',
};

/**
 * Runtime files older pyshims copied and this one no longer does (fish's
 * completion loader moved to the data dir's fish/completions/): each
 * transaction deletes them, and uninstall knows them as pyshim's.
 */
export const RETIRED_RUNTIME_FILES = ['completions/pyshim.fish'];

export function runtimeDir(paths: Paths): string {
  return path.join(paths.data, 'runtime');
}

export function runtimeFile(paths: Paths, name: RuntimeName): string {
  return path.join(runtimeDir(paths), name);
}

export function runtimeSources(): { name: RuntimeName; source: string; mode: number }[] {
  const root = packageRoot();
  return (Object.entries(SOURCES) as [RuntimeName, string][]).map(([name, relative]) => ({
    name,
    source: path.join(root, relative),
    mode: 0o644,
  }));
}
