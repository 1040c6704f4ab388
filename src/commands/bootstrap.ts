import fs from 'node:fs';
import type { Context } from '../context.js';
import { bootstrapLine, type BootstrapOptions } from '../bootstrap/run.js';
import { ProbeCache } from '../discovery/cache.js';
import { PyshimError, usageError } from '../errors.js';
import { lineInterpreter, writeLineShims } from '../lines.js';
import { requireLine, saveRegistry } from '../registry/registry.js';
import { findVirtualenvwrapper } from '../shims/facts.js';
import { backendLabel } from '../envs/backend.js';
import { decideBackend } from '../envs/decide.js';
import { out, tildify } from '../util/ui.js';
import { parseLineVersion } from '../version.js';

export interface BootstrapCommandOptions {
  with?: string[];
  findLinks?: string;
  indexUrl?: string;
  offline?: boolean;
  breakSystemPackages?: boolean;
}

const KNOWN_TOOLS = ['virtualenv', 'virtualenvwrapper'];

export function pep668Error(python: string, line: string): PyshimError {
  return new PyshimError(
    `${python} is externally managed (PEP 668): its distribution forbids pip installs into it, --user ones included`,
    `use a virtual environment (virtualenv-${line} ~/venvs/NAME), or if you accept the risk: pyshim bootstrap ${line} --break-system-packages`,
  );
}

export async function bootstrap(ctx: Context, target: string, options: BootstrapCommandOptions, quiet = false): Promise<void> {
  const version = parseLineVersion(target);
  for (const tool of options.with ?? []) {
    if (!KNOWN_TOOLS.includes(tool)) throw usageError(`--with takes ${KNOWN_TOOLS.join(' or ')}, not '${tool}'`, `pyshim bootstrap ${version} --with virtualenvwrapper`);
  }
  if (options.findLinks && !fs.existsSync(options.findLinks)) {
    throw usageError(`--find-links ${options.findLinks}: no such directory`, 'give a directory of wheels, or a URL');
  }
  const { line, registry } = requireLine(ctx.paths, version);
  const { interpreter, all } = await lineInterpreter(ctx, line);
  const home = ctx.paths.home;
  if (!interpreter) {
    throw new PyshimError(`the ${version} line's interpreter ${tildify(line.python, home)} is gone`, `point the line at another: pyshim add ${version}`);
  }
  if (interpreter.externallyManaged && !options.breakSystemPackages) throw pep668Error(tildify(line.python, home), version);

  const opts: BootstrapOptions = { ...options, require: options.with ?? [] };
  // What virtualenv-X.Y falls back to if the index has no virtualenv for this Python.
  const { backend: fallback } = await decideBackend(interpreter, all, ctx);
  const fallbackFor = (tool: string): string => {
    if (tool === 'virtualenv') {
      return fallback.kind === 'none' ? `virtualenv-${version} has no other way either` : `virtualenv-${version} will use ${backendLabel(fallback)}`;
    }
    const vew = findVirtualenvwrapper(line.python, interpreter, all, ctx.env, ctx.paths.bin);
    return vew ? `virtualenvwrapper-${version}.sh will use ${tildify(vew.script, home)} (hooks run by ${tildify(vew.hookPython, home)})` : 'no virtualenvwrapper on this machine either';
  };
  const report = await bootstrapLine(ctx, version, interpreter, opts, fallbackFor);

  // What is importable has changed: probe again, then rewrite the shims so
  // the backend and virtualenvwrapper choice follow.
  const cache = ProbeCache.load(ctx.paths.probeCacheFile);
  cache.forget(line.python);
  cache.save();
  const fresh = await lineInterpreter(ctx, line);
  if (fresh.interpreter) {
    const written = await writeLineShims(ctx, line, fresh.interpreter, fresh.all);
    saveRegistry(ctx.paths, registry);
    if (!quiet) {
      out(`pyshim: ${version} bootstrapped (${report.installed.length ? 'installed ' + report.installed.join(', ') : 'nothing to install'}${report.unavailable.length ? '; unavailable: ' + report.unavailable.join(', ') : ''})`);
      out(`  virtualenv-${version} uses: ${written.label}`);
      out(`  log: ${tildify(report.log, home)}`);
    }
  }
}
