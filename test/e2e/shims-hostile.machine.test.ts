import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { describeWith, itWith, python, shells } from '../helpers/machine.js';
import { copyInterpreter, pathWithoutPyenv } from '../discovery/fixtures.js';
import { buildWheel } from './wheel.js';

/** Every character that breaks careless shell code, and some that break careless Unicode. */
const HOSTILE = `a b'c"d$e\`f\\g*?[h]!\n;|&(x) é ü`;

const py312 = python('3.12');
const py27 = python('2.7');

function run(s: Sandbox, shim: string, args: string[]) {
  return execa(path.join(s.bin, shim), args, { env: { ...s.env, PATH: `${s.bin}:${pathWithoutPyenv(s.env.PATH)}` }, extendEnv: false, reject: false });
}

describeWith(py312 && py27, 'pyenv CPython 2.7 and 3.12')('hostile paths', () => {
  let s: Sandbox;
  let p312: string;
  let p27: string;
  beforeAll(async () => {
    // The HOME (and so PYSHIM_HOME, the shims' own directory and the user site) is hostile too.
    s = makeSandbox({ home: `home ${HOSTILE}` });
    const root = path.join(s.home, `pythons ${HOSTILE}`);
    p312 = copyInterpreter(path.join(root, '312'), py312?.path ?? '', '3.12');
    p27 = copyInterpreter(path.join(root, '27'), py27?.path ?? '', '2.7');
    for (const [v, p] of [['3.12', p312], ['2.7', p27]] as const) {
      const r = await s.pyshim(['add', v, '--python', p, '--no-bootstrap']);
      expect(r.exitCode, String(r.stderr)).toBe(0);
    }
  });
  afterAll(() => s.cleanup());

  it('the registry keeps the paths byte for byte', () => {
    const reg = JSON.parse(fs.readFileSync(path.join(s.pyshimHome, 'registry.json'), 'utf8')) as { lines: Record<string, { python: string }> };
    expect(reg.lines['3.12']?.python).toBe(p312);
    expect(reg.lines['2.7']?.python).toBe(p27);
  });

  it('python3.12 and python2.7 run the interpreters at those paths', async () => {
    const r = await run(s, 'python3.12', ['-c', 'import sys; sys.stdout.write(sys.executable)']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(String(r.stdout)).toBe(p312);
    const r27 = await run(s, 'python2.7', ['-c', 'import sys; sys.stdout.write(sys.executable)']);
    expect(String(r27.stdout)).toBe(p27);
  });

  it('pip312 and pip27 work', async () => {
    expect(String((await run(s, 'pip312', ['--version'])).stdout)).toMatch(/\(python 3\.12\)$/);
    expect(String((await run(s, 'pip27', ['--version'])).stdout)).toMatch(/\(python 2\.7\)$/);
  });

  it('install312 puts a wheel in the hostile home\'s user site', async () => {
    // pip reads `;` in a requirement as the start of an environment marker, so the
    // wheel itself lies outside the hostile home; the user site is inside it.
    const wheel = buildWheel(path.join(path.dirname(s.home), 'wheels'));
    const r = await run(s, 'install312', ['--no-index', '--no-deps', wheel]);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(fs.existsSync(path.join(s.home, '.local/lib/python3.12/site-packages/pyshimdemo/__init__.py'))).toBe(true);
  });

  it('a deleted hostile interpreter still gets its one-line message', async () => {
    fs.renameSync(p27, p27 + '.away');
    try {
      const r = await run(s, 'pip27', ['--version']);
      expect(r.exitCode).not.toBe(0);
      // execa strips the final newline; the path itself keeps its own.
      expect(String(r.stderr)).toBe(`pip27: the 2.7 interpreter ${p27} is gone; run: pyshim doctor`);
    } finally {
      fs.renameSync(p27 + '.away', p27);
    }
  });

  itWith(shells.shellcheck, 'shellcheck')('every shim passes shellcheck and sh -n', async () => {
    for (const name of fs.readdirSync(s.bin)) {
      const file = path.join(s.bin, name);
      expect((await execa('sh', ['-n', file], { reject: false })).exitCode, name).toBe(0);
      const sc = await execa(shells.shellcheck ?? 'shellcheck', ['-s', 'sh', file], { reject: false });
      expect(sc.exitCode, `shellcheck ${name}:\n${String(sc.stdout)}`).toBe(0);
    }
  });
});
