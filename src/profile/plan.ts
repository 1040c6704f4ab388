/**
 * Plans of profile edits: every change computed as data before anything is
 * written (conda's plan-then-apply). Reads files; never writes.
 *
 * API
 *   planInsert(files: InsertRequest[])            one block with each file's body, in each file
 *   planRemove(files: ProfileFile[], dataDir)     no block in any of them, nor in the files pyshim
 *                                                 created (from the state in dataDir); files pyshim
 *                                                 created are deleted when nothing else is left in them
 *   computeAfter(before, edit, owned)             the pure step, shared with applyPlan's re-check
 *   resolveTarget(path)                           follow a symlink chain to the file really edited
 *
 * Refusals (PyshimError, exit 1, nothing changed): broken markers (with line
 * numbers), a profile that is a directory or lies under something that is not
 * a directory, a profile that cannot be read.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PyshimError } from '../errors.js';
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
}

export type Edit = { kind: 'insert'; body: string } | { kind: 'remove' };

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

/** Follow symlinks at the last component, even to a target that does not exist yet (a dotfiles repo not checked out). */
export function resolveTarget(file: string): string {
  let current = path.resolve(file);
  for (let hops = 0; hops < 40; hops += 1) {
    let link: string;
    try {
      link = fs.readlinkSync(current);
    } catch (error) {
      const code = errnoOf(error);
      // EINVAL: not a symlink; ENOENT: nothing there yet. Either way this is the file.
      if (code === 'EINVAL' || code === 'ENOENT') return current;
      throw refuseUnreadable(file, error);
    }
    current = path.resolve(path.dirname(current), link);
  }
  throw new PyshimError(`${file}: too many levels of symbolic links`, 'point the link at a real file, then run the command again');
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
 * The new content for one file. `owned`: pyshim created the file, so it is
 * deleted once nothing but its block was in it.
 */
export function computeAfter(file: string, before: Buffer | null, edit: Edit, owned: boolean): Buffer | null {
  try {
    if (edit.kind === 'insert') return before === null ? ownedFileText(edit.body) : insertBlock(before, edit.body);
    if (before === null) return null;
    const after = removeBlocks(before);
    return owned && after.length === 0 ? null : after;
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

/**
 * One change per file on disk: two names for one file (~/.profile ->
 * ~/.bashrc) give one edit. `make` sees the file's current bytes.
 */
function planFiles<F extends ProfileFile>(files: F[], make: (file: F, target: string, before: Buffer | null) => FileChange | undefined): FileChange[] {
  const changes: FileChange[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    const target = resolveTarget(file.path);
    if (seen.has(target)) continue;
    seen.add(target);
    const change = make(file, target, readTarget(file.path, target));
    if (change) changes.push(change);
  }
  return changes;
}

export function planInsert(files: InsertRequest[]): Plan {
  const changes = planFiles(files, (file, target, before) => {
    const edit: Edit = { kind: 'insert', body: file.body };
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
      after: computeAfter(file.path, before, edit, owned.has(target)),
      createDirs: [],
    };
  });
  // Deepest first, so a parent is tried after its children; only directories pyshim made.
  const removeDirs = [...state.createdDirs].sort((a, b) => b.length - a.length);
  return { changes, removeDirs };
}
