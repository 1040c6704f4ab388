import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { expect } from 'vitest';
import { PyshimError } from '../../src/errors.js';
import type { ApplyOptions } from '../../src/profile/apply.js';
import type { InsertRequest } from '../../src/profile/plan.js';
import type { SyntaxCheckers } from '../../src/profile/syntax.js';

/** The profile editor's tests: the bodies of the blocks they insert, and a home per test. */
export const BODY = '[ -r "$HOME/.pyshim/init.bash" ] && . "$HOME/.pyshim/init.bash"\n';
export const FISH_BODY = 'test -r "$HOME/.pyshim/init.fish"; and source "$HOME/.pyshim/init.fish"\n';

export const ins = (file: string, shell = 'bash', body = BODY): InsertRequest => ({ path: file, shell, body });

export function write(file: string, bytes: Buffer | string, mode?: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, bytes);
  if (mode !== undefined) fs.chmodSync(file, mode);
}

/**
 * A fresh `base` holding `home/` and pyshim's data outside it (only users'
 * files are compared); `checkers` goes into every apply (undefined: the
 * shells' own checks).
 */
export function makeProfileHome(checkers?: SyntaxCheckers): { base: string; home: string; opts: ApplyOptions } {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-profile-'));
  const home = path.join(base, 'home');
  fs.mkdirSync(home);
  const opts: ApplyOptions = { dataDir: path.join(base, 'data'), backupsDir: path.join(base, 'data', 'backups'), ...(checkers ? { checkers } : {}) };
  return { base, home, opts };
}

/** Remove a makeProfileHome base, even where a test left a file immutable. */
export function removeProfileHome(base: string): void {
  spawnSync('chattr', ['-R', '-i', base], { stdio: 'ignore' });
  fs.rmSync(base, { recursive: true, force: true });
}

/** The PyshimError a promise (or function) fails with; the test fails if it succeeds or throws anything else. */
export async function refused(promise: Promise<unknown> | (() => unknown)): Promise<PyshimError> {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    expect(error).toBeInstanceOf(PyshimError);
    return error as PyshimError;
  }
  throw new Error('expected a PyshimError');
}
