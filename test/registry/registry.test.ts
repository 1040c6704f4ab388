import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PyshimError } from '../../src/errors.js';
import { resolvePaths } from '../../src/paths.js';
import { emptyRegistry, loadRegistry, saveRegistry, sortedLines, type Registry } from '../../src/registry/registry.js';
import { makeSandbox } from '../helpers/sandbox.js';
import { refusesDamagedRegistry } from './damaged.js';

const base = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-registry-'));
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));
let n = 0;
function paths() {
  const root = path.join(base, String(n++));
  return resolvePaths({ HOME: root, PYSHIM_HOME: path.join(root, '.pyshim') });
}

const line = (version: string) => ({ version, python: `/py/${version}`, fullVersion: `${version}.1`, source: 'pyenv' as const });

describe('registry', () => {
  it('is empty when there is no file yet, and writing nothing creates nothing', () => {
    const p = paths();
    expect(loadRegistry(p)).toEqual(emptyRegistry());
    expect(fs.existsSync(p.registryFile)).toBe(false);
  });

  it('round-trips what it saved', () => {
    const p = paths();
    const reg: Registry = { schema: 1, default: '3.12', lines: { '3.12': line('3.12'), '2.7': { ...line('2.7'), workonHome: '/envs' } } };
    saveRegistry(p, reg);
    expect(loadRegistry(p)).toEqual(reg);
    // Atomic write: no temporary file left beside it.
    expect(fs.readdirSync(path.dirname(p.registryFile)).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('sorts lines numerically (3.9 before 3.10)', () => {
    const reg: Registry = { schema: 1, lines: { '3.10': line('3.10'), '2.7': line('2.7'), '3.9': line('3.9'), '3.13': line('3.13') } };
    expect(sortedLines(reg).map((l) => l.version)).toEqual(['2.7', '3.9', '3.10', '3.13']);
  });

  for (const [what, text] of [
    ['not JSON', '{ "schema": 1, "lines": '],
    ['another schema', '{ "schema": 2, "lines": {} }'],
    ['no lines', '{ "schema": 1 }'],
    ['null lines', '{ "schema": 1, "lines": null }'],
    ['not an object', '[1, 2]'],
  ] as const) {
    it(`refuses a damaged registry (${what}) with a hint to move it aside`, () => {
      const p = paths();
      fs.mkdirSync(path.dirname(p.registryFile), { recursive: true });
      fs.writeFileSync(p.registryFile, text);
      let error: unknown;
      try {
        loadRegistry(p);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(PyshimError);
      expect((error as PyshimError).message).toContain('damaged');
      expect((error as PyshimError).hint).toContain(`mv '${p.registryFile}'`);
      expect((error as PyshimError).exitCode).toBe(1);
    });
  }

  it('refuses an unreadable registry (a directory in its place) with a one-line error', () => {
    const p = paths();
    fs.mkdirSync(p.registryFile, { recursive: true });
    expect(() => loadRegistry(p)).toThrow(PyshimError);
  });
});

describe('a damaged registry through the CLI', () => {
  const s = makeSandbox();
  afterAll(() => s.cleanup());

  // `add` looks for its interpreter before it reads the registry: it is in registry.machine.test.ts.
  for (const args of [['list'], ['remove', '3.12']]) {
    it(`pyshim ${args.join(' ')}: one line and a hint, exit 1, no stack trace, the file kept`, () => refusesDamagedRegistry(s, args));
  }
});
