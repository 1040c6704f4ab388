import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { which } from './machine.js';

/**
 * mise, for the `mise activate` comparison: the user's own if it is on PATH;
 * otherwise the npm registry's platform binary (@jdxcode/mise), installed once
 * into a directory under the system temp dir (never the repository, never
 * HOME) and reused by later runs. `--no-install` skips the download.
 *
 * @param {{ install: boolean, log: (line: string) => void }} options
 * @returns {{ exe: string, version: string, origin: string } | { skipped: string }}
 */
export function findMise(options) {
  const version = (exe) => {
    const run = spawnSync(exe, ['--version'], { encoding: 'utf8', env: { PATH: '/usr/bin:/bin', HOME: os.tmpdir() }, timeout: 30_000 });
    return run.status === 0 ? run.stdout.trim().split(/\s+/)[0] : undefined;
  };
  const own = which('mise', process.env.PATH, (dir) => /(^|\/)shims$/.test(dir));
  if (own) {
    const v = version(own);
    if (v) return { exe: own, version: v, origin: 'on PATH' };
  }
  const dir = path.join(os.tmpdir(), 'pyshim-bench-tools');
  const exe = path.join(dir, 'node_modules', '@jdxcode', 'mise', 'bin', 'mise');
  const cached = fs.existsSync(exe) && version(exe);
  if (cached) return { exe, version: cached, origin: `npm @jdxcode/mise, cached in ${dir}` };
  if (!options.install) return { skipped: 'mise is not on PATH (and --no-install was given)' };
  const npm = which('npm', `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ''}`);
  if (!npm) return { skipped: 'mise is not on PATH and npm was not found to fetch @jdxcode/mise' };
  options.log(`  fetching mise from the npm registry (@jdxcode/mise) into ${dir} …`);
  fs.mkdirSync(dir, { recursive: true });
  const run = spawnSync(npm, ['install', '--no-save', '--no-audit', '--no-fund', '--no-package-lock', '--prefix', dir, '@jdxcode/mise'], {
    encoding: 'utf8',
    timeout: 180_000,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const fetched = run.status === 0 && fs.existsSync(exe) && version(exe);
  if (fetched) return { exe, version: fetched, origin: `npm @jdxcode/mise, installed into ${dir}` };
  const why = (run.error?.message || run.stderr || '').trim().split('\n').pop() || `npm exited ${run.status}`;
  return { skipped: `mise is not on PATH and installing @jdxcode/mise failed: ${why}` };
}
