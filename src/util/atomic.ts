import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/**
 * Replace `file` with `data` so that a crash leaves the old or the new
 * content, never half: write a temporary file in the same directory (same
 * file system), flush it, then rename over the target.
 */
export function writeFileAtomic(file: string, data: string | Uint8Array, mode?: number): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.pyshim-${process.pid}-${Date.now()}.tmp`);
  const fd = fs.openSync(tmp, 'w', mode ?? 0o644);
  try {
    fs.writeFileSync(fd, data);
    if (mode !== undefined) fs.fchmodSync(fd, mode);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}

export interface KeepOptions {
  /** Permission bits to give the new file (the old file's, when replacing one). */
  mode?: number;
  /** Owner to give the new file; only root can give away files, so it is tried only then. */
  uid?: number;
  gid?: number;
}

/**
 * Like writeFileAtomic, for files that belong to the user (shell profiles):
 * the directory must exist (creating it is the caller's decision), the new
 * file gets the old one's mode and owner, the temporary name cannot collide
 * between processes or calls, and the directory entry is flushed too, so the
 * rename survives a crash.
 */
export function replaceFileAtomic(file: string, data: Uint8Array, keep: KeepOptions = {}): void {
  const dir = path.dirname(file);
  const tmp = path.join(dir, `.${path.basename(file)}.pyshim-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, 'wx', keep.mode ?? 0o666);
  try {
    try {
      fs.writeFileSync(fd, data);
      // Owner first: chown clears set-id bits, which the mode then restores.
      if (keep.uid !== undefined && keep.gid !== undefined && process.getuid?.() === 0) fs.fchownSync(fd, keep.uid, keep.gid);
      // The mode given to open() is filtered by the umask; the old file's is not.
      if (keep.mode !== undefined) fs.fchmodSync(fd, keep.mode);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(tmp, file);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
  fsyncDirectory(dir);
}

/** Flush a directory's entries (after a rename or unlink); not every file system allows it. */
export function fsyncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Best effort: the data itself was flushed already.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * Give `file` new content without replacing its inode, for a file that has
 * other names (hard links, as dotfiles managers make them with `ln`): a
 * rename would split those names off, and later edits in the repository would
 * no longer reach the profile.
 *
 * This cannot be atomic, so it touches as few bytes as it can: it keeps the
 * part old and new content share, writes the rest in one go, cuts the file to
 * its new length, and flushes. pyshim's usual edits append a block (one write
 * past the old end) or cut a trailing block off (one ftruncate), so a crash
 * leaves the old bytes whole, plus at most part of a block — which the marker
 * check then refuses, naming the line. A block in the middle moves the rest
 * of the file, and a crash there can leave a mix; hence callers save the old
 * content, flushed, before calling (the profile editor keeps it under
 * backups/ and names it).
 */
export function rewriteInPlace(file: string, data: Uint8Array): void {
  const fd = fs.openSync(file, 'r+');
  try {
    const old = fs.readFileSync(fd);
    let same = 0;
    while (same < old.length && same < data.length && old[same] === data[same]) same += 1;
    for (let at = same; at < data.length; ) at += fs.writeSync(fd, data, at, data.length - at, at);
    if (old.length !== data.length) fs.ftruncateSync(fd, data.length);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}
