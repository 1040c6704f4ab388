import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, python, shells } from '../helpers/machine.js';
import { makeSandbox, ROOT, type Sandbox } from '../helpers/sandbox.js';

/**
 * pyshim installed in one place, set up, then the install moved away (a
 * checkout moved, an npx cache cleaned, `npm i -g` under a new prefix):
 * every shell and shim must keep working, because generated files name only
 * pyshim's data dir, never the install tree.
 */
describeWith(python('2.7') && python('3.12') && shells.fish, 'pyenv CPython 2.7 and 3.12, and fish')('after the install moves', () => {
  let s: Sandbox;
  let install: string;
  const run = (args: string[]) => execa(process.execPath, [path.join(install, 'dist', 'pyshim.cjs'), ...args], { env: s.env, extendEnv: false, reject: false });

  beforeAll(async () => {
    s = makeSandbox();
    install = path.join(s.home, 'opt', 'pyshim');
    fs.mkdirSync(install, { recursive: true });
    for (const part of ['dist', 'python', 'shells', 'package.json']) fs.cpSync(path.join(ROOT, part), path.join(install, part), { recursive: true });
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(install, 'node_modules'));
    for (const args of [['add', '2.7', '--no-bootstrap'], ['add', '3.12', '--no-bootstrap', '--default'], ['setup', '--shell', 'bash,fish']]) {
      const r = await run(args);
      expect(r.exitCode, `${args.join(' ')}: ${String(r.stderr)}`).toBe(0);
    }
    fs.rmSync(install, { recursive: true, force: true });
  });
  afterAll(() => s?.cleanup());

  it('no generated file names the install tree', () => {
    for (const dir of [s.pyshimHome, s.bin]) {
      for (const name of fs.readdirSync(dir)) {
        const file = path.join(dir, name);
        if (fs.statSync(file).isFile()) expect(fs.readFileSync(file, 'utf8'), file).not.toContain('opt/pyshim');
      }
    }
  });

  it('virtualenv-2.7 still makes an environment', async () => {
    const env = path.join(s.home, 'env27');
    const made = await execa(path.join(s.bin, 'virtualenv-2.7'), [env], { env: s.env, extendEnv: false, reject: false });
    expect(made.exitCode, String(made.all ?? made.stderr)).toBe(0);
    const version = await execa(path.join(env, 'bin', 'python'), ['-c', 'import sys, pip; print(sys.version_info[:2])'], { reject: false });
    expect(String(version.stdout)).toBe('(2, 7)');
  });

  it('bash loads virtualenvwrapper lazily from pyshim\'s own copy', async () => {
    const r = await execa('bash', ['-i', '-c', 'mkvirtualenv -q moved >/dev/null 2>&1; lsvirtualenv -b'], { env: s.env, extendEnv: false, reject: false, stdin: 'ignore' });
    expect(String(r.stderr)).not.toMatch(/cannot read|No such file/);
    expect(String(r.stdout).trim().split('\n')).toContain('moved');
  });

  it('fish loads pyshim\'s virtualenvwrapper commands from its own copy', async () => {
    const r = await execa('fish', ['-c', 'lsvirtualenv'], { env: s.env, extendEnv: false, reject: false, stdin: 'ignore' });
    expect(String(r.stderr)).not.toMatch(/cannot read|No such file|Unknown command/);
    expect(String(r.stdout)).toContain('moved');
  });

  it('doctor reports a runtime file that has gone, and setup brings it back', async () => {
    fs.rmSync(path.join(s.pyshimHome, 'runtime', 'virtualenvwrapper-lazy.sh'));
    const again = (args: string[]) => execa(process.execPath, [path.join(ROOT, 'dist', 'pyshim.cjs'), ...args], { env: s.env, extendEnv: false, reject: false });
    const doctor = await again(['doctor']);
    expect(doctor.exitCode).toBe(1);
    expect(String(doctor.stdout)).toMatch(/runtime\/virtualenvwrapper-lazy\.sh is missing\n\s+fix: pyshim setup/);
    expect((await again(['setup', '--shell', 'bash,fish'])).exitCode).toBe(0);
    expect(fs.existsSync(path.join(s.pyshimHome, 'runtime', 'virtualenvwrapper-lazy.sh'))).toBe(true);
  });
});
