/**
 * For a line whose Python has no ensurepip (2.6), the pip and setuptools
 * wheels its bootstrap installed from (--find-links DIR) are kept in pyshim's
 * data dir (src/envs/seeds.ts keptWheels): they are what its environments get
 * when the line's virtualenv cannot seed pip itself (15.2 on 2.6rc2), put in
 * from the seed cache like ensurepip's wheels elsewhere.
 *
 * API
 *   keepSeedWheels(tx, line, interpreter, findLinks) → Promise<string[]>   the kept wheels' names ([] when none)
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Interpreter } from '../discovery/interpreter.js';
import { keptWheelsDir } from '../envs/seeds.js';
import type { Line } from '../registry/registry.js';
import type { Transaction } from '../state/transaction.js';

/** The wheel of `project` at `version` in a directory (pip's file names: project-version-tags.whl). */
function wheelOf(names: string[], project: string, version: string | undefined): string | undefined {
  if (!version) return undefined;
  return names.find((n) => n.endsWith('.whl') && n.toLowerCase().startsWith(`${project}-${version}-`));
}

/** The setuptools version the line imports now, or undefined. */
async function setuptoolsVersion(python: string, env: Record<string, string | undefined>): Promise<string | undefined> {
  const { execa } = await import('execa');
  const result = await execa(python, ['-W', 'ignore', '-c', 'import sys, setuptools; sys.stdout.write(setuptools.__version__)'], {
    env,
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    timeout: 60_000,
  });
  return result.exitCode === 0 ? String(result.stdout).trim() || undefined : undefined;
}

/**
 * Copy the wheels of the pip the line runs now (Line.pip) and of its
 * setuptools from `findLinks` into the kept-wheels directory, through the
 * transaction (so uninstall removes them). Nothing for a line with ensurepip,
 * without pip, or when the directory has no wheel of that very pip.
 */
export async function keepSeedWheels(tx: Transaction, line: Line, interpreter: Interpreter, findLinks: string | undefined): Promise<string[]> {
  if (interpreter.modules.ensurepip || !line.pip || !findLinks || /^[a-z]+:\/\//i.test(findLinks)) return [];
  let names: string[];
  try {
    names = fs.readdirSync(findLinks);
  } catch {
    return [];
  }
  const pip = wheelOf(names, 'pip', line.pip.version);
  if (!pip) return [];
  const setuptools = wheelOf(names, 'setuptools', await setuptoolsVersion(line.python, tx.ctx.env));
  const dir = keptWheelsDir(tx.ctx.paths, line.version);
  const kept = [pip, ...(setuptools ? [setuptools] : [])];
  for (const name of kept) tx.writeFile(path.join(dir, name), fs.readFileSync(path.join(findLinks, name)), 0o644);
  return kept;
}
