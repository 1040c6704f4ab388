import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWheel } from '../e2e/wheel.js';
import { describeWith, pyenvPythons, python, requireOnMachine, systemPython3 } from '../helpers/machine.js';
import { indexOffersVirtualenv } from '../helpers/pip-index.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { snapshotTree } from '../helpers/snapshot.js';

/** Can pypi.org, the index pip.conf leaves in place, be reached from here? Decides which of two true answers pyshim gives. */
const pypiReachable = await new Promise<boolean>((resolve) => {
  const socket = net.connect({ host: 'pypi.org', port: 443, timeout: 5000 });
  const done = (ok: boolean) => {
    socket.destroy();
    resolve(ok);
  };
  socket.once('connect', () => done(true));
  socket.once('error', () => done(false));
  socket.once('timeout', () => done(false));
});
/** What bootstrap says of a tool neither pypi.org nor the mirror gave it. */
const missing = (version: string) =>
  pypiReachable ? `the package index has no version for Python ${version.replace(/\./g, '\\.')}\\.\\d+` : 'could not reach the package index \\(https://pypi\\.org/simple\\)';

/**
 * bootstrap against the real interpreters and this machine's package index
 * (offline: a local mirror that has virtualenv for Python 3.10+ only, and no
 * virtualenvwrapper). What the index lacks must be a warning that names the
 * fallback, never a crash.
 */
const py312 = python('3.12');
const py38 = python('3.8');

