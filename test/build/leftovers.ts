import fs from 'node:fs';
import path from 'node:path';
import type { Sandbox } from '../helpers/sandbox.js';

/** What a refused build may leave: nothing under pythons/ and nothing in the build cache. */
export function leftovers(s: Sandbox): string[] {
  const list = (dir: string) => (fs.existsSync(dir) ? fs.readdirSync(dir).map((n) => path.join(path.basename(dir), n)) : []);
  return [...list(path.join(s.pyshimHome, 'pythons')), ...list(path.join(s.pyshimHome, 'cache', 'build'))];
}
