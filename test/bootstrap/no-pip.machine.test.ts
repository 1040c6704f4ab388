/**
 * Bootstrap for a Python with neither pip nor ensurepip, as 2.6 is: given
 * --find-links with pip, setuptools and virtualenv, pyshim runs pip from its
 * unpacked wheel to put setuptools and pip into the user site, decides how
 * the line runs pip by trying (2.6 cannot run a package with -m), keeps the
 * answer on the line and writes it into the shims, then installs virtualenv
 * with it. The stand-in for 2.6 is a real 2.7 without ensurepip and
 * site-packages behind a wrapper that refuses `-m pip` with 2.6's words
 * (like26.ts); its pip and setuptools wheels are 2.7's own bundled ones.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { buildWheel as buildPackageWheel } from '../e2e/wheel.js';
import { describeWith, itWith, python } from '../helpers/machine.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { like26 } from './like26.js';

const py27 = python('2.7');
// Debian's virtualenv 20.17, which the virtualenv 15.2 stand-in makes its pip-less environments with.
const debianVirtualenv = fs.existsSync('/usr/lib/python3/dist-packages/virtualenv/__init__.py') ? '/usr/bin/python3' : undefined;

/**
 * A stand-in for virtualenv 15.2.0 as it behaves on Python 2.6.0rc2: asked
 * for an environment without pip (--no-setuptools --no-pip --no-wheel) it
 * makes one (by Debian's virtualenv, --no-seed); its own pip seeding fails,
 * with 15.2's words.
 */
const VIRTUALENV_15 = `import subprocess, sys
__version__ = "15.2.0"


def main():
    args = sys.argv[1:]
    if "--version" in args:
        sys.stdout.write(__version__ + "\\n")
        return 0
    dest = [a for a in args if not a.startswith("-")][-1]
    if not set(["--no-setuptools", "--no-pip", "--no-wheel"]).issubset(args):
        sys.stderr.write("OSError: Command %s/bin/python2.7 - setuptools pip wheel failed with error code 1\\n" % dest)
        return 1
    return subprocess.call(["/usr/bin/python3", "-m", "virtualenv", "--no-seed", "-q", "-p", sys.executable, dest])


if __name__ == "__main__":
    sys.exit(main())
`;

function virtualenv15Wheel(dir: string): void {
  const script = [
    'import sys, zipfile',
    'z = zipfile.ZipFile(sys.argv[1] + "/virtualenv-15.2.0-py2.py3-none-any.whl", "w")',
    'z.writestr("virtualenv.py", sys.argv[2])',
    'info = "virtualenv-15.2.0.dist-info/"',
    'z.writestr(info + "METADATA", "Metadata-Version: 2.1\\nName: virtualenv\\nVersion: 15.2.0\\n")',
    'z.writestr(info + "WHEEL", "Wheel-Version: 1.0\\nGenerator: pyshim-test\\nRoot-Is-Purelib: true\\nTag: py2-none-any\\nTag: py3-none-any\\n")',
    'z.writestr(info + "RECORD", "")',
    'z.close()',
  ].join('\n');
  execFileSync('python3', ['-c', script, dir, VIRTUALENV_15]);
}

/** A sandbox whose pip sees no configuration: the only packages are the ones a test gives. */
function isolated(): Sandbox {
  const box = makeSandbox({ extraEnv: { PIP_CONFIG_FILE: os.devNull } });
  for (const key of ['PIP_FIND_LINKS', 'PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL']) delete box.env[key];
  // pyshim unpacks pip's wheel under TMPDIR: here, so a test can see that it is gone again.
  box.env.TMPDIR = path.join(box.home, 'tmp');
  fs.mkdirSync(box.env.TMPDIR);
  return box;
}

/** pip and setuptools as 2.7 bundles them, and a stand-in virtualenv 15.2.0 (a one-module wheel, VIRTUALENV_15). */
function wheels(dir: string): string {
  const bundled = path.join(path.dirname(path.dirname(fs.realpathSync(py27!.path))), 'lib', 'python2.7', 'ensurepip', '_bundled');
  fs.mkdirSync(dir, { recursive: true });
  for (const name of fs.readdirSync(bundled)) fs.copyFileSync(path.join(bundled, name), path.join(dir, name));
  virtualenv15Wheel(dir);
  return dir;
}

function newestLog(box: Sandbox): string {
  const dir = path.join(box.pyshimHome, 'logs');
  const newest = fs.readdirSync(dir).filter((f) => f.startsWith('bootstrap-')).sort().pop()!;
  return fs.readFileSync(path.join(dir, newest), 'utf8');
}

