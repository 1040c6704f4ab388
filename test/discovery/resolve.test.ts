import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { resolveCandidates } from '../../src/discovery/resolve.js';
import { linkInto, writeFakeBinary } from './fixtures.js';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-resolve-'));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));

describe('resolveCandidates', () => {
  it('keeps one entry per inode (hard links too) and the first source that reached it', () => {
    // Resolving looks at files, not at what they run: a fake interpreter will do.
    const real = writeFakeBinary(path.join(home, 'real', 'python3.12'), 'exit 0');
    const link = linkInto(home, 'a/python3', real);
    const hard = path.join(home, 'b', 'python3.12');
    fs.mkdirSync(path.dirname(hard), { recursive: true });
    fs.copyFileSync(real, hard);
    fs.chmodSync(hard, 0o755);
    const hard2 = path.join(home, 'b', 'python3');
    fs.linkSync(hard, hard2);
    const out = resolveCandidates([
      { path: link, source: 'uv' },
      { path: real, source: 'pyenv' },
      { path: hard, source: 'path' },
      { path: hard2, source: 'system' },
    ]);
    expect(out.map((r) => [r.path, r.source, r.names])).toEqual([
      [real, 'uv', [link, real]],
      [hard, 'path', [hard, hard2]],
    ]);
  });

  it('skips #! scripts (wrappers such as pyenv shims), non-executables, directories and dangling links', () => {
    const script = path.join(home, 'c', 'python3');
    fs.mkdirSync(path.dirname(script), { recursive: true });
    fs.writeFileSync(script, '#!/bin/sh\nexec true\n', { mode: 0o755 });
    const plain = path.join(home, 'c', 'python2');
    fs.writeFileSync(plain, 'not executable', { mode: 0o644 });
    fs.mkdirSync(path.join(home, 'c', 'python'));
    fs.symlinkSync(path.join(home, 'nowhere'), path.join(home, 'c', 'python3.99'));
    const candidates = ['python3', 'python2', 'python', 'python3.99'].map((n) => ({ path: path.join(home, 'c', n), source: 'path' as const }));
    expect(resolveCandidates(candidates)).toEqual([]);
    // …but a path the user names explicitly may be a wrapper.
    expect(resolveCandidates(candidates, { allowScripts: true }).map((r) => r.path)).toEqual([script]);
  });

  it('accepts a binary without #! (what a compiled interpreter looks like to it)', () => {
    const fake = writeFakeBinary(path.join(home, 'd', 'python3'), 'exit 0');
    expect(resolveCandidates([{ path: fake, source: 'path' }]).map((r) => r.path)).toEqual([fake]);
  });
});
