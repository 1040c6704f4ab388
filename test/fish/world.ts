import fs from 'node:fs';
import path from 'node:path';
import { execa, execaSync } from 'execa';
import { ROOT, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { python, shells, systemPython3 } from '../helpers/machine.js';

/** The file under test: pyshim's virtualenvwrapper commands for fish. */
export const VEW_FISH = path.join(ROOT, 'shells', 'fish', 'virtualenvwrapper.fish');

/** Debian's real virtualenvwrapper for bash, when this machine has it. */
export const DEBIAN_VEW_SH = '/usr/share/virtualenvwrapper/virtualenvwrapper.sh';
export const debianVirtualenvwrapper = fs.existsSync(DEBIAN_VEW_SH) ? DEBIAN_VEW_SH : undefined;

export const py312 = python('3.12');
export const py27 = python('2.7');

/** Debian's virtualenv 20.x (which can still make 2.7 environments), if the system python3 has it. */
export const debianVirtualenv: string | undefined = (() => {
  if (!systemPython3) return undefined;
  try {
    const r = execaSync(systemPython3, ['-c', 'import virtualenv'], { reject: false });
    return r.exitCode === 0 ? systemPython3 : undefined;
  } catch {
    return undefined;
  }
})();

export interface RunResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  lines: string[];
  /** The value printed by `echo "KEY=value"` in the script (last one wins). */
  value(key: string): string | undefined;
}

/**
 * One temporary HOME with a WORKON_HOME for 3.12, and the sh scripts that
 * stand for the line's virtualenv-X.Y shim: each runs a real interpreter.
 * Scripts run in a real fish with this file sourced, the way init.fish will:
 * the variables are set first (exported, as init.fish does), then `source`.
 */
export interface FishWorld {
  sandbox: Sandbox;
  home: string;
  workonHome: string;
  env: Record<string, string>;
  /** A virtualenv-3.12 stand-in: `python3.12 -m venv --without-pip "$@"` (fast). */
  venvNoPip: string;
  /** Same with pip (slower: ensurepip). */
  venvWithPip: string;
  /** A virtualenv-2.7 stand-in: Debian's virtualenv 20 with `-p python2.7 --no-seed`. */
  virtualenv27: string;
  fish(script: string, options?: { interactive?: boolean; env?: Record<string, string> }): Promise<RunResult>;
  bash(script: string, options?: { env?: Record<string, string> }): Promise<RunResult>;
  cleanup(): void;
}

function writeScript(file: string, text: string): string {
  fs.writeFileSync(file, text, { mode: 0o755 });
  return file;
}

function result(r: { stdout?: unknown; stderr?: unknown; exitCode?: number }): RunResult {
  const stdout = String(r.stdout ?? '');
  const stderr = String(r.stderr ?? '');
  const lines = stdout.split('\n');
  return {
    stdout,
    stderr,
    exitCode: r.exitCode ?? -1,
    lines,
    value(key: string) {
      const hits = lines.filter((l) => l.startsWith(`${key}=`));
      return hits.length ? hits[hits.length - 1]!.slice(key.length + 1) : undefined;
    },
  };
}

export function makeFishWorld(): FishWorld {
  const sandbox = makeSandbox();
  const home = sandbox.home;
  const tools = path.join(path.dirname(home), 'tools');
  fs.mkdirSync(tools);
  const py = py312?.path ?? '/nonexistent/python3.12';
  const venvNoPip = writeScript(path.join(tools, 'virtualenv-3.12-nopip'), `#!/bin/sh\nexec '${py}' -m venv --without-pip "$@"\n`);
  const venvWithPip = writeScript(path.join(tools, 'virtualenv-3.12'), `#!/bin/sh\nexec '${py}' -m venv "$@"\n`);
  const virtualenv27 = writeScript(
    path.join(tools, 'virtualenv-2.7'),
    `#!/bin/sh\nexec '${debianVirtualenv ?? '/nonexistent'}' -m virtualenv --no-seed -q -p '${py27?.path ?? '/nonexistent'}' "$@"\n`,
  );
  const workonHome = path.join(home, '.virtualenvs312');
  const env: Record<string, string> = {
    ...sandbox.env,
    WORKON_HOME: workonHome,
    VIRTUALENVWRAPPER_VIRTUALENV: venvNoPip,
    VIRTUALENVWRAPPER_PYTHON: py,
    PYSHIM_LINE: '3.12',
    VEW_FISH,
  };
  let n = 0;
  return {
    sandbox,
    home,
    workonHome,
    env,
    venvNoPip,
    venvWithPip,
    virtualenv27,
    async fish(script, options = {}) {
      const file = path.join(tools, `script-${n++}.fish`);
      fs.writeFileSync(file, `source "$VEW_FISH"\n${script}\n`);
      const args = options.interactive ? ['-i', '-c', `source '${file}'`] : ['--no-config', file];
      const r = await execa(shells.fish ?? 'fish', args, {
        env: { ...env, ...options.env },
        extendEnv: false,
        reject: false,
        cwd: home,
        stdin: 'ignore',
      });
      return result(r);
    },
    async bash(script, options = {}) {
      const r = await execa(shells.bash ?? 'bash', ['--norc', '--noprofile', '-c', script], {
        env: { ...env, ...options.env },
        extendEnv: false,
        reject: false,
        cwd: home,
        stdin: 'ignore',
      });
      return result(r);
    },
    cleanup: () => sandbox.cleanup(),
  };
}
