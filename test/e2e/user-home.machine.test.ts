import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, expect } from 'vitest';
import { CLI, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { describeWith, itWith, python, shells, systemPython3 } from '../helpers/machine.js';

/**
 * Issue 13's own scenario, end to end: a user arrives with a HOME laid out as
 * users have it (Debian's /etc/skel/.bashrc and .profile), an environment
 * `~/.virtualenvs/old` made by a real interpreter before pyshim, and
 * `export WORKON_HOME=~/Envs` holding `~/Envs/client-project` — assigned
 * before pyshim's block, then after it. After `pyshim setup` and `pyshim add`
 * of 2.7 and 3.12, a new interactive shell reaches both environments by name
 * (each switching the shell to its line), `pyshim envs` lists both, and
 * `pyshim uninstall` leaves both environments and both directories.
 */
const DEBIAN_VEW = '/usr/share/virtualenvwrapper/virtualenvwrapper.sh';
const py27 = python('2.7');
const py312 = python('3.12');
const skel = ['/etc/skel/.bashrc', '/etc/skel/.profile'].every((f) => fs.existsSync(f));
const machine = Boolean(py27 && py312 && systemPython3 && fs.existsSync(DEBIAN_VEW) && skel);
const need = "pyenv 2.7 and 3.12, Debian's python3 with virtualenv and virtualenvwrapper, /etc/skel";

type Shell = 'bash' | 'zsh' | 'fish';
type Place = 'before' | 'after';

let s: Sandbox | undefined;
afterEach(() => {
  s?.cleanup();
  s = undefined;
});

/** The file a user of `shell` assigns WORKON_HOME in, and the assignment (fish before the block: a conf.d file read before pyshim's). */
function assignment(shell: Shell, place: Place): { file: string; text: string } {
  if (shell === 'fish') return { file: place === 'after' ? '.config/fish/config.fish' : '.config/fish/conf.d/00-envs.fish', text: 'set -gx WORKON_HOME ~/Envs\n' };
  return { file: shell === 'bash' ? '.bashrc' : '.zshrc', text: 'export WORKON_HOME=~/Envs\n' };
}

/**
 * Put the user's assignment where `place` says, relative to pyshim's block —
 * `setup` has run when `setupDone`. bash: setup puts the block first in
 * .bashrc, so "after" is the user's line already there, "before" is a line the
 * user moves above the block. zsh: the block is appended to .zshrc, so the
 * other way round. fish: config.fish is read after conf.d (where the block
 * is), and conf.d/00-envs.fish before conf.d/pyshim.fish: either is there
 * before setup.
 */
function assign(sb: Sandbox, shell: Shell, place: Place, setupDone: boolean): void {
  const { file, text } = assignment(shell, place);
  const rc = path.join(sb.home, file);
  fs.mkdirSync(path.dirname(rc), { recursive: true });
  const old = fs.existsSync(rc) ? fs.readFileSync(rc, 'utf8') : '';
  const blockFirst = shell === 'bash';
  const nowIsRight = shell === 'fish' ? !setupDone : blockFirst ? (place === 'after') !== setupDone : (place === 'before') !== setupDone;
  if (!nowIsRight) return;
  // Before a block put first (bash, after setup): at the top; otherwise at the end.
  fs.writeFileSync(rc, blockFirst && place === 'before' ? text + old : old + text);
}

/** Debian's skeleton, ~/.virtualenvs/old (3.12's venv) and ~/Envs/client-project (virtualenv -p 2.7), as before pyshim. */
async function userHome(shell: Shell): Promise<Sandbox> {
  const sb = makeSandbox({ extraEnv: { SHELL: `/bin/${shell}` } });
  for (const name of ['.bashrc', '.profile']) fs.copyFileSync(`/etc/skel/${name}`, path.join(sb.home, name));
  const old = await execa(py312!.path, ['-m', 'venv', '--without-pip', path.join(sb.home, '.virtualenvs', 'old')], { reject: false });
  expect(old.exitCode, String(old.stderr)).toBe(0);
  const client = await execa(systemPython3!, ['-m', 'virtualenv', '--quiet', '--no-seed', '-p', py27!.path, path.join(sb.home, 'Envs', 'client-project')], {
    reject: false,
  });
  expect(client.exitCode, String(client.stderr)).toBe(0);
  // The pyshim command on PATH, as install.sh leaves it.
  const tools = path.join(path.dirname(sb.home), 'tools');
  fs.mkdirSync(tools);
  fs.symlinkSync(CLI, path.join(tools, 'pyshim'));
  sb.env.PATH = `${tools}:${sb.env.PATH}`;
  return sb;
}

/** `KEY=value` lines a script printed. */
function values(stdout: string): string[] {
  return stdout.split('\n').filter((l) => /^[a-z]+=/.test(l));
}

const CASES: [Shell, Place][] = [
  ['bash', 'before'],
  ['bash', 'after'],
  ['zsh', 'before'],
  ['zsh', 'after'],
  ['fish', 'before'],
  ['fish', 'after'],
];

describeWith(machine, need)("issue 13: a user's ~/.virtualenvs and WORKON_HOME=~/Envs stay reachable", () => {
  for (const [shell, place] of CASES) {
    itWith(shells[shell], shell)(`${shell}, the assignment ${place} pyshim's block: workon finds both, envs lists both, uninstall leaves both`, async () => {
      s = await userHome(shell);
      const h = s.home;
      assign(s, shell, place, false);
      const setup = await s.pyshim(['setup', '--shell', shell]);
      expect(setup.exitCode, String(setup.stderr)).toBe(0);
      assign(s, shell, place, true);
      for (const [line, extra] of [['3.12', []], ['2.7', ['--default']]] as const) {
        const added = await s.pyshim(['add', line, '--no-bootstrap', ...extra]);
        expect(added.exitCode, String(added.stderr)).toBe(0);
      }

      const py = shell === 'fish' ? 'echo "py="(python -V 2>&1)' : 'echo "py=$(python -V 2>&1)"';
      const script = [
        'echo "line=$PYSHIM_LINE"',
        'echo "home=$WORKON_HOME"',
        'workon old; echo "rc=$?"',
        'echo "venv=$VIRTUAL_ENV"',
        py,
        'echo "line=$PYSHIM_LINE"',
        'deactivate',
        'workon client-project; echo "rc=$?"',
        'echo "venv=$VIRTUAL_ENV"',
        py,
        'echo "line=$PYSHIM_LINE"',
        'deactivate',
      ].join('\n');
      const text = shell === 'fish' ? script.replaceAll('$?', '$status') : script;
      const run = await execa(shell, ['-i', '-c', text], { env: s.env, extendEnv: false, reject: false, cwd: h, stdin: 'ignore' });
      // After the block the user's ~/Envs wins at start; before it, the 2.7 line's home does.
      expect(values(run.stdout), run.stderr).toEqual([
        'line=2.7',
        `home=${place === 'after' ? `${h}/Envs` : `${h}/.virtualenvs27`}`,
        'rc=0',
        `venv=${h}/.virtualenvs/old`,
        `py=Python ${py312!.version}`,
        'line=3.12',
        'rc=0',
        `venv=${h}/Envs/client-project`,
        `py=Python ${py27!.version}`,
        'line=2.7',
      ]);
      expect(run.stderr.split('\n').filter((l) => l.startsWith('pyshim:'))).toEqual([
        'pyshim: this shell now uses the 3.12 line (was 2.7)',
        'pyshim: this shell now uses the 2.7 line (was 3.12)',
      ]);

      const envs = await s.pyshim(['envs', '--json']);
      expect(envs.exitCode, String(envs.stderr)).toBe(0);
      const listed = (JSON.parse(String(envs.stdout)) as { environments: { name: string; line: string | null; path: string }[] }).environments;
      expect(listed.map((e) => [e.name, e.line, e.path]).sort()).toEqual([
        ['client-project', '2.7', `${h}/Envs/client-project`],
        ['old', '3.12', `${h}/.virtualenvs/old`],
      ]);

      const gone = await s.pyshim(['uninstall']);
      expect(gone.exitCode, String(gone.stderr)).toBe(0);
      for (const env of ['.virtualenvs/old', 'Envs/client-project']) {
        expect(fs.existsSync(path.join(h, env, 'bin', 'activate')), env).toBe(true);
        expect(fs.existsSync(path.join(h, env, 'pyvenv.cfg')), env).toBe(true);
      }
      expect(fs.readdirSync(path.join(h, '.virtualenvs'))).toEqual(['old']);
      // ~/Envs in force (after the block), virtualenvwrapper puts its hook templates there, as it did before
      // pyshim; before the block it is only searched, and nothing is written into it.
      const inEnvs = fs.readdirSync(path.join(h, 'Envs'), { withFileTypes: true });
      expect(inEnvs.filter((e) => place === 'before' || e.isDirectory()).map((e) => e.name)).toEqual(['client-project']);
      expect(fs.readFileSync(path.join(h, assignment(shell, place).file), 'utf8')).toContain(assignment(shell, place).text);
    });
  }
});
