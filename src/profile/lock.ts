/**
 * An exclusive lock between pyshim processes: a file created with O_EXCL
 * that names its holder (pid, host, time).
 *
 * API
 *   withLock(lockFile, fn, options?)   run fn while holding the lock; waits for other holders,
 *                                      takes over a lock whose holder has died
 *
 * Node has no flock(), and a lock file left by a crashed pyshim must not
 * block the user forever: a lock whose process is gone (same host) is stale.
 * Breaking a stale lock is itself guarded by a short-lived second lock file,
 * so two waiters can never both break it and then both believe they hold it.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PyshimError } from '../errors.js';

export interface LockOptions {
  /** Give up after this long (default one minute). */
  timeoutMs?: number;
  /** What the holder is doing, for the message when waiting gives up (default: editing shell profiles). */
  what?: string;
}

interface Holder {
  pid: number;
  host: string;
  time: number;
}

// A lock file still empty after this long was left by a writer that died
// between creating and filling it.
const EMPTY_GRACE_MS = 5_000;
// A holder on another host (a shared home) cannot be asked; after this long it is presumed gone.
const FOREIGN_STALE_MS = 10 * 60_000;
const BREAKER_STALE_MS = 10_000;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function errnoOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function tryCreate(file: string, content: string): boolean {
  try {
    const fd = fs.openSync(file, 'wx', 0o644);
    try {
      fs.writeFileSync(fd, content);
    } finally {
      fs.closeSync(fd);
    }
    return true;
  } catch (error) {
    if (errnoOf(error) === 'EEXIST') return false;
    throw error;
  }
}

function readOrUndefined(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    if (errnoOf(error) === 'ENOENT') return undefined;
    throw error;
  }
}

function ageMs(file: string): number {
  try {
    return Date.now() - fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

function parseHolder(raw: string): Holder | undefined {
  try {
    const value = JSON.parse(raw) as Partial<Holder>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.time === 'number') return value as Holder;
  } catch {
    // fall through
  }
  return undefined;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return errnoOf(error) === 'EPERM';
  }
}

function isStale(lockFile: string, raw: string): boolean {
  const holder = parseHolder(raw);
  if (!holder) return ageMs(lockFile) > EMPTY_GRACE_MS;
  if (holder.host === os.hostname()) return !alive(holder.pid);
  return Date.now() - holder.time > FOREIGN_STALE_MS;
}

/** Remove the lock only if it still is the stale one we saw, under the breaker lock. */
function breakStale(lockFile: string, staleRaw: string): void {
  const breaker = `${lockFile}.break`;
  if (!tryCreate(breaker, String(process.pid))) {
    if (ageMs(breaker) > BREAKER_STALE_MS) fs.rmSync(breaker, { force: true });
    return;
  }
  try {
    if (readOrUndefined(lockFile) === staleRaw) fs.rmSync(lockFile, { force: true });
  } finally {
    fs.rmSync(breaker, { force: true });
  }
}

export async function withLock<T>(lockFile: string, fn: () => Promise<T> | T, options: LockOptions = {}): Promise<T> {
  const timeoutMs = options.timeoutMs ?? 60_000;
  fs.mkdirSync(path.dirname(lockFile), { recursive: true });
  // The nonce tells two locks of one process apart when releasing.
  const mine = JSON.stringify({ pid: process.pid, host: os.hostname(), time: Date.now(), nonce: randomBytes(8).toString('hex') });
  const started = Date.now();
  for (;;) {
    if (tryCreate(lockFile, mine)) break;
    const raw = readOrUndefined(lockFile);
    if (raw !== undefined && isStale(lockFile, raw)) {
      breakStale(lockFile, raw);
      continue;
    }
    if (Date.now() - started > timeoutMs) {
      const holder = raw === undefined ? undefined : parseHolder(raw);
      throw new PyshimError(
        `another pyshim${holder ? ` (pid ${holder.pid})` : ''} has been ${options.what ?? 'editing shell profiles'} for over ${Math.round(timeoutMs / 1000)} s`,
        `wait for it to finish; if no pyshim is running, delete ${lockFile}`,
      );
    }
    await sleep(10 + Math.random() * 40);
  }
  try {
    return await fn();
  } finally {
    if (readOrUndefined(lockFile) === mine) fs.rmSync(lockFile, { force: true });
  }
}
