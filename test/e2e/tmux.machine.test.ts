import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, python, shells } from '../helpers/machine.js';
import { CLI, makeSandbox, type Sandbox } from '../helpers/sandbox.js';

/**
 * A person at a terminal: a real interactive bash in tmux, typed into with
 * send-keys and read back with capture-pane — job control, a prompt, and
 * everything an interactive start loads.
 */
const py312 = python('3.12');
const py27 = python('2.7');

describeWith(shells.tmux && py312 && py27, 'tmux, pyenv CPython 2.7 and 3.12')('an interactive session in tmux', () => {
  let s: Sandbox;
  const session = `pyshim-test-${process.pid}`;
  const tmux = (...args: string[]) => execa('tmux', ['-L', session, ...args], { env: s.env, extendEnv: false, reject: false });

  async function typeAndWait(line: string, marker: string, timeoutMs = 120_000): Promise<string> {
    await tmux('send-keys', '-t', session, `${line}; echo ${marker}-$?`, 'Enter');
    const until = Date.now() + timeoutMs;
    for (;;) {
      const screen = String((await tmux('capture-pane', '-p', '-J', '-S', '-200', '-t', session)).stdout);
      const m = new RegExp(`^${marker}-(\\d+)$`, 'm').exec(screen);
      if (m) return screen;
      if (Date.now() > until) throw new Error(`timed out waiting for ${marker}; screen:\n${screen}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }

  beforeAll(async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/bash', TERM: 'xterm', PS1: '$ ', HISTFILE: '/dev/null' } });
    for (const v of ['3.12', '2.7']) expect((await s.pyshim(['add', v, '--no-bootstrap'])).exitCode).toBe(0);
    expect((await s.pyshim(['setup'])).exitCode).toBe(0);
    fs.appendFileSync(path.join(s.home, '.bashrc'), "PS1='$ '\n");
    const started = await tmux('new-session', '-d', '-s', session, '-x', '200', '-y', '50', 'bash', '-i');
    expect(started.exitCode, String(started.stderr)).toBe(0);
  });
  afterAll(async () => {
    await tmux('kill-server');
    s.cleanup();
  });

  it('pip312, mkvirtualenv, pyshim use 2.7, workon and deactivate, as typed', async () => {
    let screen = await typeAndWait('pip312 --version', 'M1');
    expect(screen).toMatch(/pip [\d.]+ from .* \(python 3\.12\)/);
    expect(screen).toMatch(/^M1-0$/m);

    screen = await typeAndWait('mkvirtualenv demo >/dev/null 2>&1; python -c "import sys; print(sys.prefix)"', 'M2');
    expect(screen).toContain(path.join(s.home, '.virtualenvs312', 'demo'));

    screen = await typeAndWait('deactivate; pyshim use 2.7 && mkvirtualenv old >/dev/null 2>&1; python -V 2>&1', 'M3');
    expect(screen).toMatch(/^Python 2\.7\.\d+$/m);
    expect(fs.existsSync(path.join(s.home, '.virtualenvs27', 'old', 'bin', 'python'))).toBe(true);

    screen = await typeAndWait('deactivate; pyshim use 3.12 && workon', 'M4');
    expect(screen).toMatch(/^demo$/m);
    screen = await typeAndWait('workon demo && echo "in=$VIRTUAL_ENV"; deactivate; echo "out=${VIRTUAL_ENV:-none}"', 'M5');
    expect(screen).toContain(`in=${path.join(s.home, '.virtualenvs312', 'demo')}`);
    expect(screen).toMatch(/^out=none$/m);
    // TAB completes a path option's value as a name: a directory gets its /, a space its backslash.
    fs.mkdirSync(path.join(s.home, 'envs with space'));
    screen = await typeAndWait(`cd ~ && source <('${process.execPath}' '${CLI}' completion bash)`, 'M6');
    expect(screen).toMatch(/^M6-0$/m);
    await tmux('send-keys', '-t', session, 'pyshim add 3.12 --workon-home envs', 'Tab');
    let line = '';
    for (let i = 0; i < 50 && !line.includes('envs\\ with\\ space/'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      line = String((await tmux('capture-pane', '-p', '-J', '-t', session)).stdout).trimEnd().split('\n').pop() ?? '';
    }
    await tmux('send-keys', '-t', session, 'C-u');
    expect(line).toContain('--workon-home envs\\ with\\ space/');
    // Nothing pyshim printed an error along the way.
    expect(screen).not.toMatch(/command not found|No such file|syntax error/);
  });
});

describeWith(shells.tmux && shells.zsh && py312, 'tmux, zsh and pyenv CPython 3.12')('TAB in an interactive zsh in tmux', () => {
  let s: Sandbox;
  const session = `pyshim-zsh-${process.pid}`;
  const tmux = (...args: string[]) => execa('tmux', ['-L', session, ...args], { env: s.env, extendEnv: false, reject: false });
  const lastLine = async () => String((await tmux('capture-pane', '-p', '-J', '-t', session)).stdout).trimEnd().split('\n');

  beforeAll(async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/usr/bin/zsh', TERM: 'xterm', HISTFILE: '/dev/null' } });
    expect((await s.pyshim(['add', '3.12', '--no-bootstrap'])).exitCode).toBe(0);
    // compsys first, as zsh users load it; then pyshim's block; its completion comes from the CLI on PATH.
    fs.writeFileSync(path.join(s.home, '.zshrc'), "autoload -Uz compinit; compinit -u\nPS1='%% '\n");
    expect((await s.pyshim(['setup', '--shell', 'zsh'])).exitCode).toBe(0);
    const tools = path.join(path.dirname(s.home), 'zsh-tools');
    fs.mkdirSync(tools);
    fs.symlinkSync(CLI, path.join(tools, 'pyshim'));
    fs.mkdirSync(path.join(s.home, 'envs with space'));
    const started = await tmux('new-session', '-d', '-s', session, '-x', '200', '-y', '30', 'env', `PATH=${tools}:${s.env.PATH}`, 'zsh', '-i');
    expect(started.exitCode, String(started.stderr)).toBe(0);
  });
  afterAll(async () => {
    await tmux('kill-server');
    s.cleanup();
  });

  it("completes a directory for --workon-home with compsys's _files (pyshim's functions run in zsh's plain emulation)", async () => {
    await tmux('send-keys', '-t', session, 'cd ~', 'Enter');
    await tmux('send-keys', '-t', session, 'pyshim add 3.12 --workon-home envs', 'Tab');
    let screen: string[] = [];
    for (let i = 0; i < 50 && !screen.join('\n').includes('envs\\ with\\ space/'); i++) {
      await new Promise((r) => setTimeout(r, 100));
      screen = await lastLine();
    }
    expect(screen.join('\n')).not.toMatch(/bad pattern|no matches found/);
    expect(screen.at(-1)).toContain('--workon-home envs\\ with\\ space/');
  });
});
