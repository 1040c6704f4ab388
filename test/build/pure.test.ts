import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isReleaseName, parsePatchlevel } from '../../src/build/patchlevel.js';
import { missingReport, optionalModulesFor } from '../../src/build/optional-modules.js';
import { CompileCounter, downloadBar, isCompileLine, percentStep } from '../../src/build/live.js';
import { fileNameFor } from '../../src/build/download.js';
import { lastLines } from '../../src/util/log.js';

describe('parsePatchlevel', () => {
  it('reads PY_VERSION of a release, a pre-release and a checkout', () => {
    expect(parsePatchlevel('#define PY_MINOR_VERSION 11\n#define PY_VERSION              "3.11.2"\n')).toEqual({ declared: '3.11.2', line: '3.11', release: '3.11.2' });
    expect(parsePatchlevel('#define PY_VERSION "3.13.0rc1"')).toEqual({ declared: '3.13.0rc1', line: '3.13', release: '3.13.0rc1' });
    expect(parsePatchlevel('#  define PY_VERSION "3.14.0a1+"')).toEqual({ declared: '3.14.0a1+', line: '3.14', release: '3.14.0a1' });
    // 2.7's header writes it the same way.
    expect(parsePatchlevel('#define PY_VERSION      \t"2.7.18"')?.line).toBe('2.7');
  });

  it('rejects what is not a version, and a commented-out define', () => {
    expect(parsePatchlevel('/* #define PY_VERSION "3.1.1" */')).toBeUndefined();
    expect(parsePatchlevel('#define PY_VERSION "banana"')).toBeUndefined();
    expect(parsePatchlevel('int main(void) { return 0; }')).toBeUndefined();
  });

  it('isReleaseName accepts build directory names only', () => {
    expect(['3.11.2', '3.13.0rc1', '2.7.18'].every(isReleaseName)).toBe(true);
    expect(['3.11', '../3.11.2', '3.11.2/', '3.11.2+', '', 'x'].some(isReleaseName)).toBe(false);
  });
});

describe('optional modules', () => {
  it('knows which modules a version can have', () => {
    const names = (v: string) => optionalModulesFor(v).map((m) => m.name);
    expect(names('2.7.18')).toContain('bz2');
    expect(names('2.7.18')).not.toContain('_lzma');
    expect(names('2.7.18')).not.toContain('_uuid');
    expect(names('3.6.15')).toContain('_lzma');
    expect(names('3.6.15')).not.toContain('_uuid');
    expect(names('3.11.2')).toEqual(expect.arrayContaining(['_ssl', '_sqlite3', 'zlib', '_ctypes', 'readline', '_bz2', '_lzma', '_uuid', '_gdbm', '_dbm', '_tkinter']));
  });

  it('names each package once per platform', () => {
    const table = optionalModulesFor('3.11.2');
    const ssl = table.filter((m) => m.name === '_ssl' || m.name === '_hashlib');
    const report = missingReport(ssl);
    expect(report.modules).toEqual(['_ssl (https, pip downloads)', '_hashlib (hashlib with OpenSSL)']);
    expect(report.commands).toEqual([
      { platform: 'Debian/Ubuntu', command: 'sudo apt-get install libssl-dev' },
      { platform: 'Fedora', command: 'sudo dnf install openssl-devel' },
      { platform: 'macOS (Homebrew)', command: 'brew install openssl@3' },
    ]);
    expect(missingReport([])).toEqual({ modules: [], commands: [] });
  });
});

describe('live indications', () => {
  it('recognises compile lines and nothing else', () => {
    expect(isCompileLine('gcc -c -Wsign-compare -DNDEBUG -g -fwrapv -O3 -Wall -I. -o Parser/token.o ./Parser/token.c')).toBe(true);
    expect(isCompileLine('gcc -pthread -c ./Modules/_ssl.c -o build/temp.linux-x86_64-3.11/Modules/_ssl.o')).toBe(true);
    expect(isCompileLine('gcc -pthread -o python Programs/python.o libpython3.11.a -ldl')).toBe(false);
    expect(isCompileLine('checking for -c -o in gcc... yes')).toBe(false);
  });

  it('counts the same however make\'s output is cut into chunks (fast-check)', () => {
    const lines = ['gcc -c -O2 -o a.o a.c', 'ar rcs libpython.a a.o', 'cc -c x.c -o Modules/x.o', 'Making something'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...lines), { maxLength: 40 }), fc.array(fc.nat(), { maxLength: 8 }), (picked, cuts) => {
        const text = picked.map((l) => l + '\n').join('');
        const counter = new CompileCounter();
        let at = 0;
        for (const cut of [...cuts.map((c) => c % (text.length + 1))].sort((a, b) => a - b)) {
          counter.feed(text.slice(at, cut));
          at = cut;
        }
        counter.feed(text.slice(at));
        expect(counter.count).toBe(picked.filter(isCompileLine).length);
      }),
    );
  });

  it('draws a bar with a percentage, and steps of ten for plain output', () => {
    expect(downloadBar(50, 100, 10)).toBe('[#####-----]  50%  50 B of 100 B');
    expect(downloadBar(3 * 1024 * 1024, undefined)).toBe('3.0 MiB so far');
    expect(percentStep(99, 100)).toBe(90);
    expect(percentStep(100, 100)).toBe(100);
    expect(percentStep(5, undefined)).toBeUndefined();
  });

  it('names a download after the URL path, safely', () => {
    expect(fileNameFor(new URL('https://www.python.org/ftp/python/3.12.4/Python-3.12.4.tar.xz'))).toBe('Python-3.12.4.tar.xz');
    expect(fileNameFor(new URL('http://127.0.0.1/a/..%2F..%2Fevil'))).not.toContain('/');
    expect(fileNameFor(new URL('http://127.0.0.1/'))).toBe('download');
  });

  it('lastLines keeps the last non-empty lines, indented', () => {
    expect(lastLines('a\n\nb\nc\n\n', 2)).toBe('    b\n    c');
  });
});
