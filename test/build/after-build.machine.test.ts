/**
 * What `pyshim python build` does after a good build, shown without a
 * compiler: a source tree whose configure writes a Makefile that "builds"
 * nothing and whose altinstall installs a Python like 2.6 (a real 2.7
 * without pip, ensurepip or site-packages: like26.ts). The report comes
 * first; the line is registered; the bootstrap that cannot work without
 * wheels is a warning that names the next command, and the build stays.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { like26 } from '../bootstrap/like26.js';
import { sq } from '../discovery/fixtures.js';
import { describeWith, python } from '../helpers/machine.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';

const py27 = python('2.7');

/** A 2.7.18 source tree whose make altinstall copies `installed` (a prefix) to the prefix configure was given. */
function fakeSource(root: string, installed: string): string {
  fs.mkdirSync(path.join(root, 'Include'), { recursive: true });
  fs.writeFileSync(path.join(root, 'Include', 'patchlevel.h'), '#define PY_VERSION "2.7.18"\n');
  const makefile = [
    'all:',
    '\t@echo nothing to compile',
    'altinstall:',
    '\tmkdir -p "$(DESTDIR)$(PREFIX)"',
    `\tcp -a ${sq(installed)}/. "$(DESTDIR)$(PREFIX)/"`,
    '',
  ].join('\n');
  fs.writeFileSync(
    path.join(root, 'configure'),
    ['#!/bin/sh', 'prefix=${1#--prefix=}', `printf 'PREFIX=%s\\n' "$prefix" > Makefile`, `cat >> Makefile <<'EOF'`, makefile, 'EOF', ''].join('\n'),
    { mode: 0o755 },
  );
  return root;
}

describeWith(py27, 'pyenv CPython 2.7')('after a good build of a Python without pip or ensurepip', () => {
  let s: Sandbox;
  let run: Awaited<ReturnType<Sandbox['pyshim']>>;
  beforeAll(async () => {
    s = makeSandbox({ extraEnv: { PIP_CONFIG_FILE: '/dev/null' } });
    const made = like26(path.join(s.home, 'made'), py27!.path);
    // What altinstall installs: the interpreter and its library.
    const tree = fakeSource(path.join(s.home, 'src', 'Python-2.7.18'), path.dirname(path.dirname(made)));
    run = await s.pyshim(['python', 'build', '2.7', '--source', tree]);
  });
  afterAll(() => s?.cleanup());

  it('reports the build, registers the line, then warns that the bootstrap failed, naming the next command; exit 0', () => {
    expect(run.exitCode, String(run.stderr)).toBe(0);
    const out = String(run.stdout);
    expect(out.indexOf('pyshim: built Python 2.7.18')).toBe(0);
    expect(out.indexOf('pyshim: built Python 2.7.18')).toBeLessThan(out.indexOf('pyshim: added 2.7'));
    const err = String(run.stderr).trim().split('\n');
    expect(err.at(-3)).toBe(
      'pyshim: warning: Python 2.7.18 is built and registered as the 2.7 line, but bootstrapping it failed: Python 2.7.18 has neither pip nor ensurepip, and pyshim has no pip wheel to start from',
    );
    expect(err.at(-2)).toBe('  give it a directory with wheels of pip, setuptools and virtualenv for 2.7: pyshim bootstrap 2.7 --find-links DIR');
    expect(err.at(-1)).toBe('  next: pyshim bootstrap 2.7 --find-links DIR');
  });

  it('the build and the line stay, and the record keeps what the report said', () => {
    const prefix = path.join(s.pyshimHome, 'pythons', '2.7.18');
    expect(fs.existsSync(path.join(prefix, 'bin', 'python2.7'))).toBe(true);
    const registry = JSON.parse(fs.readFileSync(path.join(s.pyshimHome, 'registry.json'), 'utf8'));
    expect(registry.lines['2.7']).toMatchObject({ python: path.join(prefix, 'bin', 'python2.7'), source: 'pyshim' });
    const record = JSON.parse(fs.readFileSync(path.join(prefix, '.pyshim-build.json'), 'utf8'));
    expect(record).toMatchObject({ version: '2.7.18', checksum: 'none', copiedBecause: expect.stringContaining('--source DIR is only read') });
    expect(Array.isArray(record.missing)).toBe(true);
  });
});
