/**
 * Carrying out a profile plan: the only place that writes users' profiles.
 *
 * API
 *   applyPlan(plan, options) → ApplyResult
 *     options.dataDir      pyshim's data dir: the lock file and the record of created files
 *     options.backupsDir   where previous contents are kept (paths.backups)
 *     options.checkers     shell → syntax-check argv (default DEFAULT_CHECKERS)
 *
 * Under one lock for all pyshim processes it re-reads every file and redoes
 * the (deterministic) edit on what is there now — so ten `setup`s at once
 * leave one block even though each planned against the file without one.
 * Then every change is validated before the first one is written: syntax
 * (a profile that parsed must still parse) and writability as the user has
 * it, also when run as root (see checkWritable). Each write keeps the file's
 * mode and owner, goes to a symlink's target, saves the old content under
 * backups/ first, and is atomic (a new file renamed over the old) — except
 * for a file with several hard links, which is edited in place so that every
 * name keeps seeing one file (see rewriteInPlace for what a crash can leave).
 * If a write still fails, the files already written in this run are put back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { PyshimError } from '../errors.js';
import { quotePosix } from '../shell/quote.js';
import { fsyncDirectory, replaceFileAtomic, rewriteInPlace } from '../util/atomic.js';
import { withLock } from './lock.js';
import { computeAfter, isSourcedSnippet, missingDirs, readTarget, type FileChange, type Plan } from './plan.js';
import { fileStore, type ProfileState, type StateStore } from './state.js';
import { END_MARKER } from './block.js';
import { readingProblem } from './health.js';
import { DEFAULT_CHECKERS, parses, type SyntaxCheckers } from './syntax.js';

export interface ApplyOptions {
  dataDir: string;
  /** Where the record of created files is kept (default: a file in dataDir). */
  store?: StateStore;
  backupsDir: string;
  checkers?: SyntaxCheckers;
  lockTimeoutMs?: number;
}

export type Action = 'created' | 'updated' | 'deleted' | 'unchanged';

export interface AppliedFile {
  path: string;
  target: string;
  action: Action;
  /** Where the previous content was saved. */
  backup?: string;
  /** What is wrong with the file for its shell (it did not parse before, a BOM, CRLF): for a warning. */
  problem?: string;
  /** Whether pyshim's block runs all the same (the shell reaches it before the fault, or the fault is in the user's lines). */
  blockRuns?: boolean;
}

export interface ApplyResult {
  files: AppliedFile[];
  createdDirs: string[];
  removedDirs: string[];
}

/** A change redone against the file as it is now, under the lock. */
interface Step {
  change: FileChange;
  current: Buffer | null;
  after: Buffer | null;
  mode?: number;
  uid?: number;
  gid?: number;
  /** The file has other names (hard links): write its inode, never rename over it. */
  inPlace: boolean;
  createDirs: string[];
  /**
   * Its shell's syntax check failed before the edit (set by checkSyntax): 'after-block' when the text up to
   * the end of pyshim's block still passes (the shell runs commands as it reads them, so the block runs and
   * the fault comes later), 'before-block' when the fault comes first and the shell never reaches the block.
   */
  unparsable?: 'before-block' | 'after-block';
}

function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function same(a: Buffer | null, b: Buffer | null): boolean {
  return a === null || b === null ? a === b : a.equals(b);
}

function actionOf(step: Step): Action {
  if (same(step.current, step.after)) return 'unchanged';
  if (step.current === null) return 'created';
  return step.after === null ? 'deleted' : 'updated';
}

function shownName(change: FileChange): string {
  return change.target === path.resolve(change.path) ? change.path : `${change.path} (-> ${change.target})`;
}

function refuseUnwritable(change: FileChange, what: string, error: unknown): PyshimError {
  const name = shownName(change);
  return new PyshimError(
    `${name}: cannot write ${what} (${errnoOf(error) ?? String(error)}); nothing was changed`,
    // Only setup can be pointed elsewhere; uninstall must take the block out of this very file.
    change.edit.kind === 'insert' ? 'make it writable (or choose another profile with --rc-file), then run the command again' : 'make it writable, then run the command again',
  );
}

function redo(change: FileChange, state: ProfileState): Step {
  const current = readTarget(change.path, change.target);
  const owned = state.createdFiles.some((f) => f.path === change.target);
  const after = computeAfter(change.path, current, change.edit, owned, isSourcedSnippet(change.path, change.target));
  const step: Step = { change, current, after, inPlace: false, createDirs: current === null && after !== null ? missingDirs(change.path, change.target) : [] };
  if (current !== null) {
    const stat = fs.statSync(change.target);
    step.mode = stat.mode & 0o7777;
    step.uid = stat.uid;
    step.gid = stat.gid;
    step.inPlace = stat.nlink > 1;
  }
  return step;
}

