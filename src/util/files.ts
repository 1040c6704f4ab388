import fs from 'node:fs';

/**
 * Questions about files that treat "cannot tell" as "no": a missing or
 * unreadable path is not an error where pyshim only looks (scans, records).
 */

/** True when `file` is a regular file, links followed; false when absent or unreadable. */
export function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The UTF-8 text of `file`, or undefined when it cannot be read. */
export function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/** The names in `dir`, or [] when it cannot be listed. */
export function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}
