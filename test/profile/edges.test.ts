/**
 * The profile editor at the edges of users' layouts: hard links, relative
 * links through linked directories, read-only files and directories (as
 * root too), snippets that hold only pyshim's block, and what --dry-run
 * shows. Every layout is built in a temporary home; bytes, inodes, link
 * counts and modes are compared before and after.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawnSync } from 'node:child_process';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BEGIN_MARKER, blockText } from '../../src/profile/block.js';
import { applyPlan } from '../../src/profile/apply.js';
import { describePlan, renderDiff } from '../../src/profile/diff.js';
import { planInsert, planRemove, resolveTarget, type InsertRequest, type ProfileFile } from '../../src/profile/plan.js';
import { rewriteInPlace } from '../../src/util/atomic.js';
import { itWith } from '../helpers/need.js';
import { BODY, FISH_BODY, blocksIn, buildDriver, makeTree, refused, snapshot, tempDir, write, type Tree } from './fixtures/tree.js';

let tree: Tree;
let h: Tree['h'];
beforeEach(() => {
  tree = makeTree('pyshim-edges-');
  h = tree.h;
});
afterEach(() => tree.cleanup());

const ins = (file: string, shell = 'bash', body = BODY): InsertRequest => ({ path: file, shell, body });
const setup = (files: InsertRequest[]) => applyPlan(planInsert(files), tree.opts);
const uninstall = (files: ProfileFile[]) => applyPlan(planRemove(files, tree.opts.dataDir), tree.opts);
const inode = (file: string) => {
  const st = fs.statSync(file);
  return { ino: st.ino, nlink: st.nlink, mode: st.mode & 0o7777 };
};

describe('a hard-linked profile stays hard-linked', () => {
  it('setup and uninstall write the one inode every name shares: bytes, inode, link count and mode kept', async () => {
    const original = Buffer.from('# managed in ~/dotfiles\r\nexport A=1\n', 'latin1');
    write(h('dotfiles', 'bashrc'), original, 0o640);
    fs.linkSync(h('dotfiles', 'bashrc'), h('.bashrc'));
    const before = snapshot(tree.home, { inodes: true });
    const { ino } = inode(h('.bashrc'));

    await setup([ins(h('.bashrc'))]);
    expect(inode(h('.bashrc'))).toEqual({ ino, nlink: 2, mode: 0o640 });
    expect(inode(h('dotfiles', 'bashrc'))).toEqual({ ino, nlink: 2, mode: 0o640 });
    // An edit in the repository reaches the profile, and the block is in both names.
    expect(fs.readFileSync(h('dotfiles', 'bashrc'))).toEqual(Buffer.concat([original, Buffer.from(blockText(BODY))]));

    await uninstall([{ path: h('.bashrc'), shell: 'bash' }]);
    expect(snapshot(tree.home, { inodes: true })).toEqual(before);
  });

  it('two hard-linked profile names are one file: one edit, one block, one backup', async () => {
    write(h('.bashrc'), 'x\n');
    fs.linkSync(h('.bashrc'), h('.bash_profile'));
    const plan = planInsert([ins(h('.bashrc')), ins(h('.bash_profile'))]);
    expect(plan.changes).toHaveLength(1);
    await applyPlan(plan, tree.opts);
    expect(blocksIn(h('.bash_profile'))).toBe(1);
    expect(fs.readdirSync(tree.opts.backupsDir)).toHaveLength(1);
  });

  it('a file pyshim created and the user then hard-linked: uninstall empties the other name and deletes its own', async () => {
    const fish = h('.config', 'fish', 'conf.d', 'pyshim.fish');
    await setup([ins(fish, 'fish', FISH_BODY)]);
    fs.linkSync(fish, h('pyshim.fish.copy'));
    await uninstall([]);
    expect(fs.existsSync(fish)).toBe(false);
    expect(inode(h('pyshim.fish.copy')).nlink).toBe(1);
    expect(fs.readFileSync(h('pyshim.fish.copy'), 'utf8')).toBe('');
  });

  // chattr +i stops root too; a checker that locks a directory after it was checked makes the second write fail.
  const chattr = spawnSync('sh', ['-c', 'd=$(mktemp -d) && chattr +i "$d" && chattr -i "$d" && rmdir "$d"']).status === 0;
  itWith(chattr, 'chattr +i on the temp file system')('a failed later write puts the hard-linked file back in place, link kept', async () => {
    write(h('dotfiles', 'bashrc'), 'x\n');
    fs.linkSync(h('dotfiles', 'bashrc'), h('.bashrc'));
    write(h('locked', '.zshrc'), 'y\n');
    const before = snapshot(tree.home, { inodes: true });
    const checkers = { bash: ['true'], zsh: ['sh', '-c', 'chattr +i "$0"', h('locked')] };
    await refused(applyPlan(planInsert([ins(h('.bashrc')), ins(h('locked', '.zshrc'), 'zsh')]), { ...tree.opts, checkers }));
    execFileSync('chattr', ['-i', h('locked')]);
    expect(snapshot(tree.home, { inodes: true })).toEqual(before);
  });

  it('rewriteInPlace keeps the inode and gives exactly the new bytes when growing, shrinking or changing the middle', () => {
    const file = h('f');
    const cases: [string, string][] = [['abc', 'abcdef'], ['abcdef', 'abc'], ['abcdef', 'abXYZdef'], ['abcdef', ''], ['', 'xyz'], ['same', 'same']];
    for (const [from, to] of cases) {
      write(file, from);
      const { ino } = inode(file);
      rewriteInPlace(file, Buffer.from(to));
      expect(fs.readFileSync(file, 'utf8')).toBe(to);
      expect(inode(file).ino).toBe(ino);
    }
  });
});

describe('a relative link is followed as the kernel follows it', () => {
  it('`..` after a linked directory goes to that directory\'s real parent: the file the shell reads gets the block', async () => {
    // ~/.bash -> repo/shells/bash; ~/.bashrc -> .bash/../bashrc, which the kernel reads as repo/shells/bashrc.
    write(h('repo', 'shells', 'bash', 'aliases'), 'alias ll="ls -l"\n');
    write(h('repo', 'shells', 'bashrc'), 'export FROM_REPO=1\n');
    fs.symlinkSync('repo/shells/bash', h('.bash'));
    fs.symlinkSync('.bash/../bashrc', h('.bashrc'));
    const before = snapshot(tree.home);

    expect(resolveTarget(h('.bashrc'))).toBe(h('repo', 'shells', 'bashrc'));
    await setup([ins(h('.bashrc'))]);
    // What cat ~/.bashrc (the kernel) reads holds the block; no file appeared where a lexical `..` points.
    expect(blocksIn(h('.bashrc'))).toBe(1);
    expect(fs.existsSync(h('bashrc'))).toBe(false);
    expect(execFileSync('cat', [h('.bashrc')]).toString()).toContain(BEGIN_MARKER);

    await uninstall([{ path: h('.bashrc'), shell: 'bash' }]);
    expect(snapshot(tree.home)).toEqual(before);
  });

  it('a link inside a linked directory is resolved from that directory\'s real place', async () => {
    // ~/.config -> repo/config; ~/.config/fish/config.fish -> ../../fish-shared/config.fish = repo/fish-shared/config.fish.
    write(h('repo', 'config', 'fish', 'functions', 'f.fish'), 'function f; end\n');
    write(h('repo', 'fish-shared', 'config.fish'), 'set -g fish_greeting\n');
    fs.symlinkSync('repo/config', h('.config'));
    fs.symlinkSync('../../fish-shared/config.fish', h('repo', 'config', 'fish', 'config.fish'));
    const config = h('.config', 'fish', 'config.fish');
    const before = snapshot(tree.home);

    expect(resolveTarget(config)).toBe(h('repo', 'fish-shared', 'config.fish'));
    await setup([ins(config, 'fish', FISH_BODY)]);
    expect(blocksIn(config)).toBe(1);
    expect(fs.existsSync(h('fish-shared'))).toBe(false);
    await uninstall([{ path: config, shell: 'fish' }]);
    expect(snapshot(tree.home)).toEqual(before);
  });

  it('a dangling relative link through a linked directory: the missing file is created where the kernel would look', async () => {
    fs.mkdirSync(h('repo', 'shells', 'bash'), { recursive: true });
    fs.symlinkSync('repo/shells/bash', h('.bash'));
    fs.symlinkSync('.bash/../bashrc', h('.bashrc'));
    const before = snapshot(tree.home);
    await setup([ins(h('.bashrc'))]);
    expect(fs.readFileSync(h('repo', 'shells', 'bashrc'), 'utf8')).toContain(BEGIN_MARKER);
    expect(fs.readFileSync(h('.bashrc'), 'utf8')).toContain(BEGIN_MARKER);
    await uninstall([{ path: h('.bashrc'), shell: 'bash' }]);
    expect(snapshot(tree.home)).toEqual(before);
  });

  it('a link loop is refused with the way out', async () => {
    fs.symlinkSync('.b', h('.a'));
    fs.symlinkSync('.a', h('.b'));
    const error = await refused(() => planInsert([ins(h('.a'))]));
    expect(error.message).toMatch(/\.a: too many levels of symbolic links/);
  });
});

describe('permissions as a user has them, also as root', () => {
  const root = process.getuid?.() === 0;

  it('a profile with no write bit (0444) is refused for every user, root included; the file is unchanged', async () => {
    write(h('.bashrc'), 'x\n', 0o444);
    const before = snapshot(tree.home, { inodes: true });
    const error = await refused(setup([ins(h('.bashrc'))]));
    expect(error.message).toBe(`${h('.bashrc')} is read-only (mode 0444); pyshim does not write past that, not even as root; nothing was changed`);
    expect(error.hint).toBe(`if pyshim may edit it: chmod u+w ${h('.bashrc')}, then run the command again`);
    expect(snapshot(tree.home, { inodes: true })).toEqual(before);
    expect(fs.existsSync(tree.opts.backupsDir)).toBe(false);
  });

  it('uninstall is refused the same way, and the hint\'s way out works', async () => {
    write(h('.bashrc'), 'x\n', 0o644);
    await setup([ins(h('.bashrc'))]);
    fs.chmodSync(h('.bashrc'), 0o444);
    const withBlock = snapshot(tree.home);
    const error = await refused(uninstall([{ path: h('.bashrc'), shell: 'bash' }]));
    expect(error.message).toMatch(/read-only \(mode 0444\)/);
    expect(snapshot(tree.home)).toEqual(withBlock);
    fs.chmodSync(h('.bashrc'), 0o644); // chmod u+w
    await uninstall([{ path: h('.bashrc'), shell: 'bash' }]);
    expect(fs.readFileSync(h('.bashrc'), 'utf8')).toBe('x\n');
  });

  it('a linked read-only profile is named with its target; the hint names the link, which chmod follows', async () => {
    write(h('dotfiles', 'zshrc'), 'y\n', 0o400);
    fs.symlinkSync('dotfiles/zshrc', h('.zshrc'));
    const error = await refused(setup([ins(h('.zshrc'), 'zsh')]));
    expect(error.message).toMatch(new RegExp(`\\.zshrc \\(-> .*dotfiles/zshrc\\) is read-only \\(mode 0400\\)`));
    expect(error.hint).toContain(`chmod u+w ${h('.zshrc')}`);
  });

  it('a directory with no write bit (0555) where a profile must be created is refused, and nothing is created', async () => {
    fs.mkdirSync(h('.config', 'fish', 'conf.d'), { recursive: true });
    fs.chmodSync(h('.config', 'fish', 'conf.d'), 0o555);
    const before = snapshot(tree.home);
    const error = await refused(setup([ins(h('.config', 'fish', 'conf.d', 'pyshim.fish'), 'fish', FISH_BODY)]));
    expect(error.message).toMatch(/pyshim\.fish: its directory .*conf\.d is read-only \(mode 0555\)/);
    expect(error.hint).toContain(`chmod u+w ${h('.config', 'fish', 'conf.d')}`);
    expect(snapshot(tree.home)).toEqual(before);
  });

  it('a hard-linked profile in a read-only directory is still edited: in place needs only the file', async () => {
    write(h('dotfiles', 'bashrc'), 'x\n');
    fs.linkSync(h('dotfiles', 'bashrc'), h('.bashrc'));
    fs.chmodSync(h('dotfiles'), 0o555);
    await setup([ins(h('dotfiles', 'bashrc'))]);
    expect(blocksIn(h('.bashrc'))).toBe(1);
  });

  describe('as another user (nobody), with the kernel deciding', () => {
    let driverDir: string;
    let driver: string;
    beforeAll(async () => {
      driverDir = tempDir('pyshim-driver-');
      fs.chmodSync(driverDir, 0o755);
      driver = await buildDriver(driverDir);
    });
    afterAll(() => fs.rmSync(driverDir, { recursive: true, force: true }));

    const NOBODY = 65534;
    const setpriv = root && spawnSync('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', 'true']).status === 0;
    const asNobody = (op: 'insert' | 'remove', files: (InsertRequest | ProfileFile)[]) =>
      execa('setpriv', [`--reuid=${NOBODY}`, `--regid=${NOBODY}`, '--clear-groups', process.execPath, driver, JSON.stringify({ op, files, ...tree.opts })], { reject: false });
    /** The temporary tree handed to nobody, as a user's home is theirs. */
    const giveToNobody = () => {
      fs.chmodSync(tree.base, 0o755);
      execFileSync('chown', ['-R', `${NOBODY}:${NOBODY}`, tree.home]);
      fs.mkdirSync(tree.opts.dataDir, { recursive: true });
      execFileSync('chown', ['-R', `${NOBODY}:${NOBODY}`, tree.opts.dataDir]);
    };

    itWith(setpriv, 'root with setpriv (to run as nobody)')('their own 0444 profile is refused with the same one line and hint', async () => {
      write(h('.bashrc'), 'x\n', 0o444);
      giveToNobody();
      const before = snapshot(tree.home, { inodes: true });
      const run = await asNobody('insert', [ins(h('.bashrc'))]);
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toBe(`${h('.bashrc')} is read-only (mode 0444); pyshim does not write past that, not even as root; nothing was changed\nif pyshim may edit it: chmod u+w ${h('.bashrc')}, then run the command again`);
      expect(snapshot(tree.home, { inodes: true })).toEqual(before);
    });

    itWith(setpriv, 'root with setpriv (to run as nobody)')('a profile another user owns (0644, root\'s) is refused by the kernel: EACCES, one line', async () => {
      giveToNobody();
      write(h('.bashrc'), 'x\n', 0o644); // root's file in nobody's home
      const run = await asNobody('insert', [ins(h('.bashrc'))]);
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toMatch(/\.bashrc: cannot write the file \(EACCES\); nothing was changed\n.+$/);
      expect(fs.readFileSync(h('.bashrc'), 'utf8')).toBe('x\n');
    });

    itWith(setpriv, 'root with setpriv (to run as nobody)')('a directory the user cannot enter where a profile should be: EACCES, one line, nothing created', async () => {
      giveToNobody();
      fs.mkdirSync(h('.config'), { mode: 0o700 }); // root's, closed to nobody
      const run = await asNobody('insert', [ins(h('.config', 'fish', 'conf.d', 'pyshim.fish'), 'fish', FISH_BODY)]);
      expect(run.exitCode).toBe(1);
      expect(run.stderr).toMatch(/pyshim\.fish: cannot read it \(EACCES\)\n.+$/);
      expect(fs.readdirSync(h('.config'))).toEqual([]);
    });
  });
});

