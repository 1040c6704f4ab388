import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, python, shells } from '../helpers/machine.js';
import { makeSandbox, ROOT, type Sandbox } from '../helpers/sandbox.js';

/**
 * The first ten minutes, as a person has them: a fresh HOME (no profile at
 * all), `./install.sh`, then a new *login* shell in a terminal (macOS
 * Terminal, a display manager) with nothing added to PATH by hand, and the
 * commands the README shows — down to `pyshim uninstall`, which leaves the
 * home as it was.
 */
describeWith(shells.tmux && python('3.12'), 'tmux and pyenv CPython 3.12')('a new user: install.sh, a login shell, add, mkvirtualenv, workon, uninstall', () => {
  let s: Sandbox;
  const session = `pyshim-first-${process.pid}`;
  const tmux = (...args: string[]) => execa('tmux', ['-L', session, ...args], { env: s.env, extendEnv: false, reject: false });
  const screenOf = async () => String((await tmux('capture-pane', '-p', '-J', '-S', '-400', '-t', session)).stdout);

  async function type(line: string, marker: string, timeoutMs = 180_000): Promise<string> {
    await tmux('send-keys', '-t', session, `${line}; echo ${marker}-$?`, 'Enter');
    const until = Date.now() + timeoutMs;
    for (;;) {
      const screen = await screenOf();
      if (new RegExp(`^${marker}-\\d+$`, 'm').test(screen)) return screen;
      if (Date.now() > until) throw new Error(`timed out waiting for ${marker}; screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const status = (screen: string, marker: string) => Number(new RegExp(`^${marker}-(\\d+)$`, 'm').exec(screen)?.[1]);

  let installOut = '';
  beforeAll(async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/bash', TERM: 'xterm', HISTFILE: '/dev/null' } });
    delete s.env.PYSHIM_HOME;
    // What a terminal starts with: the system's PATH, nothing of pyshim's or pyenv's.
    s.env.PATH = `${path.dirname(process.execPath)}:/usr/local/bin:/usr/bin:/bin`;
    // The suite built dist/ already; install.sh must not rebuild under the other tests' feet.
    const install = await execa(path.join(ROOT, 'install.sh'), [], { env: { ...s.env, PYSHIM_INSTALL_NO_BUILD: '1' }, extendEnv: false, reject: false, cwd: ROOT });
    installOut = `${String(install.stdout)}\n${String(install.stderr)}`;
    expect(install.exitCode, installOut).toBe(0);
    const started = await tmux('new-session', '-d', '-s', session, '-x', '220', '-y', '60', 'bash', '-l');
    expect(started.exitCode, String(started.stderr)).toBe(0);
    await tmux('send-keys', '-t', session, "PS1='$ '", 'Enter');
  });
  afterAll(async () => {
    await tmux('kill-server');
    s?.cleanup();
  });

  it('install.sh set up the login shell: pyshim and its shims are there, nothing to add to PATH', async () => {
    expect(installOut).not.toMatch(/not on your PATH/);
    const screen = await type('pyshim list >/dev/null && pyshim add 3.12 --no-bootstrap', 'F1');
    expect(status(screen, 'F1'), screen).toBe(0);
    expect(screen).not.toMatch(/command not found/);
  });

  it('the shims work in the same shell after add, and virtualenvwrapper too', async () => {
    let screen = await type('pip312 --version', 'F2');
    expect(screen).toMatch(/pip [\d.]+ from .* \(python 3\.12\)/);
    screen = await type('mkvirtualenv first >/dev/null 2>&1; python -c "import sys; print(sys.prefix)"', 'F3');
    expect(screen).toContain(path.join(s.home, '.virtualenvs312', 'first'));
    screen = await type('deactivate; workon first && echo "in=$VIRTUAL_ENV"; deactivate', 'F4');
    expect(screen).toContain(`in=${path.join(s.home, '.virtualenvs312', 'first')}`);
    expect(screen).not.toMatch(/command not found|No such file|syntax error/);
  });

  it('uninstall says what it leaves, and the home has no profile of pyshim\'s making left', async () => {
    const screen = await type('pyshim uninstall', 'F5', 120_000);
    expect(status(screen, 'F5'), screen).toBe(0);
    expect(screen).toMatch(/environments in ~\/\.virtualenvs312/);
    expect(screen).toMatch(/pyshim itself: ~\/\.local\/bin\/pyshim/);
    // install.sh found no profile and setup created ~/.bashrc and ~/.profile: both gone again.
    expect(fs.existsSync(path.join(s.home, '.bashrc'))).toBe(false);
    expect(fs.existsSync(path.join(s.home, '.profile'))).toBe(false);
    expect(fs.existsSync(path.join(s.home, '.local/share/pyshim'))).toBe(false);
    expect(fs.existsSync(path.join(s.home, '.config/pyshim'))).toBe(false);
  });
});
