import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { gatherVewFacts } from '../../src/shims/vew-installs.js';
import { DPKG, pairVirtualenvwrapper, type VewFacts } from '../../src/shims/vew-pair.js';
import { fakeInterpreter } from '../helpers/interpreter.js';
import { writeUserSiteVew } from '../helpers/vew.js';

/** The machine of issue 13: 3.12's `pip install --user virtualenvwrapper` (6.1.1) in the shared ~/.local, Debian's 4.8.4. */
const py27 = '/pyenv/2.7/bin/python2.7';
const py312 = '/pyenv/3.12/bin/python3.12';
const py313 = '/pyenv/3.13/bin/python3.13';
const debian = '/usr/bin/python3.11';
const local = { path: '/h/.local/bin/virtualenvwrapper.sh', versions: ['6.1.1'], installedBy: ['/h/.local/lib/python3.12/site-packages'] };
const distro = { path: '/usr/share/virtualenvwrapper/virtualenvwrapper.sh', versions: ['4.8.4'], installedBy: [DPKG] };
const imports312 = { version: '6.1.1', site: '/h/.local/lib/python3.12/site-packages' };
const importsDebian = { version: '4.8.4', site: '/usr/lib/python3/dist-packages' };

function facts(over: Partial<VewFacts> = {}): VewFacts {
  return { imports: { [debian]: importsDebian, [py312]: imports312 }, scripts: [local, distro], system: debian, ...over };
}

describe('pairVirtualenvwrapper: a script with the Python whose install wrote it', () => {
  it('pairs the 2.7 line with 3.12 for the 6.x script in ~/.local/bin, never with Debian\'s 4.8.4 Python', () => {
    expect(pairVirtualenvwrapper(py27, facts())).toEqual({ script: local.path, hookPython: py312 });
    // Debian's Python listed first (what made the old rule pick it) changes nothing.
    expect(pairVirtualenvwrapper(py27, facts({ imports: { [debian]: importsDebian, [py312]: imports312 } }))).toEqual({ script: local.path, hookPython: py312 });
    // Debian's script first (not on PATH: ~/.local/bin is not): its own Python, 4.8.4 with 4.8.4.
    expect(pairVirtualenvwrapper(py27, facts({ scripts: [distro, local] }))).toEqual({ script: distro.path, hookPython: debian });
  });

  it('gives a line its own install first, whatever comes first on PATH', () => {
    expect(pairVirtualenvwrapper(py312, facts({ scripts: [distro, local] }))).toEqual({ script: local.path, hookPython: py312 });
    // Debian's python3.11 line: its package is 4.8.4, so not the 6.x script on PATH.
    expect(pairVirtualenvwrapper(debian, facts())).toEqual({ script: distro.path, hookPython: debian });
  });

  it('follows the last install into a shared ~/.local/bin: 3.13 overwrote the script 3.12 had put there', () => {
    const overwritten = { path: local.path, versions: ['6.1.1'], installedBy: ['/h/.local/lib/python3.13/site-packages'] };
    const f = facts({
      imports: { [py312]: { version: '6.1.0', site: '/h/.local/lib/python3.12/site-packages' }, [py313]: { version: '6.1.1', site: '/h/.local/lib/python3.13/site-packages' } },
      scripts: [overwritten],
      system: undefined,
    });
    expect(pairVirtualenvwrapper(py312, f)).toEqual({ script: local.path, hookPython: py313 });
    expect(pairVirtualenvwrapper(py27, f)).toEqual({ script: local.path, hookPython: py313 });
  });

  it('pairs by version when the writer is not among the interpreters, and not at all across versions', () => {
    const stray = { path: local.path, versions: ['6.1.1'], installedBy: [] };
    expect(pairVirtualenvwrapper(py27, facts({ scripts: [stray] }))).toEqual({ script: local.path, hookPython: py312 });
    // Only a 4.8.4 Python: a 6.1.1 script has no partner, and the line has no virtualenvwrapper.
    expect(pairVirtualenvwrapper(py27, facts({ imports: { [debian]: importsDebian }, scripts: [stray] }))).toBeUndefined();
  });

  it('uses a script no record knows (copied by hand) with the line\'s Python, else the system one for /usr, else any that imports it', () => {
    const hand = { path: '/usr/local/bin/virtualenvwrapper.sh', versions: [], installedBy: [] };
    expect(pairVirtualenvwrapper(py312, facts({ scripts: [hand] }))).toEqual({ script: hand.path, hookPython: py312 });
    expect(pairVirtualenvwrapper(py27, facts({ scripts: [hand] }))).toEqual({ script: hand.path, hookPython: debian });
    const mine = { path: '/h/bin/virtualenvwrapper.sh', versions: [], installedBy: [] };
    expect(pairVirtualenvwrapper(py27, facts({ scripts: [mine], imports: { [py312]: imports312 } }))).toEqual({ script: mine.path, hookPython: py312 });
    expect(pairVirtualenvwrapper(py27, { imports: {}, scripts: [mine] })).toBeUndefined();
  });
});

