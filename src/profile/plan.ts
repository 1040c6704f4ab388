/**
 * Plans of profile edits: every change computed as data before anything is
 * written (conda's plan-then-apply). Reads files; never writes.
 *
 * API
 *   planInsert(files: InsertRequest[])            one block with each file's body, in each file
 *   planRemove(files: ProfileFile[], dataDir)     no block in any of them, nor in the files pyshim
 *                                                 created (from the state in dataDir); files pyshim
 *                                                 created, and fish conf.d snippets, are deleted when
 *                                                 nothing but whitespace is left in them
 *   computeAfter(file, before, edit, owned, snippet)  the pure step, shared with applyPlan's re-check
 *   isSourcedSnippet(file, target)                a fish conf.d/*.fish file (deleted once emptied)
 *   resolveTarget(path)                           follow a symlink chain, as the kernel does, to the
 *                                                 file really edited
 *
 * Refusals (PyshimError, exit 1, nothing changed): broken markers (with line
 * numbers), a profile that is a directory or lies under something that is not
 * a directory, a profile that cannot be read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PyshimError } from '../errors.js';
import { isSnippetPath } from '../shell/startup/index.js';
import { BrokenMarkersError, insertBlock, ownedFileText, removeBlocks } from './block.js';
import { fileStore, type StateStore } from './state.js';

export interface ProfileFile {
  /** The profile as the user names it (may be a symlink). */
  path: string;
  /** Which shell reads it: picks the syntax checker ('bash', 'zsh', 'fish', 'sh'). */
  shell: string;
}

export interface InsertRequest extends ProfileFile {
  /** The block's body (without markers), e.g. the line that sources the init file. */
  body: string;
  /** Where a new block goes: appended (default), or first in the file (see insertBlock). */
  at?: 'start' | 'end';
}

export type Edit = { kind: 'insert'; body: string; at?: 'start' | 'end' } | { kind: 'remove' };

export interface FileChange {
  path: string;
  /** The file really written: `path` after symlinks. */
  target: string;
  shell: string;
  edit: Edit;
  /** null: the file does not exist. */
  before: Buffer | null;
  /** null: the file is to be deleted (or stays absent). */
  after: Buffer | null;
  /** Directories to create for a new file, outermost first. */
  createDirs: string[];
}

export interface Plan {
  changes: FileChange[];
  /** Directories pyshim created, to remove (when empty) after the changes; deepest first. */
  removeDirs: string[];
}

export function changed(change: FileChange): boolean {
  if (change.before === null || change.after === null) return change.before !== change.after;
  return !change.before.equals(change.after);
}

function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/**
 * The file a profile's name leads to, as the kernel finds it: a name that is
 * not a symlink is itself; a symlink is followed from the real directory it
 * lies in, one component at a time, so a `..` after a linked directory goes
 * to that directory's real parent (never lexically, which would name another
 * file than the one the shell reads). A target that does not exist yet (a
 * dotfiles repo not checked out) is returned as the path to create.
 */
export function resolveTarget(file: string): string {
  const start = path.resolve(file);
  try {
    if (!fs.lstatSync(start).isSymbolicLink()) return start;
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return start;
    throw refuseUnreadable(file, error);
  }
  let resolved = '/';
  let rest = start.split('/');
  for (let hops = 0; rest.length > 0; ) {
    const name = rest.shift()!;
    if (name === '' || name === '.') continue;
    if (name === '..') {
      // `resolved` holds no links, so its parent is the real one.
      resolved = path.dirname(resolved);
      continue;
    }
    const next = path.join(resolved, name);
    let link: string;
    try {
      link = fs.readlinkSync(next);
    } catch (error) {
      const code = errnoOf(error);
      // EINVAL: a real file or directory. ENOENT: nothing there yet; the rest is what would be created.
      if (code === 'EINVAL') {
        resolved = next;
        continue;
      }
      if (code === 'ENOENT') return path.resolve(next, ...rest);
      throw refuseUnreadable(file, error);
    }
    hops += 1;
    if (hops > 40) throw new PyshimError(`${file}: too many levels of symbolic links`, 'point the link at a real file, then run the command again');
    if (path.isAbsolute(link)) resolved = '/';
    rest = [...link.split('/'), ...rest];
  }
  return resolved;
}

function refuseUnreadable(file: string, error: unknown): PyshimError {
  const code = errnoOf(error);
  if (code === 'ENOTDIR') {
    return new PyshimError(`${file}: a part of this path is not a directory`, 'move the file that is in the way, or choose another profile with --rc-file');
  }
  return new PyshimError(`${file}: cannot read it (${code ?? String(error)})`, 'check its permissions, then run the command again');
}

function refuseDirectory(file: string, target: string): PyshimError {
  const what = target === path.resolve(file) ? file : `${file} (-> ${target})`;
  return new PyshimError(`${what} is a directory, not a shell profile`, 'move it out of the way, or choose another profile with --rc-file');
}

