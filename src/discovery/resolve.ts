import fs from 'node:fs';
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
 * Follow links and deduplicate by device + inode, so symlinks and hard links
 * (python3.6 and python3.6m) are one interpreter. The first candidate to
 * reach a file gives it its source, so source order is label priority.
 */
export function resolveCandidates(candidates: Candidate[], options: { allowScripts?: boolean } = {}): ResolvedFile[] {
  const byInode = new Map<string, ResolvedFile>();
  for (const candidate of candidates) {
    let real: string;
    let stat: fs.Stats;
    try {
      real = fs.realpathSync(candidate.path);
      stat = fs.statSync(real);
    } catch {
      continue;
    }
    if (!stat.isFile() || (stat.mode & 0o111) === 0) continue;
    const key = `${stat.dev}:${stat.ino}`;
    const seen = byInode.get(key);
    if (seen) {
      if (!seen.names.includes(candidate.path)) seen.names.push(candidate.path);
      continue;
    }
    if (!options.allowScripts && isScript(real)) continue;
    byInode.set(key, { path: real, names: [candidate.path], source: candidate.source, mtimeMs: stat.mtimeMs, size: stat.size });
  }
  return [...byInode.values()];
}
