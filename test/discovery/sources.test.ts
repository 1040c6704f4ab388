import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolvePaths } from '../../src/paths.js';
import { pythonsIn, sources, type Candidate } from '../../src/discovery/sources.js';
import { linkInto, writeFakeBinary } from './fixtures.js';

function source(name: string) {
  const fn = sources.find((s) => s.name === name);
  if (!fn) throw new Error(`no source named ${name}`);
  return fn;
}

describe('pythonsIn', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-names-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const names = ['python', 'python2', 'python3', 'python3.12', 'python3.12-config', 'python3.6m', 'python3-config', 'pythonw', 'python3.12.bak', 'pip3', 'ipython'];
  for (const n of names) fs.writeFileSync(path.join(dir, n), '');

  it('takes python, pythonN and pythonN.M only, most specific name first', () => {
    expect(pythonsIn(dir, 'path').map((c) => path.basename(c.path))).toEqual(['python3.12', 'python2', 'python3', 'python']);
  });

  it('labels every candidate with the source it was asked for', () => {
    expect(new Set(pythonsIn(dir, 'conda').map((c) => c.source))).toEqual(new Set(['conda']));
  });

  it('returns nothing for a directory that does not exist', () => {
    expect(pythonsIn(path.join(dir, 'absent'), 'path')).toEqual([]);
  });
});

describe('each source finds installs in its own layout', () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-layouts-'));
  afterAll(() => fs.rmSync(home, { recursive: true, force: true }));
  // A source only lists files by their layout; it runs nothing, so every link may lead to one fake interpreter.
  const real = writeFakeBinary(path.join(home, 'elsewhere-entirely', 'python3.12'), 'exit 0');
  const env = { HOME: home, PATH: '/nonexistent' };
  const paths = resolvePaths({ ...env, PYSHIM_HOME: path.join(home, '.pyshim') });
  const ctx = { env, paths };
  const paths_ = (found: Candidate[]) => found.map((c) => c.path);

  it('uv: ~/.local/share/uv/python/cpython-…/bin', () => {
    const f = linkInto(home, '.local/share/uv/python/cpython-3.12.1-linux-x86_64-gnu/bin/python3.12', real);
    expect(paths_(source('uv')(ctx))).toEqual([f]);
    expect(new Set(source('uv')(ctx).map((c) => c.source))).toEqual(new Set(['uv']));
  });

  it('uv: UV_PYTHON_INSTALL_DIR and XDG_DATA_HOME move it', () => {
    const f = linkInto(home, 'uvdir/cpython-3.12.1-linux-x86_64-gnu/bin/python3.12', real);
    expect(paths_(source('uv')({ ...ctx, env: { ...env, UV_PYTHON_INSTALL_DIR: path.join(home, 'uvdir') } }))).toEqual([f]);
    const g = linkInto(home, 'xdg-data/uv/python/cpython-3.12.1-linux-x86_64-gnu/bin/python3.12', real);
    expect(paths_(source('uv')({ ...ctx, env: { ...env, XDG_DATA_HOME: path.join(home, 'xdg-data') } }))).toEqual([g]);
  });

  it('mise: ~/.local/share/mise/installs/python/X.Y.Z/bin', () => {
    const f = linkInto(home, '.local/share/mise/installs/python/3.12.1/bin/python3.12', real);
    const g = linkInto(home, '.local/share/mise/installs/python/3.12.1/bin/python3', real);
    expect(paths_(source('mise')(ctx))).toEqual([f, g]);
  });

  it('asdf: ~/.asdf/installs/python/X.Y.Z/bin, and ASDF_DATA_DIR', () => {
    const f = linkInto(home, '.asdf/installs/python/3.12.1/bin/python3.12', real);
    expect(paths_(source('asdf')(ctx))).toEqual([f]);
    const g = linkInto(home, 'asdf-data/installs/python/3.11.7/bin/python3.11', real);
    expect(paths_(source('asdf')({ ...ctx, env: { ...env, ASDF_DATA_DIR: path.join(home, 'asdf-data') } }))).toEqual([g]);
  });

  it('conda: ~/miniconda3/bin and the base of CONDA_EXE', () => {
    const f = linkInto(home, 'miniconda3/bin/python3.12', real);
    expect(paths_(source('conda')(ctx))).toContain(f);
    const g = linkInto(home, 'elsewhere/conda/bin/python3.11', real);
    const withExe = source('conda')({ ...ctx, env: { ...env, CONDA_EXE: path.join(home, 'elsewhere/conda/bin/conda') } });
    expect(paths_(withExe)).toContain(g);
    expect(paths_(withExe)).toContain(f);
  });

  it('linuxbrew: ~/.linuxbrew/opt/python@X.Y/bin, and nothing outside python@ kegs', () => {
    const f = linkInto(home, '.linuxbrew/opt/python@3.12/bin/python3.12', real);
    linkInto(home, '.linuxbrew/opt/other/bin/python3.12', real);
    expect(paths_(source('homebrew')(ctx)).filter((p) => p.startsWith(home))).toEqual([f]);
  });

  it('pyshim-built: $PYSHIM_HOME/pythons/X.Y.Z/bin', () => {
    const f = linkInto(paths.pythons, '3.12.1/bin/python3.12', real);
    expect(paths_(source('pyshimBuilt')(ctx))).toEqual([f]);
  });

  it('pyenv: $PYENV_ROOT/versions/*/bin, defaulting to ~/.pyenv', () => {
    const f = linkInto(home, '.pyenv/versions/3.12.1/bin/python3.12', real);
    expect(paths_(source('pyenv')(ctx))).toEqual([f]);
    const g = linkInto(home, 'pyenv-root/versions/3.11.7/bin/python3.11', real);
    expect(paths_(source('pyenv')({ ...ctx, env: { ...env, PYENV_ROOT: path.join(home, 'pyenv-root') } }))).toEqual([g]);
  });

  it('PATH: every absolute directory except pyshim\'s own bin, and never a relative one', () => {
    const a = linkInto(home, 'onpath/python3.12', real);
    linkInto(paths.bin, 'python3.12', real);
    linkInto(home, 'relative/python3.12', real);
    const found = source('onPath')({ ...ctx, env: { ...env, PATH: [path.join(home, 'onpath'), paths.bin, 'relative', ''].join(':') } });
    expect(paths_(found)).toEqual([a]);
  });
});
