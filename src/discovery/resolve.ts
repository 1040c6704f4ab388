import fs from 'node:fs';
import path from 'node:path';
import type { Candidate, Source } from './sources.js';

/** A candidate after following links: one entry per file on disk. */
export interface ResolvedFile {
  path: string;
  names: string[];
  source: Source;
  mtimeMs: number;
  size: number;
}

function isScript(file: string): boolean {
  // Interpreters are binaries; `#!` files are wrappers such as pyenv's shims,
  // whose target changes with `pyenv global` and which cost ~35 ms a call.
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const head = Buffer.alloc(2);
    fs.readSync(fd, head, 0, 2, 0);
    return head.toString('latin1') === '#!';
  } catch {
    return true;
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * The virtual environment a candidate's own directory belongs to, if any.
 * A venv's `bin/python` is a symlink to its base interpreter, but it is not
 * that interpreter: Python finds `pyvenv.cfg` next to the path it was
 * started as, and then has another prefix and no user site. So it must be
 * probed by that path, and kept apart from its base.
 */
function venvOf(file: string, dirs: Map<string, string | null>): string | undefined {
  const dir = path.dirname(file);
  let venv = dirs.get(dir);
  if (venv === undefined) {
    try {
      const root = path.dirname(realpath(dir));
      venv = fs.statSync(path.join(root, 'pyvenv.cfg'), { throwIfNoEntry: false })?.isFile() ? root : null;
    } catch {
      venv = null;
    }
    dirs.set(dir, venv);
  }
  return venv ?? undefined;
}

// The libuv realpath: one system call instead of an lstat per path component.
const realpath = fs.realpathSync.native;

/**
 * Follow links and deduplicate by device + inode, so symlinks and hard links
 * (python3.6 and python3.6m) are one interpreter — except inside a virtual
 * environment, where the link itself is the interpreter (see venvOf). The
 * first candidate to reach a file gives it its source, so source order is
 * label priority.
 */
export function resolveCandidates(
  candidates: Candidate[],
  options: { allowScripts?: boolean; knownInterpreter?: (file: string, mtimeMs: number, size: number) => boolean } = {},
): ResolvedFile[] {
  const byInode = new Map<string, ResolvedFile>();
  const venvDirs = new Map<string, string | null>();
  for (const candidate of candidates) {
    let stat: fs.Stats;
    const venv = venvOf(candidate.path, venvDirs);
    try {
      // stat follows links: the file's own device and inode.
      stat = fs.statSync(candidate.path);
    } catch {
      continue;
    }
    if (!stat.isFile() || (stat.mode & 0o111) === 0) continue;
    const key = `${venv ?? ''}:${stat.dev}:${stat.ino}`;
    const seen = byInode.get(key);
    if (seen) {
      if (!seen.names.includes(candidate.path)) seen.names.push(candidate.path);
      continue;
    }
    // Only a file met for the first time needs its real path.
    let real: string;
    try {
      real = venv ? path.join(realpath(path.dirname(candidate.path)), path.basename(candidate.path)) : realpath(candidate.path);
    } catch {
      continue;
    }
    // A file the probe cache already knows as this interpreter was read before.
    if (!options.allowScripts && !options.knownInterpreter?.(real, stat.mtimeMs, stat.size) && isScript(real)) continue;
    byInode.set(key, { path: real, names: [candidate.path], source: candidate.source, mtimeMs: stat.mtimeMs, size: stat.size });
  }
  return [...byInode.values()];
}
