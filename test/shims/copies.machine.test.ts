import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { pathWithoutPyenv } from '../discovery/fixtures.js';
import { buildWheel } from '../envs/wheel.js';
import { CI, describeWith, itWith, python, shells } from '../helpers/machine.js';
import { makeSandbox, ROOT, type Sandbox } from '../helpers/sandbox.js';
import { snapshotTree } from '../helpers/snapshot.js';

/**
 * The shared ~/.local/bin: pip's --user scripts of every line land there and
 * overwrite each other, so every console script a line's installXY or
 * bootstrap installs also exists as NAME-X.Y in pyshim's bin. Real
 * interpreters, real pip, a wheel with a console script built here.
 */
const py311 = python('3.11');
const py312 = python('3.12');
const py27 = python('2.7');

function run(s: Sandbox, command: string, args: string[] = []) {
  const file = path.isAbsolute(command) ? command : path.join(s.bin, command);
  return execa(file, args, { env: { ...s.env, PATH: `${s.bin}:${pathWithoutPyenv(s.env.PATH)}` }, extendEnv: false, reject: false });
}

/** pyshim's own lines in what a command printed. */
const pyshimLines = (text: unknown) =>
  String(text)
    .split('\n')
    .filter((l) => l.startsWith('pyshim:'));

/** A sandbox with these lines added (no bootstrap). */
async function sandboxWith(lines: string[], options: Parameters<typeof makeSandbox>[0] = {}): Promise<Sandbox> {
  const sb = makeSandbox(options);
  for (const v of lines) {
    const r = await sb.pyshim(['add', v, '--no-bootstrap']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
  }
  return sb;
}

/** Every file in pyshim's bin with its bytes, mode and modification time. */
function binState(s: Sandbox): Record<string, string> {
  const tree = snapshotTree(s.bin);
  for (const rel of Object.keys(tree)) tree[rel] += ` ${fs.statSync(path.join(s.bin, rel)).mtimeMs}`;
  return tree;
}

describeWith(py311 && py312, 'pyenv CPython 3.11 and 3.12')('versioned copies of console scripts (installXY)', () => {
  let s: Sandbox;
  let v1: string;
  let v2: string;
  let fakevenv: string;
  beforeAll(async () => {
    s = await sandboxWith(['3.11', '3.12']);
    v1 = path.join(s.home, 'wheels1');
    v2 = path.join(s.home, 'wheels2');
    fakevenv = path.join(s.home, 'wheels3');
    for (const dir of [v1, v2, fakevenv]) fs.mkdirSync(dir);
    buildWheel(v1, 'pyshimtool', '1.0', { pyshimtool: 'main' });
    buildWheel(v2, 'pyshimtool', '2.0', { pyshimtool: 'main' });
    // A distribution whose console script is called virtualenv: its copy would take the virtualenv-X.Y shim's name.
    buildWheel(fakevenv, 'fakevenv', '1.0', { virtualenv: 'main' });
  });
  afterAll(() => s.cleanup());

  const install = (shim: string, dir: string, pkg = 'pyshimtool') => run(s, shim, ['--no-index', '--find-links', dir, pkg]);
  const bare = (name: string) => path.join(s.home, '.local/bin', name);

  it('install311 writes pyshimtool-3.11 beside the shims, and it runs 3.11 with its arguments and exit status', async () => {
    const r = await install('install311', v1);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(String(r.stdout)).toContain('Successfully installed pyshimtool-1.0');
    expect(pyshimLines(r.stderr)).toEqual([]);
    const copy = path.join(s.bin, 'pyshimtool-3.11');
    expect(fs.statSync(copy).mode & 0o777).toBe(0o755);
    expect(fs.readFileSync(copy, 'utf8')).toMatch(/^#!\/bin\/sh\n/);
    expect(fs.readFileSync(copy, 'utf8')).toContain('Written by pyshim;');
    const ran = await run(s, 'pyshimtool-3.11', ['a b', '$HOME']);
    expect(ran.exitCode, String(ran.stderr)).toBe(0);
    expect(String(ran.stdout)).toBe(`pyshimtool 1.0 installed on 3.11 argv=[${JSON.stringify(copy).replace(/"/g, "'")}, 'a b', '$HOME']`);
    expect((await run(s, 'pyshimtool-3.11', ['exit=3'])).exitCode).toBe(3);
  });

  it('install312 over it says in one line that ~/.local/bin/pyshimtool now runs 3.12, naming pyshimtool-3.11, which still runs 3.11', async () => {
    const r = await install('install312', v2);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(pyshimLines(r.stderr)).toEqual(["pyshim: ~/.local/bin/pyshimtool now runs 3.12 (was 3.11); 3.11's is pyshimtool-3.11"]);
    expect(String((await run(s, bare('pyshimtool'))).stdout)).toMatch(/^pyshimtool 2\.0 installed on 3\.12 /);
    expect(String((await run(s, 'pyshimtool-3.11')).stdout)).toMatch(/^pyshimtool 1\.0 installed on 3\.11 /);
    expect(String((await run(s, 'pyshimtool-3.12')).stdout)).toMatch(/^pyshimtool 2\.0 installed on 3\.12 /);
  });

  it('installing again over its own line\'s script says nothing', async () => {
    const r = await run(s, 'install312', ['--no-index', '--find-links', v2, '--force-reinstall', 'pyshimtool']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(pyshimLines(r.stderr)).toEqual([]);
  });

  it('pip312 uninstall takes the bare command away; 3.11\'s stays as pyshimtool-3.11', async () => {
    const r = await run(s, 'pip312', ['uninstall', '-y', 'pyshimtool']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(fs.existsSync(bare('pyshimtool'))).toBe(false);
    const ran = await run(s, 'pyshimtool-3.11', ['still']);
    expect(ran.exitCode, String(ran.stderr)).toBe(0);
    expect(String(ran.stdout)).toMatch(/^pyshimtool 1\.0 installed on 3\.11 .*'still'\]$/);
    // 3.12's copy, until the next install312 takes it away, says in one line what happened: no traceback.
    const stale = await run(s, 'pyshimtool-3.12', []);
    expect(stale.exitCode).toBe(127);
    expect(String(stale.stderr).split('\n').filter(Boolean)).toEqual([
      'pyshimtool-3.12: pyshimtool is no longer installed for Python 3.12 (pip uninstalled it); its copy goes at the next install312, or: pyshim bootstrap 3.12',
    ]);
  });

  it('the next install312 takes away the copy of what 3.12 no longer has, and nothing else', async () => {
    // A copy the user made of a copy is not one by its name: it stays.
    fs.copyFileSync(path.join(s.bin, 'pyshimtool-3.12'), path.join(s.bin, 'kept-3.12'));
    const r = await install('install312', fakevenv, 'fakevenv');
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(fs.existsSync(path.join(s.bin, 'pyshimtool-3.12'))).toBe(false);
    expect(fs.existsSync(path.join(s.bin, 'pyshimtool-3.11'))).toBe(true);
    expect(fs.existsSync(path.join(s.bin, 'kept-3.12'))).toBe(true);
  });

  it('a console script named virtualenv never replaces the virtualenv-X.Y shim, which the notice names', async () => {
    const shims = { '3.11': fs.readFileSync(path.join(s.bin, 'virtualenv-3.11')), '3.12': fs.readFileSync(path.join(s.bin, 'virtualenv-3.12')) };
    const r = await install('install311', fakevenv, 'fakevenv');
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(pyshimLines(r.stderr)).toEqual(["pyshim: ~/.local/bin/virtualenv now runs 3.11 (was 3.12); 3.12's is virtualenv-3.12"]);
    expect(fs.readFileSync(path.join(s.bin, 'virtualenv-3.11'))).toEqual(shims['3.11']);
    expect(fs.readFileSync(path.join(s.bin, 'virtualenv-3.12'))).toEqual(shims['3.12']);
  });

  it('keeps pip\'s exit status and output; a run that installs nothing writes nothing', async () => {
    const before = binState(s);
    const help = await run(s, 'install312', ['--help']);
    expect(help.exitCode).toBe(0);
    expect(String(help.stdout)).toMatch(/^\s*Usage:/m);
    const missing = await run(s, 'install312', ['--no-index', 'no-such-package-anywhere']);
    const direct = await execa(py312?.path ?? '', ['-m', 'pip', 'install', '--user', '--no-index', 'no-such-package-anywhere'], { env: s.env, extendEnv: false, reject: false });
    expect(missing.exitCode).toBe(direct.exitCode);
    expect(missing.exitCode).toBe(1);
    expect(String(missing.stderr)).toContain('No matching distribution found for no-such-package-anywhere');
    expect((await run(s, 'install312', ['--no-such-option'])).exitCode).toBe(2);
    for (const r of [help, missing]) expect(pyshimLines(r.stderr)).toEqual([]);
    expect(binState(s)).toEqual(before);
  });

  itWith(py27, 'pyenv CPython 2.7')('the helper runs on 2.7: install27 writes pyshimtool-2.7, which runs 2.7', async () => {
    expect((await s.pyshim(['add', '2.7', '--no-bootstrap'])).exitCode).toBe(0);
    expect((await run(s, 'install311', ['--no-index', '--find-links', v1, '--force-reinstall', 'pyshimtool'])).exitCode).toBe(0);
    const r = await install('install27', v1);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(pyshimLines(r.stderr)).toEqual(["pyshim: ~/.local/bin/pyshimtool now runs 2.7 (was 3.11); 3.11's is pyshimtool-3.11"]);
    expect(String((await run(s, 'pyshimtool-2.7', ['x'])).stdout)).toMatch(/^pyshimtool 1\.0 installed on 2\.7 .*'x'\]$/);
    expect((await s.pyshim(['remove', '2.7'])).exitCode).toBe(0);
  });

  itWith(shells.shellcheck, 'shellcheck')('every copy passes sh -n and shellcheck', async () => {
    const copies = fs.readdirSync(s.bin).filter((name) => /^(pyshimtool)-\d+\.\d+$/.test(name));
    expect(copies.length).toBeGreaterThan(0);
    for (const name of copies) {
      const file = path.join(s.bin, name);
      expect((await execa('sh', ['-n', file], { reject: false })).exitCode, name).toBe(0);
      const sc = await execa(shells.shellcheck ?? 'shellcheck', ['-s', 'sh', file], { reject: false });
      expect(sc.exitCode, `shellcheck ${name}:\n${String(sc.stdout)}`).toBe(0);
    }
  });

  it('remove 3.11 deletes 3.11\'s copies only, never a file of the user\'s with such a name', async () => {
    await install('install312', v2);
    fs.writeFileSync(path.join(s.bin, 'mine-3.11'), '#!/bin/sh\necho mine\n', { mode: 0o755 });
    const r = await s.pyshim(['remove', '3.11']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const left = fs.readdirSync(s.bin);
    expect(left.filter((n) => n.endsWith('-3.11')).sort()).toEqual(['mine-3.11']);
    expect(left).toContain('pyshimtool-3.12');
    // The user site and ~/.local/bin are the user's: untouched.
    expect(fs.existsSync(path.join(s.home, '.local/lib/python3.11/site-packages/pyshimtool.py'))).toBe(true);
    expect(String((await run(s, 'pyshimtool-3.12')).stdout)).toMatch(/on 3\.12 /);
  });

  it('uninstall deletes every copy', async () => {
    const r = await s.pyshim(['uninstall']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const left = fs.existsSync(s.bin) ? fs.readdirSync(s.bin) : [];
    expect(left).toEqual(['mine-3.11']);
    expect(fs.existsSync(bare('pyshimtool'))).toBe(true);
  });
});

describeWith(py311 && py312, 'pyenv CPython 3.11 and 3.12')('versioned copies from pyshim bootstrap', () => {
  let s: Sandbox;
  beforeAll(async () => {
    s = await sandboxWith(['3.12', '3.11']);
  });
  afterAll(() => s.cleanup());

  it('writes the copies of what the line has through its transaction, so they are recorded', async () => {
    // Installed with bare pip: no copy yet.
    const wheels = path.join(s.home, 'wheels');
    fs.mkdirSync(wheels);
    buildWheel(wheels, 'pyshimtool', '1.0', { pyshimtool: 'main' });
    const pip = await run(s, 'pip312', ['install', '--user', '--no-index', '--find-links', wheels, 'pyshimtool']);
    expect(pip.exitCode, String(pip.stderr)).toBe(0);
    expect(fs.existsSync(path.join(s.bin, 'pyshimtool-3.12'))).toBe(false);
    const r = await s.pyshim(['bootstrap', '3.12']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(String(r.stdout)).toMatch(/^ {2}versioned commands: .*pyshimtool-3\.12/m);
    const copy = path.join(s.bin, 'pyshimtool-3.12');
    expect(String((await run(s, copy)).stdout)).toMatch(/^pyshimtool 1\.0 installed on 3\.12 /);
    const registry = JSON.parse(fs.readFileSync(path.join(s.pyshimHome, 'registry.json'), 'utf8')) as { record: { files: string[] } };
    expect(registry.record.files).toContain(copy);
    // installXY renders the same copy (one renderer), so it leaves the file as bootstrap wrote it.
    const written = binState(s)['pyshimtool-3.12'];
    const again = await run(s, 'install312', ['--no-index', '--find-links', wheels, '--force-reinstall', 'pyshimtool']);
    expect(again.exitCode, String(again.stderr)).toBe(0);
    expect(binState(s)['pyshimtool-3.12']).toBe(written);
  });

  it('bootstrap 3.12 then bootstrap 3.11: one line says the bare virtualenv now runs 3.11 and names virtualenv-3.12', async (ctx) => {
    const site = (v: string) => path.join(s.home, `.local/lib/python${v}/site-packages`);
    const hasVirtualenv = (v: string) => fs.existsSync(site(v)) && fs.readdirSync(site(v)).some((f) => /^virtualenv-.*\.dist-info$/.test(f));
    if (!hasVirtualenv('3.12') && !CI) ctx.skip(true, 'the package index here has no virtualenv for 3.12');
    expect(hasVirtualenv('3.12')).toBe(true);
    expect(fs.readFileSync(path.join(s.home, '.local/bin/virtualenv'), 'utf8').split('\n')[0]).toContain('python3.12');
    const r = await s.pyshim(['bootstrap', '3.11']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(hasVirtualenv('3.11')).toBe(true);
    expect(pyshimLines(r.stdout)).toContain("pyshim: ~/.local/bin/virtualenv now runs 3.11 (was 3.12); 3.12's is virtualenv-3.12");
    const made = await run(s, 'virtualenv-3.12', [path.join(s.home, 'env312')]);
    expect(made.exitCode, String(made.stderr)).toBe(0);
    expect(String((await execa(path.join(s.home, 'env312/bin/python'), ['-c', 'import sys; print(sys.version_info[:2])'])).stdout)).toBe('(3, 12)');
  });
});

/** Every character that breaks careless shell code, and some that break careless Unicode (as test/e2e/shims-hostile.test.ts). */
const HOSTILE = `a b'c"d$e\`f\\g*?[h]!\n;|&(x) é ü`;

describeWith(py311 && py312, 'pyenv CPython 3.11 and 3.12')('versioned copies in a hostile home', () => {
  let s: Sandbox;
  beforeAll(async () => {
    s = await sandboxWith(['3.11', '3.12'], { home: `home ${HOSTILE}` });
  });
  afterAll(() => s.cleanup());

  it('the copies run, pass shellcheck, and the notice still finds who ran the bare script', async () => {
    // pip reads `;` in a requirement as a marker: the wheels lie outside the hostile home.
    const wheels = path.join(path.dirname(s.home), 'wheels');
    fs.mkdirSync(wheels);
    buildWheel(wheels, 'pyshimtool', '1.0', { pyshimtool: 'main' });
    const first = await run(s, 'install311', ['--no-index', '--find-links', wheels, 'pyshimtool']);
    expect(first.exitCode, String(first.stderr)).toBe(0);
    const second = await run(s, 'install312', ['--no-index', '--find-links', wheels, 'pyshimtool']);
    expect(second.exitCode, String(second.stderr)).toBe(0);
    expect(pyshimLines(second.stderr)).toEqual(["pyshim: ~/.local/bin/pyshimtool now runs 3.12 (was 3.11); 3.11's is pyshimtool-3.11"]);
    for (const v of ['3.11', '3.12']) {
      const copy = path.join(s.bin, `pyshimtool-${v}`);
      const ran = await run(s, copy, ['x']);
      expect(ran.exitCode, String(ran.stderr)).toBe(0);
      expect(String(ran.stdout)).toMatch(new RegExp(`^pyshimtool 1\\.0 installed on ${v.replace('.', '\\.')} `));
      if (shells.shellcheck) {
        const sc = await execa(shells.shellcheck, ['-s', 'sh', copy], { reject: false });
        expect(sc.exitCode, String(sc.stdout)).toBe(0);
      }
    }
  });
});

describeWith(py312, 'pyenv CPython 3.12')('copies.py\'s rules', () => {
  /** Call functions of python/copies.py with JSON arguments; their results come back as JSON. */
  async function call(py: string, calls: [string, ...unknown[]][]): Promise<unknown[]> {
    const code = [
      'import json, sys',
      `sys.path.insert(0, ${JSON.stringify(path.join(ROOT, 'python'))})`,
      'import copies',
      'out = []',
      'for c in json.loads(sys.stdin.read()):',
      '    out.append(getattr(copies, c[0])(*c[1:]))',
      'sys.stdout.write(json.dumps(out))',
    ].join('\n');
    const r = await execa(py, ['-c', code], { input: JSON.stringify(calls), reject: false });
    expect(r.exitCode, String(r.stderr)).toBe(0);
    return JSON.parse(String(r.stdout)) as unknown[];
  }

  const interpreters = [py312?.path, py27?.path].filter((p): p is string => Boolean(p));

  it.each(interpreters)('entry_points.txt: console and gui scripts, extras and comments dropped (%s)', async (py) => {
    const text = '# a comment\n[console_scripts]\nwheel = wheel.cli:main\ntool-x = pkg.mod:obj.run [extra]\n; another\nbad = nocolon\n\n[gui_scripts]\ngui = pkg:gui\n[other]\nnot = pkg:x\n';
    expect(await call(py, [['parse_entry_points', text]])).toEqual([
      [
        ['wheel', 'wheel.cli', 'main'],
        ['tool-x', 'pkg.mod', 'obj.run'],
        ['gui', 'pkg', 'gui'],
      ],
    ]);
  });

  it.each(interpreters)('a copy\'s name: NAME-X.Y, none for a name already ending in the line (%s)', async (py) => {
    expect(await call(py, [['copy_name', 'wheel', '3.12'], ['copy_name', 'pip3.12', '3.12'], ['copy_name', 'pip3', '3.12']])).toEqual(['wheel-3.12', null, 'pip3-3.12']);
  });

  it.each(interpreters)('pip\'s and setuptools\' versioned scripts of the Python that built their wheel are not the line\'s (%s)', async (py) => {
    // pip 9.0.3's wheel lists pip3 and pip3.6 (built by 3.6); pip installs pip2 and pip2.6 for 2.6 instead.
    const site = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-copies-'));
    try {
      fs.mkdirSync(path.join(site, 'pip-9.0.3.dist-info'));
      fs.writeFileSync(path.join(site, 'pip-9.0.3.dist-info', 'entry_points.txt'), '[console_scripts]\npip = pip:main\npip3 = pip:main\npip3.6 = pip:main\n');
      fs.mkdirSync(path.join(site, 'setuptools-36.8.0.dist-info'));
      fs.writeFileSync(path.join(site, 'setuptools-36.8.0.dist-info', 'entry_points.txt'), '[console_scripts]\neasy_install = setuptools.command.easy_install:main\neasy_install-3.6 = setuptools.command.easy_install:main\n');
      const [forLine26, forLine36] = (await call(py, [['console_scripts', site, '2.6'], ['console_scripts', site, '3.6']])) as Record<string, unknown>[];
      expect(Object.keys(forLine26!).sort()).toEqual(['easy_install', 'pip']);
      expect(Object.keys(forLine36!).sort()).toEqual(['easy_install', 'easy_install-3.6', 'pip', 'pip3', 'pip3.6']);
    } finally {
      fs.rmSync(site, { recursive: true, force: true });
    }
  });

  it('the interpreter a pip script runs: its #! line, or the long-path /bin/sh form', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-copies-'));
    try {
      const plain = path.join(dir, 'plain');
      const long = path.join(dir, 'long');
      const other = path.join(dir, 'other');
      fs.writeFileSync(plain, '#!/opt/py/bin/python3.11\nimport sys\n');
      fs.writeFileSync(long, `#!/bin/sh\n'''exec' "/opt/a b/bin/python3.12" "$0" "$@"\n' '''\nimport sys\n`);
      fs.writeFileSync(other, 'not a script\n');
      const [a, b, c, d] = await call(py312?.path ?? '', [
        ['interpreter_of', plain],
        ['interpreter_of', long],
        ['interpreter_of', other],
        ['interpreter_of', path.join(dir, 'absent')],
      ]);
      expect([a, b, c, d]).toEqual(['/opt/py/bin/python3.11', '/opt/a b/bin/python3.12', null, null]);
      expect(await call(py312?.path ?? '', [['version_of', '/opt/py/bin/python3.11'], ['version_of', '/nowhere/python'], ['version_of', py312?.path ?? '']])).toEqual(['3.11', null, '3.12']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
