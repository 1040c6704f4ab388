import fs from 'node:fs';
import path from 'node:path';
import { knownReleases } from '../build/releases.js';
import type { Context } from '../context.js';
import { probeOne } from '../discovery/discover.js';
import type { Interpreter } from '../discovery/interpreter.js';
import { isPyshimError, PyshimError, usageError } from '../errors.js';
import { chooseInterpreter } from '../registry/choose.js';
import type { Line, Registry } from '../registry/registry.js';
import { writeLineShims, type WrittenShims } from '../lines.js';
import { gatherUserSettings, noteSharedHomes, settingHomes, settingShells } from '../vew-settings.js';
import { shellNamed } from '../shell/names.js';
import { holdsEnvironments } from '../envs/scan.js';
import { workonHome } from '../shims/plan.js';
import { makeLineHome, transaction, type Transaction } from '../state/transaction.js';
import { out, tildify, warn } from '../util/ui.js';
import { atLeast, compareVersions, lineOf, parseVersionRequest, releaseName, type Version } from '../version.js';

export interface AddOptions {
  python?: string;
  bootstrap?: boolean;
  default?: boolean;
  /** --workon-home DIR: the line's home, as typed. */
  workonHome?: string;
}

/** Find the interpreter a path names, probing it even if discovery would not list it. */
async function interpreterAt(tx: Transaction, given: string, version?: Version): Promise<{ interpreter: Interpreter; named: string; note?: string }> {
  const { ctx } = tx;
  const file = executableIn(path.resolve(given), version);
  if (!fs.existsSync(file)) {
    throw new PyshimError(`no such file: ${given}`, 'give the path of a Python executable, or a version: pyshim add 3.12');
  }
  const machine = await tx.machine([{ path: file, source: 'path' }]);
  const all = machine.interpreters;
  // By the name given, not its real path: a venv's python is a link to its base, but is not it.
  const found = all.find((i) => i.names.includes(file));
  if (found) return { interpreter: found, named: file };
  // Not an interpreter discovery accepts (a wrapper script, say): ask it what it runs.
  const single = await probeOne(file, ctx.env, ctx.paths);
  const one = single.interpreters[0];
  if (!one) {
    const reason = single.failures[0]?.reason ?? 'it is not an executable file';
    throw new PyshimError(`${given} is not a Python interpreter: ${reason}`, 'give the path of a Python executable, such as ~/.pyenv/versions/3.12.1/bin/python3.12');
  }
  // A wrapper such as pyenv's shim picks its target at every call (and may
  // pick another version tomorrow): when it runs an interpreter discovery
  // knows, register that one, so the shims exec it directly.
  const target = one.executable ? all.find((i) => i.names.includes(one.executable) || i.path === one.executable) : undefined;
  if (target && target.path !== one.path) {
    return { interpreter: target, named: target.path, note: `${tildify(file, ctx.paths.home)} is a wrapper script; registered the interpreter it runs` };
  }
  machine.interpreters.push(one);
  return { interpreter: one, named: file };
}

/** A Python installation's directory (~/.pyenv/versions/3.12) stands for its bin/pythonX.Y. */
function executableIn(given: string, version?: Version): string {
  let isDir = false;
  try {
    isDir = fs.statSync(given).isDirectory();
  } catch {
    return given;
  }
  if (!isDir) return given;
  const names = version ? [`python${version}`] : ['python3', 'python'];
  return names.map((name) => path.join(given, 'bin', name)).find((file) => fs.existsSync(file)) ?? given;
}

/**
 * The name to run the line by, when it is a stable link: a path that reaches
 * the interpreter through a link, names X.Y as a whole path component (or is
 * what the user typed), and does not name the patch release — so that when the
 * link moves to the next patch release (pyenv, mise and asdf "latest" links)
 * the shims follow. `python3` (another X.Y tomorrow) never qualifies.
 */
export function stableLink(interpreter: Interpreter, typed?: string): string | undefined {
  const version = lineOf(interpreter.version);
  const patch = interpreter.version.replace(/(rc|a|b)\d+$/, '');
  const throughLink = (name: string) => {
    try {
      return fs.realpathSync(name) === interpreter.path && name !== interpreter.path;
    } catch {
      return false;
    }
  };
  const candidates = [...(typed ? [typed] : []), ...interpreter.names.filter((n) => n.split(path.sep).includes(version))];
  return candidates.find((name) => !name.includes(patch) && throughLink(name) && (name === typed || name.includes(`/${version}/`)));
}

