import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, python, shells } from '../helpers/machine.js';
import { CLI, makeSandbox, type Sandbox } from '../helpers/sandbox.js';

/**
 * Homes laid out as users have them, and every kind of shell start a user
 * (or ssh, cron, Docker, an IDE) makes: each must find the shims and
 * `pyshim` itself, with no PATH edited by hand.
 */

type Kind = 'bash -i' | 'bash -l' | 'bash -il' | 'ssh' | 'sh -l' | 'zsh -i' | 'zsh -l' | 'zsh -c' | 'fish -i' | 'fish -l' | 'fish -c';
const BASH_KINDS: Kind[] = ['bash -i', 'bash -l', 'bash -il', 'ssh', 'sh -l'];
const ZSH_KINDS: Kind[] = ['zsh -i', 'zsh -l', 'zsh -c'];
const FISH_KINDS: Kind[] = ['fish -i', 'fish -l', 'fish -c'];
const PLAIN_PATH = '/usr/local/bin:/usr/bin:/bin';
const CHECK = 'pip312 --version; pyshim --version';

/** A new shell of this kind, as the user (or sshd) starts it, running `command`. */
async function start(s: Sandbox, kind: Kind, command: string, env: Record<string, string> = {}) {
  const base = { ...s.env, PATH: PLAIN_PATH, ...env };
  if (kind === 'ssh') {
    // sshd runs `bash -c COMMAND` with SSH_CLIENT set and a socket for stdin: bash then reads ~/.bashrc, non-interactively.
    const script = 'import socket, subprocess, sys\na, b = socket.socketpair()\nr = subprocess.run(["bash", "-c", sys.argv[1]], stdin=a)\nsys.exit(r.returncode)';
    return execa('/usr/bin/python3', ['-c', script, command], { env: { ...base, SSH_CLIENT: '10.0.0.1 50000 22' }, extendEnv: false, reject: false });
  }
  const [shell, flags] = kind.split(' ') as [string, string];
  return execa(shell, flags === '-c' ? ['-c', command] : [flags, '-c', command], { env: base, extendEnv: false, reject: false, stdin: 'ignore', cwd: s.home });
}

function sandbox(): Sandbox {
  const s = makeSandbox();
  delete s.env.PYSHIM_HOME;
  // As install.sh leaves it: the command in ~/.local/bin, which no shell has on PATH yet.
  fs.mkdirSync(path.join(s.home, '.local/bin'), { recursive: true });
  fs.symlinkSync(CLI, path.join(s.home, '.local/bin/pyshim'));
  return s;
}

async function pyshim(s: Sandbox, args: string[]): Promise<void> {
  const r = await execa(process.execPath, [path.join(s.home, '.local/bin/pyshim'), ...args], { env: { ...s.env, PATH: PLAIN_PATH }, extendEnv: false, reject: false });
  expect(r.exitCode, `pyshim ${args.join(' ')}: ${String(r.stderr)}`).toBe(0);
}

