import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { optionalModulesFor } from '../../src/build/optional-modules.js';
import { describeWith, REAL_HOME } from '../helpers/machine.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { cpython, cpythonRelease, metaSnapshot } from './cpython-source.js';

/**
 * The one real build of the suite: CPython from Debian's python3.11 source
 * package (the upstream release tarball), configure + make + make altinstall
 * into a sandbox HOME, registered as a line. Every check below reuses it.
 */
describeWith(cpython.file, cpython.why)('pyshim python build: a real CPython, from source, without sudo', () => {
  let s: Sandbox;
  let run: Awaited<ReturnType<Sandbox['pyshim']>>;
  let prefix: string;
  let python: string;
  // Places a build could leak into if it ignored its prefix or HOME.
  const outside = ['/usr/local', path.join(REAL_HOME, '.local'), path.join(REAL_HOME, '.config/pyshim'), path.join(REAL_HOME, '.cache/pip'), path.join(REAL_HOME, '.pyshim')];
  let before: Record<string, string>;

  beforeAll(async () => {
    s = makeSandbox();
    prefix = path.join(s.pyshimHome, 'pythons', cpythonRelease);
    python = path.join(prefix, 'bin', 'python3.11');
    before = metaSnapshot(outside);
    run = await s.pyshim(['python', 'build', '3.11', '--source', cpython.file ?? '', '--jobs', '2', '--no-bootstrap'], { timeout: 30 * 60_000 });
  }, 30 * 60_000);
  afterAll(() => s.cleanup());

  it('succeeds, showing each step with its time and a count of compiled files', () => {
    const err = String(run.stderr);
    expect(run.exitCode, err + String(run.stdout)).toBe(0);
    for (const step of ['unpack', 'configure', 'make -j2', 'install', 'register']) {
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
    expect(JSON.parse(fs.readFileSync(path.join(prefix, '.pyshim-build.json'), 'utf8'))).toMatchObject({ version: cpythonRelease, source: cpython.file });
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
      expect(out).toContain(`Debian/Ubuntu: sudo apt-get install ${[...new Set(failing.map((m) => m.debian))].join(' ')}`);
      expect(out).toContain('Fedora: sudo dnf install');
    }
  });

  it('changed nothing outside HOME', () => {
    expect(metaSnapshot(outside)).toEqual(before);
  });

  it('refuses to build the same release over itself', async () => {
    const again = await s.pyshim(['python', 'build', '3.11', '--source', cpython.file ?? '', '--no-bootstrap']);
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
