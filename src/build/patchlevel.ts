/**
 * The version a CPython source tree declares, from Include/patchlevel.h:
 *   #define PY_VERSION "3.11.2"   (or "3.13.0rc1", "3.12.0a1+" for a checkout)
 * Pure: the file system stays with the caller.
 */
export interface SourceVersion {
  /** As declared, e.g. 3.13.0rc1 or 3.12.0a1+ */
  declared: string;
  /** X.Y */
  line: string;
  /** The prefix directory's name: the declared version without a trailing '+'. */
  release: string;
}

const DEFINE = /^[ \t]*#[ \t]*define[ \t]+PY_VERSION[ \t]+"([^"\n]*)"/m;
const RELEASE = /^(\d+)\.(\d+)(?:\.(\d+))?((?:a|b|rc)\d+)?(\+)?$/;

export function parsePatchlevel(text: string): SourceVersion | undefined {
  const m = DEFINE.exec(text);
  return m ? parseSourceVersion((m[1] ?? '').trim()) : undefined;
}

/** A PY_VERSION value (3.13.0rc1, 3.12.0a1+), or undefined when it is not one. */
export function parseSourceVersion(declared: string): SourceVersion | undefined {
  const v = RELEASE.exec(declared);
  if (!v) return undefined;
  const line = `${Number(v[1])}.${Number(v[2])}`;
  const release = `${line}.${Number(v[3] ?? 0)}${v[4] ?? ''}`;
  return { declared, line, release };
}

/** What `pyshim python uninstall` accepts: a build's directory name (3.11.2, 3.13.0rc1). */
export function isReleaseName(text: string): boolean {
  return /^\d+\.\d+\.\d+(?:(?:a|b|rc)\d+)?$/.test(text);
}
