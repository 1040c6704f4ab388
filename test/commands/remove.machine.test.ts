import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { describeWith, python, shells, systemPython3 } from '../helpers/machine.js';
import { snapshot } from '../discovery/fixtures.js';

describeWith(python('3.12') && python('2.7'), 'pyenv CPython 2.7 and 3.12')('pyshim remove', () => {
  let s: Sandbox;
  let userData: Record<string, string>;
  beforeAll(async () => {
    s = makeSandbox();
    for (const v of ['2.7', '3.12']) expect((await s.pyshim(['add', v, '--no-bootstrap'])).exitCode).toBe(0);
    // User data of the 3.12 line: its user site with a package, its environments.
    const site = path.join(s.home, '.local/lib/python3.12/site-packages/mypkg');
    fs.mkdirSync(site, { recursive: true });
    fs.writeFileSync(path.join(site, '__init__.py'), 'x = 1\n');
    fs.mkdirSync(path.join(s.home, '.local/bin'), { recursive: true });
    fs.writeFileSync(path.join(s.home, '.local/bin/mytool'), '#!/bin/sh\n', { mode: 0o755 });
    fs.mkdirSync(path.join(s.home, '.virtualenvs312/proj/bin'), { recursive: true });
    fs.writeFileSync(path.join(s.home, '.virtualenvs312/proj/pyvenv.cfg'), 'home = /x\n');
    userData = snapshot(s.home, { exclude: (rel) => rel.startsWith('.pyshim') });
  });
  afterAll(() => s.cleanup());

  it('deletes exactly that line\'s shims, keeps the other line\'s, and never user data', async () => {
    const other = snapshot(s.bin, { exclude: (rel) => !/27|2\.7/.test(rel) });
    expect(Object.keys(other).length).toBeGreaterThanOrEqual(4);
    // A file of the user's own in pyshim's bin, with a shim's name: not pyshim's to delete.
    fs.rmSync(path.join(s.bin, 'python3.12'));
    fs.writeFileSync(path.join(s.bin, 'python3.12'), '#!/bin/sh\necho mine\n', { mode: 0o755 });
    const run = await s.pyshim(['remove', '3.12']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(String(run.stdout)).toContain('removed the 3.12 line (4 shims deleted; its user site and virtual environments are untouched)');
    expect(fs.readdirSync(s.bin).filter((f) => f.includes('3.12') || f.includes('312')).sort()).toEqual(['python3.12']);
    expect(fs.readFileSync(path.join(s.bin, 'python3.12'), 'utf8')).toContain('echo mine');
    expect(snapshot(s.bin, { exclude: (rel) => !/27|2\.7/.test(rel) })).toEqual(other);
    expect(snapshot(s.home, { exclude: (rel) => rel.startsWith('.pyshim') })).toEqual(userData);
  });

  it('moves the default to a remaining line and unregisters the removed one', async () => {
    const reg = JSON.parse(fs.readFileSync(path.join(s.pyshimHome, 'registry.json'), 'utf8')) as { default?: string; lines: Record<string, unknown> };
    expect(Object.keys(reg.lines)).toEqual(['2.7']);
    expect(reg.default).toBe('2.7');
  });

  it('refuses a line that is not registered (exit 1, lists the registered) and a non-version (exit 2), changing nothing', async () => {
    const before = snapshot(s.pyshimHome);
    const missing = await s.pyshim(['remove', '3.12']);
    expect(missing.exitCode).toBe(1);
    expect(String(missing.stderr).trim().split('\n')).toEqual(['pyshim: error: 3.12 is not a registered line (registered: 2.7)', '  see them with: pyshim list']);
    const bad = await s.pyshim(['remove', 'latest']);
    expect(bad.exitCode).toBe(2);
    expect(String(bad.stderr).trim().split('\n')).toHaveLength(2);
    expect(snapshot(s.pyshimHome)).toEqual(before);
  });

  it('removing the last line leaves no default', async () => {
    expect((await s.pyshim(['remove', '2.7'])).exitCode).toBe(0);
    const reg = JSON.parse(fs.readFileSync(path.join(s.pyshimHome, 'registry.json'), 'utf8')) as { default?: string; lines: Record<string, unknown> };
    expect(reg.lines).toEqual({});
    expect(reg.default).toBeUndefined();
    expect(fs.readdirSync(s.bin)).toEqual(['python3.12']);
    expect(snapshot(s.home, { exclude: (rel) => rel.startsWith('.pyshim') })).toEqual(userData);
  });
});

const DEBIAN_VEW = '/usr/share/virtualenvwrapper/virtualenvwrapper.sh';

describeWith(python('3.12') && python('2.7') && shells.bash && systemPython3 && fs.existsSync(DEBIAN_VEW), "pyenv 2.7 and 3.12, bash, Debian's virtualenvwrapper")('pyshim remove of a line whose home holds environments', () => {
  let s: Sandbox;
  afterAll(() => s?.cleanup());

  it('the home becomes a shared home, remove says so in one line, and workon NAME in a new bash still activates it', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/bash' } });
    const tools = path.join(path.dirname(s.home), 'tools');
    fs.mkdirSync(tools);
    fs.symlinkSync(CLI, path.join(tools, 'pyshim'));
    s.env.PATH = `${tools}:${s.env.PATH}`;
    for (const v of ['2.7', '3.12']) expect((await s.pyshim(['add', v, '--no-bootstrap', ...(v === '3.12' ? ['--default'] : [])])).exitCode).toBe(0);
    expect((await s.pyshim(['setup', '--shell', 'bash'])).exitCode).toBe(0);
    const home27 = path.join(s.home, '.virtualenvs27');
    const made = await execa(path.join(s.bin, 'virtualenv-2.7'), [path.join(home27, 'proj')], { env: s.env, extendEnv: false, reject: false });
    expect(made.exitCode, String(made.stderr)).toBe(0);

    const run = await s.pyshim(['remove', '2.7']);
    expect(run.exitCode, String(run.stderr)).toBe(0);
    const said = String(run.stdout).split('\n');
    expect(said.filter((l) => l.includes('workon'))).toEqual(['  workon still finds its environments in ~/.virtualenvs27 by name (a shared home now); pyshim deletes nothing there']);
    const reg = JSON.parse(fs.readFileSync(path.join(s.pyshimHome, 'registry.json'), 'utf8')) as { sharedHomes?: string[] };
    expect(reg.sharedHomes).toEqual([home27]);

    const script = [
      'echo "line=$PYSHIM_LINE"',
      'workon proj; echo "rc=$?"',
      'echo "venv=$VIRTUAL_ENV"',
      `python -c 'import sys; print("py=%d.%d" % sys.version_info[:2])'`,
      'echo "line=$PYSHIM_LINE"',
      'deactivate',
    ].join('\n');
    const bash = await execa('bash', ['-i', '-c', script], { env: s.env, extendEnv: false, reject: false, cwd: s.home, stdin: 'ignore' });
    // No 2.7 line any more: the shell stays on 3.12, the environment's own python is 2.7.
    expect(String(bash.stdout).split('\n').filter((l) => /^[a-z]+=/.test(l)), String(bash.stderr)).toEqual([
      'line=3.12',
      'rc=0',
      `venv=${home27}/proj`,
      'py=2.7',
      'line=3.12',
    ]);

    // A home without environments is not kept: remove of such a line says nothing of homes.
    expect((await s.pyshim(['add', '2.7', '--no-bootstrap'])).exitCode).toBe(0);
    const again = await s.pyshim(['remove', '3.12']);
    expect(String(again.stdout)).not.toContain('workon still finds');
  });
});
