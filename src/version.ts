import { usageError } from './errors.js';

/** A version line's name: "X.Y". */
export type LineVersion = string;

const LINE = /^(\d+)\.(\d+)$/;

export function isLineVersion(text: string): boolean {
  return LINE.test(text);
}

export function parseLineVersion(text: string): LineVersion {
  const m = LINE.exec(text.trim());
  if (!m) {
    throw usageError(`'${text}' is not a version line (expected X.Y, such as 3.12)`, 'try: pyshim list');
  }
  return `${Number(m[1])}.${Number(m[2])}`;
}

/** "2.7.18" -> "2.7" */
export function lineOf(fullVersion: string): LineVersion {
  const [major, minor] = fullVersion.split('.');
  return `${major}.${minor}`;
}

/** The recipe's suffix: 2.7 -> 27, 3.12 -> 312. */
export function suffixOf(line: LineVersion): string {
  return line.replace('.', '');
}

/** Compare dotted versions numerically ("3.9.1" < "3.10.0"). */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export function atLeast(version: string, floor: string): boolean {
  return compareVersions(version, floor) >= 0;
}
