import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { envsJson, envsText } from '../../src/commands/envs.js';
import { homesOf } from '../../src/shims/homes.js';
import { pyvenvVersion, scanHomes } from '../../src/envs/scan.js';
import type { Line, Registry } from '../../src/registry/registry.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';

/**
 * `pyshim envs`'s rules over a fake layout of homes: which homes, in which
 * order, what counts as an environment, its version and line — read from the
 * file system, no Python run (the sandbox of the fast tier has none to run).
 */
const line = (version: string, extra: Partial<Line> = {}): Line => ({ version, python: `/nonexistent/python${version}`, fullVersion: `${version}.0`, source: 'pyenv', ...extra });

let base: string;
let home: string;
beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-envs-'));
  home = path.join(base, 'home');
  fs.mkdirSync(home);
});
afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

/** An environment at HOME-relative `dir`: lib/python`lib` (if given), bin/activate, and a pyvenv.cfg with `cfg` (if given). */
function env(dir: string, options: { lib?: string; cfg?: string; activate?: boolean } = {}): void {
  const full = path.join(home, dir);
  fs.mkdirSync(path.join(full, 'bin'), { recursive: true });
  if (options.lib) fs.mkdirSync(path.join(full, 'lib', `python${options.lib}`), { recursive: true });
  if (options.activate !== false) fs.writeFileSync(path.join(full, 'bin', 'activate'), '');
  if (options.cfg !== undefined) fs.writeFileSync(path.join(full, 'pyvenv.cfg'), options.cfg);
}

describe('homesOf', () => {
  it("lists the lines' homes by version, then ~/.virtualenvs, then the shared homes, each directory once", () => {
    const registry: Registry = {
      schema: 1,
      lines: { '3.12': line('3.12'), '2.7': line('2.7', { workonHome: '/work/envs27' }) },
      sharedHomes: ['/srv/envs', '/work/envs27', '/srv/envs/'],
    };
    expect(homesOf(registry, home)).toEqual([
      { dir: '/work/envs27', line: '2.7' },
      { dir: path.join(home, '.virtualenvs312'), line: '3.12' },
      { dir: path.join(home, '.virtualenvs') },
      { dir: '/srv/envs' },
    ]);
  });
});

describe('pyvenvVersion', () => {
  it("reads venv's version and virtualenv's version_info, not version_info's release level", () => {
    expect(pyvenvVersion('home = /usr/bin\nversion = 3.12.1\n')).toBe('3.12.1');
    expect(pyvenvVersion('home = /x\nimplementation = CPython\nversion_info = 3.11.7.final.0\nvirtualenv = 20.17.1\n')).toBe('3.11.7');
    expect(pyvenvVersion('home = /x\ninclude-system-site-packages = false\n')).toBeUndefined();
  });
});

describe('pyshim envs', () => {
  const registry: Registry = { schema: 1, lines: { '2.7': line('2.7'), '3.12': line('3.12') }, sharedHomes: [] };

  it('lists every environment of every home with its version and line; not a directory without activate or pyvenv.cfg', () => {
    env('.virtualenvs27/proj', { lib: '2.7' });
    env('.virtualenvs312/web', { lib: '3.12', cfg: 'home = /x\nversion = 3.12.1\n' });
    env('.virtualenvs312/api', { lib: '3.12', activate: false, cfg: 'version_info = 3.12.2.final.0\n' });
    env('.virtualenvs/old', { lib: '3.9' });
    env('.virtualenvs/pypy', {});
    fs.mkdirSync(path.join(home, '.virtualenvs', 'not-an-env', 'lib', 'python3.12'), { recursive: true });
    fs.writeFileSync(path.join(home, '.virtualenvs', 'postactivate'), '#!/bin/sh\n');
    const scanned = scanHomes(homesOf(registry, home));
    expect(envsText(scanned, registry, home)).toEqual([
      'NAME  VERSION  LINE  PATH',
      'proj  2.7      2.7   ~/.virtualenvs27/proj',
      'api   3.12.2   3.12  ~/.virtualenvs312/api',
      'web   3.12.1   3.12  ~/.virtualenvs312/web',
      'old   3.9      -     ~/.virtualenvs/old',
      'pypy  ?        -     ~/.virtualenvs/pypy',
      'Searched: ~/.virtualenvs27 (2.7), ~/.virtualenvs312 (3.12), ~/.virtualenvs',
    ]);
    const json = envsJson(scanned, registry);
    expect(json.schema).toBe(1);
    expect(json.environments.find((e) => e.name === 'old')).toEqual({
      name: 'old',
      version: '3.9',
      fullVersion: null,
      line: null,
      home: path.join(home, '.virtualenvs'),
      path: path.join(home, '.virtualenvs', 'old'),
    });
    expect(json.environments.find((e) => e.name === 'pypy')?.version).toBeNull();
  });

  it('a name in two homes is listed in each; a missing home is said to be missing; no environment at all is said so', () => {
    env('.virtualenvs27/proj', { lib: '2.7' });
    env('.virtualenvs/proj', { lib: '3.12' });
    const shared: Registry = { ...registry, sharedHomes: [path.join(base, 'team')] };
    const scanned = scanHomes(homesOf(shared, home));
    expect(envsJson(scanned, shared).environments.map((e) => `${e.name} ${e.line}`)).toEqual(['proj 2.7', 'proj 3.12']);
    expect(envsJson(scanned, shared).homes.map((h) => h.exists)).toEqual([true, false, true, false]);
    expect(envsText(scanned, shared, home).at(-1)).toBe(`Searched: ~/.virtualenvs27 (2.7), ~/.virtualenvs312 (3.12) (missing), ~/.virtualenvs, ${base}/team (missing)`);
    const none = scanHomes(homesOf({ schema: 1, lines: {} }, path.join(base, 'nobody')));
    expect(envsText(none, { schema: 1, lines: {} }, path.join(base, 'nobody'))).toEqual(['No environments.', 'Searched: ~/.virtualenvs (missing)']);
  });

  it('fits a narrow terminal by putting PATH under its row', () => {
    env('.virtualenvs27/proj', { lib: '2.7' });
    const text = envsText(scanHomes(homesOf(registry, home)), registry, home, 24);
    expect(text.slice(0, 3)).toEqual(['NAME  VERSION  LINE', 'proj  2.7      2.7', '    ~/.virtualenvs27/proj']);
  });
});

describe('pyshim envs, the command', () => {
  let s: Sandbox;
  afterEach(() => s?.cleanup());

  it('runs with no registry (exit 0) and a damaged registry is one error with its fix (exit 1)', async () => {
    s = makeSandbox();
    const empty = await s.pyshim(['envs']);
    expect(empty.exitCode).toBe(0);
    expect(String(empty.stdout)).toBe('No environments.\nSearched: ~/.virtualenvs (missing)');
    fs.mkdirSync(s.pyshimHome, { recursive: true });
    fs.writeFileSync(path.join(s.pyshimHome, 'registry.json'), '{');
    const bad = await s.pyshim(['envs', '--json']);
    expect(bad.exitCode).toBe(1);
    expect(String(bad.stderr)).toMatch(/^pyshim: error: .*registry\.json is damaged.*\n {2}move it aside/);
    expect(String(bad.stdout)).toBe('');
  });
});