describeWith(py27, 'pyenv CPython 2.7')('a Python with neither pip nor ensurepip (like 2.6)', () => {
  let s: Sandbox;
  let python: string;
  let dir: string;
  beforeAll(() => {
    s = isolated();
    python = like26(path.join(s.home, 'py26'), py27!.path);
    dir = wheels(path.join(s.home, 'wheels'));
  });
  afterAll(() => s?.cleanup());

  it('add registers it; its bootstrap says what is missing and names --find-links', async () => {
    const r = await s.pyshim(['add', python]);
    expect(r.exitCode).toBe(1);
    const lines = String(r.stderr).trim().split('\n').slice(-2);
    expect(lines[0]).toBe('pyshim: error: 2.7 is registered, but bootstrapping it failed: Python 2.7.18 has neither pip nor ensurepip, and pyshim has no pip wheel to start from');
    expect(lines[1]).toBe('  give it a directory with wheels of pip, setuptools and virtualenv for 2.7: pyshim bootstrap 2.7 --find-links DIR');
    expect(JSON.parse(fs.readFileSync(path.join(s.pyshimHome, 'registry.json'), 'utf8')).lines['2.7'].pip).toBeUndefined();
  });

  it('doctor names the missing pip and the command with --find-links', async () => {
    const r = await s.pyshim(['doctor']);
    expect(String(r.stdout)).toContain('✗ 2.7: pip27 cannot work: Python 2.7.18 has no pip (nor ensurepip: give it wheels of pip, setuptools and virtualenv)\n    fix: pyshim bootstrap 2.7 --find-links DIR');
  });

  it('with --find-links: setuptools and pip from the unpacked pip wheel, then virtualenv by the line\'s pip, run as -m pip.__main__', async () => {
    const r = await s.pyshim(['bootstrap', '2.7', '--offline', '--find-links', dir]);
    const err = String(r.stderr);
    expect(r.exitCode, err).toBe(0);
    expect(err).toMatch(/✓ setuptools: installed into the user site by pip 19\.2\.3 from its wheel/);
    expect(err).toMatch(/✓ pip: installed into the user site from pip-19\.2\.3-py2\.py3-none-any\.whl \(pip 19\.2\.3, run as -m pip\.__main__\)/);
    expect(err).toMatch(/✓ virtualenv: installed into the user site/);
    // setuptools once: pip 19 does not need it again.
    expect(err.match(/→ setuptools/g)).toHaveLength(1);
    expect(String(r.stdout)).toContain(`pip27 runs pip 19.2.3 as ${python.replace(s.home, '~')} -m pip.__main__`);
    const log = newestLog(s);
    // pip ran from the unpacked wheel, never from the zip; and it is gone again.
    expect(log).toMatch(/\$ PYTHONPATH=\S+pyshim-pip-wheel-\S+ \S+python2\.7 -m pip\.__main__ install --user .* --ignore-installed .*pip\n/);
    expect(log).not.toMatch(/\.whl\/pip/);
    expect(fs.readdirSync(s.env.TMPDIR!)).toEqual([]);
    const site = path.join(s.home, '.local', 'lib', 'python2.7', 'site-packages');
    expect(fs.readdirSync(site)).toEqual(expect.arrayContaining(['pip', 'setuptools', 'virtualenv.py']));
  });

  it('the line keeps the answer, and its shims use it: pip27 and install27 work', async () => {
    const registry = JSON.parse(fs.readFileSync(path.join(s.pyshimHome, 'registry.json'), 'utf8'));
    expect(registry.lines['2.7'].pip).toEqual({ module: 'pip.__main__', version: '19.2.3' });
    expect(fs.readFileSync(path.join(s.bin, 'pip27'), 'utf8')).toContain('exec "$py" -m pip.__main__ "$@"');
    const version = await execa(path.join(s.bin, 'pip27'), ['--version'], { env: s.env, extendEnv: false, reject: false });
    expect(String(version.stdout)).toBe(`pip 19.2.3 from ${path.join(s.home, '.local/lib/python2.7/site-packages/pip')} (python 2.7)`);
    const demo = buildPackageWheel(path.join(s.home, 'demo'));
    const install = await execa(path.join(s.bin, 'install27'), ['--no-index', demo], { env: s.env, extendEnv: false, reject: false });
    expect(install.exitCode, String(install.stderr)).toBe(0);
    const imported = await execa(python, ['-c', 'import pyshimdemo; print(pyshimdemo.VALUE)'], { env: s.env, extendEnv: false });
    expect(imported.stdout).toBe('42');
  });

  itWith(debianVirtualenv, "Debian's virtualenv")("virtualenv-2.7: the line's virtualenv fails its trial (its pip seeding fails), so it makes environments without pip and pip comes from the kept wheels", async () => {
    const kept = path.join(s.pyshimHome, 'wheels', '2.7');
    expect(fs.readdirSync(kept).sort()).toEqual(['pip-19.2.3-py2.py3-none-any.whl', 'setuptools-41.2.0-py2.py3-none-any.whl']);
    const registry = JSON.parse(fs.readFileSync(path.join(s.pyshimHome, 'registry.json'), 'utf8'));
    expect(registry.lines['2.7'].backend, fs.readFileSync(path.join(s.bin, 'virtualenv-2.7'), 'utf8')).toBe('virtualenv 15.2.0 (own) + seed of pip 19.2.3, setuptools 41.2.0');
    const trials = JSON.parse(fs.readFileSync(path.join(s.pyshimHome, 'cache', 'env-trials.json'), 'utf8'));
    const outcomes = Object.values(trials.entries as Record<string, { outcome: { ok: boolean; reason?: string } }>).map((e) => e.outcome);
    expect(outcomes).toContainEqual({ ok: false, reason: expect.stringContaining('setuptools pip wheel failed with error code 1') });
    const env = path.join(s.home, 'ENV');
    const made = await execa(path.join(s.bin, 'virtualenv-2.7'), [env], { env: s.env, extendEnv: false, reject: false });
    expect(made.exitCode, String(made.stderr)).toBe(0);
    const version = await execa(path.join(env, 'bin', 'python'), ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])']);
    expect(version.stdout).toBe('2.7');
    const pip = await execa(path.join(env, 'bin', 'pip'), ['--version'], { env: s.env, extendEnv: false, reject: false });
    expect(String(pip.stdout)).toBe(`pip 19.2.3 from ${path.join(env, 'lib/python2.7/site-packages/pip')} (python 2.7)`);
    const demo = buildPackageWheel(path.join(s.home, 'demo2'));
    const install = await execa(path.join(env, 'bin', 'pip'), ['install', '--no-index', demo], { env: s.env, extendEnv: false, reject: false });
    expect(install.exitCode, String(install.stderr)).toBe(0);
    expect((await execa(path.join(env, 'bin', 'python'), ['-c', 'import pyshimdemo; print(pyshimdemo.VALUE)'])).stdout).toBe('42');
  });

  it('a second bootstrap confirms, without trying pip again; doctor runs pip27 and vouches for it', async () => {
    const r = await s.pyshim(['bootstrap', '2.7', '--offline', '--find-links', dir]);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(String(r.stderr)).toContain('✓ pip: already there (pip 19.2.3, run as -m pip.__main__)');
    expect(newestLog(s)).not.toContain('--version');
    const doctor = await s.pyshim(['doctor']);
    expect(String(doctor.stdout)).toContain('✓ 2.7: pip27 runs pip 19.2.3');
  });

  it('a broken pip is a doctor finding naming what pip said and the command that decides again', async () => {
    const site = path.join(s.home, '.local', 'lib', 'python2.7', 'site-packages');
    fs.renameSync(path.join(site, 'pip', '_internal'), path.join(site, 'pip', '_internal.away'));
    try {
      const doctor = await s.pyshim(['doctor']);
      expect(doctor.exitCode).toBe(1);
      expect(String(doctor.stdout)).toMatch(/✗ 2\.7: pip27 --version fails \(exit 1\): ImportError: No module named _internal\n {4}fix: pyshim add ~\/py26\/prefix\/bin\/python2\.7/);
    } finally {
      fs.renameSync(path.join(site, 'pip', '_internal.away'), path.join(site, 'pip', '_internal'));
    }
  });
});

