import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/envs/backend.js';
import { renderVirtualenvShim } from '../../src/envs/render.js';
import { itWith, shells } from '../helpers/machine.js';

// Adversarial paths: quoting must carry them through byte for byte.
const odd = "/opt/it's a $HOME `x` dir/bin";
const backends: Backend[] = [
  { kind: 'own-virtualenv', python: `${odd}/python3.12`, virtualenvVersion: '21.14.1', seedWheels: [] },
  { kind: 'own-virtualenv', python: `${odd}/python2.7`, virtualenvVersion: '20.15.1', seedWheels: [`${odd}/pip-19.2.3-py2.py3-none-any.whl`] },
  { kind: 'venv', python: `${odd}/python3.6`, seedWheels: [`${odd}/pip-18.1-py2.py3-none-any.whl`, `${odd}/setuptools-40.6.2-py2.py3-none-any.whl`], virtualenvVersion: null },
  { kind: 'venv', python: `${odd}/python3.12`, seedWheels: [`${odd}/pip-23.2.1-py3-none-any.whl`], virtualenvVersion: '21.14.1' },
  { kind: 'host-virtualenv', python: `${odd}/python2.7`, host: '/usr/bin/python3', virtualenvVersion: '20.17.1', seedWheels: [`${odd}/pip-19.2.3-py2.py3-none-any.whl`] },
  { kind: 'none', python: `${odd}/python2.7`, reasons: ["it has no venv module", "no other Python's virtualenv works"] },
];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-envs-render-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let count = 0;
function write(backend: Backend, line: string): string {
  const file = path.join(dir, `${backend.kind}-${++count}-virtualenv-${line}`);
  fs.writeFileSync(file, renderVirtualenvShim(backend, { line, name: `virtualenv-${line}`, helper: `${odd}/mkenv.py`, seeds: `${odd}/seeds` }), { mode: 0o755 });
  return file;
}

describe.each(backends)('the $kind shim', (backend) => {
  const line = backend.python.slice(-3);
  const file = write(backend, line);

  itWith(shells.sh, 'sh')('parses in sh and bash', async () => {
    expect((await execa('sh', ['-n', file], { reject: false })).exitCode).toBe(0);
    expect((await execa('bash', ['-n', file], { reject: false })).exitCode).toBe(0);
  });

  itWith(shells.shellcheck, 'shellcheck')('passes shellcheck', async () => {
    const r = await execa('shellcheck', ['-s', 'sh', file], { reject: false });
    expect(r.stdout).toBe('');
  });

  itWith(shells.sh, 'sh')('names the missing interpreter in one line, not "No such file"', async () => {
    const r = await execa('sh', [file, 'env'], { reject: false });
    if (backend.kind === 'none') {
      expect(r.exitCode).toBe(1);
      expect(r.stderr).toContain('it has no venv module');
      expect(r.stderr).toContain("no other Python's virtualenv works");
      return;
    }
    expect(r.exitCode).toBe(127);
    expect(r.stderr).toBe(`virtualenv-${line}: the ${line} interpreter ${backend.python} is gone; run: pyshim doctor`);
  });
});

describe('a shim that runs the helper', () => {
  const shim = (backend: Backend) => renderVirtualenvShim(backend, { line: '3.12', name: 'virtualenv-3.12', helper: '/data/runtime/mkenv.py', seeds: '/cache/seeds' });
  const venv: Backend = { kind: 'venv', python: '/py/python3.12', seedWheels: ['/w/pip.whl'], virtualenvVersion: null };

  it('execs the line\'s Python without site (-S) with the helper, the seed cache and the wheels, then the user\'s arguments', () => {
    expect(shim(venv)).toContain(`exec "$py" -S "$helper" --name virtualenv-3.12 --target /py/python3.12 --label 'venv + ensurepip seed' --create venv --seeds /cache/seeds --seed-wheel /w/pip.whl -- "$@"`);
  });

  it('hands the options venv lacks to the line\'s own virtualenv only when it has one', () => {
    expect(shim(venv)).not.toContain('--full-virtualenv');
    expect(shim({ ...venv, virtualenvVersion: '21.14.1' })).toContain("--create venv --full-virtualenv");
  });

  it('runs the host\'s Python for another Python\'s virtualenv, creating with virtualenv', () => {
    const text = shim({ kind: 'host-virtualenv', python: '/py/python3.12', host: '/usr/bin/python3.11', virtualenvVersion: '20.17.1', seedWheels: ['/w/pip.whl'] });
    expect(text).toContain('host=/usr/bin/python3.11\n');
    expect(text).toContain('exec "$host" -S "$helper" --name virtualenv-3.12 --target /py/python3.12 ');
    expect(text).toContain('--create virtualenv --seeds');
  });

  itWith(shells.sh, 'sh')('names a missing helper in one line', async () => {
    const file = path.join(dir, 'helper-gone');
    fs.writeFileSync(file, renderVirtualenvShim({ ...venv, python: process.execPath }, { line: '3.12', name: 'virtualenv-3.12', helper: path.join(dir, 'no-such-mkenv.py') }), { mode: 0o755 });
    const r = await execa('sh', [file, 'env'], { reject: false });
    expect(r.exitCode).toBe(127);
    expect(r.stderr).toBe(`virtualenv-3.12: pyshim's helper ${path.join(dir, 'no-such-mkenv.py')} is gone; run: pyshim doctor`);
  });
});
