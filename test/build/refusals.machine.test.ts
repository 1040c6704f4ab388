import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, python } from '../helpers/machine.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { cpython, cpythonRelease } from './cpython-source.js';
import { leftovers } from './leftovers.js';

describeWith(cpython.file, cpython.why)('pyshim python build: a real source whose configure fails', () => {
  let s: Sandbox;
  let scratch: string;
  let srcdir: string;
  beforeAll(() => {
    s = makeSandbox();
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-src-'));
    execFileSync('tar', ['-xf', cpython.file ?? '', '-C', scratch]);
    srcdir = path.join(scratch, `Python-${cpythonRelease}`);
  });
  afterAll(() => {
    s.cleanup();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('shows the end of the log and its path, keeps config.log in it, and leaves no prefix', async () => {
    const run = await s.pyshim(['python', 'build', '3.11', '--source', srcdir, '--no-bootstrap', '--', 'CC=/nonexistent/bin/cc']);
    const err = String(run.stderr);
    expect(run.exitCode).toBe(1);
    expect(err).toMatch(/→ configure …\n/);
    expect(err).toMatch(/✗ configure: failed \(exit \d+\) \([\d.]+ m?s\)/);
    expect(err).toContain(`pyshim: error: configure failed for Python ${cpythonRelease}; nothing was installed. The last lines of the log:`);
    expect(err).toContain('checking for gcc... /nonexistent/bin/cc');
    const log = /read the whole log: (\S+)$/m.exec(err)?.[1] ?? '';
    const logFile = log.replace(/^~/, s.home);
    expect(fs.existsSync(logFile)).toBe(true);
    const text = fs.readFileSync(logFile, 'utf8');
    expect(text).toContain(`--prefix=${path.join(s.pyshimHome, 'pythons', cpythonRelease)} CC=/nonexistent/bin/cc`);
    expect(text).toContain('config.log -----');
    expect(leftovers(s)).toEqual([]);
    // An out-of-tree build: the user's source directory gets no build products.
    expect(fs.existsSync(path.join(srcdir, 'config.status'))).toBe(false);
    expect(fs.existsSync(path.join(srcdir, 'Makefile'))).toBe(false);
  });
});

const py312 = python('3.12');
describeWith(py312, 'pyenv CPython 3.12')('pyshim python uninstall refuses what pyshim did not build', () => {
  let s: Sandbox;
  beforeAll(() => {
    s = makeSandbox();
  });
  afterAll(() => s.cleanup());

  it("a pyenv interpreter, by version and by path: refused, and it is still there", async () => {
    for (const target of [py312?.version ?? '', py312?.path ?? '', path.dirname(path.dirname(py312?.path ?? ''))]) {
      const run = await s.pyshim(['python', 'uninstall', target]);
      expect(run.exitCode, target).toBe(1);
      expect(String(run.stderr)).toMatch(/pyshim has not built Python|is not a Python pyshim built/);
      expect(String(run.stderr)).toContain("pyshim's builds: none");
    }
    expect(fs.existsSync(py312?.path ?? '')).toBe(true);
  });

  it('a directory under pyshim\'s pythons/ that is not a build name is not touched either', async () => {
    const odd = path.join(s.pyshimHome, 'pythons', 'mine');
    fs.mkdirSync(path.join(odd, 'bin'), { recursive: true });
    const run = await s.pyshim(['python', 'uninstall', odd]);
    expect(run.exitCode).toBe(1);
    expect(fs.existsSync(odd)).toBe(true);
  });
});