describeWith(py27, 'pyenv CPython 2.7')('a Python without _ssl (as 2.6 built against OpenSSL 3)', () => {
  let s: Sandbox;
  let python: string;
  let dir: string;
  beforeAll(async () => {
    s = isolated();
    python = like26(path.join(s.home, 'py26'), py27!.path, { noSsl: true });
    dir = wheels(path.join(s.home, 'wheels'));
    expect((await s.pyshim(['add', python, '--no-bootstrap'])).exitCode).toBe(0);
  });
  afterAll(() => s?.cleanup());

  it('with --find-links, pip is kept to it (--no-index): an HTTPS index is out of its reach', async () => {
    const r = await s.pyshim(['bootstrap', '2.7', '--find-links', dir]);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const log = newestLog(s);
    expect(log).toContain('has no _ssl: pip cannot reach an HTTPS index, so it uses only --find-links');
    const installs = log.split('\n').filter((l) => l.startsWith('$ ') && / install --user /.test(l));
    expect(installs.length).toBeGreaterThanOrEqual(3);
    for (const line of installs) expect(line).toContain('--no-index');
    expect(String(r.stderr)).toMatch(/! virtualenvwrapper: --find-links \S+ has no version for Python 2\.7\.18, and without _ssl pip cannot reach an HTTPS index; /);
  });

  it('without --find-links, the tool it cannot fetch is an error that says why and what to give', async () => {
    const r = await s.pyshim(['bootstrap', '2.7', '--with', 'virtualenvwrapper']);
    expect(r.exitCode).toBe(1);
    const lines = String(r.stderr).trim().split('\n').slice(-2);
    expect(lines[0]).toBe('pyshim: error: Python 2.7.18 has no _ssl, so pip cannot reach an HTTPS package index to install virtualenvwrapper');
    expect(lines[1]).toBe('  give pip the packages: pyshim bootstrap 2.7 --find-links DIR (a directory of wheels)');
  });
});
