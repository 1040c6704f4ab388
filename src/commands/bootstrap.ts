import fs from 'node:fs';
import type { Context } from '../context.js';
import { copiesBefore, writeCopies } from '../bootstrap/copies.js';
import { bootstrapLine, type BootstrapOptions } from '../bootstrap/run.js';
import { keepSeedWheels } from '../bootstrap/keep-wheels.js';
import { PyshimError, usageError } from '../errors.js';
import { writeLineShims } from '../lines.js';
import { decidePipRun, type PipRun } from '../pip-run.js';
import type { Interpreter } from '../discovery/interpreter.js';
import { lineIn, type Line } from '../registry/registry.js';
import { findVirtualenvwrapper } from '../shims/facts.js';
import { backendLabel } from '../envs/backend.js';
import { decideBackend } from '../envs/decide.js';
import { transaction, type Transaction } from '../state/transaction.js';
import { out, tildify, warn } from '../util/ui.js';
import { parseVersion, type Version } from '../version.js';

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

/** Refuse options that name nothing usable, before any lock is taken. */
function checkOptions(version: Version, options: BootstrapCommandOptions): void {
  for (const tool of options.with ?? []) {
    if (!KNOWN_TOOLS.includes(tool)) throw usageError(`--with takes ${KNOWN_TOOLS.join(' or ')}, not '${tool}'`, `pyshim bootstrap ${version} --with virtualenvwrapper`);
  }
  if (options.findLinks && !/^[a-z]+:\/\//i.test(options.findLinks) && !fs.existsSync(options.findLinks)) {
    throw usageError(`--find-links ${options.findLinks}: no such directory`, 'give a directory of wheels, or a URL');
  }
}

/**
 * Bootstrap a registered line inside a transaction (`bootstrap`, or `add`
 * after it registered the line): install into its user site, probe it again,
 * rewrite its shims from what is there now — also when a step failed, so what
 * did get installed is used — and let the transaction rewrite the init files.
 */
export async function bootstrapIn(tx: Transaction, version: Version, options: BootstrapCommandOptions): Promise<void> {
  const { ctx } = tx;
  const home = ctx.paths.home;
  const { line } = lineIn(tx.registry, version);
  const machine = await tx.machine([{ path: line.python, source: line.source }]);
  const interpreter = machine.find(line.python);
  if (!interpreter) {
    throw new PyshimError(`the ${version} line's interpreter ${tildify(line.python, home)} is gone`, `point the line at another: pyshim add ${version}`);
  }
  if (interpreter.externallyManaged && !options.breakSystemPackages) throw pep668Error(tildify(line.python, home), version);

  // How the line runs pip, once decided, is not tried again while its pip stays.
  const known = interpreter.modules.pip && line.pip ? line.pip : undefined;
  const opts: BootstrapOptions = { ...options, require: options.with ?? [], ...(known ? { pip: known } : {}) };
  // What virtualenv-X.Y falls back to if the index has no virtualenv for this Python.
  const { backend: fallback } = await decideBackend(interpreter, machine.interpreters, { env: machine.env, paths: machine.paths, envFacts: machine.envFacts, ...(known ? { pip: known.module } : {}) });
  const fallbackFor = (tool: string): string => {
    if (tool === 'virtualenv') {
      return fallback.kind === 'none' ? `virtualenv-${version} has no other way either` : `virtualenv-${version} will use ${backendLabel(fallback)}`;
    }
    const vew = findVirtualenvwrapper(line.python, interpreter, machine.interpreters, ctx.env, ctx.paths.bin);
    return vew ? `virtualenvwrapper-${version}.sh will use ${tildify(vew.script, home)} (hooks run by ${tildify(vew.hookPython, home)})` : 'no virtualenvwrapper on this machine either';
  };

  const before = await copiesBefore(ctx, line);
  let report: Awaited<ReturnType<typeof bootstrapLine>> | undefined;
  try {
    report = await bootstrapLine(ctx, version, interpreter, opts, fallbackFor, (log) => tx.noteFile(log));
  } finally {
    // What is importable has changed (perhaps only in part): probe again, and
    // rewrite the shims so the backend and virtualenvwrapper choice follow.
    // When nothing was installed, what the machine knows still holds.
    const fresh = report?.installed.length === 0 ? interpreter : await machine.reprobe(line.python);
    if (fresh) {
      await decidePip(ctx, line, fresh, report?.pip ?? known);
      await keepSeedWheels(tx, line, fresh, options.findLinks);
      const written = await writeLineShims(tx, line, fresh);
      // After the shims: a copy never takes the name of one (virtualenv-X.Y).
      const copies = await writeCopies(tx, line, before);
      if (report) {
        out(`pyshim: ${version} bootstrapped (${report.installed.length ? 'installed ' + report.installed.join(', ') : 'nothing to install'}${report.unavailable.length ? '; unavailable: ' + report.unavailable.join(', ') : ''})`);
        if (line.pip) out(`  pip${version.replace('.', '')} runs pip ${line.pip.version} as ${tildify(line.link ?? line.python, home)} -m ${line.pip.module}`);
        out(`  virtualenv-${version} uses: ${written.label}`);
        if (copies.written.length) out(`  versioned commands: ${copies.written.join(', ')}`);
        out(`  log: ${tildify(report.log, home)}`);
      }
      for (const notice of copies.notices) out(notice);
      const shared = sharers(interpreter, machine.interpreters);
      const tools = report?.installed.filter((t) => t !== 'pip') ?? [];
      if (shared.length && tools.length && interpreter.userSite) {
        warn(
          `${tildify(interpreter.userSite, home)} is also the user site of ${shared.map((i) => `${tildify(i.path, home)} (${i.source})`).join(', ')}: ` +
            `it now imports the ${tools.join(' and ')} installed there, before its own (python -s ignores the user site)`,
        );
      }
      if (copies.error) warn(`the ${version} line's versioned copies were not updated: ${copies.error}`);
    }
  }
}

/**
 * The other interpreters that read the same user site (every Python of one X.Y does: Debian's 3.11
 * and a pyenv 3.11), outside virtual environments: what a bootstrap installs there, they import too.
 */
export function sharers(interpreter: Interpreter, all: Interpreter[]): Interpreter[] {
  if (!interpreter.userSite) return [];
  return all.filter((i) => i.path !== interpreter.path && !i.inVirtualenv && i.userSiteEnabled && i.userSite === interpreter.userSite);
}

/** Line.pip after a bootstrap: what it decided, else what was known, else tried now; none without pip. */
async function decidePip(ctx: Context, line: Line, fresh: Interpreter, decided?: PipRun): Promise<void> {
  const pip = fresh.modules.pip ? (decided ?? (await decidePipRun(line.python, ctx.env)).run) : undefined;
  if (pip) line.pip = pip;
  else delete line.pip;
}

export async function bootstrap(ctx: Context, target: string, options: BootstrapCommandOptions): Promise<void> {
  const version = parseVersion(target);
  checkOptions(version, options);
  await transaction(ctx, (tx) => bootstrapIn(tx, version, options));
}
