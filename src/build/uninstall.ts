import fs from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import { PyshimError } from '../errors.js';
import type { Line, Registry } from '../registry/registry.js';
import { out, tildify } from '../util/ui.js';
import { compareVersions } from '../version.js';
import { isReleaseName } from './patchlevel.js';
import { BUILD_MARKER, readBuildRecord } from './record.js';

/** The builds pyshim made: the directories under pythons/ named for a release that hold pyshim's record. */
export function listBuilds(pythons: string): string[] {
  let names: string[] = [];
  try {
    names = fs.readdirSync(pythons);
  } catch {
    return [];
  }
  return names.filter((n) => isReleaseName(n) && readBuildRecord(path.join(pythons, n)) !== undefined).sort(compareVersions);
}

function realOrSelf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/**
 * The prefix of the build a target names: X.Y.Z, or a path inside one of
 * pyshim's builds. Anything else is refused (PyshimError: exit 2 for what is
 * not a version, 1 for what pyshim did not build), including a directory with
 * a build's name that lacks pyshim's record.
 */
export function buildNamed(ctx: Context, target: string): string {
  const pythons = realOrSelf(ctx.paths.pythons);
  const builds = listBuilds(pythons);
  const known = `pyshim's builds: ${builds.length ? builds.join(', ') : 'none'}`;
  let name: string;
  if (isReleaseName(target)) name = target;
  else if (target.includes('/')) {
    const inside = path.relative(pythons, realOrSelf(target));
    name = inside.split(path.sep)[0] ?? '';
    if (inside.startsWith('..') || path.isAbsolute(inside) || !isReleaseName(name)) {
      throw new PyshimError(
        `${target} is not a Python pyshim built; pyshim only removes its own builds (under ${tildify(pythons, ctx.paths.home)})`,
        `remove it with the tool that installed it; ${known}`,
      );
    }
  } else throw new PyshimError(`'${target}' is not a version X.Y.Z`, `for example: pyshim python uninstall 3.12.4 (${known})`, 2);

  const prefix = path.join(pythons, name);
  if (builds.includes(name)) return prefix;
  if (!fs.existsSync(prefix)) throw new PyshimError(`pyshim has not built Python ${name} (${known})`, 'see them with: pyshim list (source pyshim)');
  throw new PyshimError(
    `${tildify(prefix, ctx.paths.home)} has no ${BUILD_MARKER}: pyshim did not build it, so it does not remove it`,
    `if it is yours to delete, delete it yourself: rm -r ${tildify(prefix, ctx.paths.home)} (${known})`,
  );
}

/** The registered lines whose interpreter lives in the build at `prefix`. */
export function linesUsing(registry: Registry, prefix: string): Line[] {
  return Object.values(registry.lines).filter((l) => {
    const rel = path.relative(prefix, realOrSelf(l.python));
    return !rel.startsWith('..') && !path.isAbsolute(rel);
  });
}

/** Delete a build: out of sight first (one rename), then deleted, so an interrupted delete leaves a hidden directory, never a build that looks whole but is not. */
export function deleteBuild(ctx: Context, prefix: string): void {
  const release = path.basename(prefix);
  const doomed = path.join(path.dirname(prefix), `.removing-${release}-${process.pid}`);
  fs.renameSync(prefix, doomed);
  fs.rmSync(doomed, { recursive: true, force: true });
  out(`pyshim: removed Python ${release} (${tildify(prefix, ctx.paths.home)})`);
}
