import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { describeWith, itWith, python, shells } from '../helpers/machine.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { snapshotTree } from '../helpers/snapshot.js';
import { blockCount } from './blocks.js';

const py312 = python('3.12');
let s: Sandbox;
afterEach(() => s?.cleanup());

/** stderr of an interactive shell, minus the job-control notes bash prints without a terminal. */
function noise(text: string): string[] {
  return String(text)
    .split('\n')
    .filter((l) => l && !/cannot set terminal process group|no job control in this shell/.test(l));
}

describe('pyshim setup in real shells', () => {
  it('names the files it chose and why; the login file gets the login block, guarded for sh', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/usr/bin/bash' } });
    fs.writeFileSync(path.join(s.home, '.profile'), 'PATH="$HOME/bin:$PATH"\n');
    const r = await s.pyshim(['setup']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(String(r.stdout)).toMatch(/bash: ~\/\.bashrc — /);
    expect(String(r.stdout)).toMatch(/bash: ~\/\.profile — bash and sh login shells read it/);
    expect(fs.existsSync(path.join(s.home, '.bash_profile'))).toBe(false);
    // sh (dash) reads ~/.profile at login and must not choke on init.bash.
    const sh = await execa('sh', ['-l', '-c', 'echo ok'], { env: s.env, extendEnv: false, reject: false });
    expect(String(sh.stdout)).toBe('ok');
    expect(String(sh.stderr)).toBe('');
    const bash = await execa('bash', ['-l', '-c', 'command -v pip312 >/dev/null; echo "$PATH"'], { env: s.env, extendEnv: false, reject: false });
    expect(String(bash.stdout).split(':')[0]).toBe(s.bin);
  });

  itWith(py312 && shells.zsh, 'CPython 3.12 and zsh')("warns of a profile the shell reads badly, and says whether pyshim's block runs there — as the real shell does", async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/usr/bin/bash' } });
    expect((await s.pyshim(['add', '3.12', '--no-bootstrap'])).exitCode).toBe(0);
    // CRLF around an `if` (bash -n fails: `fi\r` closes nothing), a BOM on the first command, and an `if`
    // left open before where the block goes (.zshrc's is appended).
    fs.writeFileSync(path.join(s.home, '.bashrc'), 'if [ -n "$PS1" ]; then\r\n  alias ll="ls -l"\r\nfi\r\n');
    fs.writeFileSync(path.join(s.home, '.zshrc'), 'if [[ -o interactive ]]; then\n  alias ll="ls -l"\n');
    const r = await s.pyshim(['setup', '--shell', 'bash,zsh']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const warnings = String(r.stderr).split('\n').filter((l) => l.includes('warning'));
    expect(warnings.find((l) => l.includes('.bashrc'))).toMatch(/bash cannot read all of it \(.*after pyshim's block\); pyshim's block runs, but your own lines there may not/);
    expect(warnings.find((l) => l.includes('.zshrc'))).toMatch(/zsh cannot read all of it \(.*before pyshim's block\); the block would never run there/);
    const bash = await execa('bash', ['-i', '-c', 'command -v pip312'], { env: s.env, extendEnv: false, reject: false });
    expect(String(bash.stdout).trim()).toBe(path.join(s.bin, 'pip312'));
    const zsh = await execa('zsh', ['-i', '-c', 'command -v pip312 || echo none'], { env: s.env, extendEnv: false, reject: false });
    expect(String(zsh.stdout).trim()).toBe('none');

    // A byte-order mark spoils the first command only: the block, appended, runs.
    fs.rmSync(path.join(s.home, '.zshrc'));
    fs.writeFileSync(path.join(s.home, '.zshrc'), '\ufeffexport EDITOR=vi\n');
    const bom = await s.pyshim(['setup', '--shell', 'zsh']);
    expect(String(bom.stderr)).toMatch(/\.zshrc starts with a byte-order mark.*; pyshim's block runs, but your own lines there may not/);
    const zsh2 = await execa('zsh', ['-i', '-c', 'command -v pip312'], { env: s.env, extendEnv: false, reject: false });
    expect(String(zsh2.stdout).trim()).toBe(path.join(s.bin, 'pip312'));
  });

  itWith(shells.zsh, 'zsh')('asks zsh for ZDOTDIR, even when ~/.zshenv sets it', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/usr/bin/zsh' } });
    fs.writeFileSync(path.join(s.home, '.zshenv'), 'ZDOTDIR="$HOME/.config/zsh"\n');
    fs.mkdirSync(path.join(s.home, '.config/zsh'), { recursive: true });
    const r = await s.pyshim(['setup']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(blockCount(path.join(s.home, '.config/zsh/.zshrc'))).toBe(1);
    expect(fs.existsSync(path.join(s.home, '.zshrc'))).toBe(false);
  });
});

describeWith(shells.zsh && shells.fish && py312, 'zsh, fish and CPython 3.12')('setup then uninstall', () => {
  it('leaves the home byte-identical: CRLF, no final newline, symlinked profile, hand-appended blocks', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/bash' } });
    const h = s.home;
    fs.writeFileSync(path.join(h, '.bashrc'), 'alias ll="ls -l"\r\nexport X=1');
    fs.mkdirSync(path.join(h, 'dotfiles'));
    fs.writeFileSync(path.join(h, 'dotfiles/zshrc'), 'setopt autocd\n\xff\xfe raw bytes\n', 'latin1');
    fs.symlinkSync('dotfiles/zshrc', path.join(h, '.zshrc'));
    fs.chmodSync(path.join(h, '.bashrc'), 0o600);
    fs.mkdirSync(path.join(h, '.config/fish'), { recursive: true });
    fs.writeFileSync(path.join(h, '.config/fish/config.fish'), 'set -g fish_greeting\n');
    const before = snapshotTree(h);

    expect((await s.pyshim(['add', '3.12', '--no-bootstrap'])).exitCode).toBe(0);
    expect((await s.pyshim(['setup', '--shell', 'bash,zsh,fish'])).exitCode).toBe(0);
    // A user who also appended blocks by hand, as `pyshim init` suggests.
    fs.appendFileSync(path.join(h, '.config/fish/config.fish'), String((await s.pyshim(['init', 'fish'], { stripFinalNewline: false })).stdout));
    fs.appendFileSync(path.join(h, '.bashrc'), String((await s.pyshim(['init', 'bash'], { stripFinalNewline: false })).stdout));
    expect(fs.lstatSync(path.join(h, '.zshrc')).isSymbolicLink()).toBe(true);
    expect(blockCount(path.join(h, 'dotfiles/zshrc'))).toBe(1);

    const dry = await s.pyshim(['uninstall', '--dry-run']);
    expect(dry.exitCode).toBe(0);
    expect(String(dry.stdout)).toMatch(/^-# >>> pyshim >>>$/m);
    expect(fs.existsSync(s.pyshimHome)).toBe(true);

    const r = await s.pyshim(['uninstall']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(snapshotTree(h, (rel) => rel === '.cache' || rel.startsWith('.cache/'))).toEqual(before);
  });
});

describeWith(shells.zsh && shells.fish && py312, 'zsh, fish and CPython 3.12')('shells after setup', () => {
  it('find pip312 in bash, zsh and fish, and start silently once pyshim\'s files are deleted', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/bash' } });
    expect((await s.pyshim(['add', '3.12', '--no-bootstrap'])).exitCode).toBe(0);
    expect((await s.pyshim(['setup', '--shell', 'bash,zsh,fish'])).exitCode).toBe(0);
    const probe = { bash: 'command -v pip312', zsh: 'command -v pip312', fish: 'command -s pip312' } as const;
    for (const shell of ['bash', 'zsh', 'fish'] as const) {
      const r = await execa(shell, ['-i', '-c', probe[shell]], { env: s.env, extendEnv: false, reject: false });
      expect(String(r.stdout).trim(), shell).toBe(path.join(s.bin, 'pip312'));
      expect(noise(String(r.stderr)), shell).toEqual([]);
    }
    fs.rmSync(s.pyshimHome, { recursive: true, force: true });
    for (const shell of ['bash', 'zsh', 'fish'] as const) {
      const r = await execa(shell, ['-i', '-c', 'echo ok'], { env: s.env, extendEnv: false, reject: false });
      expect(String(r.stdout).trim(), shell).toBe('ok');
      expect(noise(String(r.stderr)), shell).toEqual([]);
    }
  });
});
