import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { describeWith, python } from '../helpers/machine.js';
import { copyInterpreter, snapshot, writeFakeBinary } from '../discovery/fixtures.js';

const py312 = python('3.12');
const py311 = python('3.11');
const py27 = python('2.7');

function registry(s: Sandbox) {
  return JSON.parse(fs.readFileSync(path.join(s.pyshimHome, 'registry.json'), 'utf8')) as {
    default?: string;
    lines: Record<string, { python: string; fullVersion: string; source: string }>;
  };
}

function shims(s: Sandbox): string[] {
  try {
    return fs.readdirSync(s.bin).sort();
  } catch {
    return [];
  }
}

describeWith(py312 && py311 && py27, 'pyenv CPython 2.7, 3.11 and 3.12')('pyshim add', () => {
  let s: Sandbox;
  beforeAll(() => {
    s = makeSandbox();
  });
  afterAll(() => s.cleanup());

  it('add 3.12 registers the pyenv interpreter, writes the shims and says why', async () => {
    const run = await s.pyshim(['add', '3.12', '--no-bootstrap']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    const out = String(run.stdout);
    const real = fs.realpathSync(py312?.path ?? '');
    expect(out).toContain(`added 3.12 → ${real} (${py312?.version}, pyenv)`);
    expect(out).toMatch(/why: .*user site enabled, not externally managed/);
    expect(out).toContain('shims in ~/.pyshim/bin: pip312 install312 virtualenv-3.12');
    // PATH's python3.12 is pyenv's bash shim, not this interpreter, so pyshim provides one.
    expect(shims(s)).toEqual(['install312', 'pip312', 'python3.12', 'virtualenv-3.12', 'virtualenvwrapper-3.12.sh']);
    for (const name of ['install312', 'pip312', 'python3.12', 'virtualenv-3.12']) {
      const file = path.join(s.bin, name);
      expect(fs.statSync(file).mode & 0o111, name).not.toBe(0);
      expect(fs.readFileSync(file, 'utf8')).toMatch(/^#!\/bin\/sh\n/);
      expect(fs.readFileSync(file, 'utf8')).toContain(real);
    }
    expect(registry(s).lines['3.12']).toMatchObject({ python: real, fullVersion: py312?.version, source: 'pyenv' });
    expect(registry(s).default).toBe('3.12');
  });

  it('add PATH takes X.Y from the probe and keeps the source discovery knows', async () => {
    const run = await s.pyshim(['add', py311?.path ?? '', '--no-bootstrap']);
    expect(run.exitCode).toBe(0);
    expect(String(run.stdout)).toContain('added 3.11 →');
    expect(registry(s).lines['3.11']).toMatchObject({ python: fs.realpathSync(py311?.path ?? ''), source: 'pyenv' });
    // The first line registered stays the default.
    expect(registry(s).default).toBe('3.12');
    expect(shims(s)).toContain('pip311');
  });

  it('--python wins over the choice, and re-adding re-points the line and its shims', async () => {
    const copy = copyInterpreter(path.join(s.home, 'my python'), py312?.path ?? '', '3.12');
    const run = await s.pyshim(['add', '3.12', '--python', copy, '--no-bootstrap']);
    expect(run.exitCode).toBe(0);
    expect(String(run.stdout)).toContain('re-pointed 3.12 → ~/my python/bin/python3.12');
    expect(String(run.stdout)).toContain('why: named with --python');
    expect(registry(s).lines['3.12']?.python).toBe(copy);
    const pip = fs.readFileSync(path.join(s.bin, 'pip312'), 'utf8');
    expect(pip).toContain(copy);
    expect(pip).not.toContain(fs.realpathSync(py312?.path ?? ''));
    // And back again: without --python, `add 3.12` chooses among the 3.12s discovery finds.
    const back = await s.pyshim(['add', '3.12', '--no-bootstrap']);
    expect(String(back.stdout)).toContain('re-pointed 3.12 → /root');
    expect(registry(s).lines['3.12']?.python).toBe(fs.realpathSync(py312?.path ?? ''));
  });

  it('--default moves the default line', async () => {
    const run = await s.pyshim(['add', '3.11', '--default', '--no-bootstrap']);
    expect(run.exitCode).toBe(0);
    expect(String(run.stdout)).toContain('refreshed 3.11');
    expect(String(run.stdout)).toContain('3.11 is the default line');
    expect(registry(s).default).toBe('3.11');
  });

  it('a wrapper script is followed to the interpreter it runs', async () => {
    const wrapper = path.join(s.home, 'wrappers', 'py27');
    fs.mkdirSync(path.dirname(wrapper), { recursive: true });
    fs.writeFileSync(wrapper, `#!/bin/sh\nexec '${py27?.path}' "$@"\n`, { mode: 0o755 });
    const run = await s.pyshim(['add', wrapper, '--no-bootstrap']);
    expect(run.exitCode).toBe(0);
    expect(String(run.stdout)).toContain('is a wrapper script; registered the interpreter it runs');
    expect(registry(s).lines['2.7']?.python).toBe(fs.realpathSync(py27?.path ?? ''));
  });

  it('writes no python3.12 shim when PATH already has that very interpreter as python3.12, and removes the old one', async () => {
    const dir = path.join(s.home, 'pathbin');
    fs.mkdirSync(dir);
    fs.symlinkSync(py312?.path ?? '', path.join(dir, 'python3.12'));
    const run = await s.pyshim(['add', '3.12', '--no-bootstrap'], { env: { ...s.env, PATH: `${dir}:${s.env.PATH}` } });
    expect(run.exitCode).toBe(0);
    expect(shims(s)).not.toContain('python3.12');
    expect(shims(s)).toContain('pip312');
  });
});

describeWith(py312 && py311, 'pyenv CPython 3.11 and 3.12')('pyshim add refuses bad input and writes nothing', () => {
  let s: Sandbox;
  let before: Record<string, string>;
  const cacheless = (rel: string) => rel === 'cache' || rel.startsWith('cache/');
  beforeAll(async () => {
    s = makeSandbox();
    // A line already there: a refused add must leave it exactly as it was.
    const run = await s.pyshim(['add', '3.11', '--no-bootstrap']);
    expect(run.exitCode).toBe(0);
    before = snapshot(s.pyshimHome, { exclude: cacheless });
  });
  afterAll(() => s.cleanup());

  async function refused(args: string[], code: 1 | 2, first: RegExp, hint: RegExp) {
    const run = await s.pyshim(args);
    expect(run.exitCode).toBe(code);
    expect(String(run.stdout)).toBe('');
    const lines = String(run.stderr).trim().split('\n');
    expect(lines, String(run.stderr)).toHaveLength(2);
    expect(lines[0]).toMatch(/^pyshim: error: /);
    expect(lines[0]).toMatch(first);
    expect(lines[1]).toMatch(hint);
    expect(String(run.stderr)).not.toContain('internal error');
    // The probe cache may learn; nothing else changes.
    expect(snapshot(s.pyshimHome, { exclude: cacheless })).toEqual(before);
  }

  it('a version nobody has: lists what exists', async () => {
    await refused(['add', '3.4'], 1, /no Python 3\.4 found on this machine \(found: (\d+\.\d+, )*3\.11, .*3\.12/, /build it: pyshim python build 3\.4 .*pyshim add 3\.4 --python/);
  });

  it('a version with no release to build, or older than 2.6: the way out named is one that works', async () => {
    await refused(['add', '4.2'], 1, /no Python 4\.2 found on this machine/, /pyshim knows no 4\.2 release to build; install one \(pyenv, uv\) and name it: pyshim add 4\.2 --python/);
    await refused(['add', '2.5'], 1, /no Python 2\.5 found on this machine .*; pyshim needs 2\.6 or newer/, /register a newer one: pyshim list shows what there is/);
  });

  it('a path that does not exist', async () => {
    await refused(['add', path.join(s.home, 'nope', 'python3')], 1, /no such file/, /give the path of a Python executable/);
  });

  it('a file that is not a Python', async () => {
    await refused(['add', '/etc/hostname'], 1, /is not a Python interpreter/, /give the path of a Python executable/);
    const liar = path.join(s.home, 'liar');
    fs.writeFileSync(liar, '#!/bin/sh\necho hello\n', { mode: 0o755 });
    await refused(['add', liar], 1, /is not a Python interpreter/, /give the path/);
  });

  it('a Python older than 2.6, as a script and as a binary', async () => {
    const script = path.join(s.home, 'old', 'python2.5');
    fs.mkdirSync(path.dirname(script), { recursive: true });
    fs.writeFileSync(script, `#!/bin/sh\nprintf '%s\\n' '{"version": "2.5.6"}'\n`, { mode: 0o755 });
    await refused(['add', script], 1, /is Python 2\.5\.6; pyshim needs 2\.6 or newer/, /install a newer Python/);
    const binary = writeFakeBinary(path.join(s.home, 'old2', 'python2.5'), `printf '%s\\n' '{"version": "2.5.6"}'`);
    await refused(['add', binary], 1, /is Python 2\.5\.6; pyshim needs 2\.6/, /install a newer Python/);
  });

  it('a virtual environment\'s python (symlinked to its base) has no user site', async () => {
    const venv = path.join(s.home, 'venv');
    execFileSync(py312?.path ?? '', ['-m', 'venv', '--without-pip', venv]);
    await refused(['add', path.join(venv, 'bin', 'python')], 1, /venv\/bin\/python \(Python 3\.12\.\d+\) has no user site \(it runs inside a virtual environment\)/, /use a base interpreter instead/);
    await refused(['add', '3.12', '--python', path.join(venv, 'bin', 'python3.12')], 1, /has no user site/, /use a base interpreter/);
  });

  it('a copied virtual environment\'s python has no user site either', async () => {
    const venv = path.join(s.home, 'venvc');
    execFileSync(py312?.path ?? '', ['-m', 'venv', '--copies', '--without-pip', venv]);
    await refused(['add', path.join(venv, 'bin', 'python3.12')], 1, /has no user site/, /use a base interpreter/);
  });

  it('--python of another X.Y', async () => {
    await refused(['add', '3.12', '--python', py311?.path ?? ''], 1, /is Python 3\.11\.\d+, not 3\.12/, /pyshim add 3\.11 --python/);
  });

  it('usage errors exit 2: not a version nor a path; a path and --python', async () => {
    await refused(['add', 'three'], 2, /'three' is neither a version/, /for example: pyshim add 3\.12/);
    await refused(['add', py312?.path ?? '', '--python', py312?.path ?? ''], 2, /either a path or --python/, /pyshim add/);
  });
});
