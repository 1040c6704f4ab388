import fs from 'node:fs';
import path from 'node:path';
import { execa, execaSync } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Finding } from '../../src/commands/doctor.js';
import { describeWith, python, systemPython3 } from '../helpers/machine.js';
import { indexOffersVirtualenv } from '../helpers/pip-index.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';

/**
 * The user site is shared by every Python of one X.Y: Debian's 3.11 and a
 * pyenv 3.11 both read ~/.local/lib/python3.11. Here Debian's virtualenv
 * makes the 2.7 line's environments (2.7 has no venv), then `pyshim add 3.11`
 * bootstraps virtualenv into that user site for the pyenv 3.11. Neither the
 * 2.7 line nor Debian's own Python may break: the bootstrap leaves a user
 * site complete on its own (every dependency in it), and the host runs its
 * own virtualenv with -s, out of the user site's reach.
 */
const py27 = python('2.7');
const py311 = python('3.11');
const debian311 = systemPython3 && fs.existsSync('/usr/bin/python3.11') ? '/usr/bin/python3.11' : undefined;
const debianVirtualenv = debian311 && execaSync(debian311, ['-s', '-c', 'import virtualenv'], { reject: false }).exitCode === 0;
const need = py27 && py311 && debianVirtualenv && indexOffersVirtualenv(py311.path);

let s: Sandbox;
beforeAll(() => {
  if (need) s = makeSandbox();
});
afterAll(() => s?.cleanup());

const run = (file: string, args: string[]) => execa(file, args, { env: s.env, extendEnv: false, reject: false, all: true });
const twoSeven = async (dest: string) => {
  const made = await run(path.join(s.bin, 'virtualenv-2.7'), [path.join(s.home, dest)]);
  expect(made.exitCode, made.all).toBe(0);
  const version = await run(path.join(s.home, dest, 'bin', 'python'), ['-c', 'import sys; sys.stdout.write("%d.%d" % sys.version_info[:2])']);
  expect(version.stdout).toBe('2.7');
};

describeWith(need, "pyenv 2.7 and 3.11, Debian's python3.11 with virtualenv, an index with virtualenv for 3.11")('a user site two Pythons share', () => {
  it("add 3.11's bootstrap breaks neither the 2.7 line, whose environments Debian's virtualenv makes, nor Debian's Python", async () => {
    expect((await s.pyshim(['add', '2.7', '--no-bootstrap'])).exitCode).toBe(0);
    const before = JSON.parse(String((await s.pyshim(['list', '--json'])).stdout)) as { lines: { version: string; backend: string }[] };
    expect(before.lines.find((l) => l.version === '2.7')?.backend).toMatch(/via \/usr\/bin\/python3\.11 -s/);
    await twoSeven('before');

    const added = await s.pyshim(['add', '3.11']);
    expect(added.exitCode, String(added.stderr)).toBe(0);
    expect(String(added.stderr)).toMatch(/✓ virtualenv: installed into the user site/);
    // Said, since Debian's Python imports it from now on (over its own 20.17, which still makes 3.6 and 3.8 environments).
    expect(String(added.stderr)).toMatch(/warning: ~\/\.local\/lib\/python3\.11\/site-packages is also the user site of \/usr\/bin\/python3\.11 \(system\): it now imports the virtualenv installed there, before its own \(python -s ignores the user site\)/);

    // Debian's Python now imports the virtualenv in the shared user site: it must be whole.
    const imported = await run(debian311!, ['-c', 'import virtualenv, sys; sys.stdout.write(virtualenv.__file__)']);
    expect(imported.exitCode, imported.all).toBe(0);
    expect(imported.stdout).toContain(path.join(s.home, '.local/lib/python3.11/site-packages'));
    // The 2.7 line still makes environments, with the virtualenv its trial chose, and doctor finds nothing out of date.
    await twoSeven('after');
    const doctor = JSON.parse(String((await s.pyshim(['doctor', '--json'])).stdout)) as { findings: Finding[] };
    expect(doctor.findings.filter((f) => !f.ok && /2\.7/.test(JSON.stringify(f)))).toEqual([]);
  });
});
