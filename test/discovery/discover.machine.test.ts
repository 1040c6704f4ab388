import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { discover } from '../../src/discovery/discover.js';
import { resolvePaths } from '../../src/paths.js';
import { describeWith, itWith, PYENV_ROOT, pyenvPythons, python, systemPython3 } from '../helpers/machine.js';
import { linkInto, pathWithoutPyenv } from './fixtures.js';

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
