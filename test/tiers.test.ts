import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The fast tier (`npm test`) stays hermetic by construction: no fast test
 * file reaches, through its imports within test/, what knows this machine's
 * shells and interpreters (helpers/machine.ts) or fetches a CPython source
 * (build/cpython-source.ts), and none starts zsh, fish, tmux, a python or pip
 * itself. Such a test belongs in a *.machine.test.ts file.
 */
const TEST = import.meta.dirname;
const MACHINE_ONLY = ['helpers/machine.ts', 'build/cpython-source.ts'];
const STARTS_MACHINE_TOOL = /\b(?:execa|execaSync|execFile|execFileSync|spawn|spawnSync)\(\s*['"`](?:zsh|fish|tmux|python[\d.]*|pip[\d.]*)['"`]/;

function testFiles(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((rel) => rel.endsWith('.test.ts'));
}

/** `rel` (relative to test/) and every test/ module it imports, directly or not. */
function closure(rel: string, seen = new Set<string>()): Set<string> {
  if (seen.has(rel)) return seen;
  seen.add(rel);
  const text = fs.readFileSync(path.join(TEST, rel), 'utf8');
  for (const m of text.matchAll(/(?:from\s+|import\(\s*)'(\.{1,2}\/[^']+)'/g)) {
    const target = path.relative(TEST, path.resolve(path.dirname(path.join(TEST, rel)), m[1]!.replace(/\.js$/, '.ts')));
    if (!target.startsWith('..')) closure(target, seen);
  }
  return seen;
}

const fast = testFiles(TEST).filter((rel) => !rel.endsWith('.machine.test.ts'));

describe('the fast tier', () => {
  it('has test files (and the machine tier is named *.machine.test.ts)', () => {
    expect(fast.length).toBeGreaterThan(10);
    expect(testFiles(TEST).filter((rel) => rel.endsWith('.machine.test.ts')).length).toBeGreaterThan(10);
  });

  it.each(fast)('%s needs nothing of the machine tier', (rel) => {
    const reached = [...closure(rel)];
    expect(reached.filter((r) => MACHINE_ONLY.includes(r))).toEqual([]);
    expect(reached.filter((r) => STARTS_MACHINE_TOOL.test(fs.readFileSync(path.join(TEST, r), 'utf8')))).toEqual([]);
  });
});
