import fs from 'node:fs';
import path from 'node:path';
import { PyshimError } from '../errors.js';
import { parsePatchlevel, type SourceVersion } from './patchlevel.js';

export type SourceKind = 'directory' | 'tarball' | 'url';

/** What `--source` names. */
export function sourceKind(source: string): SourceKind {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(source)) return 'url';
  let stat: fs.Stats;
  try {
    stat = fs.statSync(source);
  } catch {
    throw new PyshimError(`no such file or directory: ${source}`, 'give a CPython source directory, a .tar.gz/.tar.xz release tarball, or its URL');
  }
  return stat.isDirectory() ? 'directory' : 'tarball';
}

/** Unpack a tarball (gzip, xz, bzip2: tar detects which) with the system tar. */
export async function unpack(tarball: string, into: string): Promise<string> {
  const { execa } = await import('execa');
  fs.mkdirSync(into, { recursive: true });
  const result = await execa('tar', ['-xf', path.resolve(tarball), '-C', into, '--no-same-owner'], { reject: false, stdin: 'ignore', all: true });
  if (result.exitCode !== 0) {
    const why = String(result.all ?? result.message ?? '').trim().split('\n').slice(-3).join('; ');
    throw new PyshimError(`cannot unpack ${tarball}: ${why || 'tar failed'}`, 'give a CPython release tarball (.tar.gz or .tar.xz), or an unpacked source directory');
  }
  // A release unpacks into one directory (Python-3.12.4/); accept a flat archive too.
  const entries = fs.readdirSync(into).filter((e) => !e.startsWith('.'));
  const only = entries.length === 1 ? path.join(into, entries[0] ?? '') : undefined;
  return only && fs.statSync(only).isDirectory() ? only : into;
}

/** The version a CPython source tree declares; refuses what is not one. */
export function readSourceTree(dir: string, shown: string): SourceVersion {
  const patchlevel = path.join(dir, 'Include', 'patchlevel.h');
  const configure = path.join(dir, 'configure');
  if (!fs.existsSync(patchlevel) || !fs.existsSync(configure)) {
    throw new PyshimError(
      `${shown} is not a CPython source tree (no ${fs.existsSync(configure) ? 'Include/patchlevel.h' : 'configure script'})`,
      'give an unpacked release (the directory with configure and Include/patchlevel.h), its tarball, or its URL',
    );
  }
  const version = parsePatchlevel(fs.readFileSync(patchlevel, 'utf8'));
  if (!version) {
    throw new PyshimError(`${shown}: Include/patchlevel.h declares no PY_VERSION pyshim understands`, 'give a CPython release source');
  }
  return version;
}

/** Refuse a tree of another line than the one asked for. */
export function checkLine(asked: string, found: SourceVersion, shown: string): void {
  if (found.line !== asked) {
    throw new PyshimError(
      `${shown} is the source of Python ${found.declared}, not ${asked}`,
      `build it as what it is: pyshim python build ${found.line} --source ${shown}`,
    );
  }
}