function refuseUnusable(interpreter: Interpreter, shown: string): void {
  if (!atLeast(interpreter.version, '2.6')) {
    throw new PyshimError(
      `${shown} is Python ${interpreter.version}; pyshim needs 2.6 or newer (the user site arrived in 2.6)`,
      'install a newer Python, then: pyshim add X.Y',
    );
  }
  if (!interpreter.userSiteEnabled) {
    const why = interpreter.inVirtualenv ? 'it runs inside a virtual environment' : 'site.ENABLE_USER_SITE is False';
    throw new PyshimError(
      `${shown} (Python ${interpreter.version}) has no user site (${why}), so pip${lineOf(interpreter.version).replace('.', '')} and install${lineOf(interpreter.version).replace('.', '')} could not work`,
      `use a base interpreter instead: pyshim add ${lineOf(interpreter.version)} --python /path/to/python${lineOf(interpreter.version)}`,
    );
  }
}

function available(all: Interpreter[]): string {
  const lines = [...new Set(all.map((i) => lineOf(i.version)))].sort(compareVersions);
  return lines.length ? lines.join(', ') : 'none';
}

type Request = { kind: 'version'; version: Version; release?: string; python?: string } | { kind: 'path'; path: string };

/**
 * What the user asked for, refused before any lock is taken when it names
 * nothing: a version as users type it (3.12, 3.12.1, python3.12), or a path.
 * A file in the current directory named like a version is a path only when
 * written as one (./python3.12).
 */
export function parseRequest(target: string, options: AddOptions): Request {
  const asked = target.includes('/') ? undefined : parseVersionRequest(target);
  if (asked) return { kind: 'version', version: asked.line, ...(asked.release ? { release: asked.release } : {}), python: options.python };
  if (target.includes('/') || fs.existsSync(target)) {
    if (options.python) throw usageError('give either a path or --python, not both', `pyshim add ${target}`);
    return { kind: 'path', path: target };
  }
  throw usageError(`'${target}' is neither a version (3.12, 3.12.1, python3.12) nor a path to a Python`, 'for example: pyshim add 3.12, or pyshim add ~/.pyenv/versions/3.12.1/bin/python3.12');
}

/** The interpreter the request names, and why it was chosen. */
async function pickInterpreter(tx: Transaction, request: Request): Promise<{ interpreter: Interpreter; reason: string; named?: string }> {
  if (request.kind === 'path') {
    const { interpreter, note, named } = await interpreterAt(tx, request.path);
    return { interpreter, named, reason: note ? `named by path; ${note}` : 'named by path' };
  }
  const { version } = request;
  if (request.python) {
    const { interpreter, note, named } = await interpreterAt(tx, request.python, version);
    const release = releaseName(interpreter.version, interpreter.releaselevel, interpreter.serial);
    if (lineOf(interpreter.version) !== version || (request.release && release !== request.release)) {
      throw new PyshimError(
        `${request.python} is Python ${release}, not ${request.release ?? version}`,
        `register it as what it is: pyshim add ${lineOf(interpreter.version)} --python ${request.python}`,
      );
    }
    return { interpreter, named, reason: note ? `named with --python; ${note}` : 'named with --python' };
  }
  const found = (await tx.machine()).interpreters;
  // X.Y.Z: only that release will do (its pre-releases are named as such: 3.13.0rc1).
  const all = request.release ? found.filter((i) => releaseName(i.version, i.releaselevel, i.serial) === request.release) : found;
  const choice = chooseInterpreter(version, all);
  if (!choice && request.release) {
    const others = found.filter((i) => lineOf(i.version) === version).map((i) => releaseName(i.version, i.releaselevel, i.serial));
    throw new PyshimError(
      `no Python ${request.release} found on this machine (${version}: ${[...new Set(others)].sort(compareVersions).join(', ') || 'none'})`,
      others.length ? `take the one there is: pyshim add ${version}` : `install it (pyenv install ${request.release}, pyshim python build ${request.release}), or name it: pyshim add ${version} --python /path/to/python${version}`,
    );
  }
  if (!choice) {
    const missing = `no Python ${version} found on this machine (found: ${available(all)})`;
    // The way out named must work: build only what pyshim has a release of, and nothing older than it runs.
    if (!atLeast(`${version}.0`, '2.6')) throw new PyshimError(`${missing}; pyshim needs 2.6 or newer (the user site arrived in 2.6)`, 'register a newer one: pyshim list shows what there is');
    if (!knownReleases(version).length) {
      throw new PyshimError(missing, `pyshim knows no ${version} release to build; install one (pyenv, uv) and name it: pyshim add ${version} --python /path/to/python${version}`);
    }
    throw new PyshimError(
      missing,
      `build it: pyshim python build ${version} (or pyenv install ${version}, uv python install ${version}); or name one: pyshim add ${version} --python /path/to/python${version}`,
    );
  }
  return choice;
}

