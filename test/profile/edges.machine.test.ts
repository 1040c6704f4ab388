/**
 * `pyshim setup` and `pyshim uninstall` at the edges of users' layouts, run
 * as the CLI with real shells reading the result: every file the shells read
 * at start, hard links, relative links through linked directories, a profile
 * converted to CRLF after setup, a read-only profile (we run as root), and
 * what --dry-run prints. Layouts are built with fs calls in a temporary HOME.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { describeWith, shells } from '../helpers/machine.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { snapshot } from './fixtures/tree.js';

let s: Sandbox;
afterEach(() => s?.cleanup());

const at = (...parts: string[]) => path.join(s.home, ...parts);
const put = (rel: string, text: string | Buffer) => {
  fs.mkdirSync(path.dirname(at(rel)), { recursive: true });
  fs.writeFileSync(at(rel), text);
};
/** The user's files only: pyshim's own directory and caches are not what uninstall restores. */
const users = (options: { inodes?: boolean } = {}) => {
  const all = snapshot(s.home, options);
  return Object.fromEntries(Object.entries(all).filter(([rel]) => !/^\.(pyshim|cache)(\/|$)/.test(rel)));
};
const init = async (shell: string) => String((await s.pyshim(['init', shell], { stripFinalNewline: false })).stdout);
/** What an interactive shell started in the sandbox answers: did it read pyshim's block? */
const typeOfPyshim = async (shell: 'bash' | 'zsh') => {
  const r = await execa(shell, ['-i', '-c', shell === 'bash' ? 'type -t pyshim' : 'whence -w pyshim'], { env: s.env, extendEnv: false, reject: false });
  return String(r.stdout).trim();
};

describeWith(shells.zsh && shells.fish, 'zsh and fish')('uninstall finds blocks appended by hand in every file a shell reads at start', () => {
  it('bash, zsh (HOME and ZDOTDIR) and fish (config.fish, every conf.d/*.fish): the home comes back byte for byte', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/bash' } });
    const bashFiles = ['.bashrc', '.bash_profile', '.bash_login', '.profile', '.bash_aliases'];
    const zshFiles = ['.zshenv', '.zprofile', '.zshrc', '.zlogin', '.config/zsh/.zshenv', '.config/zsh/.zprofile', '.config/zsh/.zshrc', '.config/zsh/.zlogin'];
    const fishFiles = ['.config/fish/config.fish', '.config/fish/conf.d/abbr.fish'];
    for (const rel of [...bashFiles, ...zshFiles, ...fishFiles]) put(rel, `# the user's own ${rel}\n`);
    // zsh reads the rest from ZDOTDIR, which ~/.zshenv sets.
    put('.zshenv', '# the user\'s own .zshenv\nZDOTDIR="$HOME/.config/zsh"\n');
    // Not profiles: a directory and a dangling link named like snippets must not stop uninstall.
    fs.mkdirSync(at('.config/fish/conf.d/dir.fish'));
    fs.symlinkSync('gone.fish', at('.config/fish/conf.d/dangling.fish'));
    const before = users();

    for (const rel of bashFiles) fs.appendFileSync(at(rel), await init('bash'));
    for (const rel of zshFiles) fs.appendFileSync(at(rel), await init('zsh'));
    for (const rel of fishFiles) fs.appendFileSync(at(rel), await init('fish'));
    // `pyshim init fish > conf.d/pyshim.fish`, and another snippet holding only the block.
    put('.config/fish/conf.d/pyshim.fish', await init('fish'));
    put('.config/fish/conf.d/mine.fish', await init('fish'));
    expect(users()).not.toEqual(before);

    const r = await s.pyshim(['uninstall']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(users()).toEqual(before);
    expect(String(r.stdout)).toMatch(/deleted ~\/\.config\/fish\/conf\.d\/pyshim\.fish/);
    expect(String(r.stdout)).toMatch(/removed the block from ~\/\.config\/zsh\/\.zlogin/);
  });
});

