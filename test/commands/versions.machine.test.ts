/**
 * Versions as users type them (`pyshim add 3.12.1`, `pyshim add python3.12`)
 * and pre-releases shown as such. A pre-release interpreter is made from a
 * real 2.7 whose sandbox user site has a usercustomize that says
 * sys.version_info is (2, 7, 18, 'candidate', 2): what the probe reads
 * from a 2.6rc2.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { describeWith, python } from '../helpers/machine.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';

const py312 = python('3.12');
const py27 = python('2.7');
let s: Sandbox;
afterEach(() => s?.cleanup());

const registry = () => JSON.parse(fs.readFileSync(path.join(s.pyshimHome, 'registry.json'), 'utf8'));

describeWith(py312, 'pyenv CPython 3.12')('pyshim add, with the version typed as users type it', () => {
  it('X.Y.Z registers that release, pythonX.Y the line', async () => {
    s = makeSandbox();
    const exact = await s.pyshim(['add', py312!.version, '--no-bootstrap']);
    expect(exact.exitCode, String(exact.stderr)).toBe(0);
    expect(String(exact.stdout)).toContain(`pyshim: added 3.12 → `);
    expect(registry().lines['3.12'].fullVersion).toBe(py312!.version);
    const named = await s.pyshim(['add', 'python3.12', '--no-bootstrap']);
    expect(named.exitCode, String(named.stderr)).toBe(0);
    expect(String(named.stdout)).toContain('pyshim: refreshed 3.12 → ');
  });

  it('X.Y.Z that is not on this machine is refused, naming the releases of that line there are', async () => {
    s = makeSandbox();
    const r = await s.pyshim(['add', '3.12.99', '--no-bootstrap']);
    expect(r.exitCode).toBe(1);
    const lines = String(r.stderr).trim().split('\n');
    expect(lines[0]).toMatch(new RegExp(`^pyshim: error: no Python 3\\.12\\.99 found on this machine \\(3\\.12: .*${py312!.version.replace(/\./g, '\\.')}`));
    expect(lines[1]).toBe('  take the one there is: pyshim add 3.12');
    expect(fs.existsSync(path.join(s.pyshimHome, 'registry.json'))).toBe(false);
  });
});

describeWith(py27, 'pyenv CPython 2.7')('a pre-release interpreter', () => {
  function preRelease(): Sandbox {
    const box = makeSandbox();
    const site = path.join(box.home, '.local', 'lib', 'python2.7', 'site-packages');
    fs.mkdirSync(site, { recursive: true });
    fs.writeFileSync(path.join(site, 'usercustomize.py'), "import sys\nsys.version_info = (2, 7, 18, 'candidate', 2)\n");
    return box;
  }

  it('list shows it as what it is (2.7.18rc2, not 2.7.18), in the table and in --json', async () => {
    s = preRelease();
    const list = await s.pyshim(['list']);
    const row = String(list.stdout).split('\n').find((l) => l.includes(fs.realpathSync(py27!.path)));
    expect(row).toMatch(/^\s+2\.7\.18rc2\s+pyenv\s/);
    const json = JSON.parse(String((await s.pyshim(['list', '--json'])).stdout));
    const entry = json.interpreters.find((i: { path: string }) => i.path === fs.realpathSync(py27!.path));
    expect(entry).toMatchObject({ version: '2.7.18', releaselevel: 'candidate', serial: 2, release: '2.7.18rc2' });
  });

  it('add names it by its release, the line records it, and the final release is not it', async () => {
    s = preRelease();
    const final = await s.pyshim(['add', '2.7.18', '--no-bootstrap']);
    expect(final.exitCode).toBe(1);
    expect(String(final.stderr)).toContain('no Python 2.7.18 found on this machine (2.7: 2.7.18rc2)');
    const r = await s.pyshim(['add', '2.7.18rc2', '--no-bootstrap']);
    expect(r.exitCode, String(r.stderr)).toBe(0);
    expect(String(r.stdout)).toMatch(/pyshim: added 2\.7 → .* \(2\.7\.18rc2, pyenv\)/);
    expect(registry().lines['2.7'].fullVersion).toBe('2.7.18rc2');
  });
});