/** The current bytes of a profile's target, or null when absent. */
export function readTarget(file: string, target: string): Buffer | null {
  try {
    const stat = fs.statSync(target);
    if (stat.isDirectory()) throw refuseDirectory(file, target);
    // A link to /dev/null or a FIFO: reading could block, and renaming over it would replace it.
    if (!stat.isFile()) {
      throw new PyshimError(`${file}${target === path.resolve(file) ? '' : ` (-> ${target})`} is not a regular file`, 'choose another profile with --rc-file');
    }
    return fs.readFileSync(target);
  } catch (error) {
    if (error instanceof PyshimError) throw error;
    if (errnoOf(error) === 'ENOENT') return null;
    if (errnoOf(error) === 'EISDIR') throw refuseDirectory(file, target);
    throw refuseUnreadable(file, error);
  }
}

/** Directories that must be made for `target`, outermost first; refuses when something in the way is not a directory. */
export function missingDirs(file: string, target: string): string[] {
  const missing: string[] = [];
  let dir = path.dirname(target);
  for (;;) {
    try {
      if (!fs.statSync(dir).isDirectory()) throw refuseUnreadable(file, Object.assign(new Error(), { code: 'ENOTDIR' }));
      return missing.reverse();
    } catch (error) {
      if (error instanceof PyshimError) throw error;
      if (errnoOf(error) !== 'ENOENT') throw refuseUnreadable(file, error);
    }
    missing.push(dir);
    const parent = path.dirname(dir);
    if (parent === dir) return missing.reverse();
    dir = parent;
  }
}

/**
 * Is a profile one that exists only to be sourced, so that a file left with
 * nothing but whitespace once pyshim's blocks are out is deleted rather than
 * kept empty? A fish conf.d/*.fish snippet that is not a link: fish sources
 * every such file, and one holding only pyshim's block was made with
 * `pyshim init fish > FILE`. (A link's target lives elsewhere, e.g. in a
 * dotfiles repository, and is left there.)
 */
export function isSourcedSnippet(file: string, target: string): boolean {
  return isSnippetPath(target) && target === path.resolve(file);
}

const WHITESPACE = /^[ \t\r\n\f\v]*$/;

/**
 * The new content for one file; null: delete it. A removal deletes the file
 * when pyshim created it (`owned`) or it is a sourced snippet (`snippet`, see
 * isSourcedSnippet) and removing the blocks left only whitespace. Any other
 * profile keeps what is left, even nothing: an emptied ~/.bashrc stays.
 */
export function computeAfter(file: string, before: Buffer | null, edit: Edit, owned: boolean, snippet = false): Buffer | null {
  try {
    if (edit.kind === 'insert') return before === null ? ownedFileText(edit.body) : insertBlock(before, edit.body, edit.at);
    if (before === null) return null;
    const after = removeBlocks(before);
    const onlyBlocksLeft = after.length < before.length && WHITESPACE.test(after.toString('latin1'));
    return (owned && after.length === 0) || ((owned || snippet) && onlyBlocksLeft) ? null : after;
  } catch (error) {
    if (error instanceof BrokenMarkersError) {
      throw new PyshimError(
        `${file}: the pyshim markers are broken (${error.message}); the file was left untouched`,
        'fix or delete those marker lines by hand, then run the command again',
      );
    }
    throw error;
  }
}

/** One key per file on disk: its device and inode when it exists (hard links are one file), else its path. */
function fileKey(target: string): string {
  try {
    const stat = fs.statSync(target);
    return `${stat.dev}:${stat.ino}`;
  } catch {
    return target;
  }
}

/**
 * One change per file on disk: two names for one file (~/.profile ->
 * ~/.bashrc, or two hard links) give one edit. `make` sees the file's
 * current bytes.
 */
function planFiles<F extends ProfileFile>(files: F[], make: (file: F, target: string, before: Buffer | null) => FileChange | undefined): FileChange[] {
  const changes: FileChange[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const target = resolveTarget(file.path);
    const key = fileKey(target);
    if (seen.has(key)) continue;
    seen.add(key);
    const change = make(file, target, readTarget(file.path, target));
    if (change) changes.push(change);
  }
  return changes;
}

export function planInsert(files: InsertRequest[]): Plan {
  const changes = planFiles(files, (file, target, before) => {
    const edit: Edit = { kind: 'insert', body: file.body, ...(file.at ? { at: file.at } : {}) };
    return {
      path: file.path,
      target,
      shell: file.shell,
      edit,
      before,
      after: computeAfter(file.path, before, edit, false),
      createDirs: before === null ? missingDirs(file.path, target) : [],
    };
  });
  return { changes, removeDirs: [] };
}

/** `record`: pyshim's data dir (its stand-alone record file) or the store holding the record. */
export function planRemove(files: ProfileFile[], record: string | StateStore): Plan {
  const state = (typeof record === 'string' ? fileStore(record) : record).read();
  const owned = new Set(state.createdFiles.map((f) => f.path));
  const changes = planFiles([...files, ...state.createdFiles], (file, target, before) => {
    if (before === null) return undefined;
    const edit: Edit = { kind: 'remove' };
    return {
      path: file.path,
      target,
      shell: file.shell,
      edit,
      before,
      after: computeAfter(file.path, before, edit, owned.has(target), isSourcedSnippet(file.path, target)),
      createDirs: [],
    };
  });
  // Deepest first, so a parent is tried after its children; only directories pyshim made.
  const removeDirs = [...state.createdDirs].sort((a, b) => b.length - a.length);
  return { changes, removeDirs };
}
