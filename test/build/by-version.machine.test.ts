/**
 * `pyshim python build X.Y[.Z]` without --source: the release comes from a
 * python.org mirror (here a server on 127.0.0.1 laid out as python.org) and
 * is checked against the checksums pyshim ships. Everything here is refused
 * before configure: no compiler runs. The one real build by version is in
 * real-build.test.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { knownReleases, shippedChecksum } from '../../src/build/releases.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { serveMirror, type Mirror } from './mirror.js';

const GARBAGE = Buffer.from('not a CPython release\n'.repeat(1000));
const newest311 = knownReleases('3.11').pop()!;

/** What a refused build may leave: nothing under pythons/, no build tree, no download. */
function leftovers(s: Sandbox): string[] {
  const walk = (dir: string): string[] =>
    fs.existsSync(dir) ? fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)])) : [];
  return [...walk(path.join(s.pyshimHome, 'pythons')), ...walk(path.join(s.pyshimHome, 'cache', 'build')), ...walk(path.join(s.pyshimHome, 'cache', 'downloads'))];
}

describe('pyshim python build X.Y[.Z] from a mirror', () => {
  let s: Sandbox;
  let mirror: Mirror;
  beforeAll(async () => {
    mirror = await serveMirror({
      'ftp/python/3.11.1/Python-3.11.1.tgz': GARBAGE,
      [`ftp/python/${newest311}/Python-${newest311}.tgz`]: GARBAGE,
      'ftp/python/3.11.99/Python-3.11.99.tgz': GARBAGE,
    });
    s = makeSandbox({ extraEnv: { PYSHIM_PYTHON_MIRROR: mirror.root } });
  });
  afterAll(async () => {
    s.cleanup();
    await mirror.close();
  });

  it("X.Y.Z whose bytes are not python.org's: refused, the download deleted, the mirror named as the suspect", async () => {
    mirror.requested.length = 0;
    const r = await s.pyshim(['python', 'build', '3.11.1', '--no-bootstrap']);
    expect(r.exitCode, String(r.stderr)).toBe(1);
    const lines = String(r.stderr).trim().split('\n');
    expect(lines.at(-2)).toMatch(
      new RegExp(`^pyshim: error: the download does not match the checksum pyshim ships for python.org's Python-3\\.11\\.1\\.tgz \\(expected ${shippedChecksum('3.11.1')}, got [0-9a-f]{64}\\); the file was deleted$`),
    );
    expect(lines.at(-1)).toContain('check the mirror (--mirror, PYSHIM_PYTHON_MIRROR)');
    expect(mirror.requested).toEqual(['ftp/python/3.11.1/Python-3.11.1.tgz']);
    expect(leftovers(s)).toEqual([]);
  });

  it('X.Y asks for the newest X.Y.Z the table knows (no listing of the mirror)', async () => {
    mirror.requested.length = 0;
    const r = await s.pyshim(['python', 'build', '3.11', '--no-bootstrap']);
    expect(r.exitCode).toBe(1);
    expect(mirror.requested).toEqual([`ftp/python/${newest311}/Python-${newest311}.tgz`]);
    expect(String(r.stderr)).toContain(`Python-${newest311}.tgz (expected ${shippedChecksum(newest311)}`);
  });

  it('--mirror wins over PYSHIM_PYTHON_MIRROR, and a release the mirror lacks is its 404', async () => {
    const other = await serveMirror({});
    try {
      const r = await s.pyshim(['python', 'build', '3.11.4', '--mirror', `${other.root}/ftp/python/`, '--no-bootstrap']);
      expect(r.exitCode).toBe(1);
      expect(other.requested).toEqual(['ftp/python/3.11.4/Python-3.11.4.tgz']);
      expect(String(r.stderr)).toContain(`${other.root}/ftp/python/3.11.4/Python-3.11.4.tgz answered HTTP 404`);
    } finally {
      await other.close();
    }
    expect(leftovers(s)).toEqual([]);
  });

  it('a release pyshim has no checksum for is refused before any download, naming --sha256 and --insecure', async () => {
    mirror.requested.length = 0;
    const r = await s.pyshim(['python', 'build', '3.11.99', '--no-bootstrap']);
    expect(r.exitCode).toBe(1);
    const lines = String(r.stderr).trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^pyshim: error: pyshim has no checksum for Python 3\.11\.99 /);
    expect(lines[1]).toContain('pyshim python build 3.11.99 --sha256 HEX, or build it unchecked: --insecure');
    expect(mirror.requested).toEqual([]);
  });

  it('--insecure downloads it unchecked and says so (here the bytes are no tarball, which unpack then says)', async () => {
    const r = await s.pyshim(['python', 'build', '3.11.99', '--insecure', '--no-bootstrap']);
    expect(r.exitCode).toBe(1);
    expect(String(r.stderr)).toMatch(/✓ download: .* downloaded, not checked \(--insecure\)/);
    expect(String(r.stderr)).toContain('cannot unpack');
  });

  it('a release already built is refused before anything is downloaded', async () => {
    mirror.requested.length = 0;
    fs.mkdirSync(path.join(s.pyshimHome, 'pythons', '3.11.1'), { recursive: true });
    try {
      const r = await s.pyshim(['python', 'build', '3.11.1', '--no-bootstrap']);
      expect(r.exitCode).toBe(1);
      expect(String(r.stderr)).toContain('Python 3.11.1 is already built at ~/.pyshim/pythons/3.11.1');
      expect(mirror.requested).toEqual([]);
    } finally {
      fs.rmSync(path.join(s.pyshimHome, 'pythons', '3.11.1'), { recursive: true });
    }
  });

  it.each([
    [['python', 'build', '3.11', '--source', '/tmp', '--mirror', 'http://x'], '--mirror chooses a download; with --source pyshim builds what you gave'],
    [['python', 'build', '3.11', '--source', '/tmp', '--insecure'], '--insecure chooses a download'],
    [['python', 'build', '3.11.2', '--sha256', 'a'.repeat(64), '--insecure'], 'give either --sha256 or --insecure, not both'],
    [['python', 'build', 'three'], "'three' is not a version (expected X.Y or X.Y.Z"],
  ])('%j is a usage error (exit 2) that changes nothing', async (args, message) => {
    const r = await s.pyshim(args);
    expect(r.exitCode).toBe(2);
    expect(String(r.stderr)).toContain(message);
    expect(String(r.stderr).trim().split('\n')).toHaveLength(2);
  });
});
