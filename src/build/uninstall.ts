import fs from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import { PyshimError } from '../errors.js';
import { transaction } from '../state/transaction.js';
import { out, tildify } from '../util/ui.js';
import { compareVersions } from '../version.js';
import { isReleaseName } from './patchlevel.js';

/** The builds pyshim made: the directories under pythons/ that are release names. */
export function listBuilds(pythons: string): string[] {
  let names: string[] = [];
  try {
    names = fs.readdirSync(pythons);
  } catch {
    return [];
  }
  return names.filter((n) => isReleaseName(n) && fs.statSync(path.join(pythons, n)).isDirectory()).sort(compareVersions);
}

function realOrSelf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** The build a target names: X.Y.Z, or a path inside one of pyshim's builds. Anything else is refused. */
export function buildNamed(ctx: Context, target: string): string {
  const pythons = realOrSelf(ctx.paths.pythons);
  const builds = listBuilds(pythons);
  const known = `pyshim's builds: ${builds.length ? builds.join(', ') : 'none'}`;
  if (isReleaseName(target)) {
    if (!builds.includes(target)) {
      throw new PyshimError(`pyshim has not built Python ${target} (${known})`, 'see them with: pyshim list (source pyshim)');
    }
    return path.join(pythons, target);
  }
  if (target.includes('/')) {
    const real = realOrSelf(target);
    const inside = path.relative(pythons, real);
    const top = inside.split(path.sep)[0] ?? '';
    if (inside.startsWith('..') || path.isAbsolute(inside) || !isReleaseName(top) || !builds.includes(top)) {
      throw new PyshimError(
        `${target} is not a Python pyshim built; pyshim only removes its own builds (under ${tildify(pythons, ctx.paths.home)})`,
        `remove it with the tool that installed it; ${known}`,
      );
    }
    return path.join(pythons, top);
  }
  throw new PyshimError(`'${target}' is not a version X.Y.Z`, `for example: pyshim python uninstall 3.12.4 (${known})`, 2);
}

/** Unregister the lines that use this build, then delete the build: one transaction. */
export async function uninstallBuild(ctx: Context, target: string): Promise<void> {
  const prefix = buildNamed(ctx, target);
  const release = path.basename(prefix);
  const { removeLine } = await import('../commands/remove.js');
  const removed = await transaction(ctx, async (tx) => {
    const users = Object.values(tx.registry.lines).filter((l) => {
      const rel = path.relative(prefix, realOrSelf(l.python));
      return !rel.startsWith('..') && !path.isAbsolute(rel);
    });
    for (const line of users) removeLine(tx, line.version);
    // Out of sight first (one rename), then deleted: an interrupted delete
    // leaves a hidden directory, never a build that looks whole but is not.
    const doomed = path.join(path.dirname(prefix), `.removing-${release}-${process.pid}`);
    fs.renameSync(prefix, doomed);
    fs.rmSync(doomed, { recursive: true, force: true });
    tx.refresh();
    return users.map((l) => l.version);
  });
  for (const version of removed) out(`pyshim: removed the ${version} line (it used this build)`);
  out(`pyshim: removed Python ${release} (${tildify(prefix, ctx.paths.home)})`);
}
