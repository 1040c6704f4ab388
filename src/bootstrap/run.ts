import fs from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import { PyshimError } from '../errors.js';
import type { Interpreter } from '../discovery/interpreter.js';
import { Progress } from '../util/progress.js';
import { tildify } from '../util/ui.js';
import { RunLog, lastLines } from '../util/log.js';
import { notAvailable, pipInstallArgs, type IndexOptions } from './pip-args.js';

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
 * The recipe's steps 2–4 for one line, into its user site: pip, virtualenv,
 * virtualenvwrapper. Idempotent: what is already importable is confirmed,
 * not reinstalled.
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

    for (const tool of ['virtualenv', 'virtualenvwrapper'] as const) {
      progress.start(tool);
      if (interpreter.modules[tool]) {
        progress.done('already there');
        report.present.push(tool);
        continue;
      }
      const result = await run(python, pipInstallArgs(tool, options), ctx, log);
      if (result.ok) {
        progress.done('installed into the user site');
        report.installed.push(tool);
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
