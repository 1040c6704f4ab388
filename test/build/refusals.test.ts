import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { leftovers } from './leftovers.js';

/** A tree that looks like a CPython source to a quick glance: configure and patchlevel.h. */
function fakeTree(root: string, version: string, extra: Record<string, string> = {}): string {
  fs.mkdirSync(path.join(root, 'Include'), { recursive: true });
  fs.writeFileSync(path.join(root, 'configure'), '#!/bin/sh\necho "configure must not run" >&2\nexit 1\n', { mode: 0o755 });
  fs.writeFileSync(path.join(root, 'Include', 'patchlevel.h'), `#define PY_VERSION "${version}"\n`);
  for (const [name, text] of Object.entries(extra)) fs.writeFileSync(path.join(root, name), text);
  return root;
}

describe('pyshim python build: usage', () => {
  let s: Sandbox;
  beforeAll(() => {
    s = makeSandbox();
  });
  afterAll(() => s.cleanup());

  it.each([
    [['python', 'build', 'three', '--source', '/tmp'], "'three' is not a version (expected X.Y or X.Y.Z"],
    [['python', 'build', '3.11', '--source', '/tmp', '--jobs', '0'], '--jobs must be a whole number'],
    [['python', 'build', '3.11', '--source', '/tmp', '--jobs', 'many'], '--jobs must be a whole number'],
    [['python', 'build', '3.11', '--source', 'x.tgz', '--sha256', 'abc'], '--sha256 must be 64 hexadecimal digits'],
    [['python', 'uninstall', '3.11'], "'3.11' is not a version X.Y.Z"],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    const run = await s.pyshim(args);
    expect(run.exitCode).toBe(2);
    expect(String(run.stderr)).toContain(message);
    expect(String(run.stderr).trim().split('\n')).toHaveLength(2);
    expect(leftovers(s)).toEqual([]);
  });

  it('--help shows examples for build and uninstall', async () => {
    for (const sub of ['build', 'uninstall']) {
      const run = await s.pyshim(['python', sub, '--help']);
      expect(run.exitCode).toBe(0);
      expect(String(run.stdout)).toMatch(/Examples?:\n {2}pyshim python /);
    }
  });
});

describe('pyshim python build: sources that are not what they claim', () => {
  let s: Sandbox;
  let scratch: string;
  beforeAll(() => {
    s = makeSandbox();
    scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-src-'));
  });
  afterAll(() => {
    s.cleanup();
    fs.rmSync(scratch, { recursive: true, force: true });
  });

  it('a missing path', async () => {
    const run = await s.pyshim(['python', 'build', '3.11', '--source', path.join(scratch, 'nope.tar.xz')]);
    expect(run.exitCode).toBe(1);
    expect(String(run.stderr)).toContain('no such file or directory');
  });

  it('a directory that is not a source tree', async () => {
    const dir = path.join(scratch, 'notes');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'README'), 'hello\n');
    const run = await s.pyshim(['python', 'build', '3.11', '--source', dir]);
    expect(run.exitCode).toBe(1);
    expect(String(run.stderr)).toContain('is not a CPython source tree (no configure script)');
    expect(leftovers(s)).toEqual([]);
  });

  it('a tarball of something else', async () => {
    const dir = fakeTree(path.join(scratch, 'other', 'project-1.0'), '3.11.2');
    fs.rmSync(path.join(dir, 'Include'), { recursive: true });
    const tarball = path.join(scratch, 'project-1.0.tar.gz');
    execFileSync('tar', ['-czf', tarball, '-C', path.dirname(dir), 'project-1.0']);
    const run = await s.pyshim(['python', 'build', '3.11', '--source', tarball]);
    expect(run.exitCode).toBe(1);
    expect(String(run.stderr)).toContain('is not a CPython source tree (no Include/patchlevel.h)');
    expect(leftovers(s)).toEqual([]);
  });

  it('a file that is not a tarball', async () => {
    const file = path.join(scratch, 'Python-3.11.2.tar.xz');
    fs.writeFileSync(file, 'this is not xz data\n');
    const run = await s.pyshim(['python', 'build', '3.11', '--source', file]);
    expect(run.exitCode).toBe(1);
    expect(String(run.stderr)).toMatch(/cannot unpack .*Python-3\.11\.2\.tar\.xz: /);
    expect(leftovers(s)).toEqual([]);
  });

  it('a source of another version: refused before configure runs', async () => {
    const dir = fakeTree(path.join(scratch, 'Python-3.12.1'), '3.12.1');
    const run = await s.pyshim(['python', 'build', '3.11', '--source', dir]);
    expect(run.exitCode).toBe(1);
    expect(String(run.stderr)).toContain('is the source of Python 3.12.1, not 3.11');
    expect(String(run.stderr)).toContain('pyshim python build 3.12 --source');
    expect(String(run.stderr)).not.toContain('configure must not run');
    expect(leftovers(s)).toEqual([]);
  });

  it('a tree configured in place (configure would refuse an out-of-tree build)', async () => {
    const dir = fakeTree(path.join(scratch, 'Python-3.11.9'), '3.11.9', { 'config.status': '#!/bin/sh\n' });
    const run = await s.pyshim(['python', 'build', '3.11', '--source', dir]);
    expect(run.exitCode).toBe(1);
    expect(String(run.stderr)).toContain('has been configured in place');
    expect(String(run.stderr)).toContain('make distclean');
  });

  it('--sha256 with a directory is a usage error', async () => {
    const dir = fakeTree(path.join(scratch, 'Python-3.11.8'), '3.11.8');
    const run = await s.pyshim(['python', 'build', '3.11', '--source', dir, '--sha256', 'b'.repeat(64)]);
    expect(run.exitCode).toBe(2);
    expect(String(run.stderr)).toContain('--sha256 checks a tarball or a download, not a directory');
  });
});