function isLink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * --workon-home DIR as an absolute path (`~` and relative paths resolved), refused before any lock when
 * something on the way is not a directory: nothing is written then. The directory itself is made by the
 * transaction, as a line's usual home is (recorded as pyshim's only when pyshim made it).
 */
export function workonHomeOption(given: string, home: string, cwd: string = process.cwd()): string {
  if (!given.trim()) throw usageError('--workon-home needs a directory', 'for example: pyshim add 3.12 --workon-home ~/.virtualenvs');
  const dir = given === '~' ? home : given.startsWith('~/') ? path.join(home, given.slice(2)) : path.resolve(cwd, given);
  for (let at = dir; ; at = path.dirname(at)) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(at);
    } catch {
      // Absent: made by the transaction. A link to nothing could not be.
      if (isLink(at)) {
        throw new PyshimError(`--workon-home ${given}: ${tildify(at, home)} is a link to nothing`, 'name a directory (or one to create): pyshim add X.Y --workon-home ~/.virtualenvs');
      }
    }
    if (stat && !stat.isDirectory()) {
      throw new PyshimError(
        at === dir ? `--workon-home ${given}: ${tildify(dir, home)} is a file, not a directory` : `--workon-home ${given}: ${tildify(at, home)} is a file, so ${tildify(dir, home)} cannot be a directory`,
        'name a directory (or one to create): pyshim add X.Y --workon-home ~/.virtualenvs',
      );
    }
    if (stat || path.dirname(at) === at) return path.resolve(dir);
  }
}

/**
 * The line as the registry will hold it: its home the one given (none kept when that is the usual
 * ~/.virtualenvsXY), else the one it had.
 */
function register(registry: Registry, interpreter: Interpreter, options: { makeDefault: boolean; named?: string; home: string; workonHome?: string }): { line: Line; previous?: Line } {
  const { makeDefault, named } = options;
  const version = lineOf(interpreter.version);
  const previous = registry.lines[version];
  const link = stableLink(interpreter, named);
  const line: Line = {
    version,
    python: interpreter.path,
    ...(link ? { link } : {}),
    fullVersion: releaseName(interpreter.version, interpreter.releaselevel, interpreter.serial),
    source: interpreter.source,
  };
  const wanted = options.workonHome ?? previous?.workonHome;
  // Before it is set, workonHome(line) is the usual ~/.virtualenvsXY, which needs no override.
  if (wanted && wanted !== workonHome(line, options.home)) line.workonHome = wanted;
  registry.lines[version] = line;
  if (makeDefault || !registry.default) registry.default = version;
  return { line, previous };
}

function report(ctx: Context, registry: Registry, added: { line: Line; previous?: Line; interpreter: Interpreter; reason: string; written: WrittenShims }): void {
  const home = ctx.paths.home;
  const { line, previous, interpreter, reason, written } = added;
  const { version } = line;
  const shown = tildify(interpreter.path, home);
  const verb = previous ? (previous.python === line.python ? 'refreshed' : 're-pointed') : 'added';
  const via = line.link ? `${tildify(line.link, home)} → ` : '';
  out(`pyshim: ${verb} ${version} → ${via}${shown} (${line.fullVersion}, ${interpreter.source})`);
  out(`  why: ${reason}`);
  out(`  shims in ${tildify(ctx.paths.bin, home)}: ${written.files.map((f) => f.name).join(' ')}`);
  if (written.backend.kind === 'none') {
    out(`  virtualenv-${version} uses: nothing yet (${written.backend.reasons.join('; ')}); run: pyshim bootstrap ${version}`);
  } else {
    out(`  virtualenv-${version} uses: ${written.label}`);
  }
  if (written.virtualenvwrapper) {
    out(`  virtualenvwrapper: ${tildify(written.virtualenvwrapper.script, home)} (hooks run by ${tildify(written.virtualenvwrapper.hookPython, home)})`);
  } else {
    out('  virtualenvwrapper: none found on this machine');
  }
  if (line.workonHome) out(`  its home (WORKON_HOME, where its new environments go): ${tildify(line.workonHome, home)}`);
  if (registry.default === version) out(`  ${version} is the default line`);
  if (interpreter.externallyManaged) {
    warn(`${shown} is externally managed (PEP 668): install${version.replace('.', '')} and bootstrap will be refused by pip; prefer a virtual environment (virtualenv-${version} ENV)`);
  }
}