describe('gatherVewFacts: who wrote each virtualenvwrapper.sh, from install records', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('tells two user sites sharing ~/.local/bin apart by the hash in RECORD, and Debian\'s script by dpkg\'s md5sums', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-vew-'));
    dirs.push(root);
    const userBase = path.join(root, '.local');
    const site = (xy: string) => path.join(userBase, 'lib', `python${xy}`, 'site-packages');
    writeUserSiteVew({ userBase, userSite: site('3.12'), version: '6.1.0', script: '# 6.1.0\n' });
    const script = writeUserSiteVew({ userBase, userSite: site('3.13'), version: '6.1.1', script: '# 6.1.1\n' });
    // Debian's package database: the script's md5 and the package's version (epoch and revision dropped).
    const dpkg = path.join(root, 'dpkg');
    const distroScript = path.join(root, 'share', 'virtualenvwrapper.sh');
    fs.mkdirSync(path.dirname(distroScript), { recursive: true });
    fs.writeFileSync(distroScript, '# 4.8.4\n');
    fs.mkdirSync(path.join(dpkg, 'info'), { recursive: true });
    fs.writeFileSync(path.join(dpkg, 'info', 'virtualenvwrapper.md5sums'), `${createHash('md5').update('# 4.8.4\n').digest('hex')}  ${distroScript.slice(1)}\n`);
    fs.writeFileSync(path.join(dpkg, 'status'), 'Package: virtualenv\nStatus: install ok installed\nVersion: 20.17.1+ds-1\n\nPackage: virtualenvwrapper\nStatus: install ok installed\nVersion: 1:4.8.4-4\n');
    const vew = { pip: true, venv: true, ensurepip: true, virtualenv: false, virtualenvwrapper: true };
    const interpreters = [
      fakeInterpreter('/p/python3.12', '3.12.1', { userBase, userSite: site('3.12'), modules: vew }),
      fakeInterpreter('/p/python3.13', '3.13.0', { userBase, userSite: site('3.13'), modules: vew }),
      fakeInterpreter('/p/python2.7', '2.7.18', { userBase, userSite: site('2.7') }),
    ];
    const f = gatherVewFacts(interpreters, { onPath: [], usual: [distroScript, path.join(root, 'none.sh')] }, { dpkg });
    expect(f.imports).toEqual({
      '/p/python3.12': { version: '6.1.0', site: site('3.12') },
      '/p/python3.13': { version: '6.1.1', site: site('3.13') },
    });
    expect(f.scripts).toEqual([
      { path: script, versions: ['6.1.1'], installedBy: [site('3.13')] },
      { path: distroScript, versions: ['4.8.4'], installedBy: [DPKG] },
    ]);
    expect(pairVirtualenvwrapper('/p/python3.12', f)).toEqual({ script, hookPython: '/p/python3.13' });
  });

  it('reads an egg-info\'s installed-files.txt (no hashes): the very path it lists', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-vew-'));
    dirs.push(root);
    const site = path.join(root, 'lib', 'python2.7', 'site-packages');
    const egg = path.join(site, 'virtualenvwrapper-4.3.1-py2.7.egg-info');
    fs.mkdirSync(egg, { recursive: true });
    fs.writeFileSync(path.join(egg, 'PKG-INFO'), 'Metadata-Version: 1.1\nName: virtualenvwrapper\nVersion: 4.3.1\n');
    fs.writeFileSync(path.join(egg, 'installed-files.txt'), '../virtualenvwrapper/__init__.py\n../../../../bin/virtualenvwrapper.sh\n');
    const script = path.join(root, 'bin', 'virtualenvwrapper.sh');
    fs.mkdirSync(path.dirname(script));
    fs.writeFileSync(script, '# 4.3.1\n');
    const py = fakeInterpreter('/p/python2.7', '2.7.18', { userSite: site, modules: { pip: true, venv: false, ensurepip: true, virtualenv: false, virtualenvwrapper: true } });
    const f = gatherVewFacts([py], { onPath: [], usual: [] }, { dpkg: path.join(root, 'no-dpkg') });
    expect(f.scripts).toEqual([{ path: script, versions: ['4.3.1'], installedBy: [site] }]);
    expect(pairVirtualenvwrapper('/p/python2.7', f)).toEqual({ script, hookPython: '/p/python2.7' });
  });
});
