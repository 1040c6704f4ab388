import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { snapshot } from '../discovery/fixtures.js';
import { describeWith, python } from '../helpers/machine.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';

let s: Sandbox | undefined;
afterEach(() => s?.cleanup());

/** A sandbox whose pyshim lives where the user says: PYSHIM_HOME=dir, or the XDG defaults when dir is undefined. */
function sandboxAt(dir: ((home: string) => string) | undefined): Sandbox {
  s = makeSandbox();
  if (dir) s.env.PYSHIM_HOME = dir(s.home);
  else delete s.env.PYSHIM_HOME;
  return s;
}

/** Debian's /etc/skel, as a new user's home has it. */
function skel(home: string): void {
  fs.writeFileSync(path.join(home, '.bashrc'), '# ~/.bashrc\ncase $- in\n    *i*) ;;\n      *) return;;\nesac\nHISTSIZE=1000\n');
  fs.writeFileSync(path.join(home, '.profile'), '# ~/.profile\nif [ -n "$BASH_VERSION" ]; then\n    if [ -f "$HOME/.bashrc" ]; then\n\t. "$HOME/.bashrc"\n    fi\nfi\n');
  fs.writeFileSync(path.join(home, '.bash_logout'), '# ~/.bash_logout\n');
}

const ok = async (sb: Sandbox, args: string[]) => {
  const run = await sb.pyshim(args);
  expect(run.exitCode, `pyshim ${args.join(' ')}: ${String(run.stderr)}`).toBe(0);
  return String(run.stdout);
};

describeWith(python('3.12'), 'pyenv CPython 3.12')('uninstall removes what pyshim made and nothing else', () => {
  it('leaves a home laid out by the XDG defaults exactly as it was', async () => {
    const sb = sandboxAt(undefined);
    skel(sb.home);
    const before = snapshot(sb.home);
    await ok(sb, ['add', '3.12', '--no-bootstrap']);
    await ok(sb, ['setup', '--shell', 'bash,zsh,fish']);
    expect(fs.existsSync(path.join(sb.home, '.local/share/pyshim/bin/pip312'))).toBe(true);
    const out = await ok(sb, ['uninstall']);
    expect(snapshot(sb.home)).toEqual(before);
    expect(out).not.toMatch(/kept/);
    // Asking afterwards writes nothing either (no cache for a pyshim no longer in use).
    await ok(sb, ['doctor']);
    await ok(sb, ['list']);
    expect(snapshot(sb.home)).toEqual(before);
  });

  it('names a line\'s home that holds only virtualenvwrapper\'s hook scripts as such, not as environments', async () => {
    const sb = sandboxAt(undefined);
    await ok(sb, ['add', '3.12', '--no-bootstrap']);
    const envs = path.join(sb.home, '.virtualenvs312');
    fs.writeFileSync(path.join(envs, 'postactivate'), '#!/bin/bash\n');
    const out = await ok(sb, ['uninstall']);
    expect(out).toContain("3.12: ~/.virtualenvs312 (virtualenvwrapper's hook scripts, no environment)");
    expect(out).not.toContain('environments in ~/.virtualenvs312');
    fs.mkdirSync(path.join(envs, 'proj', 'bin'), { recursive: true });
    fs.writeFileSync(path.join(envs, 'proj', 'bin', 'activate'), '# activate\n');
    await ok(sb, ['add', '3.12', '--no-bootstrap']);
    expect(await ok(sb, ['uninstall'])).toContain('3.12: environments in ~/.virtualenvs312');
  });

  it('with PYSHIM_HOME=~/.local keeps the user\'s scripts and user site, and says what it left', async () => {
    const sb = sandboxAt((home) => path.join(home, '.local'));
    const mine = path.join(sb.home, '.local/bin/mytool');
    fs.mkdirSync(path.dirname(mine), { recursive: true });
    fs.writeFileSync(mine, '#!/bin/sh\necho mine\n', { mode: 0o755 });
    const pkg = path.join(sb.home, '.local/lib/python3.12/site-packages/mypkg/__init__.py');
    fs.mkdirSync(path.dirname(pkg), { recursive: true });
    fs.writeFileSync(pkg, 'x = 1\n');
    const before = snapshot(sb.home);
    await ok(sb, ['add', '3.12', '--no-bootstrap']);
    await ok(sb, ['setup', '--shell', 'bash']);
    expect(fs.existsSync(path.join(sb.home, '.local/bin/pip312'))).toBe(true);
    const out = await ok(sb, ['uninstall']);
    // The user's files are there byte for byte; pyshim's are gone; pyshim created ~/.bashrc, so it is gone too.
    expect(snapshot(sb.home)).toEqual(before);
    expect(out).toContain('kept ~/.local/bin: it was there before pyshim (it holds mytool)');
  });

  it('with PYSHIM_HOME=~/tools keeps ~/tools and the user\'s notes in it', async () => {
    const sb = sandboxAt((home) => path.join(home, 'tools'));
    fs.mkdirSync(path.join(sb.home, 'tools'));
    fs.writeFileSync(path.join(sb.home, 'tools/notes'), 'remember\n');
    skel(sb.home);
    const before = snapshot(sb.home);
    await ok(sb, ['add', '3.12', '--no-bootstrap']);
    await ok(sb, ['setup', '--shell', 'bash']);
    const out = await ok(sb, ['uninstall']);
    expect(snapshot(sb.home)).toEqual(before);
    expect(out).toContain('kept ~/tools: it was there before pyshim (it holds notes)');
  });

  it('keeps a file the user put into pyshim\'s bin, and the folders that hold it', async () => {
    const sb = sandboxAt(undefined);
    await ok(sb, ['add', '3.12', '--no-bootstrap']);
    const foreign = path.join(sb.home, '.local/share/pyshim/bin/my-own');
    fs.writeFileSync(foreign, 'mine\n');
    // A shim the user replaced with their own file (the record still names the path).
    const replaced = path.join(sb.home, '.local/share/pyshim/bin/pip312');
    fs.rmSync(replaced);
    fs.writeFileSync(replaced, '#!/bin/sh\necho my pip\n');
    const out = await ok(sb, ['uninstall']);
    expect(fs.readFileSync(foreign, 'utf8')).toBe('mine\n');
    expect(fs.readFileSync(replaced, 'utf8')).toContain('my pip');
    expect(fs.readdirSync(path.dirname(foreign)).sort()).toEqual(['my-own', 'pip312']);
    expect(out).toContain('kept ~/.local/share/pyshim/bin: it holds files pyshim did not make (my-own, pip312)');
  });

  it('--dry-run names each path once and changes nothing', async () => {
    const sb = sandboxAt(undefined);
    skel(sb.home);
    await ok(sb, ['add', '3.12', '--no-bootstrap']);
    await ok(sb, ['setup', '--shell', 'bash']);
    const before = snapshot(sb.home);
    const out = await ok(sb, ['uninstall', '--dry-run']);
    expect(snapshot(sb.home)).toEqual(before);
    const named = out.split('\n').filter((l) => /^would (delete|remove) /.test(l)).map((l) => l.replace(/^would (delete|remove) (\S+).*$/, '$2'));
    expect(named.length).toBeGreaterThan(5);
    expect(new Set(named).size).toBe(named.length);
    expect(named).toContain('~/.local/share/pyshim/bin/pip312');
  });
});

