import fs from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import { discover, probeOne } from '../discovery/discover.js';
import type { Interpreter } from '../discovery/interpreter.js';
import { isPyshimError, PyshimError, usageError } from '../errors.js';
import { afterRegistryChange } from '../refresh.js';
import { chooseInterpreter } from '../registry/choose.js';
import { loadRegistry, saveRegistry, type Line } from '../registry/registry.js';
import { writeLineShims } from '../lines.js';
import { out, tildify, warn } from '../util/ui.js';
import { atLeast, compareVersions, isLineVersion, lineOf, parseLineVersion } from '../version.js';

export interface AddOptions {
  python?: string;
  bootstrap?: boolean;
  default?: boolean;
}

/** Find the interpreter a path names, probing it even if discovery would not list it. */
async function interpreterAt(ctx: Context, given: string): Promise<{ interpreter: Interpreter; all: Interpreter[]; note?: string }> {
  const file = path.resolve(given);
  if (!fs.existsSync(file)) {
    throw new PyshimError(`no such file: ${given}`, 'give the path of a Python executable, or a version: pyshim add 3.12');
  }
  const { interpreters: all } = await discover(ctx.env, ctx.paths, [{ path: file, source: 'path' }]);
  // By the name given, not its real path: a venv's python is a link to its base, but is not it.
  const found = all.find((i) => i.names.includes(file));
  if (found) return { interpreter: found, all };
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
    return { interpreter: target, all, note: `${tildify(file, ctx.paths.home)} is a wrapper script; registered the interpreter it runs` };
  }
  return { interpreter: one, all };
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

export async function add(ctx: Context, target: string, options: AddOptions): Promise<void> {
  let interpreter: Interpreter;
  let all: Interpreter[];
  let reason: string;
  const home = ctx.paths.home;

  if (isLineVersion(target)) {
    const version = parseLineVersion(target);
    if (options.python) {
      let note: string | undefined;
      ({ interpreter, all, note } = await interpreterAt(ctx, options.python));
      if (lineOf(interpreter.version) !== version) {
        throw new PyshimError(
          `${options.python} is Python ${interpreter.version}, not ${version}`,
          `register it as its own line: pyshim add ${lineOf(interpreter.version)} --python ${options.python}`,
        );
      }
      reason = note ? `named with --python; ${note}` : 'named with --python';
    } else {
      ({ interpreters: all } = await discover(ctx.env, ctx.paths));
      const choice = chooseInterpreter(version, all);
      if (!choice) {
        throw new PyshimError(
          `no Python ${version} found on this machine (found: ${available(all)})`,
          `install it (pyenv install ${version}, uv python install ${version}), or name it: pyshim add ${version} --python /path/to/python${version}`,
        );
      }
      interpreter = choice.interpreter;
      reason = choice.reason;
    }
  } else if (target.includes('/') || fs.existsSync(target)) {
    if (options.python) throw usageError('give either a path or --python, not both', `pyshim add ${target}`);
    let note: string | undefined;
    ({ interpreter, all, note } = await interpreterAt(ctx, target));
    reason = note ? `named by path; ${note}` : 'named by path';
  } else {
    throw usageError(`'${target}' is neither a version (X.Y) nor a path to a Python`, 'for example: pyshim add 3.12, or pyshim add ~/.pyenv/versions/3.12.1/bin/python3.12');
  }

  const shown = tildify(interpreter.path, home);
  refuseUnusable(interpreter, shown);

  const version = lineOf(interpreter.version);
  const registry = loadRegistry(ctx.paths);
  const previous = registry.lines[version];
  const line: Line = {
    version,
    python: interpreter.path,
    fullVersion: interpreter.version,
    source: interpreter.source,
    ...(previous?.workonHome ? { workonHome: previous.workonHome } : {}),
  };
  registry.lines[version] = line;
  if (options.default || !registry.default) registry.default = version;

  const written = await writeLineShims(ctx, line, interpreter, all);
  saveRegistry(ctx.paths, registry);
  await afterRegistryChange(ctx, registry);

  const verb = previous ? (previous.python === line.python ? 'refreshed' : 're-pointed') : 'added';
  out(`pyshim: ${verb} ${version} → ${shown} (${interpreter.version}, ${interpreter.source})`);
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
  if (registry.default === version) out(`  ${version} is the default line`);
  if (interpreter.externallyManaged) {
    warn(`${shown} is externally managed (PEP 668): install${version.replace('.', '')} and bootstrap will be refused by pip; prefer a virtual environment (virtualenv-${version} ENV)`);
  }
  if (options.bootstrap !== false) {
    if (interpreter.externallyManaged) {
      out(`  not bootstrapped: pip may not install into an externally managed Python (pyshim bootstrap ${version} --break-system-packages, if you accept the risk)`);
    } else {
      const { bootstrap } = await import('./bootstrap.js');
      try {
        await bootstrap(ctx, version, {});
      } catch (error) {
        if (isPyshimError(error)) {
          throw new PyshimError(`${version} is registered, but bootstrapping it failed: ${error.message}`, error.hint ?? `try again: pyshim bootstrap ${version}`);
        }
        throw error;
      }
    }
  }
  const onPath = (ctx.env.PATH ?? '').split(path.delimiter).some((dir) => path.resolve(dir || '.') === ctx.paths.bin);
  if (!onPath) out(`  ${tildify(ctx.paths.bin, home)} is not on PATH in this shell: run \`pyshim setup\`, then open a new shell`);
}
