import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from '../helpers/sandbox.js';

/**
 * The real CPython 3.11 release tarball, fetched once per machine by
 * .ci/fetch-cpython-source.sh (Debian's python3.11 source package, through
 * a private apt configuration). `file` when it is here; `why` when not, which
 * describeWith turns into a visible skip — or, under CI=true, a failure.
 */
export const cacheDir =
  process.env.PYSHIM_CI_CACHE ||
  (() => {
    try {
      fs.mkdirSync('/var/cache/pyshim-ci', { recursive: true });
      fs.accessSync('/var/cache/pyshim-ci', fs.constants.W_OK);
      return '/var/cache/pyshim-ci';
    } catch {
      return path.join(os.tmpdir(), 'pyshim-ci-cache');
    }
  })();

export const cpython: { file?: string; why: string } = (() => {
  try {
    const out = execFileSync(path.join(ROOT, '.ci/fetch-cpython-source.sh'), [cacheDir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 600_000 });
    const file = out.trim().split('\n').pop() ?? '';
    if (!fs.existsSync(file)) return { why: `the CPython source tarball (the fetch script printed ${JSON.stringify(out)})` };
    return { file, why: '' };
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? (error as Error).message).trim().split('\n').slice(-3).join(' | ');
    return { why: `the CPython source tarball (.ci/fetch-cpython-source.sh failed: ${stderr})` };
  }
})();

/** The release the tarball holds, from its name (python3.11_3.11.2.orig.tar.gz). */
export const cpythonRelease = /_(\d+\.\d+\.\d+)\.orig\.tar/.exec(cpython.file ?? '')?.[1] ?? '3.11.0';

/**
 * Metadata of every file and directory under `roots` (mode, size, mtime):
 * enough to see anything created, deleted or written, without reading
 * hundreds of megabytes.
 */
export function metaSnapshot(roots: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  const walk = (current: string) => {
    let stat: fs.Stats;
    try {
      stat = fs.lstatSync(current);
    } catch {
      result[current] = 'absent';
      return;
    }
    result[current] = `${stat.mode.toString(8)} ${stat.isDirectory() ? '-' : stat.size} ${stat.mtimeMs}`;
    if (!stat.isDirectory()) return;
    for (const name of fs.readdirSync(current)) walk(path.join(current, name));
  };
  for (const root of roots) walk(root);
  return result;
}