/** No write bit for anyone (0444, 0555): read-only by the user's choice. */
function readOnlyByMode(file: string): number | undefined {
  let mode: number;
  try {
    mode = fs.statSync(file).mode & 0o7777;
  } catch {
    return undefined; // the kernel's own check below names the error
  }
  return (mode & 0o222) === 0 ? mode : undefined;
}

function refuseReadOnly(what: string, file: string, mode: number): PyshimError {
  return new PyshimError(
    `${what} is read-only (mode ${mode.toString(8).padStart(4, '0')}); pyshim does not write past that, not even as root; nothing was changed`,
    `if pyshim may edit it: chmod u+w ${quotePosix(file)}, then run the command again`,
  );
}

/**
 * Could this step be written, as the user has it? Root passes every
 * permission check (access(2) says yes to it), so the mode bits are read
 * here: a profile, or a directory pyshim must write in, that grants write to
 * nobody is refused for every user, root included. Beyond that the kernel
 * decides: the file is opened for writing (nothing is written), and the
 * directory — needed to rename over the file, create or delete it — is asked
 * with access(2), which sees read-only mounts and immutable flags even for
 * root.
 */
function checkWritable(step: Step): void {
  const { change } = step;
  if (step.current !== null) {
    const mode = readOnlyByMode(change.target);
    if (mode !== undefined) throw refuseReadOnly(shownName(change), change.path, mode);
    try {
      fs.closeSync(fs.openSync(change.target, fs.constants.O_WRONLY));
    } catch (error) {
      throw refuseUnwritable(change, 'the file', error);
    }
  }
  // An edit in place writes the inode only; the directory stays as it is.
  if (step.inPlace && step.after !== null) return;
  const dir = step.createDirs.length > 0 ? path.dirname(step.createDirs[0]!) : path.dirname(change.target);
  const mode = readOnlyByMode(dir);
  if (mode !== undefined) throw refuseReadOnly(`${shownName(change)}: its directory ${dir}`, dir, mode);
  try {
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (error) {
    throw refuseUnwritable(change, `in its directory ${dir}`, error);
  }
}

/** Refuse an edit that would make a parsing profile stop parsing; say when it did not parse before (the block would never run). */
async function checkSyntax(step: Step, checkers: SyntaxCheckers): Promise<void> {
  if (step.after === null) return;
  const now = await parses(step.change.shell, step.after, checkers);
  if (now !== false) return;
  const before = step.current === null ? undefined : await parses(step.change.shell, step.current, checkers);
  // A profile that did not parse before is not made worse by us; the caller tells the user.
  if (before === false) {
    const end = step.after.lastIndexOf(`${END_MARKER}\n`);
    const upToBlock = end < 0 ? undefined : await parses(step.change.shell, step.after.subarray(0, end + END_MARKER.length + 1), checkers);
    step.unparsable = upToBlock === true ? 'after-block' : 'before-block';
    return;
  }
  throw new PyshimError(
    `${step.change.path}: with pyshim's block added, the file would fail ${step.change.shell}'s syntax check; nothing was changed`,
    `see the edit with \`pyshim setup --dry-run\`; to load pyshim yourself, put the output of \`pyshim init ${step.change.shell === 'sh' ? 'bash' : step.change.shell}\` where it fits in the file`,
  );
}

/**
 * What is wrong with the file as the shell reads it, worded for a warning: whether pyshim's block runs
 * (`blockRuns`) is said by the caller. A byte-order mark or CRLF line endings spoil the user's own
 * commands (the first one, or each one), not the block, which is written with plain line endings.
 */
function problemOf(step: Step): { problem?: string; blockRuns?: boolean } {
  if (step.change.edit.kind !== 'insert') return {};
  if (step.unparsable) {
    const at = step.unparsable === 'after-block' ? 'after' : 'before';
    return { problem: `${step.change.shell} cannot read all of it (its syntax check fails before any edit, ${at} pyshim's block)`, blockRuns: at === 'after' };
  }
  const problem = step.current === null ? undefined : readingProblem(step.current);
  return problem ? { problem: problem.replace('FILE', quotePosix(step.change.path)), blockRuns: true } : {};
}

function backupName(target: string, when: Date): string {
  const stamp = when.toISOString().replace(/:/g, '-');
  return `${target.replace(/^\/+/, '').replace(/\//g, '%')}.${stamp}`;
}

/** Save the old content under backups/, private (profiles hold secrets), never overwriting an earlier one. */
function backup(backupsDir: string, target: string, content: Buffer): string {
  fs.mkdirSync(backupsDir, { recursive: true, mode: 0o700 });
  const base = path.join(backupsDir, backupName(target, new Date()));
  for (let n = 0; ; n += 1) {
    const file = n === 0 ? base : `${base}.${n}`;
    let fd: number;
    try {
      fd = fs.openSync(file, 'wx', 0o600);
    } catch (error) {
      if (errnoOf(error) === 'EEXIST') continue;
      throw error;
    }
    try {
      fs.writeFileSync(fd, content);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    return file;
  }
}

function backupOrRefuse(backupsDir: string, step: Step): string {
  try {
    return backup(backupsDir, step.change.target, step.current!);
  } catch (error) {
    throw new PyshimError(
      `cannot save the previous content of ${step.change.path} under ${backupsDir} (${errnoOf(error) ?? String(error)}); nothing was changed`,
      "make pyshim's data directory writable, then run the command again",
    );
  }
}

/** Give an existing target `content`: in place for a hard-linked file, else atomically. */
function putContent(step: Step, content: Buffer): void {
  if (step.inPlace && fs.existsSync(step.change.target)) rewriteInPlace(step.change.target, content);
  else replaceFileAtomic(step.change.target, content, { mode: step.mode, uid: step.uid, gid: step.gid });
}

function write(step: Step): void {
  const { target } = step.change;
  if (step.after === null) {
    // The file's other names (hard links) keep it: they get the content without the block.
    if (step.inPlace) rewriteInPlace(target, Buffer.alloc(0));
    fs.unlinkSync(target);
    fsyncDirectory(path.dirname(target));
    return;
  }
  for (const dir of step.createDirs) fs.mkdirSync(dir);
  putContent(step, step.after);
}

/** Put back what this run already wrote (best effort: the first error is what the user sees). */
function rollBack(done: Step[]): void {
  for (const step of [...done].reverse()) {
    try {
      if (step.current === null) {
        fs.rmSync(step.change.target, { force: true });
        for (const dir of [...step.createDirs].reverse()) fs.rmdirSync(dir);
      } else {
        putContent(step, step.current);
      }
    } catch {
      // keep restoring the others
    }
  }
}

function removeEmptyDirs(dirs: string[]): string[] {
  const removed: string[] = [];
  for (const dir of dirs) {
    try {
      fs.rmdirSync(dir);
      removed.push(dir);
    } catch (error) {
      // Not empty (the user put files there), or already gone: not ours to force.
      if (!['ENOENT', 'ENOTEMPTY', 'EEXIST', 'ENOTDIR'].includes(errnoOf(error) ?? '')) throw error;
    }
  }
  return removed;
}

function nextState(state: ProfileState, plan: Plan, steps: Step[]): ProfileState {
  const handled = new Set(steps.filter((s) => s.change.edit.kind === 'remove').map((s) => s.change.target));
  const createdFiles = state.createdFiles.filter((f) => !handled.has(f.path) && fs.existsSync(f.path));
  const createdDirs = state.createdDirs.filter((d) => !plan.removeDirs.includes(d));
  for (const step of steps) {
    if (actionOf(step) !== 'created') continue;
    if (!createdFiles.some((f) => f.path === step.change.target)) createdFiles.push({ path: step.change.target, shell: step.change.shell });
    createdDirs.push(...step.createDirs.filter((d) => !createdDirs.includes(d)));
  }
  return { createdFiles, createdDirs };
}

export async function applyPlan(plan: Plan, options: ApplyOptions): Promise<ApplyResult> {
  const checkers = options.checkers ?? DEFAULT_CHECKERS;
  return withLock(
    path.join(options.dataDir, 'profiles.lock'),
    async () => {
      const store = options.store ?? fileStore(options.dataDir);
      const state = store.read();
      const steps = plan.changes.map((change) => redo(change, state));
      const writes = steps.filter((s) => actionOf(s) !== 'unchanged');
      for (const step of writes) {
        checkWritable(step);
        await checkSyntax(step, checkers);
      }
      const done: Step[] = [];
      const backups = new Map<Step, string>();
      try {
        for (const step of writes) {
          if (step.current !== null) backups.set(step, backupOrRefuse(options.backupsDir, step));
          write(step);
          done.push(step);
        }
      } catch (error) {
        rollBack(done);
        const step = writes[done.length]!;
        throw error instanceof PyshimError ? error : refuseUnwritable(step.change, 'the file', error);
      }
      const removedDirs = removeEmptyDirs(plan.removeDirs);
      store.write(nextState(state, plan, steps));
      return {
        files: steps.map((s) => ({ path: s.change.path, target: s.change.target, action: actionOf(s), backup: backups.get(s), ...problemOf(s) })),
        createdDirs: writes.flatMap((s) => s.createDirs),
        removedDirs,
      };
    },
    { timeoutMs: options.lockTimeoutMs },
  );
}
