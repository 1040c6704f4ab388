import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { discover } from '../../src/discovery/discover.js';
import { resolveCandidates } from '../../src/discovery/resolve.js';
import { resolvePaths } from '../../src/paths.js';
import { describeWith, itWith, PYENV_ROOT, pyenvPythons, python, systemPython3 } from '../helpers/machine.js';
import { linkInto, pathWithoutPyenv, writeFakeBinary } from './fixtures.js';

function tempHome(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-discover-'));
}

const homes: string[] = [];
afterAll(() => homes.forEach((h) => fs.rmSync(h, { recursive: true, force: true })));

describeWith(pyenvPythons.length >= 3, 'pyenv CPythons (2.7 and two 3.x)')('discovery on this machine', async () => {
  const home = tempHome();
  homes.push(home);
  // The real PATH, pyenv's shims included: they must not show up as interpreters.
  const env = { HOME: home, PYSHIM_HOME: path.join(home, '.pyshim'), PYENV_ROOT, PATH: `${path.join(PYENV_ROOT, 'shims')}:${process.env.PATH}` };
  const found = await discover(env, resolvePaths(env));

  it('lists every pyenv interpreter exactly once, labelled pyenv, with all its names', () => {
    for (const p of pyenvPythons) {
      const real = fs.realpathSync(p.path);
      const matches = found.interpreters.filter((i) => i.path === real);
      expect(matches, p.path).toHaveLength(1);
      const [i] = matches;
      expect(i?.version).toBe(p.version);
      expect(i?.source).toBe('pyenv');
      // python, python3 and python3.12 are one interpreter: all its names are kept on it.
      const bin = path.dirname(p.path);
      for (const alias of [`python${p.line}`, `python${p.line.split('.')[0]}`, 'python']) {
        if (fs.existsSync(path.join(bin, alias))) expect(i?.names).toContain(path.join(bin, alias));
      }
    }
  });

  it('never lists one file twice (by real path or by inode)', () => {
    const reals = found.interpreters.map((i) => i.path);
    expect(new Set(reals).size).toBe(reals.length);
    const inodes = reals.map((r) => {
      const s = fs.statSync(r);
      return `${s.dev}:${s.ino}`;
    });
    expect(new Set(inodes).size).toBe(inodes.length);
  });

  it("does not list pyenv's bash shims as interpreters, nor fail on them", () => {
    const shims = path.join(PYENV_ROOT, 'shims') + path.sep;
    expect(found.interpreters.filter((i) => i.path.startsWith(shims) || i.names.some((n) => n.startsWith(shims)))).toEqual([]);
    expect(found.failures.filter((f) => f.path.startsWith(shims))).toEqual([]);
  });

  itWith(systemPython3, "Debian's externally managed /usr/bin/python3")('lists /usr/bin/python3.11 as system and externally managed', () => {
    const real = fs.realpathSync(systemPython3 ?? '/usr/bin/python3');
    const sys = found.interpreters.find((i) => i.path === real);
    expect(sys?.source).toBe('system');
    expect(sys?.externallyManaged).toMatch(/EXTERNALLY-MANAGED$/);
    expect(sys?.names).toContain('/usr/bin/python3');
  });
});

describeWith(['3.7', '3.8', '3.9', '3.10', '3.11', '3.12'].every(python), 'pyenv CPython 3.7 to 3.12')('discovery labels each fake install with its source', async () => {
  const home = tempHome();
  homes.push(home);
  const layout: Array<[string, string, string]> = [
    ['uv', '3.12', '.local/share/uv/python/cpython-3.12.1-linux-x86_64-gnu/bin/python3.12'],
    ['mise', '3.11', '.local/share/mise/installs/python/3.11.7/bin/python3.11'],
    ['asdf', '3.10', '.asdf/installs/python/3.10.13/bin/python3.10'],
    ['conda', '3.9', 'miniconda3/bin/python3.9'],
    ['homebrew', '3.8', '.linuxbrew/opt/python@3.8/bin/python3.8'],
    ['pyshim', '3.7', '.pyshim/pythons/3.7.16/bin/python3.7'],
  ];
  for (const [, line, rel] of layout) linkInto(home, rel, python(line)?.path ?? '');
  // pyenv's own directory is hidden, so each real interpreter is reached only through its fake layout.
  const env = { HOME: home, PYSHIM_HOME: path.join(home, '.pyshim'), PYENV_ROOT: path.join(home, 'no-pyenv'), PATH: pathWithoutPyenv() };
  const found = await discover(env, resolvePaths(env));

  for (const [source, line, rel] of layout) {
    it(`${source}: ${rel}`, () => {
      const hit = found.interpreters.find((i) => i.names.includes(path.join(home, rel)));
      expect(hit?.source).toBe(source);
      expect(hit?.path).toBe(fs.realpathSync(python(line)?.path ?? ''));
      expect(hit?.version.startsWith(line + '.')).toBe(true);
    });
  }
});

describe('resolveCandidates', () => {
  const home = tempHome();
  homes.push(home);

  itWith(python('3.12'), 'pyenv CPython 3.12')('keeps one entry per inode (hard links too) and the first source that reached it', () => {
    const real = fs.realpathSync(python('3.12')?.path ?? '');
    const link = linkInto(home, 'a/python3', real);
    const hard = path.join(home, 'b', 'python3.12');
    fs.mkdirSync(path.dirname(hard), { recursive: true });
    fs.copyFileSync(real, hard);
    fs.chmodSync(hard, 0o755);
    const hard2 = path.join(home, 'b', 'python3');
    fs.linkSync(hard, hard2);
    const out = resolveCandidates([
      { path: link, source: 'uv' },
      { path: real, source: 'pyenv' },
      { path: hard, source: 'path' },
      { path: hard2, source: 'system' },
    ]);
    expect(out.map((r) => [r.path, r.source, r.names])).toEqual([
      [real, 'uv', [link, real]],
      [hard, 'path', [hard, hard2]],
    ]);
  });

  it('skips #! scripts (wrappers such as pyenv shims), non-executables, directories and dangling links', () => {
    const script = path.join(home, 'c', 'python3');
    fs.mkdirSync(path.dirname(script), { recursive: true });
    fs.writeFileSync(script, '#!/bin/sh\nexec true\n', { mode: 0o755 });
    const plain = path.join(home, 'c', 'python2');
    fs.writeFileSync(plain, 'not executable', { mode: 0o644 });
    fs.mkdirSync(path.join(home, 'c', 'python'));
    fs.symlinkSync(path.join(home, 'nowhere'), path.join(home, 'c', 'python3.99'));
    const candidates = ['python3', 'python2', 'python', 'python3.99'].map((n) => ({ path: path.join(home, 'c', n), source: 'path' as const }));
    expect(resolveCandidates(candidates)).toEqual([]);
    // …but a path the user names explicitly may be a wrapper.
    expect(resolveCandidates(candidates, { allowScripts: true }).map((r) => r.path)).toEqual([script]);
  });

  it('accepts a binary without #! (what a compiled interpreter looks like to it)', () => {
    const fake = writeFakeBinary(path.join(home, 'd', 'python3'), 'exit 0');
    expect(resolveCandidates([{ path: fake, source: 'path' }]).map((r) => r.path)).toEqual([fake]);
  });
});
