import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { snapshotTree } from '../helpers/snapshot.js';
import { blockCount } from './blocks.js';

let s: Sandbox;
afterEach(() => s?.cleanup());

describe('pyshim init', () => {
  it('prints the static block: it only sources the init file, relative to $HOME, and starts nothing', async () => {
    s = makeSandbox();
    for (const shell of ['bash', 'zsh', 'fish']) {
      const r = await s.pyshim(['init', shell], { stripFinalNewline: false });
      expect(r.exitCode).toBe(0);
      const text = String(r.stdout);
      expect(text.startsWith('\n# >>> pyshim >>>\n')).toBe(true);
      expect(text.endsWith('# <<< pyshim <<<\n')).toBe(true);
      expect(text).toMatch(new RegExp(`"\\$HOME"/'?\\.pyshim/init\\.${shell}'?`));
      expect(text).not.toMatch(/node|python|eval|\$\(/);
    }
    const bad = await s.pyshim(['init', 'tcsh']);
    expect(bad.exitCode).toBe(2);
    expect(String(bad.stderr)).toMatch(/unknown shell 'tcsh'/);
  });
});

describe('pyshim setup', () => {
  it('writes one block however often it runs, and --dry-run changes nothing', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/bash' } });
    fs.writeFileSync(path.join(s.home, '.bashrc'), 'export A=1\n');
    const before = snapshotTree(s.home);
    const dry = await s.pyshim(['setup', '--dry-run']);
    expect(dry.exitCode).toBe(0);
    expect(String(dry.stdout)).toMatch(/^\+# >>> pyshim >>>$/m);
    expect(snapshotTree(s.home)).toEqual(before);
    for (let i = 0; i < 3; i++) expect((await s.pyshim(['setup'])).exitCode).toBe(0);
    expect(blockCount(path.join(s.home, '.bashrc'))).toBe(1);
    // First in ~/.bashrc (an ssh command's bash stops at an early return further down), the user's lines after it.
    const text = fs.readFileSync(path.join(s.home, '.bashrc'), 'utf8');
    expect(text.startsWith('# >>> pyshim >>>\n')).toBe(true);
    expect(text.endsWith('# <<< pyshim <<<\nexport A=1\n')).toBe(true);
  });

  it('--rc-file in a directory that does not exist: refused (exit 1), no directory made, --dry-run too', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/bash' } });
    const before = snapshotTree(s.home);
    const rc = path.join(s.home, 'no-such-dir', 'deeper', 'rc');
    for (const extra of [[], ['--dry-run']]) {
      const r = await s.pyshim(['setup', '--shell', 'bash', '--rc-file', rc, ...extra]);
      expect(r.exitCode).toBe(1);
      expect(String(r.stderr)).toBe(`pyshim: error: --rc-file ${rc}: there is no directory ~/no-such-dir/deeper\n  name a file in an existing directory (or make it first: mkdir -p ~/no-such-dir/deeper)`);
    }
    expect(snapshotTree(s.home)).toEqual(before);
  });

  it('--rc-file outside HOME: refused (exit 1, nothing written, --dry-run too); inside HOME, or a link in HOME to a file elsewhere, accepted', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/bash' } });
    const outside = path.join(path.dirname(s.home), 'system.rc');
    fs.writeFileSync(outside, 'export SYSTEM=1\n');
    const before = snapshotTree(path.dirname(s.home));
    // As named, and spelled through HOME with `..`: both are the file outside.
    for (const named of [outside, path.join(s.home, '..', 'system.rc')]) {
      for (const extra of [[], ['--dry-run']]) {
        const r = await s.pyshim(['setup', '--shell', 'bash', '--rc-file', named, ...extra]);
        expect(r.exitCode).toBe(1);
        expect(String(r.stderr)).toBe(
          `pyshim: error: --rc-file ${named}: not inside your home directory ${s.home}\n  name a profile in your home (a link there may point elsewhere): pyshim setup --shell bash --rc-file ~/.bashrc`,
        );
      }
    }
    expect(snapshotTree(path.dirname(s.home))).toEqual(before);

    const inside = path.join(s.home, 'my.rc');
    expect((await s.pyshim(['setup', '--shell', 'bash', '--rc-file', inside])).exitCode).toBe(0);
    expect(blockCount(inside)).toBe(1);

    // A dotfiles repository outside HOME, its bashrc linked in: the path named is in HOME, the block goes into the target.
    const repo = path.join(path.dirname(s.home), 'dotfiles');
    fs.mkdirSync(repo);
    fs.writeFileSync(path.join(repo, 'bashrc'), 'export MINE=1\n');
    const link = path.join(s.home, '.bashrc');
    fs.symlinkSync(path.join(repo, 'bashrc'), link);
    const linked = await s.pyshim(['setup', '--shell', 'bash', '--rc-file', link]);
    expect(linked.exitCode, String(linked.stderr)).toBe(0);
    expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
    expect(blockCount(path.join(repo, 'bashrc'))).toBe(1);
  });

  it('refuses an unknown login shell (exit 2) and broken markers (exit 1, file untouched)', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/tcsh' } });
    const r = await s.pyshim(['setup']);
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toMatch(/--shell bash,zsh,fish/);
    const rc = path.join(s.home, '.bashrc');
    fs.writeFileSync(rc, 'a\n# >>> pyshim >>>\nb\n');
    const before = fs.readFileSync(rc);
    const broken = await s.pyshim(['setup', '--shell', 'bash']);
    expect(broken.exitCode).toBe(1);
    expect(String(broken.stderr)).toMatch(/line 2/);
    expect(String(broken.stderr).split('\n').filter(Boolean).length).toBeLessThanOrEqual(2);
    expect(fs.readFileSync(rc).equals(before)).toBe(true);
  });
});
