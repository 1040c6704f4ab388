import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect } from 'vitest';
import type { Backend } from '../../src/envs/backend.js';
import { renderVirtualenvShim } from '../../src/envs/render.js';
import { itWith, shells } from '../helpers/machine.js';

// Adversarial paths: quoting must carry them through byte for byte.
const odd = "/opt/it's a $HOME `x` dir/bin";
const backends: Backend[] = [
  { kind: 'own-virtualenv', python: `${odd}/python3.12`, virtualenvVersion: '21.14.1' },
  { kind: 'venv', python: `${odd}/python3.6`, ensurepipSetuptools: true },
  { kind: 'host-virtualenv', python: `${odd}/python2.7`, host: '/usr/bin/python3', virtualenvVersion: '20.17.1', seedWheels: [`${odd}/pip-19.2.3-py2.py3-none-any.whl`] },
  { kind: 'none', python: `${odd}/python2.7`, reasons: ["it has no venv module", "no other Python's virtualenv works"] },
];
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-envs-render-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(backend: Backend, line: string): string {
  const file = path.join(dir, `${backend.kind}-virtualenv-${line}`);
  fs.writeFileSync(file, renderVirtualenvShim(backend, { line, name: `virtualenv-${line}`, helper: `${odd}/mkenv.py` }), { mode: 0o755 });
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
