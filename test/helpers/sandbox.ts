import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa, type Options } from 'execa';
import { pathWithoutPyenv } from '../discovery/fixtures.js';

/** The real home and pyenv, found before any test changes HOME (the machine tier's interpreters live there). */
export const REAL_HOME = os.homedir();
export const PYENV_ROOT = process.env.PYENV_ROOT || path.join(REAL_HOME, '.pyenv');

/**
 * Which tier runs this file (vitest.config.ts sets it per project). The fast
 * tier is hermetic: its sandboxes reach no pyenv and no package index, so a
 * fast test that needs them fails everywhere instead of passing only here.
 */
export const FAST_TIER = process.env.PYSHIM_TEST_TIER === 'fast';

// pip's user config lives in the real home, which tests hide; keep the
// machine's package mirror (offline here) by naming that file explicitly.
const PIP_CONFIG = [path.join(REAL_HOME, '.config/pip/pip.conf'), path.join(REAL_HOME, '.pip/pip.conf')].find((f) => fs.existsSync(f));

export const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
export const CLI = path.join(ROOT, 'dist', 'pyshim.cjs');

/**
 * A fresh temporary HOME and PYSHIM_HOME for one test: nothing a test does
 * can reach the real home. In the machine tier the machine's interpreters
 * stay discoverable through PYENV_ROOT and PATH, and pip keeps the machine's
 * package index; in the fast tier PYENV_ROOT is an empty place, PATH has no
 * pyenv directory and pip has no index.
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
    ...(FAST_TIER ? hermeticEnv(base) : machineEnv()),
    LANG: 'C.UTF-8',
    TERM: 'dumb',
    NO_COLOR: '1',
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    PIP_NO_INPUT: '1',
    // Offline here: an unreachable index must fail at once, not after five retries.
    PIP_RETRIES: '0',
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

/** The machine tier: this machine's pyenv, PATH and package index (pip's settings, which live in the hidden real home). */
function machineEnv(): Record<string, string> {
  return {
    PYENV_ROOT,
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    ...Object.fromEntries(
      Object.entries(process.env).filter(([k]) => /^PIP_(FIND_LINKS|INDEX_URL|EXTRA_INDEX_URL|CERT|DEFAULT_TIMEOUT)$/.test(k)) as [string, string][],
    ),
    ...(PIP_CONFIG && !process.env.PIP_CONFIG_FILE ? { PIP_CONFIG_FILE: PIP_CONFIG } : {}),
    ...(process.env.PIP_CONFIG_FILE ? { PIP_CONFIG_FILE: process.env.PIP_CONFIG_FILE } : {}),
  };
}

/** The fast tier: no pyenv (an empty place), no pyenv directory on PATH, no package index. */
function hermeticEnv(base: string): Record<string, string> {
  return { PYENV_ROOT: path.join(base, 'no-pyenv'), PATH: pathWithoutPyenv(process.env.PATH ?? '/usr/bin:/bin'), PIP_CONFIG_FILE: '/dev/null', PIP_NO_INDEX: '1' };
}
