/**
 * The checksum table is reproducible: scripts/checksums-from-pyenv.mjs,
 * run over this machine's pyenv checkout, writes the same facts for every
 * release both know. (A newer pyenv knows more releases: regenerate then.)
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { TGZ_SHA256, UNUSUAL_PATHS } from '../../src/build/checksums.js';
import { describeWith, PYENV_ROOT } from '../helpers/machine.js';
import { ROOT } from '../helpers/sandbox.js';

const definitions = path.join(PYENV_ROOT, 'plugins', 'python-build', 'share', 'python-build');

/** The two tables of a generated checksums.ts, read as data. */
function tables(text: string): { sha: Record<string, string>; paths: Record<string, string> } {
  const [shaPart, pathPart] = text.split('UNUSUAL_PATHS');
  const pairs = (part = '') => Object.fromEntries([...part.matchAll(/^ {2}'([^']+)': '([^']+)',$/gm)].map((m) => [m[1], m[2]]));
  return { sha: pairs(shaPart), paths: pairs(pathPart) };
}

describeWith(fs.existsSync(definitions), "pyenv's python-build definitions")('the checksum table', () => {
  it("is what the script makes of pyenv's definitions, for every release both know", () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-checksums-')), 'checksums.ts');
    try {
      execFileSync(process.execPath, [path.join(ROOT, 'scripts', 'checksums-from-pyenv.mjs'), PYENV_ROOT, '--out', out], { stdio: 'ignore' });
      const made = tables(fs.readFileSync(out, 'utf8'));
      const both = Object.keys(TGZ_SHA256).filter((release) => release in made.sha);
      expect(both.length).toBeGreaterThan(200);
      for (const release of both) expect(made.sha[release], release).toBe(TGZ_SHA256[release]);
      expect(made.paths).toEqual(UNUSUAL_PATHS);
    } finally {
      fs.rmSync(path.dirname(out), { recursive: true, force: true });
    }
  });
});
