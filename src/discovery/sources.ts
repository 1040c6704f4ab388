import fs from 'node:fs';
import path from 'node:path';
import { mayWriteCache, type Env, type Paths } from '../paths.js';
import { writeFileAtomic } from '../util/atomic.js';

/** Where an interpreter came from, as `pyshim list` shows it. */
export type Source = 'pyshim' | 'pyenv' | 'uv' | 'mise' | 'asdf' | 'conda' | 'homebrew' | 'system' | 'path';

export interface Candidate {
  path: string;
  source: Source;
}

export interface SourceContext {
  env: Env;
  paths: Paths;
}

/** python, python2, python3, python3.12 — not python3.12-config or python3.6m. */
const PYTHON_NAME = /^python(\d+(\.\d+)?)?$/;
const isPythonName = (name: string) => PYTHON_NAME.test(name);

// /bin is /usr/bin on merged-/usr systems, and PATH repeats system
// directories: within one scan (allCandidates), read each directory (by
// device and inode) once. Across scans, a directory whose mtime has not
// changed (no entry added, removed or renamed) is not read again: /usr/bin
// has a thousand entries.
interface Listing {
  mtimeMs: number;
  names: string[];
}
let listings: Map<string, string[]> | undefined;
let remembered: Record<string, Listing> = {};
let rememberedChanged = false;

function readNames(dir: string, mtimeMs: number, wanted: (name: string) => boolean): string[] {
  const known = remembered[dir];
  if (known && known.mtimeMs === mtimeMs) return known.names;
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter(wanted);
  } catch {
    names = [];
  }
  remembered[dir] = { mtimeMs, names };
  rememberedChanged = true;
  return names;
}

function listDir(dir: string, wanted: (name: string) => boolean = () => true): string[] {
  let stat: fs.Stats | undefined;
  try {
    // Most places a source looks in do not exist on a given machine: no
    // exception for those (each costs ~50 µs). stat follows links.
    stat = fs.statSync(dir, { throwIfNoEntry: false });
  } catch {
    return [];
  }
  if (!stat?.isDirectory()) return [];
  const key = `${stat.dev}:${stat.ino}`;
  let names = listings?.get(key);
  if (!names) {
    names = readNames(dir, stat.mtimeMs, wanted);
    listings?.set(key, names);
  }
  return names;
}

/** The Python executables directly inside one bin directory. */
export function pythonsIn(dir: string, source: Source): Candidate[] {
  return listDir(dir, isPythonName)
    .filter(isPythonName)
    .sort(byVersionedNameFirst)
    .map((name) => ({ path: path.join(dir, name), source }));
}

// python3.12 before python3 before python, so the most specific name is kept
// when several names are one file.
function byVersionedNameFirst(a: string, b: string): number {
  return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0);
}

/** Every `<root>/<child>/bin` for the installs a version manager keeps in `root`. */
function installsUnder(root: string, source: Source, binDir = 'bin'): Candidate[] {
  return listDir(root).flatMap((child) => pythonsIn(path.join(root, child, binDir), source));
}

function dataHome(env: Env, home: string): string {
  return env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME)
    ? env.XDG_DATA_HOME
    : path.join(home, '.local/share');
}

export const sources: ReadonlyArray<(ctx: SourceContext) => Candidate[]> = [
  function pyshimBuilt({ paths }) {
    return installsUnder(paths.pythons, 'pyshim');
  },
  function pyenv({ env, paths }) {
    const root = env.PYENV_ROOT || path.join(paths.home, '.pyenv');
    return installsUnder(path.join(root, 'versions'), 'pyenv');
  },
  function uv({ env, paths }) {
    const root = env.UV_PYTHON_INSTALL_DIR || path.join(dataHome(env, paths.home), 'uv/python');
    return installsUnder(root, 'uv');
  },
  function mise({ env, paths }) {
    const root = env.MISE_DATA_DIR || path.join(dataHome(env, paths.home), 'mise');
    return installsUnder(path.join(root, 'installs/python'), 'mise');
  },
  function asdf({ env, paths }) {
    const root = env.ASDF_DATA_DIR || path.join(paths.home, '.asdf');
    return installsUnder(path.join(root, 'installs/python'), 'asdf');
  },
  function conda({ env, paths }) {
    const bases = ['miniconda3', 'anaconda3', 'miniforge3', 'mambaforge', 'micromamba']
      .map((name) => path.join(paths.home, name))
      .concat(['/opt/conda', '/opt/miniconda3', '/opt/anaconda3']);
    if (env.CONDA_PREFIX) bases.unshift(env.CONDA_PREFIX);
    if (env.CONDA_EXE) bases.unshift(path.dirname(path.dirname(env.CONDA_EXE)));
    return bases.flatMap((base) => pythonsIn(path.join(base, 'bin'), 'conda'));
  },
  function homebrew({ paths }) {
    const prefixes = ['/opt/homebrew', '/usr/local', '/home/linuxbrew/.linuxbrew', path.join(paths.home, '.linuxbrew')];
    return prefixes.flatMap((prefix) =>
      // Each python@X.Y keeper in opt/ is one interpreter; the Cellar holds the same files.
      listDir(path.join(prefix, 'opt'))
        .filter((name) => name.startsWith('python@'))
        .flatMap((name) => pythonsIn(path.join(prefix, 'opt', name, 'bin'), 'homebrew')),
    );
  },
  function system() {
    return ['/usr/bin', '/usr/local/bin', '/bin'].flatMap((dir) => pythonsIn(dir, 'system'));
  },
  function onPath({ env, paths }) {
    return (env.PATH ?? '')
      .split(path.delimiter)
      .filter((dir) => dir && path.isAbsolute(dir) && dir !== paths.bin)
      .flatMap((dir) => pythonsIn(dir, 'path'));
  },
];

export function allCandidates(ctx: SourceContext): Candidate[] {
  const file = path.join(ctx.paths.cache, 'dirs.json');
  listings = new Map();
  try {
    remembered = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, Listing>;
  } catch {
    remembered = {};
  }
  rememberedChanged = false;
  try {
    return sources.flatMap((source) => source(ctx));
  } finally {
    listings = undefined;
    if (rememberedChanged && mayWriteCache(ctx.paths)) {
      try {
        writeFileAtomic(file, JSON.stringify(remembered));
      } catch {
        // Only an optimisation.
      }
    }
  }
}
