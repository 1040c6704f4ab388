/**
 * How a line runs its pip, decided by trying: `python -m pip`, else
 * `python -m pip.__main__` (Python 2.6 cannot run a package with -m). The
 * answer is kept on the line (Line.pip in the registry) and used by the shims,
 * bootstrap and whatever else runs the line's pip.
 *
 * API
 *   PIP_MODULES                        the ways, in the order they are tried
 *   parsePipVersion(output)            pure: "pip 9.0.3 from … (python 2.6)" → "9.0.3"
 *   pipNeedsSetuptools(version)        pure: a pip that builds sdists with a setuptools it does not bring (< 10)
 *   decidePipRun(python, env, extra?)  try each way; the first that answers, or undefined
 */
import type { Env } from './paths.js';
import { compareVersions } from './version.js';

export type PipModule = 'pip' | 'pip.__main__';

/** How a line runs pip, and the pip that answered. */
export interface PipRun {
  module: PipModule;
  version: string;
}

export const PIP_MODULES: readonly PipModule[] = ['pip', 'pip.__main__'];

export function parsePipVersion(output: string): string | undefined {
  return /^pip (\d+(?:\.\d+)*\S*) from /m.exec(output)?.[1];
}

/** pip 10 brought build isolation; before it, pip needs setuptools installed beside it to install from an sdist. */
export function pipNeedsSetuptools(version: string): boolean {
  return compareVersions(version.replace(/[^\d.].*$/, ''), '10') < 0;
}

/**
 * Run `python -m M --version` for each way until one answers with pip's
 * version. `extra` adds to the environment (PYTHONPATH of an unpacked pip
 * wheel). Returns what answered, with the output of every try for a log.
 */
export async function decidePipRun(python: string, env: Env, extra: Record<string, string> = {}): Promise<{ run?: PipRun; output: string }> {
  const { execa } = await import('execa');
  let output = '';
  for (const module of PIP_MODULES) {
    const result = await execa(python, ['-m', module, '--version'], {
      env: { ...env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PYTHONIOENCODING: 'utf-8', ...extra },
      extendEnv: false,
      reject: false,
      all: true,
      stdin: 'ignore',
      timeout: 60_000,
    });
    const text = String(result.all ?? '');
    const prefix = Object.entries(extra).map(([k, v]) => `${k}=${v} `).join('');
    output += `$ ${prefix}${python} -m ${module} --version\n${text}\n[exit ${result.exitCode ?? 'killed'}]\n`;
    const version = result.exitCode === 0 ? parsePipVersion(text) : undefined;
    if (version) return { run: { module, version }, output };
  }
  return { output };
}
