import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const BUNDLE = path.join(ROOT, 'dist', 'pyshim.cjs');

/** The newest modification time (ms) of a file under `dir`, or of `dir` itself when it is a file; 0 when absent. */
function newest(dir: string): number {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(dir);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...fs.readdirSync(dir).map((name) => newest(path.join(dir, name))));
}

/**
 * vitest's global setup: many tests run the built CLI (dist/pyshim.cjs), so
 * build it (the bundles only, no type check: that is `npm run build`) when it
 * is missing or older than what it is built from. A fresh checkout's
 * `npm test` then tests this source, never a stale or absent bundle.
 */
export default function setup(): void {
  const built = newest(BUNDLE);
  const source = Math.max(newest(path.join(ROOT, 'src')), newest(path.join(ROOT, 'build')), newest(path.join(ROOT, 'build.mjs')), newest(path.join(ROOT, 'package.json')));
  if (built > source) return;
  process.stderr.write(`test: ${built ? 'dist/ is older than src/' : 'dist/ is not built'}; building it (node build.mjs)\n`);
  execFileSync(process.execPath, ['build.mjs'], { cwd: ROOT, stdio: 'inherit' });
}