describeWith(true, '')('a refused change leaves nothing behind', () => {
  it('an add of a version this machine lacks creates no file and no folder', async () => {
    const sb = sandboxAt(undefined);
    const before = snapshot(sb.home);
    const run = await sb.pyshim(['add', '3.5']);
    expect(run.exitCode).toBe(1);
    expect(String(run.stderr)).toMatch(/no Python 3\.5 found/);
    // The way out pyshim itself offers comes first.
    expect(String(run.stderr)).toMatch(/\n {2}build it: pyshim python build 3\.5 /);
    // Not even a cache: pyshim is not in use in this home.
    expect(snapshot(sb.home)).toEqual(before);
    expect(fs.existsSync(path.join(sb.home, '.config'))).toBe(false);
    expect(fs.existsSync(path.join(sb.home, '.local'))).toBe(false);
  });
});

describeWith(python('3.12'), 'pyenv CPython 3.12')('add says how this shell gets the shims', () => {
  it('before setup: run pyshim setup; after it: open a new shell, or source the profile it wrote', async () => {
    const sb = sandboxAt(undefined);
    sb.env.SHELL = '/bin/bash';
    const before = await ok(sb, ['add', '3.12', '--no-bootstrap']);
    expect(before).toMatch(/is not on PATH in this shell: run `pyshim setup`, then open a new shell/);
    await ok(sb, ['setup', '--shell', 'bash']);
    const after = await ok(sb, ['add', '3.12', '--no-bootstrap']);
    expect(after).toMatch(/which started before `pyshim setup`: open a new shell, or: source ~\/\.bashrc/);
    expect(after).not.toMatch(/run `pyshim setup`/);
  });
});
