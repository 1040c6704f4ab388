import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect } from 'vitest';
import { contextFrom } from '../../src/context.js';
import { profileBlockBody } from '../../src/init/write.js';
import { CLI, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { describeWith, itWith, python, shells, systemPython3 } from '../helpers/machine.js';

/**
 * Real interactive bash and zsh, started the way a terminal starts them,
 * with a profile that holds pyshim's block: what a user types, what a user sees.
 */
const vewScript = '/usr/share/virtualenvwrapper/virtualenvwrapper.sh';
const machine = python('3.12') && python('3.11') && systemPython3 && fs.existsSync(vewScript);
const need = 'pyenv 3.12 and 3.11, and Debian python3 with virtualenvwrapper';

let sb: Sandbox;
beforeAll(async () => {
  if (!machine) return;
  // A space: virtualenvwrapper 4.x splits an unquoted VIRTUALENVWRAPPER_VIRTUALENV. (No `'`: Debian's
  // virtualenv 20.17 writes it unescaped into activate, which then breaks; see the report.)
  sb = makeSandbox({ home: 'home with spaces' });
  // `command pyshim` in the init file finds the built CLI on PATH, as after install.sh.
  const tools = path.join(path.dirname(sb.home), 'tools');
  fs.mkdirSync(tools);
  fs.symlinkSync(CLI, path.join(tools, 'pyshim'));
  sb.env.PATH = `${tools}:${sb.env.PATH}`;
  for (const line of ['3.11', '2.7', '3.12']) {
    const added = await sb.pyshim(['add', line, '--no-bootstrap', ...(line === '3.12' ? ['--default'] : [])]);
    expect(added.exitCode, String(added.stderr)).toBe(0);
  }
  // `add` rewrote the init files in its transaction; the profiles below source them.
  const ctx = contextFrom(sb.env);
  fs.writeFileSync(path.join(sb.home, '.bashrc'), `# >>> pyshim >>>\n${profileBlockBody(ctx.paths, 'bash')}\n# <<< pyshim <<<\n`);
  fs.writeFileSync(path.join(sb.home, '.zshrc'), `# >>> pyshim >>>\n${profileBlockBody(ctx.paths, 'zsh')}\n# <<< pyshim <<<\n`);
});
afterAll(() => sb?.cleanup());

function interactive(shell: 'bash' | 'zsh', script: string) {
  return execa(shell, ['-i', '-c', script], { env: sb.env, extendEnv: false, reject: false, cwd: sb.home });
}

const pyVersion = `python -c 'import sys; print("py=%d.%d" % sys.version_info[:2])'`;

for (const shell of ['bash', 'zsh'] as const) {
  describeWith(shells[shell] && machine, `${shell} and ${need}`)(`interactive ${shell}`, () => {
    itWith(true, shell)('pipXY works; mkvirtualenv, workon, deactivate, toggleglobalsitepackages, rmvirtualenv, use', async () => {
      const script = [
        'pip312 --version',
        'echo "loaded=${VIRTUALENVWRAPPER_SCRIPT:-no}"',
        `mkvirtualenv ${shell}demo >/dev/null 2>&1; echo "mk=$?"`,
        'echo "venv=$VIRTUAL_ENV"',
        pyVersion,
        'toggleglobalsitepackages',
        'grep include-system "$VIRTUAL_ENV/pyvenv.cfg"',
        'toggleglobalsitepackages -q',
        'grep include-system "$VIRTUAL_ENV/pyvenv.cfg"',
        'deactivate',
        'echo "venv=${VIRTUAL_ENV-}"',
        `echo "envs=$(workon | grep -c "^${shell}demo$")"`,
        'pyshim use 3.11',
        `mkvirtualenv ${shell}other >/dev/null 2>&1; echo "mk=$?"`,
        'echo "venv=$VIRTUAL_ENV"',
        pyVersion,
        'deactivate',
        'pyshim use 3.12',
        `workon ${shell}demo; echo "venv=$VIRTUAL_ENV"; deactivate`,
        `rmvirtualenv ${shell}demo >/dev/null 2>&1; echo "rm=$?"`,
        `echo "left=$(ls "$HOME/.virtualenvs312" | grep -c "^${shell}demo$")"`,
      ].join('\n');
      const result = await interactive(shell, script);
      const out = result.stdout.split('\n');
      const h = sb.home;
      expect(out[0]).toMatch(/^pip \S+ from .*python3\.12/);
      // Nothing was loaded at start: virtualenvwrapper.sh comes with the first command.
      expect(out).toContain('loaded=no');
      expect(out.slice(2), result.stderr).toEqual([
        'mk=0',
        `venv=${h}/.virtualenvs312/${shell}demo`,
        'py=3.12',
        'Enabled global site-packages',
        'include-system-site-packages = true',
        'include-system-site-packages = false',
        'venv=',
        'envs=1',
        `pyshim: this shell now uses the 3.11 line (was 3.12); workon and mkvirtualenv use ${h}/.virtualenvs311`,
        'mk=0',
        `venv=${h}/.virtualenvs311/${shell}other`,
        'py=3.11',
        `pyshim: this shell now uses the 3.12 line (was 3.11); workon and mkvirtualenv use ${h}/.virtualenvs312`,
        `venv=${h}/.virtualenvs312/${shell}demo`,
        'rm=0',
        'left=0',
      ]);
      expect(result.stderr).not.toMatch(/No such file|not found|pyshim: /);
    });

    itWith(true, shell)('pyshim use 2.7, then mkvirtualenv old makes a 2.7 env in ~/.virtualenvs27 (needs the 2.7 virtualenv backend)', async () => {
      const result = await interactive(shell, ['workon >/dev/null 2>&1', 'pyshim use 2.7 >/dev/null', 'mkvirtualenv old >/dev/null; echo "mk=$?"', 'echo "venv=$VIRTUAL_ENV"', pyVersion].join('\n'));
      expect(result.stdout.split('\n'), result.stderr).toEqual(['mk=0', `venv=${sb.home}/.virtualenvs27/old`, 'py=2.7']);
    });

    itWith(true, shell)('completes environment names before virtualenvwrapper is loaded', async () => {
      fs.mkdirSync(path.join(sb.home, '.virtualenvs312', 'alpha one', 'bin'), { recursive: true });
      fs.writeFileSync(path.join(sb.home, '.virtualenvs312', 'alpha one', 'bin', 'activate'), '');
      const ask =
        shell === 'bash'
          ? 'COMP_WORDS=(workon al); COMP_CWORD=1; _pyshim_complete_envs workon al workon; printf "%s|" "${COMPREPLY[@]}"; echo; echo "loaded=${VIRTUALENVWRAPPER_SCRIPT:-no}"'
          : // compadd works only inside a completion widget: a stand-in prints what it is given.
            'compadd() { printf "%s|" "${(@P)2}"; }; _pyshim_compadd_envs; echo; echo "loaded=${VIRTUALENVWRAPPER_SCRIPT:-no}"';
      try {
        const result = await interactive(shell, ask);
        expect(result.stdout.split('\n')[0]).toContain('alpha one|');
        expect(result.stdout).toContain('loaded=no');
      } finally {
        fs.rmSync(path.join(sb.home, '.virtualenvs312', 'alpha one'), { recursive: true, force: true });
      }
    });

    itWith(true, shell)('starts silently when pyshim\'s data dir has been deleted', async () => {
      const baseline = await execa(shell, ['-i', '-c', 'echo ok'], { env: { ...sb.env, HOME: path.dirname(sb.home) }, extendEnv: false, reject: false });
      const moved = `${sb.pyshimHome}.away`;
      fs.renameSync(sb.pyshimHome, moved);
      try {
        const result = await interactive(shell, 'echo ok; type mkvirtualenv >/dev/null 2>&1 || echo no-stubs');
        expect(result.stdout).toBe('ok\nno-stubs');
        expect(result.stderr).toBe(baseline.stderr);
      } finally {
        fs.renameSync(moved, sb.pyshimHome);
      }
    });
  });
}

describeWith(shells.fish && machine, `fish and ${need}`)('interactive fish', () => {
  itWith(true, 'fish')('init.fish: pipXY on PATH once, the default line, pyshim use', async () => {
    const ctx = contextFrom(sb.env);
    const init = path.join(ctx.paths.data, 'init.fish');
    const script = [
      `source ${JSON.stringify(init)}; source ${JSON.stringify(init)}`,
      'pip312 --version',
      'count (string match -- $PYSHIM_HOME/bin $PATH)',
      'echo "$PYSHIM_LINE|$WORKON_HOME|$VIRTUALENVWRAPPER_VIRTUALENV"',
      'pyshim use 3.11',
      'echo "$PYSHIM_LINE|$WORKON_HOME"',
      'pyshim use 4.0; echo "rc=$status"',
    ].join('\n');
    const result = await execa('fish', ['--no-config', '-i', '-c', script], { env: sb.env, extendEnv: false, reject: false });
    const out = result.stdout.split('\n');
    expect(out[0]).toMatch(/^pip \S+ from .*python3\.12/);
    expect(out.slice(1)).toEqual(['1', // The home's name holds a space, which virtualenvwrapper 4.x would split: the shim goes by name.
      `3.12|${sb.home}/.virtualenvs312|virtualenv-3.12`,
      `pyshim: this shell now uses the 3.11 line (was 3.12); workon and mkvirtualenv use ${sb.home}/.virtualenvs311`,
      `3.11|${sb.home}/.virtualenvs311`, 'rc=1']);
    expect(result.stderr).toContain('pyshim: error: 4.0 is not a registered line');
  });
});
