import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa, type Options } from 'execa';
import { PYENV_ROOT, REAL_HOME } from './machine.js';

// pip's user config lives in the real home, which tests hide; keep the
// machine's package mirror (offline here) by naming that file explicitly.
const PIP_CONFIG = [path.join(REAL_HOME, '.config/pip/pip.conf'), path.join(REAL_HOME, '.pip/pip.conf')].find((f) => fs.existsSync(f));

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const CLI = path.join(ROOT, 'dist', 'pyshim.cjs');

/**
 * A fresh temporary HOME and PYSHIM_HOME for one test: nothing a test does
 * can reach the real home. The machine's interpreters stay discoverable
 * through PYENV_ROOT and PATH.
 */
export interface Sandbox {
  home: string;
  pyshimHome: string;
  bin: string;
  env: Record<string, string>;
  /** Run the built pyshim CLI. */
  pyshim(args: string[], options?: Options): ReturnType<typeof execa>;
  cleanup(): void;
}

export function makeSandbox(options: { home?: string; extraEnv?: Record<string, string> } = {}): Sandbox {
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-test-'));
  const home = options.home ? path.join(base, options.home) : path.join(base, 'home');
  fs.mkdirSync(home, { recursive: true });
  const pyshimHome = path.join(home, '.pyshim');
  const env: Record<string, string> = {
    HOME: home,
    PYSHIM_HOME: pyshimHome,
    PYENV_ROOT,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    NO_COLOR: '1',
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    PIP_NO_INPUT: '1',
    // Offline here: an unreachable index must fail at once, not after five retries.
    PIP_RETRIES: '0',
    ...Object.fromEntries(
      Object.entries(process.env).filter(([k]) => /^PIP_(FIND_LINKS|INDEX_URL|EXTRA_INDEX_URL|CERT|DEFAULT_TIMEOUT)$/.test(k)) as [string, string][],
    ),
    ...(PIP_CONFIG && !process.env.PIP_CONFIG_FILE ? { PIP_CONFIG_FILE: PIP_CONFIG } : {}),
    ...(process.env.PIP_CONFIG_FILE ? { PIP_CONFIG_FILE: process.env.PIP_CONFIG_FILE } : {}),
    ...options.extraEnv,
  };
  return {
    home,
    pyshimHome,
    bin: path.join(pyshimHome, 'bin'),
    env,
    pyshim: (args, opts) => execa(process.execPath, [CLI, ...args], { env, extendEnv: false, reject: false, ...opts }),
    cleanup: () => fs.rmSync(base, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }),
  };
}
