import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { describeWith, itWith, python, REAL_HOME, shells } from '../helpers/machine.js';
import { copyInterpreter, pathWithoutPyenv } from '../discovery/fixtures.js';
import { buildWheel } from './wheel.js';

/**
 * The shims run for real: real sh, real interpreters, a real wheel installed
 * with pip — in a temporary HOME, never the real one.
 */
const py312 = python('3.12');
const py27 = python('2.7');

function run(s: Sandbox, shim: string, args: string[], env: Record<string, string> = {}) {
  return execa(path.join(s.bin, shim), args, { env: { ...s.env, PATH: `${s.bin}:${pathWithoutPyenv(s.env.PATH)}`, ...env }, extendEnv: false, reject: false });
}

describeWith(py312 && py27, 'pyenv CPython 2.7 and 3.12')('the shims, run for real', () => {
  let s: Sandbox;
  let wheel: string;
  beforeAll(async () => {
    s = makeSandbox();
    for (const v of ['3.12', '2.7']) expect((await s.pyshim(['add', v, '--no-bootstrap'])).exitCode).toBe(0);
    wheel = buildWheel(path.join(s.home, 'wheels'));
  });
  afterAll(() => s.cleanup());

  it('pip312 --version is the pip of python 3.12; pip27 of 2.7', async () => {
    const p312 = await run(s, 'pip312', ['--version']);
    expect(p312.exitCode).toBe(0);
    expect(String(p312.stdout)).toMatch(/\(python 3\.12\)$/);
    const p27 = await run(s, 'pip27', ['--version']);
    expect(p27.exitCode).toBe(0);
    expect(String(p27.stdout)).toMatch(/\(python 2\.7\)$/);
  });

  it('python3.12 runs the registered interpreter with its arguments intact', async () => {
    const r = await run(s, 'python3.12', ['-c', 'import sys; print(sys.version_info[:2], sys.argv[1:])', 'a b', '$HOME', '']);
    expect(String(r.stdout)).toBe("(3, 12) ['a b', '$HOME', '']");
  });

  it('install312 WHEEL lands in the temporary home\'s user site, even inside a virtual environment', async () => {
    const r = await run(s, 'install312', ['--no-index', '--no-deps', wheel]);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const site = path.join(s.home, '.local/lib/python3.12/site-packages');
    expect(fs.existsSync(path.join(site, 'pyshimdemo', '__init__.py'))).toBe(true);
    expect(fs.existsSync(path.join(REAL_HOME, '.local/lib/python3.12/site-packages/pyshimdemo'))).toBe(false);
    const check = await run(s, 'python3.12', ['-c', 'import pyshimdemo; print(pyshimdemo.__file__)']);
    expect(String(check.stdout)).toBe(path.join(site, 'pyshimdemo', '__init__.py'));
    // With a 3.12 environment active, installXY still means the user site.
    const venv = path.join(s.home, 'venv-for-install');
    execFileSync(py312?.path ?? '', ['-m', 'venv', '--without-pip', venv]);
    const r2 = await run(s, 'install312', ['--no-index', '--no-deps', '--force-reinstall', wheel], { VIRTUAL_ENV: venv, PATH: `${path.join(venv, 'bin')}:${s.bin}:${pathWithoutPyenv(s.env.PATH)}` });
    expect(r2.exitCode, String(r2.stderr)).toBe(0);
    expect(fs.readdirSync(path.join(venv, 'lib/python3.12/site-packages')).filter((f) => f.startsWith('pyshimdemo'))).toEqual([]);
  });

  it('with a 3.12 environment active, pip312 is the environment\'s pip and pip27 is not', async () => {
    const venv = path.join(s.home, '.virtualenvs312', 'proj');
    execFileSync(py312?.path ?? '', ['-m', 'venv', venv]);
    const active = { VIRTUAL_ENV: venv, PATH: `${path.join(venv, 'bin')}:${s.bin}:${pathWithoutPyenv(s.env.PATH)}` };
    const p312 = await run(s, 'pip312', ['--version'], active);
    expect(String(p312.stdout)).toContain(`from ${path.join(venv, 'lib/python3.12/site-packages/pip')}`);
    const installed = await run(s, 'pip312', ['install', '--no-index', '--no-deps', wheel], active);
    expect(installed.exitCode, String(installed.stderr)).toBe(0);
    expect(fs.existsSync(path.join(venv, 'lib/python3.12/site-packages/pyshimdemo'))).toBe(true);
    const p27 = await run(s, 'pip27', ['--version'], active);
    expect(String(p27.stdout)).toMatch(/\(python 2\.7\)$/);
    expect(String(p27.stdout)).not.toContain(venv);
  });

  it('a deleted interpreter: one line naming the path and `pyshim doctor`, non-zero, never "No such file"', async () => {
    const t = makeSandbox();
    try {
      const copy = copyInterpreter(path.join(t.home, 'doomed'), py312?.path ?? '', '3.12');
      expect((await t.pyshim(['add', '3.12', '--python', copy, '--no-bootstrap'])).exitCode).toBe(0);
      fs.rmSync(path.join(t.home, 'doomed'), { recursive: true });
      for (const shim of ['pip312', 'install312', 'python3.12', 'virtualenv-3.12']) {
        const r = await run(t, shim, ['--version']);
        expect(r.exitCode, shim).not.toBe(0);
        expect(String(r.stdout)).toBe('');
        expect(String(r.stderr).split('\n').filter(Boolean), shim).toEqual([`${shim}: the 3.12 interpreter ${copy} is gone; run: pyshim doctor`]);
        expect(String(r.stderr)).not.toMatch(/No such file|not found/);
      }
    } finally {
      t.cleanup();
    }
  });

  itWith(shells.shellcheck, 'shellcheck')('every shim passes shellcheck and sh -n', async () => {
    for (const name of fs.readdirSync(s.bin)) {
      const file = path.join(s.bin, name);
      const n = await execa('sh', ['-n', file], { reject: false });
      expect(n.exitCode, `sh -n ${name}: ${String(n.stderr)}`).toBe(0);
      const sc = await execa(shells.shellcheck ?? 'shellcheck', ['-s', 'sh', file], { reject: false });
      expect(sc.exitCode, `shellcheck ${name}:\n${String(sc.stdout)}`).toBe(0);
    }
  });
});
