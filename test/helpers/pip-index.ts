import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { makeSandbox } from './sandbox.js';

/**
 * Whether this machine's package index (pip's settings, as a sandbox sees
 * them) offers virtualenv to `python`: asked once, of pip itself, so that a
 * machine without one skips what needs it by name instead of failing.
 */
export function indexOffersVirtualenv(python: string | undefined): boolean {
  if (!python) return false;
  const s = makeSandbox();
  try {
    const args = ['-m', 'pip', 'download', '--no-deps', '--no-cache-dir', '--dest', path.join(s.home, 'dl'), 'virtualenv'];
    return spawnSync(python, args, { env: s.env, stdio: 'ignore', timeout: 120_000 }).status === 0;
  } finally {
    s.cleanup();
  }
}
