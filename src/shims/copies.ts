/**
 * Versioned copies: `NAME-X.Y` in pyshim's bin for every console script in a
 * line's user site (pip's --user scripts of all versions share ~/.local/bin
 * and overwrite each other there). python/copies.py writes them — after
 * installXY's pip, and for `pyshim bootstrap` — from shells/shims/copy.sh;
 * this module tells them apart for `remove`.
 *
 * API
 *   COPY_MARK                       the comment line prefix naming a copy's line and script
 *   copyOf(text, line) → string?    the script a file's text is the line's copy of
 *   isLineCopy(binDir, name, line)  binDir/name is the line's copy of the script its name says
 *   lineCopies(binDir, line)        file names in binDir that are the line's copies
 *   packageCopies() / runtimeCopies(paths)   where the helper and its template are: in the package, in the data dir
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Paths } from '../paths.js';
import { runtimeFile, runtimeSources, type RuntimeName } from '../runtime-files.js';
import type { Version } from '../version.js';
import { SHIM_MARK } from './names.js';

/** Also in python/copies.py, which writes it: `# pyshim-copy: X.Y NAME`. */
export const COPY_MARK = '# pyshim-copy: ';

/**
 * The script name whose copy for `line` this text is: it carries the shim
 * header and the line's copy mark. Undefined for a shim, another line's copy
 * or a file of the user's. Pure.
 */
export function copyOf(text: string, line: Version): string | undefined {
  if (!text.includes(SHIM_MARK)) return undefined;
  const prefix = `${COPY_MARK}${line} `;
  for (const row of text.split('\n')) {
    if (row.startsWith(prefix) && /^\S+$/.test(row.slice(prefix.length))) return row.slice(prefix.length);
  }
  return undefined;
}

/** Names of the files in `binDir` that are `line`'s copies (NAME-X.Y with the line's mark). */
export function lineCopies(binDir: string, line: Version): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(binDir);
  } catch {
    return [];
  }
  return names.filter((name) => isLineCopy(binDir, name, line));
}

/** Is binDir/name the line's copy of the script its name says (NAME-X.Y marked as X.Y's copy of NAME)? */
export function isLineCopy(binDir: string, name: string, line: Version): boolean {
  if (!name.endsWith(`-${line}`)) return false;
  let text: string;
  try {
    text = fs.readFileSync(path.join(binDir, name), 'utf8');
  } catch {
    return false;
  }
  return copyOf(text, line) === name.slice(0, -line.length - 1);
}

/** The copy helper and the template it renders. */
export interface CopiesFiles {
  helper: string;
  template: string;
}

/** Both as this package holds them (what the runtime copies are made from; bootstrap runs these). */
export function packageCopies(): CopiesFiles {
  const source = (name: RuntimeName) => runtimeSources().find((f) => f.name === name)?.source ?? name;
  return { helper: source('copies.py'), template: source('copy.sh') };
}

/** Both as copied into the data dir (what installXY names). */
export function runtimeCopies(paths: Paths): CopiesFiles {
  return { helper: runtimeFile(paths, 'copies.py'), template: runtimeFile(paths, 'copy.sh') };
}
