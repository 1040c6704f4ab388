/**
 * One transaction per state change. Every command that changes pyshim's
 * state (add, remove, default, setup, bootstrap, python build/uninstall) runs
 * its decisions inside `transaction()`: one lock, the registry loaded once,
 * then — whatever the command changed — the runtime copies, the init files
 * and the registry with its record written together before the lock is
 * released. So concurrent commands cannot lose each other's lines or profile
 * records, and no command can change the registry without the init files
 * following (the fault behind "bootstrap rewrote the shims but not
 * init.bash").
 *
 * API
 *   transaction(ctx, (tx) => …, options?) → the callback's result
 *     tx.registry             the registry, to change in place
 *     tx.record               what pyshim made (kept in the registry)
 *     tx.machine(extra?)      discovery, once per command (src/state/machine.ts)
 *     tx.writeFile(f, c, m)   write a generated file atomically if its content differs; recorded
 *     tx.removeFile(f)        delete a generated file; forgotten
 *     tx.makeDir(d)           mkdir -p; the levels made are recorded (errno errors as record.ts makeDirs)
 *     tx.noteFile(f)          a file written on pyshim's behalf (a log, a backup); recorded
 *     tx.profileStore         the record, as the profile editor keeps it
 *     tx.refresh()            rewrite runtime and init files even if the registry did not change
 *   lockFile(paths)           the one lock every state change takes
 *
 * A transaction that changed nothing writes nothing: a refused `add` leaves no
 * file and no directory behind (not even the lock's). One stopped by a signal
 * (Ctrl-C, a closed terminal) puts back what it had written (state/undo.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import type { Candidate } from '../discovery/sources.js';
import { renderAllInitFiles } from '../init/write.js';
import type { Paths } from '../paths.js';
import { withLock } from '../profile/lock.js';
import type { StateStore } from '../profile/state.js';
import { loadRegistry, saveRegistry, type Line, type Registry } from '../registry/registry.js';
import { workonHome } from '../shims/plan.js';
import { writeFileAtomic } from '../util/atomic.js';
import { tildify } from '../util/ui.js';
import { PyshimError } from '../errors.js';
import { Machine } from './machine.js';
import { adoptLegacy, emptyRecord, forgetFile, makeDirs, missingLevels, noteCreatedDirs, noteFile, type MadeRecord } from './record.js';
import { onInterrupt, UndoLog } from './undo.js';
import { RETIRED_RUNTIME_FILES, runtimeDir, runtimeSources } from '../runtime-files.js';

export interface Transaction {
  readonly ctx: Context;
  readonly registry: Registry;
  readonly record: MadeRecord;
  readonly profileStore: StateStore;
  machine(extra?: Candidate[]): Promise<Machine>;
  writeFile(file: string, content: string | Uint8Array, mode?: number): void;
  removeFile(file: string): void;
  makeDir(dir: string): void;
  noteFile(file: string): void;
  refresh(): void;
}

export interface TransactionOptions {
  /** How long to wait for another pyshim's transaction (default ten minutes: a bootstrap may hold it that long). */
  lockTimeoutMs?: number;
}

export function lockFile(paths: Paths): string {
  return path.join(paths.config, 'pyshim.lock');
}

/** pyshim's own directories: those of them a transaction finds newly made are recorded. */
function ownDirectories(paths: Paths): string[] {
  return [...new Set([paths.config, paths.data, paths.cache, paths.bin, paths.backups, paths.logs, runtimeDir(paths)])];
}

/** Does the file already hold exactly this (and this mode)? Also what doctor asks of a generated file. */
export function sameContent(file: string, content: string | Uint8Array, mode?: number): boolean {
  try {
    const stat = fs.statSync(file);
    if (mode !== undefined && (stat.mode & 0o7777) !== mode) return false;
    return fs.readFileSync(file).equals(typeof content === 'string' ? Buffer.from(content) : content);
  } catch {
    return false;
  }
}

/** The registry with its record, taking over the stand-alone record file older pyshims kept in the data dir. */
function loadWithRecord(paths: Paths): { registry: Registry; record: MadeRecord; legacy?: string } {
  const registry = loadRegistry(paths);
  const record = registry.record ?? emptyRecord();
  return { registry, record, legacy: adoptLegacy(record, paths.data) };
}

class Tx implements Transaction {
  changed = false;
  /** What to put back if the command is interrupted before it ends. */
  readonly undo = new UndoLog();
  private found?: Machine;

  constructor(
    readonly ctx: Context,
    readonly registry: Registry,
    readonly record: MadeRecord,
  ) {}

  readonly profileStore: StateStore = {
    read: () => this.record.profiles,
    write: (state) => {
      this.record.profiles = state;
      this.changed = true;
    },
  };

  async machine(extra: Candidate[] = []): Promise<Machine> {
    if (!this.found) this.found = await Machine.discover(this.ctx, extra);
    else if (extra.length) await this.found.include(extra);
    return this.found;
  }

  writeFile(file: string, content: string | Uint8Array, mode?: number): void {
    noteFile(this.record, file);
    if (sameContent(file, content, mode)) return;
    this.makeDir(path.dirname(file));
    this.undo.beforeChange(file);
    writeFileAtomic(file, content, mode);
    this.changed = true;
  }

