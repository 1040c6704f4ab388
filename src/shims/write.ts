import fs from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../util/atomic.js';
import type { LineVersion } from '../version.js';
import { allShimNames, SHIM_MARK } from './names.js';
import type { ShimFile } from './plan.js';

function ownedByPyshim(file: string): boolean {
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
export function writeShims(binDir: string, line: LineVersion, files: ShimFile[]): void {
  fs.mkdirSync(binDir, { recursive: true });
  for (const file of files) writeFileAtomic(path.join(binDir, file.name), file.content, file.mode);
  const keep = new Set(files.map((f) => f.name));
  for (const name of allShimNames(line)) {
    if (!keep.has(name)) removeIfOurs(path.join(binDir, name));
  }
}

export function removeShims(binDir: string, line: LineVersion): string[] {
  return allShimNames(line)
    .map((name) => path.join(binDir, name))
    .filter(removeIfOurs);
}

function removeIfOurs(file: string): boolean {
  if (!ownedByPyshim(file)) return false;
  fs.rmSync(file, { force: true });
  return true;
}
