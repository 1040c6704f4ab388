import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { optionalModulesFor } from '../../src/build/optional-modules.js';
import { shippedChecksum } from '../../src/build/releases.js';
import { describeWith, REAL_HOME } from '../helpers/machine.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { cpython, cpythonRelease, metaSnapshot } from './cpython-source.js';
import { serveMirror, type Mirror } from './mirror.js';

/**
 * The one real build of the suite, by version: `pyshim python build 3.11.2`
 * from a python.org mirror on 127.0.0.1 serving Debian's python3.11 source
 * package's tarball (python.org's Python-3.11.2.tgz byte for byte), checked
 * against the checksum pyshim ships; configure + make + make altinstall into
 * a sandbox HOME, registered as a line. Every check below reuses it.
 */
describeWith(cpython.file, cpython.why)('pyshim python build: a real CPython, from source, without sudo', () => {
  let s: Sandbox;
  let run: Awaited<ReturnType<Sandbox['pyshim']>>;
  let prefix: string;
  let python: string;
  // Places a build could leak into if it ignored its prefix or HOME.
  const outside = ['/usr/local', path.join(REAL_HOME, '.local'), path.join(REAL_HOME, '.config/pyshim'), path.join(REAL_HOME, '.cache/pip'), path.join(REAL_HOME, '.pyshim')];
  let before: Record<string, string>;
  let mirror: Mirror;
  const tarball = `ftp/python/${cpythonRelease}/Python-${cpythonRelease}.tgz`;

  beforeAll(async () => {
    mirror = await serveMirror({ [tarball]: fs.readFileSync(cpython.file ?? '') });
    s = makeSandbox({ extraEnv: { PYSHIM_PYTHON_MIRROR: mirror.root } });
    prefix = path.join(s.pyshimHome, 'pythons', cpythonRelease);
    python = path.join(prefix, 'bin', 'python3.11');
    before = metaSnapshot(outside);
    run = await s.pyshim(['python', 'build', cpythonRelease, '--jobs', '2', '--no-bootstrap'], { timeout: 30 * 60_000 });
  }, 30 * 60_000);
  afterAll(async () => {
    s.cleanup();
    await mirror.close();
  });

  it("downloads the release from the mirror and finds it python.org's, by the checksum pyshim ships", () => {
    expect(shippedChecksum(cpythonRelease)).toBeDefined();
    expect(mirror.requested).toEqual([tarball]);
    expect(String(run.stderr)).toMatch(/✓ download: [\d.]+ MiB downloaded, sha256 matches python.org's/);
  });

  it('succeeds, showing each step with its time and a count of compiled files', () => {
    const err = String(run.stderr);
    expect(run.exitCode, err + String(run.stdout)).toBe(0);
    for (const step of ['download', 'unpack', 'configure', 'make -j2', 'install', 'register']) {
      expect(err).toContain(`→ ${step} …`);
      expect(err).toMatch(new RegExp(`✓ ${step.replace(/[-]/g, '\\-')}: .*\\([\\d.]+ m?s\\)`));
    }
    const compiled = Number(/✓ make -j2: (\d+) files compiled/.exec(err)?.[1]);
    expect(compiled).toBeGreaterThan(200);
    expect(String(run.stdout)).toMatch(new RegExp(`pyshim: built Python ${cpythonRelease.replace(/\./g, '\\.')} in .* → ~/\\.pyshim/pythons/${cpythonRelease}`));
    const log = /log: (\S+)/.exec(String(run.stdout))?.[1]?.replace(/^~/, s.home) ?? '';
    expect(fs.readFileSync(log, 'utf8')).toContain(`DESTDIR=`);
  });

  it('python3.11 runs from the new prefix, and its scripts name the final prefix (not a staging one)', () => {
    const out = execFileSync(python, ['-c', 'import sys, sysconfig; print(sys.version.split()[0]); print(sys.prefix); print(sysconfig.get_config_var("prefix"))'], { encoding: 'utf8', env: s.env });
    expect(out.trim().split('\n')).toEqual([cpythonRelease, prefix, prefix]);
    expect(fs.readFileSync(path.join(prefix, 'bin', 'pip3.11'), 'utf8').split('\n')[0]).toBe(`#!${python}`);
    // altinstall: no unversioned python3 or pip3 to shadow anything else.
    expect(fs.existsSync(path.join(prefix, 'bin', 'python3'))).toBe(false);
    expect(fs.readdirSync(path.join(s.pyshimHome, 'pythons'))).toEqual([cpythonRelease]);
    expect(fs.readdirSync(path.join(s.pyshimHome, 'cache', 'build'))).toEqual([]);
    expect(JSON.parse(fs.readFileSync(path.join(prefix, '.pyshim-build.json'), 'utf8'))).toMatchObject({
      version: cpythonRelease,
      source: `${mirror.root}/${tarball}`,
      checksum: 'shipped',
      sha256: shippedChecksum(cpythonRelease),
      // 3.11's setup.py searches the multiarch directories itself: nothing added.
      adaptations: [],
    });
  });

  it('is registered as the 3.11 line, and pip311 works (its pip came from ensurepip)', async () => {
    const registry = JSON.parse(fs.readFileSync(path.join(s.pyshimHome, 'registry.json'), 'utf8'));
    expect(registry.lines['3.11']).toMatchObject({ python: fs.realpathSync(python), fullVersion: cpythonRelease, source: 'pyshim' });
    const pip = await execa(path.join(s.bin, 'pip311'), ['--version'], { env: s.env, extendEnv: false });
    expect(pip.stdout).toContain(`from ${path.join(prefix, 'lib/python3.11/site-packages/pip')}`);
    expect(pip.stdout).toContain('(python 3.11)');
  });

  it('pyshim list shows it, with source pyshim and its path', async () => {
    const list = await s.pyshim(['list']);
    const row = String(list.stdout).split('\n').find((l) => l.includes(`~/.pyshim/pythons/${cpythonRelease}/bin/python3.11`));
    expect(row).toMatch(new RegExp(`^\\*\\s+${cpythonRelease.replace(/\./g, '\\.')}\\s+pyshim\\s+3\\.11`));
    const json = JSON.parse(String((await s.pyshim(['list', '--json'])).stdout));
    const entry = json.interpreters.find((i: { path: string }) => i.path === fs.realpathSync(python));
    expect(entry).toMatchObject({ source: 'pyshim', line: '3.11', version: cpythonRelease });
  });

  it('reports the build before it registers the line', () => {
    // The report is on stdout, the steps on stderr: the report names the build, and register's step ran after it (it is last).
    expect(String(run.stdout)).toMatch(/^pyshim: built Python /);
    expect(String(run.stderr).trim().split('\n').at(-1)).toMatch(/^✓ register: line 3\.11/);
  });

  it('reports exactly the optional modules that did not build, with the packages for them', () => {
    const modules = optionalModulesFor(cpythonRelease);
    const failing = modules.filter((m) => {
      try {
        execFileSync(python, ['-c', `import ${m.importName}`], { stdio: 'ignore', env: s.env });
        return false;
      } catch {
        return true;
      }
    });
    const out = String(run.stdout);
    const section = /did not build.*\n((?: {4}.*\n)*)/.exec(out)?.[1] ?? '';
    const reported = [...section.matchAll(/^ {4}(\S+) \(/gm)].map((m) => m[1]);
    expect(reported).toEqual(failing.map((m) => m.name));
    if (failing.length === 0) {
      expect(out).toContain('every optional module built');
    } else {
      const headersMissing = failing.filter((m) => new RegExp(`^ {4}${m.name} \\(.*\\): its library headers were missing$`, 'm').test(out));
      if (headersMissing.length) {
        expect(out).toContain(`Debian/Ubuntu: sudo apt-get install ${[...new Set(headersMissing.map((m) => m.debian))].join(' ')}`);
        expect(out).toContain(`then: pyshim python uninstall ${cpythonRelease} && pyshim python build ${cpythonRelease}`);
      }
    }
  });

  it('changed nothing outside HOME', () => {
    expect(metaSnapshot(outside)).toEqual(before);
  });

  it('refuses to build the same release over itself', async () => {
    const again = await s.pyshim(['python', 'build', '3.11', '--source', cpython.file ?? '', '--no-bootstrap']);
    // The tarball is the one the mirror served: the same release, refused after reading its version.
    expect(again.exitCode).toBe(1);
    expect(String(again.stderr)).toContain(`Python ${cpythonRelease} is already built at ~/.pyshim/pythons/${cpythonRelease}`);
    expect(String(again.stderr)).toContain(`pyshim python uninstall ${cpythonRelease}`);
    expect(fs.existsSync(python)).toBe(true);
  });

  it('pyshim python uninstall removes the build and unregisters its line', async () => {
    const gone = await s.pyshim(['python', 'uninstall', cpythonRelease]);
    expect(gone.exitCode, String(gone.stderr)).toBe(0);
    expect(String(gone.stdout)).toContain('removed the 3.11 line');
    expect(String(gone.stdout)).toContain(`removed Python ${cpythonRelease}`);
    expect(fs.existsSync(prefix)).toBe(false);
    expect(fs.readdirSync(path.join(s.pyshimHome, 'pythons'))).toEqual([]);
    expect(fs.existsSync(path.join(s.bin, 'pip311'))).toBe(false);
    const registry = JSON.parse(fs.readFileSync(path.join(s.pyshimHome, 'registry.json'), 'utf8'));
    expect(registry.lines['3.11']).toBeUndefined();
    const twice = await s.pyshim(['python', 'uninstall', cpythonRelease]);
    expect(twice.exitCode).toBe(1);
    expect(String(twice.stderr)).toContain(`pyshim has not built Python ${cpythonRelease}`);
  });
});
