import { usageError } from './errors.js';

/**
 * A Python version as X.Y ("3.12"). The field's word is "version"; a
 * registered one is a "line" (registry/registry.ts `Line`), named by its version.
 */
export type Version = string;

const LINE = /^(\d+)\.(\d+)$/;

export function isVersion(text: string): boolean {
  return LINE.test(text);
}

export function parseVersion(text: string): Version {
  const m = LINE.exec(text.trim());
  if (!m) {
    throw usageError(`'${text}' is not a version (expected X.Y, such as 3.12)`, 'try: pyshim list');
  }
  return `${Number(m[1])}.${Number(m[2])}`;
}

/** "2.7.18" -> "2.7" */
export function lineOf(fullVersion: string): Version {
  const [major, minor] = fullVersion.split('.');
  return `${major}.${minor}`;
}

/** The recipe's suffix: 2.7 -> 27, 3.12 -> 312. */
export function suffixOf(line: Version): string {
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

/**
 * A version as users type it: `3.12`, `3.12.1`, `3.13.0rc1`, `python3.12`,
 * `python3.12.1`. `line` is X.Y; `release` is X.Y.Z (with a pre-release
 * suffix) when one was named. Undefined for anything else (`3`, `3.x`, `py3.12`).
 */
export interface VersionRequest {
  line: Version;
  release?: string;
}

const REQUEST = /^(?:python)?(\d+)\.(\d+)(?:\.(\d+)((?:a|b|rc)\d+)?)?$/i;

export function parseVersionRequest(text: string): VersionRequest | undefined {
  const m = REQUEST.exec(text.trim());
  if (!m) return undefined;
  const line = `${Number(m[1])}.${Number(m[2])}`;
  return m[3] === undefined ? { line } : { line, release: `${line}.${Number(m[3])}${(m[4] ?? '').toLowerCase()}` };
}

const LEVELS: Record<string, string> = { alpha: 'a', beta: 'b', candidate: 'rc' };

/**
 * The name of a release from sys.version_info's parts: 2.6.0 + candidate + 2
 * → 2.6.0rc2; a final release is its X.Y.Z. A pre-release whose serial is
 * unknown (a probe of an older pyshim) keeps its level: 2.6.0rc.
 */
export function releaseName(version: string, releaselevel?: string, serial?: number): string {
  const level = releaselevel ? LEVELS[releaselevel] : undefined;
  return level ? `${version}${level}${serial ?? ''}` : version;
}
