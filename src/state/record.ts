/**
 * The record of what pyshim made: every generated file it wrote, every
 * directory it created, and what the profile editor created (a missing
 * ~/.bashrc, fish's conf.d/pyshim.fish). Kept in the registry file, written
 * by the same transaction that made the things it lists; `uninstall` removes
 * what it holds and nothing else (a directory only when empty).
 *
 * API
 *   emptyRecord()                      a record with nothing in it
 *   noteFile(record, file)             remember a file pyshim wrote (absolute path)
 *   forgetFile(record, file)           pyshim deleted it
 *   makeDirs(record, dir)              mkdir -p, remembering each level it created
 *   noteCreatedDirs(record, dirs)      remember directories created by someone on pyshim's behalf
 *   adoptLegacy(record, dataDir)       take over the profile record older pyshims kept in the data dir;
 *                                      returns that file's path when there was one (to delete on commit)
 */
import fs from 'node:fs';
import path from 'node:path';
import { stateFile, type ProfileState } from '../profile/state.js';
import type { MadeRecord } from '../registry/registry.js';

export type { MadeRecord };


export function emptyRecord(): MadeRecord {
  return { files: [], dirs: [], profiles: { createdFiles: [], createdDirs: [] } };
}

export function noteFile(record: MadeRecord, file: string): void {
  const absolute = path.resolve(file);
  if (!record.files.includes(absolute)) record.files.push(absolute);
}

export function forgetFile(record: MadeRecord, file: string): void {
  const absolute = path.resolve(file);
  record.files = record.files.filter((f) => f !== absolute);
}

export function noteCreatedDirs(record: MadeRecord, dirs: string[]): void {
  for (const dir of dirs) {
    const absolute = path.resolve(dir);
    if (!record.dirs.includes(absolute)) record.dirs.push(absolute);
  }
}

/** The levels of `dir` that do not exist yet, outermost first. */
export function missingLevels(dir: string): string[] {
  const missing: string[] = [];
  for (let at = path.resolve(dir); !fs.existsSync(at); at = path.dirname(at)) {
    missing.unshift(at);
    if (path.dirname(at) === at) break;
  }
  return missing;
}

/**
 * mkdir -p `dir`, recording every level this call created. Level by level, not node's recursive mkdir:
 * that one retries for ever where mkdir fails with ENOENT under a parent that exists (/proc/x); here it
 * throws the errno error (ENOENT, EACCES, EROFS) of the first level that cannot be made.
 */
export function makeDirs(record: MadeRecord, dir: string, mode?: number): void {
  const missing = missingLevels(dir);
  if (missing.length === 0) return;
  const made: string[] = [];
  try {
    for (const level of missing) {
      try {
        fs.mkdirSync(level, mode === undefined ? undefined : { mode });
        made.push(level);
      } catch (error) {
        // Made meanwhile by someone else: not ours, and nothing to do.
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !fs.statSync(level).isDirectory()) throw error;
      }
    }
  } catch (error) {
    // Nothing half made is left behind: the levels made here go again, innermost first.
    for (const level of made.reverse()) fs.rmdirSync(level);
    throw error;
  }
  noteCreatedDirs(record, made);
}

export function adoptLegacy(record: MadeRecord, dataDir: string): string | undefined {
  const legacy = stateFile(dataDir);
  let old: Partial<ProfileState>;
  try {
    old = JSON.parse(fs.readFileSync(legacy, 'utf8')) as Partial<ProfileState>;
  } catch (error) {
    // Absent: nothing to adopt. Damaged: nothing in it can be trusted, but it is still ours to delete.
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? undefined : legacy;
  }
  const { createdFiles, createdDirs } = record.profiles;
  for (const f of old.createdFiles ?? []) if (!createdFiles.some((g) => g.path === f.path)) createdFiles.push(f);
  for (const d of old.createdDirs ?? []) if (!createdDirs.includes(d)) createdDirs.push(d);
  return legacy;
}