function write(s: Sandbox, rel: string, text: string): string {
  const file = path.join(s.home, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

const skel = (name: string) => fs.readFileSync(path.join('/etc/skel', name), 'utf8');

interface Layout {
  name: string;
  shells: string;
  kinds: Kind[];
  needs: unknown;
  make(s: Sandbox): void;
}

const layouts: Layout[] = [
  {
    name: "Debian's /etc/skel (.profile reads .bashrc, which returns early unless interactive)",
    shells: 'bash',
    kinds: BASH_KINDS,
    needs: fs.existsSync('/etc/skel/.bashrc'),
    make: (s) => ['.bashrc', '.profile', '.bash_logout'].forEach((n) => write(s, n, skel(n))),
  },
  {
    name: 'only ~/.bashrc (macOS Terminal opens login shells)',
    shells: 'bash',
    kinds: BASH_KINDS,
    needs: true,
    make: (s) => write(s, '.bashrc', 'alias ll="ls -l"\nexport EDITOR=vi\n'),
  },
  {
    name: '~/.bash_profile and no ~/.bashrc',
    shells: 'bash',
    kinds: ['bash -i', 'bash -l', 'bash -il', 'ssh'],
    needs: true,
    make: (s) => write(s, '.bash_profile', 'export PATH="$HOME/bin:$PATH"\n[ -f ~/.bashrc.local ] && source ~/.bashrc.local\n'),
  },
  {
    name: 'zsh with ZDOTDIR set in ~/.zshenv',
    shells: 'zsh',
    kinds: ZSH_KINDS,
    needs: shells.zsh,
    make: (s) => {
      write(s, '.zshenv', 'export ZDOTDIR="$HOME/.config/zsh"\n');
      write(s, '.config/zsh/.zshrc', 'setopt autocd\n');
    },
  },
  {
    name: 'a dotfiles repository whose rc files are symlinked into HOME',
    shells: 'bash,zsh',
    kinds: [...BASH_KINDS, ...ZSH_KINDS],
    needs: shells.zsh,
    make: (s) => {
      write(s, 'dotfiles/bashrc', '[ -z "$PS1" ] && return\nalias g=git\n');
      write(s, 'dotfiles/zshrc', 'alias g=git\n');
      write(s, 'dotfiles/profile', '. "$HOME"/.bashrc\n');
      for (const [link, target] of [['.bashrc', 'dotfiles/bashrc'], ['.zshrc', 'dotfiles/zshrc'], ['.profile', 'dotfiles/profile']]) {
        fs.symlinkSync(target!, path.join(s.home, link!));
      }
    },
  },
  {
    name: 'fish with a config.fish that sets PATH outright',
    shells: 'fish',
    kinds: FISH_KINDS,
    needs: shells.fish,
    make: (s) => write(s, '.config/fish/config.fish', 'set -gx PATH /usr/local/bin /usr/bin /bin\n'),
  },
];

describeWith(python('3.12'), 'pyenv CPython 3.12')('every shell start gets the shims and pyshim', () => {
  for (const layout of layouts) {
    describeWith(layout.needs, `the shells of "${layout.name}"`)(layout.name, () => {
      let s: Sandbox;
      const before = new Map<string, Buffer>();
      beforeAll(async () => {
        s = sandbox();
        layout.make(s);
        for (const name of fs.readdirSync(s.home)) {
          const file = path.join(s.home, name);
          if (fs.statSync(file).isFile()) before.set(file, fs.readFileSync(file));
        }
        await pyshim(s, ['add', '3.12', '--no-bootstrap']);
        await pyshim(s, ['setup', '--shell', layout.shells]);
      });
      afterAll(() => s?.cleanup());

      for (const kind of layout.kinds) {
        it(`${kind}: pip312 and pyshim are found`, async () => {
          const r = await start(s, kind, CHECK);
          const out = String(r.stdout);
          expect(out, `${kind} stderr: ${String(r.stderr)}`).toMatch(/^pip \S+ from .*\(python 3\.12\)$/m);
          expect(out).toMatch(/^0\.1\.0$/m);
        });
      }

      it('symlinked profiles stay links; uninstall gives every file back', async () => {
        for (const name of ['.bashrc', '.zshrc', '.profile']) {
          const file = path.join(s.home, name);
          if (fs.existsSync(path.join(s.home, 'dotfiles')) && fs.existsSync(file)) expect(fs.lstatSync(file).isSymbolicLink(), name).toBe(true);
        }
        await pyshim(s, ['uninstall']);
        for (const [file, bytes] of before) expect(fs.readFileSync(file).equals(bytes), file).toBe(true);
        // Files pyshim created for this layout (a ~/.profile, ~/.zshenv) are gone again.
        for (const name of fs.readdirSync(s.home)) {
          const file = path.join(s.home, name);
          if (fs.lstatSync(file).isFile()) expect(before.has(file), `${name} was left behind`).toBe(true);
        }
      });
    });
  }
});

describeWith(python('3.12') && shells.zsh, 'pyenv CPython 3.12 and zsh')("the user's rc cannot break the block", () => {
  let s: Sandbox;
  beforeAll(async () => {
    s = sandbox();
    await pyshim(s, ['add', '3.12', '--no-bootstrap']);
    const init = async (shell: string) => String((await execa(process.execPath, [CLI, 'init', shell], { env: s.env, extendEnv: false })).stdout);
    // From public dotfiles: `.` aliased, `source` a function; zsh in sh emulation. The block appended after them by hand.
    write(s, '.bashrc', `alias .="printf '[cwd] ' && pwd"\nsource() { echo hijacked; }\n${await init('bash')}\n`);
    write(s, '.zshrc', `emulate sh\nsetopt no_multi_func_def\nalias .="printf '[cwd] ' && pwd"\n${await init('zsh')}\n`);
  });
  afterAll(() => s?.cleanup());

  for (const shell of ['bash', 'zsh'] as const) {
    it(`${shell}: the block loads, the shims and pyshim work, and virtualenvwrapper loads on first use`, async () => {
      const quiet = (text: unknown) => String(text).split('\n').filter((l) => l && !/terminal process group|job control|virtualenvwrapper.user_scripts creating/.test(l));
      const r = await start(s, `${shell} -i` as Kind, CHECK);
      expect(quiet(r.stderr)).toEqual([]);
      expect(String(r.stdout)).toMatch(/\(python 3\.12\)/);
      expect(String(r.stdout)).toMatch(/^0\.1\.0$/m);
      expect(String(r.stdout)).not.toMatch(/\[cwd\]|hijacked/);
      // Loading it (what the first workon does) parses virtualenvwrapper.sh under the user's aliases.
      // (virtualenvwrapper's own start-up then calls `source` for its hooks: the user's function is theirs to keep.)
      const load = await start(s, `${shell} -i` as Kind, '_pyshim_load && _pyshim_vew_load; echo "status $?"; typeset -f virtualenvwrapper_cd >/dev/null && echo loaded');
      expect(quiet(load.stderr)).toEqual([]);
      expect(String(load.stdout)).toMatch(/^status 0\nloaded$/m);
      expect(String(load.stdout)).not.toMatch(/\[cwd\]/);
    });
  }
});

describeWith(python('3.12') && shells.fish && shells.zsh, 'pyenv CPython 3.12, zsh and fish')('an active environment wins (IDE terminals)', () => {
  let s: Sandbox;
  let venv: string;
  beforeAll(async () => {
    s = sandbox();
    await pyshim(s, ['add', '3.12', '--no-bootstrap']);
    await pyshim(s, ['setup', '--shell', 'bash,zsh,fish']);
    venv = path.join(s.home, 'proj', '.venv');
    await execa(python('3.12')!.path, ['-m', 'venv', '--without-pip', venv]);
  });
  afterAll(() => s?.cleanup());

  for (const kind of ['bash -i', 'zsh -i', 'fish -i'] as Kind[]) {
    it(`${kind}: the venv stays first on PATH, and python3.12 is the venv's`, async () => {
      const env = { VIRTUAL_ENV: venv, PATH: `${venv}/bin:${PLAIN_PATH}` };
      const script = kind.startsWith('fish') ? 'echo $PATH[1]; python3.12 -c "import sys; print(sys.prefix)"' : 'echo "${PATH%%:*}"; python3.12 -c "import sys; print(sys.prefix)"';
      const r = await start(s, kind, script, env);
      const [first, prefix] = String(r.stdout).trim().split('\n').slice(-2);
      expect(first).toBe(`${venv}/bin`);
      expect(prefix).toBe(venv);
    });
  }

  it("pyshim's own python3.12 shim runs the active 3.12 environment's interpreter, as pip312 does", async () => {
    const env = { ...s.env, VIRTUAL_ENV: venv, PATH: PLAIN_PATH };
    const shim = path.join(s.home, '.local/share/pyshim/bin/python3.12');
    // Written: `add` ran with a PATH that has no python3.12 of its own.
    expect(fs.existsSync(shim)).toBe(true);
    const r = await execa(shim, ['-c', 'import sys; print(sys.prefix)'], { env, extendEnv: false });
    expect(String(r.stdout)).toBe(venv);
  });
});

describeWith(python('3.12') && shells.zsh && shells.fish, 'pyenv CPython 3.12, zsh and fish')('completion comes with the block', () => {
  let s: Sandbox;
  beforeAll(async () => {
    s = sandbox();
    // zsh users load compinit in their .zshrc, before the block setup appends.
    write(s, '.zshrc', 'autoload -Uz compinit && compinit -u\n');
    await pyshim(s, ['add', '3.12', '--no-bootstrap']);
    await pyshim(s, ['setup', '--shell', 'bash,zsh,fish']);
  });
  afterAll(() => s?.cleanup());

  it('bash: Tab after `pyshim ad` offers add, loading the completion on first use', async () => {
    const r = await start(s, 'bash -i', 'COMP_WORDS=(pyshim ad); COMP_CWORD=1; _pyshim_complete pyshim ad pyshim; printf "%s\\n" "${COMPREPLY[@]}"');
    expect(String(r.stdout).trim().split('\n')).toEqual(['add']);
  });

  it('fish: Tab after `pyshim ad` offers add', async () => {
    const r = await start(s, 'fish -i', 'complete -C "pyshim ad"');
    expect(String(r.stdout).trim().split('\n').map((l) => l.split('\t')[0])).toEqual(['add']);
  });

  it('zsh: pyshim has a completion function registered with compdef', async () => {
    const r = await start(s, 'zsh -i', 'print -r -- ${_comps[pyshim]}');
    expect(String(r.stdout).trim()).toBe('_pyshim');
  });
});
