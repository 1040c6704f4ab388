import fs from 'node:fs';

/** How many pyshim blocks a profile holds (its bytes read as latin1: a profile need not be UTF-8). */
export function blockCount(file: string): number {
  return (fs.readFileSync(file, 'latin1').match(/^# >>> pyshim >>>$/gm) ?? []).length;
}