  removeFile(file: string): void {
    forgetFile(this.record, file);
    if (!fs.existsSync(file)) return;
    this.undo.beforeChange(file);
    fs.rmSync(file, { force: true });
    this.changed = true;
  }

  makeDir(dir: string): void {
    const levels = missingLevels(dir);
    makeDirs(this.record, dir);
    this.undo.madeDirs(levels);
  }

  noteFile(file: string): void {
    noteFile(this.record, file);
    // A log of this command goes with it if it is interrupted; a backup stays (the profile it keeps may
    // have been edited already).
    if (path.dirname(file) === this.ctx.paths.logs) this.undo.madeFile(file);
    this.changed = true;
  }

  refresh(): void {
    this.changed = true;
  }
}

/**
 * mkdir -p a line's WORKON_HOME, recorded as pyshim's (uninstall takes it back when empty). Throws a
 * PyshimError when it cannot be made: --workon-home was checked for files on the way, but only mkdir
 * can say that /proc/x or a directory on a read-only mount cannot be.
 */
export function makeLineHome(tx: Transaction, line: Line, home: string): void {
  const dir = workonHome(line, home);
  try {
    tx.makeDir(dir);
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new PyshimError(`cannot make ${line.version}'s home ${tildify(dir, home)} (${why}); nothing was changed`, `name another directory: pyshim add ${line.version} --workon-home DIR`);
  }
}

/** Everything generated from the registry and the package, written when the transaction ends. */
async function writeGenerated(tx: Tx): Promise<void> {
  const { paths } = tx.ctx;
  for (const file of runtimeSources()) {
    tx.writeFile(path.join(runtimeDir(paths), file.name), fs.readFileSync(file.source), file.mode);
  }
  for (const name of RETIRED_RUNTIME_FILES) tx.removeFile(path.join(runtimeDir(paths), name));
  // Each line's WORKON_HOME exists before the first command that needs it (virtualenvwrapper and
  // pyshim's fish commands list it).
  for (const line of Object.values(tx.registry.lines)) makeLineHome(tx, line, paths.home);
  const interpreters = async () => (await tx.machine()).interpreters;
  for (const file of await renderAllInitFiles(tx.ctx, tx.registry, interpreters)) tx.writeFile(file.path, file.text, 0o644);
}

/** Each of `dirs` that is empty, deepest first; what holds anything stays. */
function removeIfEmpty(dirs: string[]): void {
  for (const dir of [...new Set(dirs)].sort((a, b) => b.length - a.length)) {
    try {
      fs.rmdirSync(dir);
    } catch {
      // not empty, or gone already
    }
  }
}

/** The lock file, if this process holds it (its holder's pid is in it). */
function releaseLock(lock: string): void {
  try {
    if ((JSON.parse(fs.readFileSync(lock, 'utf8')) as { pid?: number }).pid === process.pid) fs.rmSync(lock, { force: true });
  } catch {
    // gone, or not ours
  }
}

export async function transaction<T>(ctx: Context, body: (tx: Transaction) => Promise<T>, options: TransactionOptions = {}): Promise<T> {
  const { paths } = ctx;
  const lock = lockFile(paths);
  // Which of pyshim's directories (and the lock's) do not exist yet: those that do at the end were made now.
  const absent = new Map(ownDirectories(paths).map((dir) => [dir, missingLevels(dir)]));
  const lockDirs = missingLevels(path.dirname(lock));
  let changed = false;
  try {
    return await withLock(
      lock,
      async () => {
        const { registry, record, legacy } = loadWithRecord(paths);
        const before = JSON.stringify(registry);
        const tx = new Tx(ctx, registry, record);
        // Stopped before it ends, the command leaves what it found: the files it wrote, its folders, the lock.
        const stopWatching = onInterrupt((signal) => {
          tx.undo.undo();
          releaseLock(lock);
          removeIfEmpty([...lockDirs, ...[...absent.values()].flat()]);
          process.stderr.write(`pyshim: stopped (${signal}); what this command had changed is put back\n`);
        });
        try {
          let result: T | undefined;
          let failure: unknown;
          try {
            result = await body(tx);
          } catch (error) {
            failure = error;
          }
          changed = tx.changed || legacy !== undefined || JSON.stringify(registry) !== before;
          if (!changed) {
            if (failure !== undefined) throw failure;
            return result as T;
          }
          // What was made stays recorded even when the command failed half way.
          try {
            await writeGenerated(tx);
            noteCreatedDirs(record, lockDirs.filter((dir) => fs.existsSync(dir)));
            for (const levels of absent.values()) noteCreatedDirs(record, levels.filter((dir) => fs.existsSync(dir)));
            registry.record = record;
            saveRegistry(paths, registry);
            // Saved: from here an interruption keeps what the registry now says.
            stopWatching();
            if (legacy) fs.rmSync(legacy, { force: true });
          } catch (error) {
            failure ??= error;
          }
          if (failure !== undefined) throw failure;
          return result as T;
        } finally {
          stopWatching();
        }
      },
      { timeoutMs: options.lockTimeoutMs ?? 10 * 60_000, what: 'changing its state' },
    );
  } finally {
    // A transaction that changed nothing leaves nothing, not even the lock's directory.
    if (!changed) {
      for (const dir of [...lockDirs].reverse()) {
        try {
          fs.rmdirSync(dir);
        } catch {
          break;
        }
      }
    }
  }
}
