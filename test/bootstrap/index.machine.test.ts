/**
 * bootstrap tells an index it could not reach from one that answered
 * without the package, with real interpreters and their own pips (18.1 for
 * 3.6, 19.2 for 2.7, 23.x for 3.12). Each sandbox names its pip
 * configuration: none (os.devNull), so the only index is the one the test
 * gives — a closed port on 127.0.0.1 (unreachable) or a local directory
 * without the package (no version).
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { describeWith, python, type MachinePython } from '../helpers/machine.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';

let s: Sandbox;
afterEach(() => s?.cleanup());

/** A port on 127.0.0.1 that was free a moment ago: connecting to it is refused. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A sandbox whose pip sees no configuration and no index but what a test names; pyshim's own retry setting applies. */
function isolated(pipConfig = os.devNull): Sandbox {
  const box = makeSandbox({ extraEnv: { PIP_CONFIG_FILE: pipConfig } });
  for (const key of ['PIP_FIND_LINKS', 'PIP_INDEX_URL', 'PIP_EXTRA_INDEX_URL', 'PIP_RETRIES']) delete box.env[key];
  return box;
}

/** The pip runs pyshim made, from the newest bootstrap log. */
function pipRuns(box: Sandbox): string[] {
  const dir = path.join(box.pyshimHome, 'logs');
  const newest = fs.readdirSync(dir).filter((f) => f.startsWith('bootstrap-')).sort().pop()!;
  return fs.readFileSync(path.join(dir, newest), 'utf8').split('\n').filter((l) => l.startsWith('$ ') && l.includes(' -m pip install '));
}

const lines = ['2.7', '3.6', '3.12'].map((line) => [line, python(line)] as const);

for (const [line, py] of lines) {
  describeWith(py, `pyenv CPython ${line}`)(`an unreachable index, Python ${line}`, () => {
    const { version } = py ?? ({} as MachinePython);
    let url: string;
    // One line for both tests: an unreachable index installs nothing, so the first leaves it as it was.
    let box: Sandbox;
    beforeAll(async () => {
      url = `http://127.0.0.1:${await closedPort()}/simple`;
      box = isolated();
      expect((await box.pyshim(['add', line, '--no-bootstrap'])).exitCode).toBe(0);
    });
    afterAll(() => box?.cleanup());

    it('is said as such, once: virtualenv says so with the offline way out, virtualenvwrapper is not tried', async () => {
      const r = await box.pyshim(['bootstrap', line, '--index-url', url]);
      expect(r.exitCode, String(r.stderr)).toBe(0);
      const err = String(r.stderr);
      expect(err).toContain(`! virtualenv: could not reach the package index (${url}); virtualenv-${line} will use `);
      expect(err).toMatch(new RegExp(`to install it without the index: pyshim bootstrap ${line.replace('.', '\\.')} --offline --find-links DIR`));
      expect(err).toContain(`! virtualenvwrapper: not tried: could not reach the package index (${url})`);
      expect(err).not.toMatch(/has no version/);
      // One pip run, made to fail at once rather than retry.
      const runs = pipRuns(box);
      expect(runs).toHaveLength(1);
      expect(runs[0]).toContain('--retries 0');
      expect(runs[0]).toContain(`--index-url ${url}`);
    });

    it('with --with virtualenv it is an error: one line naming the index, one with the way out', async () => {
      const r = await box.pyshim(['bootstrap', line, '--index-url', url, '--with', 'virtualenv']);
      expect(r.exitCode).toBe(1);
      const last = String(r.stderr).trim().split('\n').slice(-2);
      expect(last[0]).toBe(`pyshim: error: could not reach the package index (${url}) to install virtualenv for Python ${version}`);
      expect(last[1]).toMatch(new RegExp(`^  install it without the index: pyshim bootstrap ${line.replace('.', '\\.')} --offline --find-links DIR`));
    });
  });
}

const py312 = python('3.12');
describeWith(py312, 'pyenv CPython 3.12')('which index, and "no version" only when the index answered', () => {
  it('the unreachable index named in pip\'s own configuration is the one named', async () => {
    const url = `http://127.0.0.1:${await closedPort()}/simple`;
    const conf = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-pipconf-')), 'pip.conf');
    fs.writeFileSync(conf, `[global]\nindex-url = ${url}\n`);
    try {
      s = isolated(conf);
      expect((await s.pyshim(['add', '3.12', '--no-bootstrap'])).exitCode).toBe(0);
      const r = await s.pyshim(['bootstrap', '3.12']);
      expect(String(r.stderr)).toContain(`! virtualenv: could not reach the package index (${url}); `);
    } finally {
      fs.rmSync(path.dirname(conf), { recursive: true, force: true });
    }
  });

  it('a --find-links directory without the package: no version, for each tool (both are tried)', async () => {
    s = isolated();
    const empty = path.join(s.home, 'wheels');
    fs.mkdirSync(empty);
    expect((await s.pyshim(['add', '3.12', '--no-bootstrap'])).exitCode).toBe(0);
    const r = await s.pyshim(['bootstrap', '3.12', '--offline', '--find-links', empty]);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const err = String(r.stderr);
    expect(err).toMatch(/! virtualenv: the package index has no version for Python 3\.12\.\d+; virtualenv-3\.12 will use /);
    expect(err).toMatch(/! virtualenvwrapper: the package index has no version for Python 3\.12\.\d+; /);
    expect(err).not.toMatch(/could not reach/);
    expect(pipRuns(s)).toHaveLength(2);
  });

  it('an --index-url that is a local directory without the package: no version', async () => {
    s = isolated();
    const index = path.join(s.home, 'simple');
    fs.mkdirSync(index);
    expect((await s.pyshim(['add', '3.12', '--no-bootstrap'])).exitCode).toBe(0);
    const r = await s.pyshim(['bootstrap', '3.12', '--index-url', `file://${index}`]);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(String(r.stderr)).toMatch(/! virtualenv: the package index has no version for Python 3\.12\.\d+; /);
    expect(String(r.stderr)).not.toMatch(/could not reach/);
  });
});
