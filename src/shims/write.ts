import fs from 'node:fs';
import path from 'node:path';
import type { Version } from '../version.js';
import { lineCopies } from './copies.js';
import { allShimNames, SHIM_MARK } from './names.js';
import type { ShimFile } from './plan.js';

/** Where shims are written: a transaction (which records them), or a plain writer in tests. */
export interface FileWriter {
  writeFile(file: string, content: string, mode?: number): void;
  removeFile(file: string): void;
}

/** Does the file carry pyshim's shim header? Only such files are ever deleted or replaced by name. */
export function ownedByPyshim(file: string): boolean {
  try {
    return fs.readFileSync(file, 'utf8').includes(SHIM_MARK);
  } catch {
    return false;
  }
}

/**
 * Write a line's shims and delete the ones it no longer has (a `pythonX.Y`
 * that became redundant). Files pyshim did not write are never touched.
 */
export function writeShims(out: FileWriter, binDir: string, line: Version, files: ShimFile[]): void {
  for (const file of files) out.writeFile(path.join(binDir, file.name), file.content, file.mode);
  const keep = new Set(files.map((f) => f.name));
  for (const name of allShimNames(line)) {
    if (!keep.has(name)) removeIfOurs(out, path.join(binDir, name));
  }
}

/** Delete a line's shims and its versioned copies of console scripts (those pyshim wrote). Returns their paths. */
export function removeShims(out: FileWriter, binDir: string, line: Version): string[] {
  return [...allShimNames(line), ...lineCopies(binDir, line)]
    .map((name) => path.join(binDir, name))
    .filter((file) => removeIfOurs(out, file));
}

function removeIfOurs(out: FileWriter, file: string): boolean {
  if (!ownedByPyshim(file)) return false;
  out.removeFile(file);
  return true;
}
