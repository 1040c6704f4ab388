import fs from 'node:fs';
import type { Context } from '../context.js';
import { bootstrapLine, type BootstrapOptions } from '../bootstrap/run.js';
import { PyshimError, usageError } from '../errors.js';
import { writeLineShims } from '../lines.js';
import { lineIn } from '../registry/registry.js';
import { findVirtualenvwrapper } from '../shims/facts.js';
import { backendLabel } from '../envs/backend.js';
import { decideBackend } from '../envs/decide.js';
import { transaction, type Transaction } from '../state/transaction.js';
import { out, tildify } from '../util/ui.js';
import { parseLineVersion, type LineVersion } from '../version.js';

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
function checkOptions(version: LineVersion, options: BootstrapCommandOptions): void {
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
export async function bootstrapIn(tx: Transaction, version: LineVersion, options: BootstrapCommandOptions): Promise<void> {
  const { ctx } = tx;
  const home = ctx.paths.home;
  const { line } = lineIn(tx.registry, version);
  const machine = await tx.machine([{ path: line.python, source: line.source }]);
  const interpreter = machine.find(line.python);
  if (!interpreter) {
    throw new PyshimError(`the ${version} line's interpreter ${tildify(line.python, home)} is gone`, `point the line at another: pyshim add ${version}`);
  }
  if (interpreter.externallyManaged && !options.breakSystemPackages) throw pep668Error(tildify(line.python, home), version);

  const opts: BootstrapOptions = { ...options, require: options.with ?? [] };
  // What virtualenv-X.Y falls back to if the index has no virtualenv for this Python.
  const { backend: fallback } = await decideBackend(interpreter, machine.interpreters, machine);
  const fallbackFor = (tool: string): string => {
    if (tool === 'virtualenv') {
      return fallback.kind === 'none' ? `virtualenv-${version} has no other way either` : `virtualenv-${version} will use ${backendLabel(fallback)}`;
    }
    const vew = findVirtualenvwrapper(line.python, interpreter, machine.interpreters, ctx.env, ctx.paths.bin);
    return vew ? `virtualenvwrapper-${version}.sh will use ${tildify(vew.script, home)} (hooks run by ${tildify(vew.hookPython, home)})` : 'no virtualenvwrapper on this machine either';
  };

  let report: Awaited<ReturnType<typeof bootstrapLine>> | undefined;
  try {
    report = await bootstrapLine(ctx, version, interpreter, opts, fallbackFor, (log) => tx.noteFile(log));
  } finally {
    // What is importable has changed (perhaps only in part): probe again, and
    // rewrite the shims so the backend and virtualenvwrapper choice follow.
    // When nothing was installed, what the machine knows still holds.
    const fresh = report?.installed.length === 0 ? interpreter : await machine.reprobe(line.python);
    if (fresh) {
      const written = await writeLineShims(tx, line, fresh);
      if (report) {
        out(`pyshim: ${version} bootstrapped (${report.installed.length ? 'installed ' + report.installed.join(', ') : 'nothing to install'}${report.unavailable.length ? '; unavailable: ' + report.unavailable.join(', ') : ''})`);
        out(`  virtualenv-${version} uses: ${written.label}`);
        out(`  log: ${tildify(report.log, home)}`);
      }
    }
  }
}

export async function bootstrap(ctx: Context, target: string, options: BootstrapCommandOptions): Promise<void> {
  const version = parseLineVersion(target);
  checkOptions(version, options);
  await transaction(ctx, (tx) => bootstrapIn(tx, version, options));
}