describeWith(py312 && indexOffersVirtualenv(py312.path), 'pyenv CPython 3.12 and a package index that offers virtualenv for it')('bootstrap where the index has virtualenv', () => {
  let s: Sandbox;
  beforeAll(() => {
    s = makeSandbox();
  });
  afterAll(() => s.cleanup());

  it('add runs it: virtualenv lands in the temporary home\'s user site; virtualenvwrapper is a warning naming the fallback', async () => {
    const r = await s.pyshim(['add', '3.12']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const err = String(r.stderr);
    expect(err).toMatch(/→ pip/);
    expect(err).toMatch(/✓ pip: already there \(pip \d+[.\d]*, run as -m pip\) \([\d.]+ (ms|s)\)/);
    const site = path.join(s.home, '.local/lib/python3.12/site-packages');
    expect(err).toMatch(/✓ virtualenv: installed into the user site/);
    expect(fs.readdirSync(site).some((f) => /^virtualenv-.*\.dist-info$/.test(f))).toBe(true);
    // Plain environments stay fast (venv + seed); the options only virtualenv has go to the line's own.
    expect(String(r.stdout)).toMatch(/virtualenv-3\.12 uses: venv \+ ensurepip seed; virtualenv \S+ \(own\) for other options/);
    expect(err).toMatch(new RegExp(`! virtualenvwrapper: ${missing('3.12')}; virtualenvwrapper-3\\.12\\.sh will use `));
    expect(String(r.stdout)).toMatch(/log: ~\/\.pyshim\/logs\/bootstrap-3\.12-.*\.log/);
  });

  it('is idempotent: a second run only confirms what is there', async () => {
    const r = await s.pyshim(['bootstrap', '3.12']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(String(r.stderr)).toMatch(/✓ pip: already there/);
    expect(String(r.stderr)).toMatch(/✓ virtualenv: already there/);
  });

  it('--with virtualenvwrapper makes its absence an error with the way out', async () => {
    const r = await s.pyshim(['bootstrap', '3.12', '--with', 'virtualenvwrapper']);
    expect(r.exitCode).toBe(1);
    expect(String(r.stderr)).toMatch(pypiReachable ? /the package index has no virtualenvwrapper for Python 3\.12/ : /could not reach the package index \(https:\/\/pypi\.org\/simple\) to install virtualenvwrapper for Python 3\.12/);
    expect(String(r.stderr)).toMatch(/--find-links DIR/);
  });

  it('bad options are usage errors and change nothing', async () => {
    const before = snapshotTree(s.home, (rel) => rel.startsWith('.pyshim/cache'));
    expect((await s.pyshim(['bootstrap', '3.12', '--with', 'pipx'])).exitCode).toBe(2);
    expect((await s.pyshim(['bootstrap', '3.12', '--find-links', path.join(s.home, 'nowhere')])).exitCode).toBe(2);
    expect((await s.pyshim(['bootstrap', '3.9'])).exitCode).toBe(1);
    expect(snapshotTree(s.home, (rel) => rel.startsWith('.pyshim/cache'))).toEqual(before);
  });
});

describeWith(py38, 'pyenv CPython 3.8')('bootstrap where the index has nothing for that Python', () => {
  it('warns and names the fallback virtualenv-3.8 will use', async () => {
    const s = makeSandbox();
    try {
      const r = await s.pyshim(['add', '3.8']);
      expect(r.exitCode, String(r.stderr)).toBe(0);
      expect(String(r.stderr)).toMatch(new RegExp(`! virtualenv: ${missing('3.8')}; virtualenv-3\\.8 will use venv`));
      expect(String(r.stdout)).toMatch(/virtualenv-3\.8 uses: venv/);
    } finally {
      s.cleanup();
    }
  });
});

describeWith(systemPython3, "Debian's externally managed python3")('PEP 668: an externally managed interpreter', () => {
  let s: Sandbox;
  beforeAll(() => {
    s = makeSandbox();
  });
  afterAll(() => s.cleanup());

  it('add registers it with a warning and does not bootstrap it', async () => {
    const r = await s.pyshim(['add', '/usr/bin/python3']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(String(r.stderr)).toMatch(/externally managed \(PEP 668\)/);
    expect(String(r.stdout)).toMatch(/not bootstrapped: pip may not install into an externally managed Python/);
  });

  it('list marks it', async () => {
    const r = await s.pyshim(['list']);
    expect(String(r.stdout).split('\n').find((l) => l.includes('/usr/bin/python3'))).toMatch(/externally managed \(PEP 668\)/);
  });

  it('bootstrap is refused with the ways out, and nothing changes', async () => {
    const before = snapshotTree(s.home, (rel) => rel.startsWith('.pyshim/cache'));
    const line = String((await s.pyshim(['list', '--json'])).stdout).match(/"version": "(3\.\d+)",\s*"python": "\/usr\/bin/)?.[1] ?? '3.11';
    const r = await s.pyshim(['bootstrap', line]);
    expect(r.exitCode).toBe(1);
    const lines = String(r.stderr).trim().split('\n');
    expect(lines[0]).toMatch(/is externally managed \(PEP 668\)/);
    expect(lines[1]).toMatch(/virtual environment .*--break-system-packages/);
    expect(lines).toHaveLength(2);
    expect(snapshotTree(s.home, (rel) => rel.startsWith('.pyshim/cache'))).toEqual(before);
  });

  it('installXY explains before pip refuses', async () => {
    const list = JSON.parse(String((await s.pyshim(['list', '--json'])).stdout)) as { lines: { version: string; python: string }[] };
    const line = list.lines.find((l) => l.python.startsWith('/usr/bin/'))?.version ?? '3.11';
    const wheel = buildWheel(path.join(s.home, 'wheels'));
    const r = await execa(path.join(s.bin, `install${line.replace('.', '')}`), ['--no-index', wheel], { env: s.env, extendEnv: false, reject: false });
    expect(r.exitCode).not.toBe(0);
    const err = String(r.stderr);
    const ours = err.indexOf('is externally managed (PEP 668), so pip refuses --user installs');
    const pips = err.indexOf('externally-managed-environment');
    expect(ours).toBeGreaterThanOrEqual(0);
    expect(pips).toBeGreaterThan(ours);
  });
});

/** The whole path a user takes, for every interpreter: add (bootstrap included), make an env, use its pip. */
describe('every interpreter on this machine: add, then virtualenv-X.Y, then the env works', () => {
  // The kinds of line CI must cover: where one is missing, a test says so (and fails under CI=true).
  const oldPython3 = pyenvPythons.find((p) => ['3.6', '3.7', '3.8', '3.9'].includes(p.line));
  const currentPython3 = pyenvPythons.find((p) => Number(p.line.split('.')[1]) >= 10);
  requireOnMachine(python('2.7'), 'a pyenv CPython 2.7', 'a Python 2 line');
  requireOnMachine(oldPython3, 'a pyenv CPython 3.6–3.9', 'an old Python 3 line');
  requireOnMachine(currentPython3, 'a pyenv CPython 3.10 or newer', 'a current Python 3 line');

  let s: Sandbox;
  let wheel: string;
  beforeAll(() => {
    s = makeSandbox();
    wheel = buildWheel(path.join(s.home, 'wheels'));
  });
  afterAll(() => s?.cleanup());
  for (const p of pyenvPythons) {
    it(`${p.line} (${p.version})`, async () => {
      const add = await s.pyshim(['add', p.line]);
      expect(add.exitCode, String(add.stderr)).toBe(0);
      const env = path.join(s.home, `env${p.line}`);
      const mk = await execa(path.join(s.bin, `virtualenv-${p.line}`), [env], { env: s.env, extendEnv: false, reject: false });
      expect(mk.exitCode, String(mk.stderr)).toBe(0);
      const py = await execa(path.join(env, 'bin', 'python'), ['-c', 'import sys; sys.stdout.write("%d.%d" % sys.version_info[:2])'], { env: s.env, extendEnv: false, reject: false });
      expect(String(py.stdout)).toBe(p.line);
      expect(String(py.stderr)).toBe('');
      const pip = await execa(path.join(env, 'bin', 'python'), ['-m', 'pip', 'install', '--no-index', '--no-deps', wheel], { env: s.env, extendEnv: false, reject: false });
      expect(pip.exitCode, String(pip.stderr)).toBe(0);
      const imp = await execa(path.join(env, 'bin', 'python'), ['-c', 'import pyshimdemo; print(pyshimdemo.VALUE)'], { env: s.env, extendEnv: false, reject: false });
      expect(String(imp.stdout)).toBe('42');
    });
  }
});
