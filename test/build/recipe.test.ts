/**
 * The pure rules behind `pyshim python build` by version and for old
 * sources: the checksum table and which release a request names, the
 * multiarch flags an old setup.py needs, and why a module did not build.
 */
import { describe, expect, it } from 'vitest';
import { TGZ_SHA256 } from '../../src/build/checksums.js';
import { multiarchFlags } from '../../src/build/old-sources.js';
import { optionalModulesFor, parseSetupSummary, whyMissing } from '../../src/build/optional-modules.js';
import { knownReleases, mirrorRoot, planDownload, shippedChecksum, tarballPath } from '../../src/build/releases.js';
import { refusal } from '../helpers/errors.js';
import { compareVersions } from '../../src/version.js';

describe('the checksum table', () => {
  it('covers every line from 2.6 to 3.13 with final releases only, each a SHA-256', () => {
    for (let minor = 6; minor <= 7; minor++) expect(knownReleases(`2.${minor}`).length).toBeGreaterThan(5);
    for (let minor = 0; minor <= 13; minor++) expect(knownReleases(`3.${minor}`).length, `3.${minor}`).toBeGreaterThan(0);
    for (const [release, sha] of Object.entries(TGZ_SHA256)) {
      expect(release).toMatch(/^\d+\.\d+\.\d+$/);
      expect(sha).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(knownReleases('2.5')).toEqual([]);
  });

  it("holds python.org's facts (two checked by hand against python.org's release pages)", () => {
    // Python-2.6.9.tgz and Python-3.11.2.tgz (the latter is Debian's python3.11_3.11.2.orig.tar.gz byte for byte).
    expect(shippedChecksum('2.6.9')).toBe('7277b1285d8a82f374ef6ebaac85b003266f7939b3f2a24a3af52f9523ac94db');
    expect(shippedChecksum('3.11.2')).toBe('2411c74bda5bbcfcddaf4531f66d1adc73f247f529aee981b029513aefdbf849');
    expect(shippedChecksum('3.11.99')).toBeUndefined();
    expect(shippedChecksum('constructor')).toBeUndefined();
  });

  it("lists a line's releases in version order (3.9.10 after 3.9.9)", () => {
    const releases = knownReleases('3.9');
    expect([...releases].sort(compareVersions)).toEqual(releases);
    expect(releases.indexOf('3.9.10')).toBeGreaterThan(releases.indexOf('3.9.9'));
  });
});

describe("python.org's layout", () => {
  it('X.Y.Z/Python-X.Y.Z.tgz, pre-releases in their final directory, and the first releases some lines kept in X.Y/', () => {
    expect(tarballPath('3.12.4')).toBe('3.12.4/Python-3.12.4.tgz');
    expect(tarballPath('3.13.0rc1')).toBe('3.13.0/Python-3.13.0rc1.tgz');
    expect(tarballPath('2.6.0')).toBe('2.6/Python-2.6.tgz');
    expect(tarballPath('2.7.0')).toBe('2.7/Python-2.7.tgz');
  });

  it('a mirror is its root; a URL ending in ftp/python is taken as meant', () => {
    expect(mirrorRoot('https://m.example/python/')).toBe('https://m.example/python');
    expect(mirrorRoot('http://127.0.0.1:8000/ftp/python/')).toBe('http://127.0.0.1:8000');
  });
});

describe('which release a request names, and its checksum', () => {
  it('X.Y: the newest release pyshim has a checksum for, from python.org unless a mirror is given', () => {
    const newest = knownReleases('3.12').pop()!;
    expect(planDownload({ line: '3.12' }, {})).toEqual({
      release: newest,
      url: `https://www.python.org/ftp/python/${newest}/Python-${newest}.tgz`,
      sha256: TGZ_SHA256[newest],
      checksum: 'shipped',
    });
    expect(planDownload({ line: '2.6', release: '2.6.0' }, { mirror: 'http://127.0.0.1:9/' }).url).toBe('http://127.0.0.1:9/ftp/python/2.6/Python-2.6.tgz');
  });

  it('a release pyshim has no checksum for needs --sha256 or --insecure, and the error says so', () => {
    const r = refusal(() => planDownload({ line: '3.12', release: '3.12.99' }, {}));
    expect(r.message).toMatch(/^pyshim has no checksum for Python 3\.12\.99 \(it ships them for the final releases 2\.6\.0 to 3\.\d+\.\d+\)$/);
    expect(r.hint).toBe("give the one on python.org's release page: pyshim python build 3.12.99 --sha256 HEX, or build it unchecked: --insecure");
    const sha = 'a'.repeat(64);
    expect(planDownload({ line: '3.12', release: '3.12.99' }, { sha256: sha })).toMatchObject({ sha256: sha, checksum: '--sha256' });
    expect(planDownload({ line: '3.13', release: '3.13.0rc1' }, { insecure: true })).toEqual({
      release: '3.13.0rc1',
      url: 'https://www.python.org/ftp/python/3.13.0/Python-3.13.0rc1.tgz',
      checksum: 'none',
    });
  });

  it('a line pyshim knows no release of names the form to use', () => {
    const r = refusal(() => planDownload({ line: '3.99' }, {}));
    expect(r.message).toMatch(/^pyshim knows no release of Python 3\.99 /);
    expect(r.hint).toContain('pyshim python build 3.99.0 --sha256 HEX');
  });

  it('a --sha256 that contradicts the shipped one is refused; --sha256 with --insecure is a usage error', () => {
    const r = refusal(() => planDownload({ line: '3.11', release: '3.11.2' }, { sha256: 'b'.repeat(64) }));
    expect(r.message).toContain("is not the checksum of python.org's Python-3.11.2.tgz (2411c74b");
    expect(r.hint).toBe('drop --sha256: pyshim python build 3.11.2');
    expect(planDownload({ line: '3.11', release: '3.11.2' }, { sha256: TGZ_SHA256['3.11.2'] }).checksum).toBe('shipped');
    expect(refusal(() => planDownload({ line: '3.11' }, { sha256: 'b'.repeat(64), insecure: true })).exitCode).toBe(2);
  });
});

describe('old sources on a multiarch system', () => {
  const setup26 = "lib_dirs = self.compiler.library_dirs + ['/lib64', '/usr/lib64', '/lib', '/usr/lib']\n";
  const setup27 = 'def add_multiarch_paths(self):\n    # Debian/Ubuntu multiarch support.\n';
  const all = () => true;

  it('a setup.py that does not know multiarch gets its -L and -I through LDFLAGS and CPPFLAGS, after the user\'s own', () => {
    expect(multiarchFlags({ multiarch: 'x86_64-linux-gnu', setupPy: setup26, existing: all, env: { LDFLAGS: '-L/opt/lib' } })).toEqual([
      { variable: 'LDFLAGS', value: '-L/opt/lib -L/usr/lib/x86_64-linux-gnu', why: expect.stringContaining("does not search x86_64-linux-gnu's library directories") },
      { variable: 'CPPFLAGS', value: '-I/usr/include/x86_64-linux-gnu', why: expect.any(String) },
    ]);
  });

  it('nothing for a setup.py that knows it, a source without setup.py (3.12+), a system without multiarch, or directories that are not there', () => {
    expect(multiarchFlags({ multiarch: 'x86_64-linux-gnu', setupPy: setup27, existing: all, env: {} })).toEqual([]);
    expect(multiarchFlags({ multiarch: 'x86_64-linux-gnu', setupPy: undefined, existing: all, env: {} })).toEqual([]);
    expect(multiarchFlags({ multiarch: '', setupPy: setup26, existing: all, env: {} })).toEqual([]);
    expect(multiarchFlags({ multiarch: 'aarch64-linux-gnu', setupPy: setup26, existing: (d) => d.startsWith('/usr/lib/'), env: {} }).map((a) => a.variable)).toEqual(['LDFLAGS']);
    // Given already: not twice.
    expect(multiarchFlags({ multiarch: 'x86_64-linux-gnu', setupPy: setup26, existing: all, env: { LDFLAGS: '-L/usr/lib/x86_64-linux-gnu' } }).map((a) => a.variable)).toEqual(['CPPFLAGS']);
  });
});

// The end of make's output, as 2.6rc2 printed it on Debian 12 (gcc 12, OpenSSL 3), and as 3.11 and 3.12 print theirs.
const MAKE_26 = `running build_scripts

Failed to find the necessary bits to build these modules:
_bsddb             _hashlib           _tkinter        
bsddb185           dbm                dl              
gdbm               imageop            linuxaudiodev   
ossaudiodev        sunaudiodev                        
To find the necessary bits, look in setup.py in detect_modules() for the module's name.


Failed to build these modules:
_ssl               nis                                

[exit 0]
`;
const MAKE_311 = `The necessary bits to build these optional modules were not found:
_dbm                  _gdbm                 _tkinter           
To find the necessary bits, look in setup.py in detect_modules() for the module's name.


Following modules built successfully but were removed because they could not be imported:
_ctypes                                                        

running build_scripts
`;
const MAKE_312 = `The necessary bits to build these optional modules were not found:
_tkinter
To find the necessary bits, look in configure.ac and config.log.

Checked 111 modules (31 built-in, 78 shared, 1 n/a on linux-x86_64, 0 disabled, 1 missing, 0 failed on import)
`;

describe("why a module did not build, from make's summary and the headers on the system", () => {
  it('reads the summaries of 2.6, 3.11 and 3.12', () => {
    expect(parseSetupSummary(MAKE_26)).toEqual({
      notFound: ['_bsddb', '_hashlib', '_tkinter', 'bsddb185', 'dbm', 'dl', 'gdbm', 'imageop', 'linuxaudiodev', 'ossaudiodev', 'sunaudiodev'],
      failed: ['_ssl', 'nis'],
    });
    expect(parseSetupSummary(MAKE_311)).toEqual({ notFound: ['_dbm', '_gdbm', '_tkinter'], failed: ['_ctypes'] });
    expect(parseSetupSummary(MAKE_312)).toEqual({ notFound: ['_tkinter'], failed: [] });
    expect(parseSetupSummary('gcc -c x.c\n')).toEqual({ notFound: [], failed: [] });
  });

  it("2.6 and OpenSSL 3: _ssl failed to compile; _hashlib was not detected though the headers are there; gdbm's headers are missing", () => {
    const modules = optionalModulesFor('2.6.0');
    const byName = (name: string) => modules.find((m) => m.name === name)!;
    const summary = parseSetupSummary(MAKE_26);
    const installed = (header: string) => header.startsWith('openssl/') || header === 'tk.h';
    expect(whyMissing(byName('_ssl'), summary, installed)).toBe('failed');
    expect(whyMissing(byName('_hashlib'), summary, installed)).toBe('not detected');
    expect(whyMissing(byName('_tkinter'), summary, installed)).toBe('not detected');
    expect(whyMissing(byName('gdbm'), summary, installed)).toBe('headers missing');
  });
});
