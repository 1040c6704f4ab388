import fs from 'node:fs';
import path from 'node:path';
import which from 'which';
import type { Interpreter, ProbeResult } from '../discovery/interpreter.js';
import type { Env } from '../paths.js';
import type { VirtualenvwrapperChoice } from './plan.js';
import { pairVirtualenvwrapper, type VewFacts } from './vew-pair.js';
import { gatherVewFacts } from './vew-installs.js';

function sameFile(a: string, b: string): boolean {
  try {
    const sa = fs.statSync(a);
    const sb = fs.statSync(b);
    return sa.dev === sb.dev && sa.ino === sb.ino;
  } catch {
    return false;
  }
}

/** Directories on PATH other than pyshim's own bin. */
function pathDirs(env: Env, binDir: string): string[] {
  return (env.PATH ?? '').split(path.delimiter).filter((dir) => dir && path.isAbsolute(dir) && path.resolve(dir) !== path.resolve(binDir));
}

/** Would `pythonX.Y` on PATH (without pyshim) run this very interpreter? */
export function pythonNameOnPath(name: string, python: string, env: Env, binDir: string): boolean {
  const found = which.sync(name, { path: pathDirs(env, binDir).join(path.delimiter), nothrow: true });
  return found ? sameFile(found, python) : false;
}

/** Where a virtualenvwrapper.sh is looked for besides PATH and install records (distributions, hand installs). */
const USUAL_SCRIPTS = ['/usr/share/virtualenvwrapper/virtualenvwrapper.sh', '/usr/local/bin/virtualenvwrapper.sh', '/usr/bin/virtualenvwrapper.sh'];

/**
 * Which virtualenvwrapper.sh a line sources, and which Python runs its hooks:
 * the installs on this machine (vew-installs.ts), paired by the rule in
 * vew-pair.ts — a script with the Python whose install wrote it, the line's
 * own first, never with a Python whose virtualenvwrapper is another version.
 */
export function findVirtualenvwrapper(
  python: string,
  probe: ProbeResult,
  interpreters: Interpreter[],
  env: Env,
  binDir: string,
): VirtualenvwrapperChoice | undefined {
  const self: Interpreter = interpreters.find((i) => i.path === python) ?? { ...probe, path: python, names: [python], source: 'path' };
  return pairVirtualenvwrapper(python, machineVewFacts([self, ...interpreters.filter((i) => i.path !== python)], env, binDir));
}

/** The virtualenvwrappers on this machine (vew-installs.ts), `also` among the scripts looked at (after PATH). */
export function machineVewFacts(interpreters: Interpreter[], env: Env, binDir: string, also: string[] = []): VewFacts {
  const onPath = pathDirs(env, binDir).map((dir) => path.join(dir, 'virtualenvwrapper.sh'));
  return gatherVewFacts(interpreters, { onPath: [...onPath, ...also], usual: USUAL_SCRIPTS });
}
