/**
 * The backend search tries every candidate host until one passes. After a
 * newer virtualenv lands in 3.11's user site (as `pyshim add 3.11` bootstraps
 * it), it is the one Debian's /usr/bin/python3.11 imports too, and it cannot
 * make 2.7 environments; Debian's own virtualenv 20.17, hidden by that user
 * site, still can (python3.11 -s). `pyshim add 2.7` must find it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, python } from '../helpers/machine.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';

const py27 = python('2.7');
const py311 = python('3.11');
const debian = fs.existsSync('/usr/bin/python3.11') && fs.existsSync('/usr/lib/python3/dist-packages/virtualenv/__init__.py') ? '/usr/bin/python3.11' : undefined;

describeWith(py27 && py311 && debian, "pyenv 2.7 and 3.11, Debian's python3.11 with its virtualenv")('a user-site virtualenv that cannot make 2.7 environments, beside one that can', () => {
  let s: Sandbox;
  beforeAll(async () => {
    s = makeSandbox();
    const installed = await execa(py311!.path, ['-m', 'pip', 'install', '--user', '--quiet', 'virtualenv'], { env: s.env, extendEnv: false, reject: false, all: true });
    expect(installed.exitCode, String(installed.all)).toBe(0);
  }, 300_000);
  afterAll(() => s?.cleanup());

  it('the user site really hides Debian\'s virtualenv from /usr/bin/python3.11', async () => {
    const seen = await execa(debian!, ['-c', 'import virtualenv; print(virtualenv.__file__)'], { env: s.env, extendEnv: false, reject: false, all: true });
    expect(String(seen.all)).toContain(path.join(s.home, '.local'));
  });

  it('add 2.7 chooses a host whose trial passed, and virtualenv-2.7 makes a 2.7 environment with a working pip', async () => {
    const r = await s.pyshim(['add', '2.7', '--no-bootstrap']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    const uses = String(r.stdout).split('\n').find((l) => l.includes('virtualenv-2.7 uses:')) ?? '';
    expect(uses).toMatch(/virtualenv-2\.7 uses: virtualenv \S+ via \S+/);
    const registry = JSON.parse(fs.readFileSync(path.join(s.pyshimHome, 'registry.json'), 'utf8'));
    const label: string = registry.lines['2.7'].backend;
    const trials = JSON.parse(fs.readFileSync(path.join(s.pyshimHome, 'cache', 'env-trials.json'), 'utf8'));
    const outcomes = Object.values(trials.entries as Record<string, { outcome: { ok: boolean } }>).map((e) => e.outcome.ok);
    // The chosen one passed its trial (the user site's, which Debian's python3.11 imports first, is not it).
    expect(outcomes).toContain(true);
    const hidden = await execa(debian!, ['-s', '-c', 'import virtualenv; print(virtualenv.__version__)'], { env: s.env, extendEnv: false });
    expect(label).toBe(`virtualenv ${hidden.stdout} via ${debian} -s + ensurepip seed`);
    const env = path.join(s.home, 'ENV');
    const made = await execa(path.join(s.bin, 'virtualenv-2.7'), [env], { env: s.env, extendEnv: false, reject: false });
    expect(made.exitCode, String(made.stderr)).toBe(0);
    expect((await execa(path.join(env, 'bin', 'python'), ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'])).stdout).toBe('2.7');
    const pip = await execa(path.join(env, 'bin', 'python'), ['-m', 'pip', '--version'], { env: s.env, extendEnv: false, reject: false });
    expect(String(pip.stdout)).toMatch(new RegExp(`^pip \\S+ from ${env}/lib/python2\\.7/site-packages/pip \\(python 2\\.7\\)$`));
  }, 300_000);
});
