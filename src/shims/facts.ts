import fs from 'node:fs';
import path from 'node:path';
import which from 'which';
import type { Interpreter, ProbeResult } from '../discovery/interpreter.js';
import type { Env } from '../paths.js';
import type { VirtualenvwrapperChoice } from './plan.js';

function readable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.R_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

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

/**
 * Which virtualenvwrapper.sh a line sources, and which Python runs its hooks.
 * The recipe's isolated set-up first (the line's own user-site install); else
 * one found on the machine, run by the line's Python if it has the module or
 * by another interpreter that does — never by one that cannot import it
 * ("No module named virtualenvwrapper").
 */
export function findVirtualenvwrapper(
  python: string,
  probe: ProbeResult,
  interpreters: Interpreter[],
  env: Env,
  binDir: string,
): VirtualenvwrapperChoice | undefined {
  if (probe.modules.virtualenvwrapper && probe.userBase) {
    const own = path.join(probe.userBase, 'bin', 'virtualenvwrapper.sh');
    if (readable(own)) return { script: own, hookPython: python };
  }
  const scripts = [
    ...pathDirs(env, binDir).map((dir) => path.join(dir, 'virtualenvwrapper.sh')),
    '/usr/share/virtualenvwrapper/virtualenvwrapper.sh',
    '/usr/local/bin/virtualenvwrapper.sh',
    '/usr/bin/virtualenvwrapper.sh',
  ];
  const script = scripts.find(readable);
  if (!script) return undefined;
  if (probe.modules.virtualenvwrapper) return { script, hookPython: python };
  const hosts = interpreters.filter((i) => i.modules.virtualenvwrapper && !i.inVirtualenv);
  // A distribution's script belongs with the distribution's Python.
  const host = hosts.find((i) => i.source === 'system' && script.startsWith('/usr/')) ?? hosts[0];
  return host ? { script, hookPython: host.path } : undefined;
}
