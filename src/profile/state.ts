/**
 * What pyshim created outside its own directories while editing profiles (a
 * missing ~/.bashrc, fish's conf.d/pyshim.fish and its parent directories),
 * so that `uninstall` can remove exactly those again.
 *
 * API
 *   stateFile(dataDir)                      where a stand-alone record lives (the editor's own tests)
 *   readState(file) / writeState(file, s)   read (empty when absent) / write atomically (deleted when empty)
 *   StateStore, fileStore(dataDir)          where the editor keeps the record: pyshim's commands pass the
 *                                           registry's record (src/state/record.ts); fileStore is the default
 */
import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../util/atomic.js';

export interface CreatedFile {
  /** The file itself (a symlink's target, when pyshim created the target). */
  path: string;
  /** Which shell reads it, for the syntax check when it is edited again. */
  shell: string;
}

export interface ProfileState {
  createdFiles: CreatedFile[];
  /** Directories pyshim made for those files; removed by uninstall when empty. */
  createdDirs: string[];
}

export function stateFile(dataDir: string): string {
  return path.join(dataDir, 'profiles-created.json');
}

export function readState(file: string): ProfileState {
  let raw: string;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { createdFiles: [], createdDirs: [] };
    throw error;
  }
  const value = JSON.parse(raw) as Partial<ProfileState>;
  return { createdFiles: value.createdFiles ?? [], createdDirs: value.createdDirs ?? [] };
}

export function writeState(file: string, state: ProfileState): void {
  if (state.createdFiles.length === 0 && state.createdDirs.length === 0) {
    fs.rmSync(file, { force: true });
    return;
  }
  writeFileAtomic(file, JSON.stringify({ version: 1, ...state }, null, 2) + '\n');
}

/** Where applyPlan and planRemove read and keep the record of what the editor created. */
export interface StateStore {
  read(): ProfileState;
  write(state: ProfileState): void;
}

export function fileStore(dataDir: string): StateStore {
  const file = stateFile(dataDir);
  return { read: () => readState(file), write: (state) => writeState(file, state) };
}