describe('link kinds, with bash reading the result', () => {
  it('a hard-linked ~/.bashrc stays one file with the repository\'s copy through setup, an edit in the repository, and uninstall', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/bash' } });
    put('dotfiles/bashrc', 'export A=1\n');
    fs.chmodSync(at('dotfiles/bashrc'), 0o600);
    fs.linkSync(at('dotfiles/bashrc'), at('.bashrc'));
    const { ino } = fs.statSync(at('.bashrc'));

    const r = await s.pyshim(['setup', '--shell', 'bash']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    for (const name of ['.bashrc', 'dotfiles/bashrc']) {
      const st = fs.statSync(at(name));
      expect([st.ino, st.nlink, st.mode & 0o7777]).toEqual([ino, 2, 0o600]);
    }
    expect(await typeOfPyshim('bash')).toBe('function');

    // The dotfiles manager's promise: an edit in the repository is what bash reads.
    fs.appendFileSync(at('dotfiles/bashrc'), 'export FROM_REPO=1\n');
    const u = await s.pyshim(['uninstall']);
    expect(u.exitCode, String(u.stderr)).toBe(0);
    expect(fs.readFileSync(at('.bashrc'), 'latin1')).toBe('export A=1\nexport FROM_REPO=1\n');
    const st = fs.statSync(at('.bashrc'));
    expect([st.ino, st.nlink]).toEqual([ino, 2]);
    expect(await typeOfPyshim('bash')).toBe('');
  });

  it('a relative ~/.bashrc link through a linked directory and `..`: the file bash reads gets the block, and loses it again', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/bash' } });
    put('repo/shells/bash/aliases', 'alias ll="ls -l"\n');
    put('repo/shells/bashrc', 'export A=1\n');
    fs.symlinkSync('repo/shells/bash', at('.bash'));
    fs.symlinkSync('.bash/../bashrc', at('.bashrc'));
    const before = users();

    expect((await s.pyshim(['setup', '--shell', 'bash'])).exitCode).toBe(0);
    expect(await typeOfPyshim('bash')).toBe('function');
    expect(fs.existsSync(at('bashrc'))).toBe(false);
    expect((await s.pyshim(['uninstall'])).exitCode).toBe(0);
    expect(users()).toEqual(before);
  });
});

describe('line endings after the fact', () => {
  it('a profile converted to CRLF after setup comes back from uninstall as the user converted it, minus the block', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/bash' } });
    put('.bashrc', 'export A=1\nalias ll="ls -l"\n');
    expect((await s.pyshim(['setup', '--shell', 'bash'])).exitCode).toBe(0);
    const unix2dos = (t: string) => t.replace(/(?<!\r)\n/g, '\r\n');
    put('.bashrc', unix2dos(fs.readFileSync(at('.bashrc'), 'latin1')));
    // setup put the block first in ~/.bashrc; unix2dos converted it with the rest.
    expect(fs.readFileSync(at('.bashrc'), 'latin1')).toMatch(/^# >>> pyshim >>>\r\n/);
    const r = await s.pyshim(['uninstall']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(fs.readFileSync(at('.bashrc'), 'latin1')).toBe('export A=1\r\nalias ll="ls -l"\r\n');
  });
});

describe('a read-only profile, as root', () => {
  it('setup refuses it in one line naming the file, with chmod u+w as the way out; nothing changes', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/bash' } });
    put('.bashrc', 'export A=1\n');
    fs.chmodSync(at('.bashrc'), 0o444);
    const before = users({ inodes: true });
    const r = await s.pyshim(['setup', '--shell', 'bash']);
    expect(r.exitCode).toBe(1);
    const lines = String(r.stderr).trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(`pyshim: error: ${at('.bashrc')} is read-only (mode 0444); pyshim does not write past that, not even as root; nothing was changed`);
    expect(lines[1]).toMatch(new RegExp(`chmod u\\+w ${at('.bashrc').replace(/[.+]/g, '\\$&')}, then run the command again$`));
    expect(users({ inodes: true })).toEqual(before);
  });
});

describe('--dry-run', () => {
  it('prints only the change: no `Index:` line, no row of `=`', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/bash' } });
    put('.bashrc', 'export A=1\n');
    const r = await s.pyshim(['setup', '--shell', 'bash', '--dry-run']);
    expect(r.exitCode).toBe(0);
    const out = String(r.stdout);
    expect(out).toMatch(/^--- ~\/\.bashrc\n\+\+\+ ~\/\.bashrc\n@@ /m);
    expect(out).not.toMatch(/^Index:|^=+$/m);
  });
});
