import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { CLI, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { describeWith, itWith, python, shells, systemPython3 } from '../helpers/machine.js';

/**
 * Environments across lines and homes (issue 13's rule, items 3-5), as a user
 * meets them: real interactive bash, zsh and fish set up by `pyshim setup`,
 * with lines 2.7 and 3.12 (3.12 the default), real environments made by the
 * lines' own virtualenv-X.Y, and Debian's virtualenvwrapper in bash and zsh.
 */
const DEBIAN_VEW = '/usr/share/virtualenvwrapper/virtualenvwrapper.sh';
const machine = python('2.7') && python('3.12') && systemPython3 && fs.existsSync(DEBIAN_VEW);
const need = "pyenv 2.7 and 3.12, and Debian's python3 with virtualenvwrapper";
const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

let s: Sandbox;

/** An interactive shell in the sandbox, running `script` (`$?` is fish's `$status`). */
function interactive(shell: Shell, script: string) {
  const text = shell === 'fish' ? script.replaceAll('$?', '$status') : script;
  return execa(shell, ['-i', '-c', text], { env: { ...s.env, SHELL: `/bin/${shell}` }, extendEnv: false, reject: false, cwd: s.home, stdin: 'ignore' });
}

/** What the script printed as `KEY=value` lines, in order. */
function values(stdout: string): string[] {
  return stdout.split('\n').filter((l) => /^[a-z]+=/.test(l));
}

/** Make an environment with a line's own virtualenv-X.Y shim. */
async function mkenv(line: string, dir: string): Promise<void> {
  const made = await execa(path.join(s.bin, `virtualenv-${line}`), [dir], { env: s.env, extendEnv: false, reject: false });
  expect(made.exitCode, `virtualenv-${line} ${dir}: ${made.stderr}`).toBe(0);
}

/** An executable get_env_details hook in an environment: showvirtualenv runs it, from the home it was found in. */
function detailsHook(env: string): void {
  fs.writeFileSync(path.join(env, 'bin', 'get_env_details'), `#!/bin/sh\necho "details=$1 $WORKON_HOME"\n`, { mode: 0o755 });
}

const py = `python -c 'import sys; print("py=%d.%d" % sys.version_info[:2])'`;

describeWith(machine, need)('names across lines and homes', () => {
  let h: string;
  beforeAll(async () => {
    s = makeSandbox();
    h = s.home;
    const tools = path.join(path.dirname(h), 'tools');
    fs.mkdirSync(tools);
    fs.symlinkSync(CLI, path.join(tools, 'pyshim'));
    s.env.PATH = `${tools}:${s.env.PATH}`;
    for (const line of ['2.7', '3.12']) {
      const added = await s.pyshim(['add', line, '--no-bootstrap', ...(line === '3.12' ? ['--default'] : [])]);
      expect(added.exitCode, String(added.stderr)).toBe(0);
    }
    const setup = await s.pyshim(['setup', '--shell', 'bash,zsh,fish']);
    expect(setup.exitCode, String(setup.stderr)).toBe(0);
    await mkenv('2.7', path.join(h, '.virtualenvs27', 'proj'));
    detailsHook(path.join(h, '.virtualenvs27', 'proj'));
    // virtualenvwrapper's default home, from before pyshim: searched, never written.
    await mkenv('3.12', path.join(h, '.virtualenvs', 'old'));
    detailsHook(path.join(h, '.virtualenvs', 'old'));
    // Its own postdeactivate hook, in sh and in fish (an upper-case key: values() leaves it out).
    fs.writeFileSync(path.join(h, '.virtualenvs', 'old', 'bin', 'postdeactivate'), 'echo "LAST=$VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV"\n');
    fs.writeFileSync(path.join(h, '.virtualenvs', 'old', 'bin', 'postdeactivate.fish'), 'echo "LAST=$VIRTUALENVWRAPPER_LAST_VIRTUAL_ENV"\n');
    // One name in two homes: the 2.7 line's home comes before ~/.virtualenvs.
    await mkenv('2.7', path.join(h, '.virtualenvs27', 'dup'));
    await mkenv('3.12', path.join(h, '.virtualenvs', 'dup'));
  });
  afterAll(() => s?.cleanup());

  itWith(true, 'pyshim envs')('pyshim envs lists every home, each environment with its version and line (no Python runs)', async () => {
    const run = await s.pyshim(['envs'], { env: { ...s.env, PATH: '/nonexistent' } });
    expect(run.exitCode, String(run.stderr)).toBe(0);
    const rows = String(run.stdout).split('\n').map((l) => l.split(/\s+/));
    expect(rows[0]).toEqual(['NAME', 'VERSION', 'LINE', 'PATH']);
    expect(rows.slice(1, 5).map((r) => [r[0], r[1]!.split('.').slice(0, 2).join('.'), r[2], r[3]])).toEqual([
      ['dup', '2.7', '2.7', '~/.virtualenvs27/dup'],
      ['proj', '2.7', '2.7', '~/.virtualenvs27/proj'],
      ['dup', '3.12', '3.12', '~/.virtualenvs/dup'],
      ['old', '3.12', '3.12', '~/.virtualenvs/old'],
    ]);
    expect(rows[1]![1]).toMatch(/^2\.7\.\d+$/);
    expect(String(run.stdout).split('\n').at(-1)).toBe('Searched: ~/.virtualenvs27 (2.7), ~/.virtualenvs312 (3.12), ~/.virtualenvs');
  });

  for (const shell of SHELLS) {
    describe(shell, () => {
      itWith(shells[shell], shell)('workon NAME of another line switches the line and activates it; an env of ~/.virtualenvs is found; deactivate', async () => {
        const script = [
          'echo "line=$PYSHIM_LINE"',
          'workon proj; echo "rc=$?"',
          'echo "venv=$VIRTUAL_ENV"',
          'echo "line=$PYSHIM_LINE"',
          'echo "home=$WORKON_HOME"',
          py,
          'deactivate',
          'echo "venv=$VIRTUAL_ENV"',
          // Loaded already, and after `pyshim use`: the same.
          'pyshim use 3.12 >/dev/null',
          'workon proj; echo "rc=$?"',
          'echo "line=$PYSHIM_LINE"',
          'deactivate',
          'workon old; echo "rc=$?"',
          'echo "venv=$VIRTUAL_ENV"',
          'echo "line=$PYSHIM_LINE"',
          'echo "home=$WORKON_HOME"',
          py,
          'deactivate',
          // The hooks stayed in the 3.12 line's home (WORKON_HOME was ~/.virtualenvs only while old activated); they follow the next line.
          'pyshim use 2.7 >/dev/null',
          shell === 'fish' ? 'echo "hooks="(__pyshim_vew_hook_dir)' : 'echo "hooks=$VIRTUALENVWRAPPER_HOOK_DIR"',
          'workon nosuch; echo "rc=$?"',
        ].join('\n');
        const run = await interactive(shell, script);
        expect(values(run.stdout), run.stderr).toEqual([
          'line=3.12',
          'rc=0',
          `venv=${h}/.virtualenvs27/proj`,
          'line=2.7',
          `home=${h}/.virtualenvs27`,
          'py=2.7',
          'venv=',
          'rc=0',
          'line=2.7',
          'rc=0',
          `venv=${h}/.virtualenvs/old`,
          'line=3.12',
          // The line's home: ~/.virtualenvs was WORKON_HOME only while old activated.
          `home=${h}/.virtualenvs312`,
          'py=3.12',
          `hooks=${h}/.virtualenvs27`,
          'rc=1',
        ]);
        const said = run.stderr.split('\n').filter((l) => l.startsWith('pyshim:'));
        expect(said).toEqual([
          'pyshim: this shell now uses the 2.7 line (was 3.12)',
          'pyshim: this shell now uses the 2.7 line (was 3.12)',
          'pyshim: this shell now uses the 3.12 line (was 2.7)',
        ]);
        // ~/.virtualenvs is read, never written: no hook templates put there.
        expect(fs.readdirSync(path.join(h, '.virtualenvs')).sort()).toEqual(['dup', 'old']);
      });

      itWith(shells[shell], shell)('workon NAME of a searched home points WORKON_HOME there for the activation only: the env works, mkvirtualenv makes new ones in the line home', async () => {
        const made = `newone-${shell}`;
        const list = shell === 'fish' ? 'workon | string replace -r "^" "name="' : 'workon | sed "s/^/name=/"';
        const script = [
          'pyshim use 2.7 >/dev/null',
          'workon old; echo "rc=$?"',
          'echo "line=$PYSHIM_LINE"',
          'echo "home=$WORKON_HOME"',
          'echo "venv=$VIRTUAL_ENV"',
          'showvirtualenv',
          'cdvirtualenv; echo "pwd=$PWD"',
          // Debian's virtualenvwrapper 4.8.4 asks distutils for site-packages, which Python 3.12 has not: fish only.
          ...(shell === 'fish' ? ['cdsitepackages; echo "pwd=$PWD"', 'lssitepackages | grep -qx pip; echo "ls=$?"'] : []),
          'cd "$HOME"',
          'deactivate',
          'echo "venv=$VIRTUAL_ENV"',
          'echo "home=$WORKON_HOME"',
          `mkvirtualenv ${made} >/dev/null; echo "rc=$?"`,
          'echo "venv=$VIRTUAL_ENV"',
          'deactivate',
          `test -f "$HOME/.virtualenvs312/${made}/bin/activate"; echo "made=$?"`,
          `test -e "$HOME/.virtualenvs/${made}"; echo "stray=$?"`,
          list,
          // Gone again: the completion test counts every home's names.
          `rmvirtualenv ${made} >/dev/null; echo "rc=$?"`,
        ].join('\n');
        const run = await interactive(shell, script);
        const out = values(run.stdout);
        expect(out.filter((l) => !l.startsWith('name=')), run.stderr).toEqual([
          'rc=0',
          'line=3.12',
          `home=${h}/.virtualenvs312`,
          `venv=${h}/.virtualenvs/old`,
          // old's own get_env_details hook, run from its home.
          `details=old ${h}/.virtualenvs`,
          `pwd=${h}/.virtualenvs/old`,
          ...(shell === 'fish' ? [`pwd=${h}/.virtualenvs/old/lib/python3.12/site-packages`, 'ls=0'] : []),
          'venv=',
          `home=${h}/.virtualenvs312`,
          'rc=0',
          `venv=${h}/.virtualenvs312/${made}`,
          'made=0',
          'stray=1',
          'rc=0',
        ]);
        // old's own postdeactivate hook ran, from its home.
        expect(run.stdout).toContain(`LAST=${h}/.virtualenvs/old`);
        // workon with no name lists the line's home.
        expect(out.filter((l) => l.startsWith('name='))).toContain(`name=${made}`);
        expect(out).not.toContain('name=old');
        expect(fs.readdirSync(path.join(h, '.virtualenvs')).sort()).toEqual(['dup', 'old']);
      });

      itWith(shells[shell], shell)('showvirtualenv, cpvirtualenv and rmvirtualenv NAME of another line work in its home; the line stays', async () => {
        const copy = `copy-${shell}`;
        const script = [
          'showvirtualenv proj; echo "rc=$?"',
          'echo "line=$PYSHIM_LINE"',
          'echo "home=$WORKON_HOME"',
          `cpvirtualenv proj ${copy} >/dev/null; echo "rc=$?"`,
          'echo "venv=$VIRTUAL_ENV"',
          py,
          'deactivate',
          'echo "line=$PYSHIM_LINE"',
          'echo "home=$WORKON_HOME"',
          `rmvirtualenv ${copy} >/dev/null; echo "rc=$?"`,
          `test -e "$HOME/.virtualenvs27/${copy}"; echo "left=$?"`,
          'echo "line=$PYSHIM_LINE"',
          'echo "home=$WORKON_HOME"',
        ].join('\n');
        const run = await interactive(shell, script);
        const out = values(run.stdout);
        const home312 = `home=${h}/.virtualenvs312`;
        expect(out, run.stderr).toEqual([
          `details=proj ${h}/.virtualenvs27`,
          'rc=0',
          'line=3.12',
          home312,
          'rc=0',
          `venv=${h}/.virtualenvs27/${copy}`,
          'py=2.7',
          'line=3.12',
          home312,
          'rc=0',
          'left=1',
          'line=3.12',
          home312,
        ]);
      });

      itWith(shells[shell], shell)('a name in two homes: the first in search order wins, a note names both and how to choose', async () => {
        const run = await interactive(shell, 'workon dup; echo "rc=$?"; echo "venv=$VIRTUAL_ENV"; deactivate');
        expect(values(run.stdout), run.stderr).toEqual(['rc=0', `venv=${h}/.virtualenvs27/dup`]);
        expect(run.stderr).toContain(`pyshim: dup is in ${h}/.virtualenvs27 and in ${h}/.virtualenvs; workon uses the first (for the other: WORKON_HOME=${h}/.virtualenvs workon dup)`);
      });

      itWith(shells[shell], shell)("completion of names offers every home's names, once each", async () => {
        const script = {
          bash: 'workon >/dev/null; COMP_WORDS=(workon ""); COMP_CWORD=1; _pyshim_complete_envs; printf "name=%s\\n" "${COMPREPLY[@]}"; complete -p workon rmvirtualenv',
          // Without compinit: virtualenvwrapper's compctl, replaced by pyshim's over every home.
          zsh: 'workon >/dev/null; compctl -L workon; _pyshim_compctl_envs; printf "name=%s\\n" "${reply[@]}"',
          fish: 'complete -C"workon " | string replace -r "\\t.*" "" | string replace -r "^" "name="; complete -C"rmvirtualenv pr"',
        }[shell];
        const run = await interactive(shell, script);
        expect(values(run.stdout).sort(), run.stderr).toEqual(['name=dup', 'name=old', 'name=proj']);
        if (shell === 'bash') expect(run.stdout).toContain('complete -o default -o nospace -F _pyshim_complete_envs rmvirtualenv');
        if (shell === 'zsh') expect(run.stdout).toMatch(/compctl -K _pyshim_compctl_envs .*workon/);
        if (shell === 'fish') expect(run.stdout).toMatch(/^proj\t/m);
      });
    });
  }

  describe("the user's WORKON_HOME, set after the block", () => {
    const after: Record<Shell, [string, string]> = {
      bash: ['.bashrc', 'export WORKON_HOME="$HOME/Envs"\n'],
      zsh: ['.zshrc', 'export WORKON_HOME="$HOME/Envs"\n'],
      fish: ['.config/fish/config.fish', 'set -gx WORKON_HOME $HOME/Envs\n'],
    };
    beforeAll(async () => {
      if (!machine) return;
      await mkenv('3.12', path.join(h, 'Envs', 'mine'));
      // Also in ~/.virtualenvs27 and ~/.virtualenvs: $WORKON_HOME is searched first, with no note.
      await mkenv('3.12', path.join(h, 'Envs', 'dup'));
    });

    for (const shell of SHELLS) {
      itWith(shells[shell] && machine, shell)(`${shell}: its environments come first; a cross-line workon switches it to the line's home`, async () => {
        const [file, text] = after[shell];
        const rc = path.join(h, file);
        const before = fs.existsSync(rc) ? fs.readFileSync(rc, 'utf8') : undefined;
        fs.mkdirSync(path.dirname(rc), { recursive: true });
        fs.appendFileSync(rc, text);
        try {
          const script = [
            'echo "home=$WORKON_HOME"',
            'workon mine; echo "rc=$?"',
            'echo "venv=$VIRTUAL_ENV"',
            'deactivate',
            'workon dup; echo "rc=$?"',
            'echo "venv=$VIRTUAL_ENV"',
            'deactivate',
            // Of ~/.virtualenvs and this line: afterwards WORKON_HOME is the user's own again.
            'workon old; echo "rc=$?"',
            'echo "venv=$VIRTUAL_ENV"',
            'deactivate',
            'echo "home=$WORKON_HOME"',
            'echo "line=$PYSHIM_LINE"',
            'workon proj; echo "rc=$?"',
            'echo "line=$PYSHIM_LINE"',
            'echo "home=$WORKON_HOME"',
            'deactivate',
          ].join('\n');
          const run = await interactive(shell, script);
          expect(values(run.stdout), run.stderr).toEqual([
            `home=${h}/Envs`,
            'rc=0',
            `venv=${h}/Envs/mine`,
            'rc=0',
            `venv=${h}/Envs/dup`,
            'rc=0',
            `venv=${h}/.virtualenvs/old`,
            `home=${h}/Envs`,
            'line=3.12',
            'rc=0',
            'line=2.7',
            `home=${h}/.virtualenvs27`,
          ]);
          expect(run.stderr).not.toContain('dup is in');
        } finally {
          if (before === undefined) fs.rmSync(rc);
          else fs.writeFileSync(rc, before);
        }
      });
    }
  });
});
