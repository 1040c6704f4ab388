import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { probe } from '../../src/discovery/probe.js';
import { describeWith, itWith, pyenvPythons, systemPython3 } from '../helpers/machine.js';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-probe-'));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));
const env = { HOME: home, PATH: '/usr/bin:/bin' };

describeWith(pyenvPythons.length >= 3, 'pyenv CPythons (2.7 and two 3.x)')('python/probe.py on every interpreter of this machine', () => {
  for (const p of pyenvPythons) {
    it(`${p.version} reports the facts DESIGN.md lists`, async () => {
      const outcome = await probe(p.path, env);
      if (!outcome.ok) throw new Error(outcome.reason);
      const r = outcome.result;
      expect(r.version).toBe(p.version);
      expect(r.implementation).toBe('cpython');
      expect(r.prefix).toBe(path.dirname(path.dirname(fs.realpathSync(p.path))));
      expect(r.inVirtualenv).toBe(false);
      // The user site follows HOME (PEP 370): it is the temporary home's, never root's.
      expect(r.userBase).toBe(path.join(home, '.local'));
      expect(r.userSite).toBe(path.join(home, '.local', 'lib', `python${p.line}`, 'site-packages'));
      expect(r.userSiteEnabled).toBe(true);
      expect(Object.keys(r.modules).sort()).toEqual(['ensurepip', 'pip', 'venv', 'virtualenv', 'virtualenvwrapper']);
      expect(r.modules.pip).toBe(true);
      expect(r.modules.venv).toBe(p.line.startsWith('3.'));
      expect(Object.values(r.modules).every((v) => typeof v === 'boolean')).toBe(true);
      expect(r.externallyManaged).toBeNull();
    });
  }
});

describe('python/probe.py, the odd cases of real interpreters', () => {
  itWith(systemPython3, "Debian's externally managed /usr/bin/python3")('finds the PEP 668 marker of Debian\'s python3', async () => {
    const outcome = await probe(systemPython3 ?? '', env);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.result.externallyManaged).toMatch(/^\/usr\/lib\/python3\.\d+\/EXTERNALLY-MANAGED$/);
    expect(outcome.result.modules.virtualenvwrapper).toBe(true);
  });

  itWith(pyenvPythons.length, 'a pyenv CPython')('sees a disabled user site (PYTHONNOUSERSITE)', async () => {
    const p = pyenvPythons[pyenvPythons.length - 1];
    const outcome = await probe(p?.path ?? '', { ...env, PYTHONNOUSERSITE: '1' });
    expect(outcome.ok && outcome.result.userSiteEnabled).toBe(false);
  });
});
