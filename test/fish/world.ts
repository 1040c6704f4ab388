import fs from 'node:fs';
import path from 'node:path';
import { execa, execaSync } from 'execa';
import which from 'which';
import { ROOT, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { python, shells, systemPython3 } from '../helpers/machine.js';

/** The file under test: pyshim's virtualenvwrapper commands for fish. */
export const VEW_FISH = path.join(ROOT, 'shells', 'fish', 'virtualenvwrapper.fish');

/** Debian's real virtualenvwrapper for bash, when this machine has it. */
export const DEBIAN_VEW_SH = '/usr/share/virtualenvwrapper/virtualenvwrapper.sh';
export const debianVirtualenvwrapper = fs.existsSync(DEBIAN_VEW_SH) ? DEBIAN_VEW_SH : undefined;

/** Debian's virtualenv-clone, which cpvirtualenv copies environments with (in bash and in fish). */
export const virtualenvClone = which.sync('virtualenv-clone', { nothrow: true }) ?? undefined;

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
  /** A virtualenv-3.12 that refuses what virtualenv refuses: Debian's virtualenv 20 with `-p python3.12 --no-seed`. */
  virtualenv312: string;
  /** A directory outside HOME's environments, for scripts and files a test writes (virtualenvwrapper's $TMPDIR). */
  tools: string;
  /** Write an executable file into tools/ and return its path. */
  script(name: string, text: string): string;
  fish(script: string, options?: { interactive?: boolean; env?: Record<string, string> }): Promise<RunResult>;
  bash(script: string, options?: { env?: Record<string, string> }): Promise<RunResult>;
  /** bash with Debian's virtualenvwrapper loaded first (its hooks run by the system python3). */
  bashVew(script: string, options?: { env?: Record<string, string> }): Promise<RunResult>;
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
  const virtualenv312 = writeScript(
    path.join(tools, 'virtualenv-3.12-real'),
    `#!/bin/sh\nexec '${debianVirtualenv ?? '/nonexistent'}' -m virtualenv --no-seed -q -p '${py}' "$@"\n`,
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
  const run = async (shell: string, args: string[], extra: Record<string, string> = {}) =>
    result(await execa(shell, args, { env: { ...env, ...extra }, extendEnv: false, reject: false, cwd: home, stdin: 'ignore' }));
  const bash = (script: string, options: { env?: Record<string, string> } = {}) =>
    run(shells.bash ?? 'bash', ['--norc', '--noprofile', '-c', script], options.env);
  return {
    sandbox,
    home,
    workonHome,
    env,
    venvNoPip,
    venvWithPip,
    virtualenv27,
    virtualenv312,
    tools,
    script: (name, text) => writeScript(path.join(tools, name), text),
    async fish(script, options = {}) {
      const file = path.join(tools, `script-${n++}.fish`);
      fs.writeFileSync(file, `source "$VEW_FISH"\n${script}\n`);
      const args = options.interactive ? ['-i', '-c', `source '${file}'`] : ['--no-config', file];
      return run(shells.fish ?? 'fish', args, options.env);
    },
    bash,
    bashVew: (script, options) => bash(`VIRTUALENVWRAPPER_PYTHON=${systemPython3 ?? '/nonexistent'}; . ${DEBIAN_VEW_SH} || exit 9\n${script}`, options),
    cleanup: () => sandbox.cleanup(),
  };
}

/** Lines printed between `echo BEGIN-x` and `echo END-x`. */
export function between(lines: string[], tag: string): string[] {
  const from = lines.indexOf(`BEGIN-${tag}`);
  const to = lines.indexOf(`END-${tag}`);
  if (from < 0 || to < from) throw new Error(`no ${tag} section in:\n${lines.join('\n')}`);
  return lines.slice(from + 1, to);
}

/** Writes a minimal pure-Python wheel NAME-1.0-py3-none-any.whl into DIR, with the given Python; returns its path. */
export async function makeWheel(pythonPath: string, dir: string, name: string): Promise<string> {
  await execa(pythonPath, ['-c', WHEEL_SCRIPT, dir, name], { extendEnv: false, env: { PATH: '/usr/bin:/bin' } });
  return path.join(dir, `${name}-1.0-py3-none-any.whl`);
}

const WHEEL_SCRIPT = `
import base64, hashlib, os, sys, zipfile
out, name = sys.argv[1], sys.argv[2]
files = {
    name + ".py": "VALUE = 1\\n",
    name + "-1.0.dist-info/METADATA": "Metadata-Version: 2.1\\nName: " + name + "\\nVersion: 1.0\\n",
    name + "-1.0.dist-info/WHEEL": "Wheel-Version: 1.0\\nGenerator: test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n",
}
record = []
for path, text in files.items():
    digest = base64.urlsafe_b64encode(hashlib.sha256(text.encode()).digest()).rstrip(b"=").decode()
    record.append("%s,sha256=%s,%d" % (path, digest, len(text.encode())))
record.append(name + "-1.0.dist-info/RECORD,,")
files[name + "-1.0.dist-info/RECORD"] = "\\n".join(record) + "\\n"
with zipfile.ZipFile(os.path.join(out, name + "-1.0-py3-none-any.whl"), "w") as z:
    for path, text in files.items():
        z.writestr(path, text)
`;
