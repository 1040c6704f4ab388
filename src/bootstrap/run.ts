import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Context } from '../context.js';
import { PyshimError } from '../errors.js';
import type { Interpreter } from '../discovery/interpreter.js';
import { Progress } from '../util/progress.js';
import { tildify } from '../util/ui.js';
import { RunLog, lastLines } from '../util/log.js';
import { notAvailable, pipInstallArgs, unreachableIndex, type IndexOptions } from './pip-args.js';

export interface BootstrapOptions extends IndexOptions {
  /** Tools whose absence is an error rather than a warning. */
  require?: string[];
}

export interface BootstrapReport {
  installed: string[];
  present: string[];
  unavailable: string[];
  log: string;
}

async function run(python: string, args: string[], ctx: Context, log: RunLog): Promise<{ ok: boolean; output: string }> {
  const { execa } = await import('execa');
  log.line(`\n$ ${python} ${args.join(' ')}`);
  const result = await execa(python, args, {
    env: { ...ctx.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PYTHONIOENCODING: 'utf-8' },
    extendEnv: false,
    reject: false,
    all: true,
    stdin: 'ignore',
    timeout: 15 * 60_000,
  });
  const output = String(result.all ?? '');
  log.line(output + `\n[exit ${result.exitCode ?? 'killed'}]`);
  return { ok: result.exitCode === 0 && !result.failed, output };
}

/**
 * One `pip install --user PKG` from the index, made to fail fast: no retries
 * (unless the user set PIP_RETRIES) — re-running the command is the retry, and
 * an unreachable index then costs one attempt, not five with back-off per
 * page — and a verbose --log, where pip names each URL it could not fetch.
 * Returns that URL's index when it is why the install failed.
 */
async function pipInstall(
  python: string,
  pkg: string,
  options: IndexOptions,
  ctx: Context,
  log: RunLog,
): Promise<{ ok: boolean; output: string; unreachable?: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-pip-'));
  try {
    const logFile = path.join(dir, 'pip.log');
    const retries = ctx.env.PIP_RETRIES === undefined ? 0 : undefined;
    const result = await run(python, pipInstallArgs(pkg, options, { logFile, retries }), ctx, log);
    if (result.ok) return result;
    let debug = '';
    try {
      debug = fs.readFileSync(logFile, 'utf8');
    } catch {
      // pip stopped before it opened its log
    }
    const unreachable = unreachableIndex(result.output, debug, pkg);
    for (const line of debug.split('\n').filter((l) => l.includes('Could not fetch URL'))) log.line(`[pip --log] ${line}`);
    return { ...result, unreachable };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}


/**
 * The recipe's steps 2–4 for one line, into its user site: pip, virtualenv,
 * virtualenvwrapper. Idempotent: what is already importable is confirmed,
 * not reinstalled.
 *
 * An index pip could not reach is said as such, with the way to go without
 * it, and is not asked again in this run: the tools after it are reported
 * as not tried. "The index has no version" is said only when it answered.
 */
export async function bootstrapLine(
  ctx: Context,
  line: string,
  interpreter: Interpreter,
  options: BootstrapOptions,
  fallbackFor: (tool: string) => string,
  /** Told the log's path as soon as it exists (the transaction records it). */
  onLog: (file: string) => void = () => {},
): Promise<BootstrapReport> {
  const python = interpreter.path;
  const home = ctx.paths.home;
  const log = new RunLog(ctx.paths.logs, `bootstrap-${line}`);
  onLog(log.file);
  log.line(`pyshim bootstrap ${line} (${python})`);
  const progress = new Progress();
  const report: BootstrapReport = { installed: [], present: [], unavailable: [], log: log.file };
  const failWith = (what: string, output: string): never => {
    progress.fail('failed');
    throw new PyshimError(`${what} failed for ${line}; the last lines of its log:\n${lastLines(output, 8)}`, `read the whole log: ${tildify(log.file, home)}`);
  };

  try {
    progress.start('pip');
    if (interpreter.modules.pip) {
      progress.done('already there');
      report.present.push('pip');
    } else {
      let result = interpreter.modules.ensurepip ? await run(python, ['-m', 'ensurepip', '--user'], ctx, log) : { ok: false, output: 'no ensurepip' };
      if (!result.ok && options.findLinks) {
        // No ensurepip (a stripped distribution Python): pip can run from its own wheel.
        const wheel = fs.readdirSync(options.findLinks).find((f) => /^pip-.*\.whl$/.test(f));
        if (wheel) result = await run(python, [path.join(options.findLinks, wheel, 'pip'), ...pipInstallArgs('pip', options).slice(2)], ctx, log);
      }
      if (!result.ok) failWith('installing pip', result.output);
      progress.done('installed into the user site');
      report.installed.push('pip');
    }

    const offlineWayOut = `pyshim bootstrap ${line} --offline --find-links DIR (a directory of wheels)`;
    let unreachable: string | undefined;
    for (const tool of ['virtualenv', 'virtualenvwrapper'] as const) {
      progress.start(tool);
      if (interpreter.modules[tool]) {
        progress.done('already there');
        report.present.push(tool);
        continue;
      }
      if (unreachable !== undefined) {
        if (options.require?.includes(tool)) {
          progress.fail('not tried');
          throw new PyshimError(`could not reach the package index (${unreachable}) to install ${tool} for Python ${interpreter.version}`, `install it without the index: ${offlineWayOut}`);
        }
        progress.warn(`not tried: could not reach the package index (${unreachable}); ${fallbackFor(tool)}`);
        report.unavailable.push(tool);
        continue;
      }
      const result = await pipInstall(python, tool, options, ctx, log);
      if (result.ok) {
        progress.done('installed into the user site');
        report.installed.push(tool);
      } else if (result.unreachable !== undefined) {
        unreachable = result.unreachable;
        log.line(`pyshim: could not reach the package index (${unreachable}); not asked again in this run`);
        if (options.require?.includes(tool)) {
          progress.fail('could not reach the package index');
          throw new PyshimError(
            `could not reach the package index (${unreachable}) to install ${tool} for Python ${interpreter.version}`,
            `install it without the index: ${offlineWayOut}; log: ${tildify(log.file, home)}`,
          );
        }
        progress.warn(`could not reach the package index (${unreachable}); ${fallbackFor(tool)}; to install it without the index: ${offlineWayOut}`);
        report.unavailable.push(tool);
      } else if (notAvailable(result.output)) {
        if (options.require?.includes(tool)) {
          progress.fail('not available');
          throw new PyshimError(
            `the package index has no ${tool} for Python ${interpreter.version}`,
            `give pip a source that has it: pyshim bootstrap ${line} --find-links DIR (or --index-url URL); log: ${tildify(log.file, home)}`,
          );
        }
        progress.warn(`the package index has no version for Python ${interpreter.version}; ${fallbackFor(tool)}`);
        report.unavailable.push(tool);
      } else {
        failWith(`installing ${tool}`, result.output);
      }
    }
    return report;
  } finally {
    log.close();
  }
}
