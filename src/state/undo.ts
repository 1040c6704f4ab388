/**
 * What a transaction has changed on disk so far, to put back when the command
 * is interrupted (Ctrl-C, a terminal closed, `kill`): the files it wrote or
 * removed get their old content (and mode) again, the files it made and the
 * directories it made go, newest first. A command stopped half way then
 * leaves pyshim as it found it, instead of shims of a line the registry does
 * not know (a `pyshim add` stopped in its bootstrap).
 *
 * API
 *   new UndoLog()
 *     .beforeChange(file)   call before writing or removing a file
 *     .madeFile(file)       a file this command created outside writeFile (a log)
 *     .madeDirs(levels)     directories just made, outermost first
 *     .undo()               put everything back; synchronous (it runs in a signal handler)
 *   onInterrupt(handler)    run handler on SIGINT, SIGTERM or SIGHUP, then exit 128+signal; returns the remover
 *
 * The user site a bootstrap's pip was writing into is not pyshim's: pip's
 * partial installs there are pip's to finish (the next bootstrap does).
 */
import fs from 'node:fs';
import os from 'node:os';
import { writeFileAtomic } from '../util/atomic.js';

export class UndoLog {
  private readonly steps: Array<() => void> = [];
  private readonly seen = new Set<string>();

  beforeChange(file: string): void {
    // The state before the transaction is what comes back: only the first change of a file counts.
    if (this.seen.has(file)) return;
    this.seen.add(file);
    let old: { data: Buffer; mode: number } | undefined;
    try {
      const stat = fs.lstatSync(file);
      if (stat.isFile()) old = { data: fs.readFileSync(file), mode: stat.mode & 0o7777 };
      else return; // a link or a folder pyshim does not write: nothing of it to keep
    } catch {
      old = undefined;
    }
    this.steps.push(old ? () => writeFileAtomic(file, old.data, old.mode) : () => fs.rmSync(file, { force: true }));
  }

  madeFile(file: string): void {
    if (this.seen.has(file)) return;
    this.seen.add(file);
    this.steps.push(() => fs.rmSync(file, { force: true }));
  }

  madeDirs(levels: string[]): void {
    // Removed only when empty again: what someone else put there meanwhile stays, and so does its folder.
    this.steps.push(() => {
      for (const dir of [...levels].reverse()) fs.rmdirSync(dir);
    });
  }

  undo(): void {
    for (const step of this.steps.splice(0).reverse()) {
      try {
        step();
      } catch {
        // one file that cannot be put back must not keep the others from it
      }
    }
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Run `handler` (synchronous) when the process is told to stop, then exit as a shell expects (128 + signal). */
export function onInterrupt(handler: (signal: NodeJS.Signals) => void): () => void {
  const listeners = SIGNALS.map((signal) => {
    const listener = () => {
      handler(signal);
      process.exit(128 + (os.constants.signals[signal] ?? 2));
    };
    process.on(signal, listener);
    return () => process.off(signal, listener);
  });
  return () => listeners.forEach((off) => off());
}
