import fs from 'node:fs';
import path from 'node:path';
import type { Interpreter } from '../../src/discovery/interpreter.js';
import type { Backend } from '../../src/envs/backend.js';
import { renderVirtualenvShim } from '../../src/envs/render.js';

/** The discovered interpreter whose real path `file` is (throws when discovery missed it). */
export function interpreterAt(interpreters: Interpreter[], file: string): Interpreter {
  const real = fs.realpathSync(file);
  const found = interpreters.find((i) => i.path === real);
  if (!found) throw new Error(`discovery did not find ${file}`);
  return found;
}

/** Write the `virtualenv-X.Y` shim a backend gets into `dir`, seeding from `seeds`; returns its path. */
export function writeShim(backend: Backend, line: string, dir: string, seeds: string): string {
  const name = `virtualenv-${line}`;
  const file = path.join(dir, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(file, renderVirtualenvShim(backend, { line, name, seeds }), { mode: 0o755 });
  return file;
}
