import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';

/** What is on this machine: found, never assumed. Nothing here writes. */

/** @param {string} file */
function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** @param {string} file */
function isReadable(file) {
  try {
    fs.accessSync(file, fs.constants.R_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/**
 * @param {string} name
 * @param {string} [searchPath]
 * @param {(dir: string) => boolean} [skip]
 */
export function which(name, searchPath = process.env.PATH ?? '', skip = () => false) {
  for (const dir of searchPath.split(path.delimiter)) {
    if (!dir || skip(dir)) continue;
    const file = path.join(dir, name);
    if (isExecutable(file)) return file;
  }
  return undefined;
}

// Version managers put shims of everything on PATH (pyenv has a shim named
// virtualenvwrapper.sh); a real tool is never found through one of those.
const isShimDir = (dir) => /(^|\/)shims$/.test(dir);

/** First line of `cmd args`, or undefined. */
function firstLine(file, args, env = process.env) {
  const run = spawnSync(file, args, { encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'], timeout: 20_000 });
  if (run.status !== 0) return undefined;
  return (run.stdout || run.stderr).trim().split('\n')[0];
}

export function findShells() {
  /** @type {Record<string, {path: string, version: string} | undefined>} */
  const found = {};
  const versionArgs = { bash: ['-c', 'echo "$BASH_VERSION"'], zsh: ['-c', 'echo "$ZSH_VERSION"'], fish: ['--version'] };
  for (const name of /** @type {const} */ (['bash', 'zsh', 'fish'])) {
    const file = which(name, process.env.PATH, isShimDir);
    if (!file) continue;
    const version = firstLine(file, versionArgs[name]) ?? '?';
    found[name] = { path: file, version: version.replace(/^fish, version /, '') };
  }
  return found;
}

/**
 * pyenv: where it is installed (its code and plugins) and where its root is
 * (versions). Found through PYENV_ROOT, then PATH, then ~/.pyenv.
 *
 * @returns {{ exe: string, binDir: string, prefix: string, root: string, versions: string[], virtualenvInit: boolean, version: string } | undefined}
 */
export function findPyenv() {
  const candidates = [
    process.env.PYENV_ROOT && path.join(process.env.PYENV_ROOT, 'bin', 'pyenv'),
    process.env.PYENV_ROOT && path.join(process.env.PYENV_ROOT, 'libexec', 'pyenv'),
    which('pyenv', process.env.PATH, isShimDir),
    path.join(os.homedir(), '.pyenv', 'bin', 'pyenv'),
  ].filter(Boolean);
  const exe = candidates.find((c) => isExecutable(c));
  if (!exe) return undefined;
  const real = fs.realpathSync(exe);
  const prefix = path.dirname(path.dirname(real));
  const root = process.env.PYENV_ROOT || (fs.existsSync(path.join(prefix, 'versions')) ? prefix : path.join(os.homedir(), '.pyenv'));
  let versions = [];
  try {
    versions = fs.readdirSync(path.join(root, 'versions')).filter((v) => /^\d+\.\d+\.\d+$/.test(v));
  } catch {
    // no versions installed: pyenv is still benchmarked for start-up
  }
  const virtualenvInit = [prefix, root].some((dir) => isExecutable(path.join(dir, 'plugins', 'pyenv-virtualenv', 'bin', 'pyenv-virtualenv-init')))
    || Boolean(which('pyenv-virtualenv-init', process.env.PATH, isShimDir));
  const version = firstLine(real, ['--version'], { ...process.env, PYENV_ROOT: root }) ?? '?';
  return { exe: real, binDir: path.dirname(exe), prefix, root, versions, virtualenvInit, version: version.replace(/^pyenv /, '') };
}

/**
 * virtualenvwrapper.sh (and its lazy loader) plus a Python that can run its
 * hooks, as a user would configure VIRTUALENVWRAPPER_PYTHON.
 *
 * @returns {{ script: string, lazy: string | undefined, python: string, version: string } | undefined}
 */
export function findVirtualenvwrapper() {
  const dirs = ['/usr/share/virtualenvwrapper', '/usr/local/bin', '/usr/bin'];
  const onPath = which('virtualenvwrapper.sh', process.env.PATH, isShimDir);
  const script = [onPath, ...dirs.map((d) => path.join(d, 'virtualenvwrapper.sh'))].find((f) => f && isReadable(f));
  if (!script) return undefined;
  const lazy = path.join(path.dirname(script), 'virtualenvwrapper_lazy.sh');
  const pythons = ['/usr/bin/python3', which('python3', process.env.PATH, isShimDir), '/usr/local/bin/python3'].filter(Boolean);
  for (const python of pythons) {
    if (!isExecutable(python)) continue;
    const version = firstLine(python, ['-c', "import virtualenvwrapper.hook_loader\ntry:\n import importlib.metadata as m; print(m.version('virtualenvwrapper'))\nexcept Exception:\n print('?')"]);
    if (version) return { script, lazy: isReadable(lazy) ? lazy : undefined, python, version };
  }
  return undefined;
}

/** The PATH every child gets: the system's directories and those of the shells found, no version-manager shims. */
export function basePath(shells) {
  const dirs = [...Object.values(shells).filter(Boolean).map((s) => path.dirname(s.path)), '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
  return [...new Set(dirs)].filter((d) => fs.existsSync(d)).join(path.delimiter);
}

function osName() {
  try {
    const text = fs.readFileSync('/etc/os-release', 'utf8');
    const m = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(text);
    if (m) return `${m[1]} (${os.type()} ${os.release()})`;
  } catch {
    // not Linux, or a minimal image
  }
  return `${os.type()} ${os.release()}`;
}

/** The machine the figures came from, as printed beside them. */
export function describeMachine(shells) {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model?.trim() || os.arch(),
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    os: osName(),
    node: process.version,
    shells: Object.fromEntries(Object.entries(shells).map(([k, v]) => [k, v?.version])),
    load: os.loadavg().map((l) => l.toFixed(2)).join(' '),
  };
}