describe('files that hold nothing but the block', () => {
  const confD = (name: string) => h('.config', 'fish', 'conf.d', name);
  const fishFile = (file: string): ProfileFile => ({ path: file, shell: 'fish' });

  it('a conf.d snippet written by hand with `pyshim init fish > FILE` is deleted, not left empty', async () => {
    write(confD('pyshim.fish'), blockText(FISH_BODY));
    write(confD('mine.fish'), 'set -g MINE 1\n' + blockText(FISH_BODY));
    write(confD('empty.fish'), '');
    const plan = planRemove([confD('pyshim.fish')].map(fishFile), tree.opts.dataDir);
    expect(describePlan(plan, { home: tree.home })).toEqual(["~/.config/fish/conf.d/pyshim.fish: delete (nothing but pyshim's block was in it)"]);
    const result = await uninstall([confD('pyshim.fish'), confD('mine.fish'), confD('empty.fish')].map(fishFile));
    expect(result.files.map((f) => [path.basename(f.path), f.action])).toEqual([
      ['pyshim.fish', 'deleted'],
      ['mine.fish', 'updated'],
      ['empty.fish', 'unchanged'],
    ]);
    expect(fs.readdirSync(h('.config', 'fish', 'conf.d')).sort()).toEqual(['empty.fish', 'mine.fish']);
    expect(fs.readFileSync(confD('mine.fish'), 'utf8')).toBe('set -g MINE 1\n');
  });

  it('a snippet converted to CRLF, or with blank lines around the block, is deleted too', async () => {
    write(confD('crlf.fish'), blockText(FISH_BODY).replace(/\n/g, '\r\n'));
    write(confD('blank.fish'), `\n\n${blockText(FISH_BODY)}\n`);
    await uninstall([confD('crlf.fish'), confD('blank.fish')].map(fishFile));
    expect(fs.existsSync(confD('crlf.fish'))).toBe(false);
    expect(fs.existsSync(confD('blank.fish'))).toBe(false);
  });

  it('a ~/.bashrc that held only the block is emptied, never deleted, unless pyshim created it', async () => {
    write(h('.bashrc'), blockText(BODY));
    await uninstall([{ path: h('.bashrc'), shell: 'bash' }]);
    expect(fs.readFileSync(h('.bashrc'), 'utf8')).toBe('');
    await setup([ins(h('.bash_profile'))]);
    await uninstall([{ path: h('.bash_profile'), shell: 'bash' }]);
    expect(fs.existsSync(h('.bash_profile'))).toBe(false);
  });

  it('a snippet that is a link keeps its target (in a dotfiles repository): emptied, link and file kept', async () => {
    write(h('dotfiles', 'pyshim.fish'), blockText(FISH_BODY));
    fs.mkdirSync(h('.config', 'fish', 'conf.d'), { recursive: true });
    fs.symlinkSync(h('dotfiles', 'pyshim.fish'), confD('pyshim.fish'));
    await uninstall([fishFile(confD('pyshim.fish'))]);
    expect(fs.lstatSync(confD('pyshim.fish')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(h('dotfiles', 'pyshim.fish'), 'utf8')).toBe('');
  });
});

describe('--dry-run shows only the change', () => {
  it('a plain unified diff: no `Index:` line, no row of `=`; it starts at `---`', () => {
    write(h('.bashrc'), 'export A=1\n');
    const diff = renderDiff(planInsert([ins(h('.bashrc')), ins(h('.config', 'fish', 'conf.d', 'pyshim.fish'), 'fish', FISH_BODY)]), { home: tree.home });
    expect(diff).not.toMatch(/^Index:/m);
    expect(diff).not.toMatch(/^=+$/m);
    expect(diff.startsWith('--- ~/.bashrc\n+++ ~/.bashrc\n@@ ')).toBe(true);
    expect(diff.split('\n').filter((l) => l.startsWith('--- '))).toEqual(['--- ~/.bashrc', '--- /dev/null']);
  });
});