/**
 * The homes that stay searched by name (Registry.sharedHomes): the user's own WORKON_HOME (in the
 * environment, or assigned in the profiles), and the line's previous home when --workon-home moved it
 * away from environments. Says which it newly keeps.
 */
async function keepUserHomes(ctx: Context, registry: Registry, line: Line, previous?: Line): Promise<void> {
  const home = ctx.paths.home;
  const before = previous ? workonHome(previous, home) : undefined;
  const left = before && before !== workonHome(line, home) && holdsEnvironments(before) ? [before] : [];
  const settings = await gatherUserSettings(ctx, registry, settingShells(registry, ctx.env));
  const mine = settingHomes(registry, settings, home);
  for (const dir of noteSharedHomes(registry, [...left, ...mine], home)) {
    out(`  workon also finds environments in ${tildify(dir, home)} by name (${left.includes(dir) ? `the ${line.version} line's previous home` : 'your WORKON_HOME'}); pyshim deletes nothing there`);
  }
}

/** Bootstrap the new line in the same transaction; a failure leaves the line registered and says so. */
async function bootstrapAfterAdd(tx: Transaction, interpreter: Interpreter, version: Version): Promise<void> {
  if (interpreter.externallyManaged) {
    out(`  not bootstrapped: pip may not install into an externally managed Python (pyshim bootstrap ${version} --break-system-packages, if you accept the risk)`);
    return;
  }
  const { bootstrapIn } = await import('./bootstrap.js');
  try {
    await bootstrapIn(tx, version, {});
  } catch (error) {
    if (isPyshimError(error)) {
      throw new PyshimError(`${version} is registered, but bootstrapping it failed: ${error.message}`, error.hint ?? `try again: pyshim bootstrap ${version}`);
    }
    throw error;
  }
}

/**
 * `pyshim add`: pick the interpreter (discovery once), refuse what cannot
 * work, register the line, write its shims, bootstrap it — one transaction,
 * whose end writes the init files and the registry.
 */
export async function add(ctx: Context, target: string, options: AddOptions): Promise<void> {
  const request = parseRequest(target, options);
  const home = ctx.paths.home;
  const given = options.workonHome === undefined ? undefined : workonHomeOption(options.workonHome, home);
  const profiles = await transaction(ctx, async (tx) => {
    const { interpreter, reason, named } = await pickInterpreter(tx, request);
    refuseUnusable(interpreter, tildify(interpreter.path, home));
    const { line, previous } = register(tx.registry, interpreter, { makeDefault: Boolean(options.default), named, home, ...(given ? { workonHome: given } : {}) });
    // The home first: one that cannot be made stops the command before any shim names it.
    makeLineHome(tx, line, home);
    const written = await writeLineShims(tx, line, interpreter);
    report(ctx, tx.registry, { line, previous, interpreter, reason, written });
    await keepUserHomes(ctx, tx.registry, line, previous);
    if (options.bootstrap !== false) await bootstrapAfterAdd(tx, interpreter, line.version);
    return tx.registry.profiles ?? {};
  });
  pathHint(ctx, profiles);
}

/**
 * When this shell lacks the shims: before setup, run it; after it, this shell
 * simply started before it (open a new one, or source the profile setup wrote).
 */
function pathHint(ctx: Context, profiles: Registry['profiles'] & object): void {
  const home = ctx.paths.home;
  const onPath = (ctx.env.PATH ?? '').split(path.delimiter).some((dir) => path.resolve(dir || '.') === ctx.paths.bin);
  if (onPath) return;
  const bin = tildify(ctx.paths.bin, home);
  const shell = shellNamed(ctx.env.SHELL);
  const profile = (shell && profiles[shell]?.[0]) ?? Object.values(profiles).flat()[0];
  if (!profile) out(`  ${bin} is not on PATH in this shell: run \`pyshim setup\`, then open a new shell`);
  else out(`  ${bin} is not on PATH in this shell, which started before \`pyshim setup\`: open a new shell, or: source ${tildify(profile, home)}`);
}
