import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/sandbox.js';

const SRC = path.join(ROOT, 'src');

/** folder → the other folders under src/ its modules import (the modules at src/'s top are shared by all, left out). */
function folderImports(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>();
  for (const folder of fs.readdirSync(SRC).filter((f) => fs.statSync(path.join(SRC, f)).isDirectory())) {
    const targets = new Set<string>();
    for (const file of fs.readdirSync(path.join(SRC, folder), { recursive: true }) as string[]) {
      if (!file.endsWith('.ts')) continue;
      const text = fs.readFileSync(path.join(SRC, folder, file), 'utf8');
      for (const m of text.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
        const target = path.relative(SRC, path.resolve(path.dirname(path.join(SRC, folder, file)), m[1]!));
        const top = target.split(path.sep)[0]!;
        if (target.includes(path.sep) && top !== folder) targets.add(top);
      }
    }
    graph.set(folder, targets);
  }
  return graph;
}

/** Every folder that can reach itself again through imports, with one such path. */
function loops(graph: Map<string, Set<string>>): string[] {
  const found: string[] = [];
  for (const start of graph.keys()) {
    const queue: string[][] = [[start]];
    const seen = new Set<string>();
    while (queue.length) {
      const trail = queue.shift()!;
      for (const next of graph.get(trail.at(-1)!) ?? []) {
        if (next === start) found.push([...trail, next].join(' → '));
        else if (!seen.has(next)) {
          seen.add(next);
          queue.push([...trail, next]);
        }
      }
    }
  }
  return found;
}

describe('the folders under src/', () => {
  it('import each other without a loop (shims → envs → shims was one)', () => {
    const graph = folderImports();
    expect(graph.get('shims')).toContain('envs');
    expect(loops(graph)).toEqual([]);
  });

  it('the loop finder finds a loop', () => {
    expect(loops(new Map([['a', new Set(['b'])], ['b', new Set(['a'])], ['c', new Set(['a'])]]))).toEqual(['a → b → a', 'b → a → b']);
  });
});
