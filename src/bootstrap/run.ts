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
import { decidePipRun, pipNeedsSetuptools, type PipRun } from './pip-run.js';
import { compareVersions, releaseName } from '../version.js';
import { pipWords } from '../registry/registry.js';

export interface BootstrapOptions extends IndexOptions {
  /** Tools whose absence is an error rather than a warning. */
  require?: string[];
  /** How the line runs pip, as decided before (Line.pip): not tried again while pip stays. */
  pip?: PipRun;
}

export interface BootstrapReport {
  installed: string[];
  present: string[];
  unavailable: string[];
  log: string;
  /** How the line runs pip now, when it has one. */
  pip?: PipRun;
}

async function run(python: string, args: string[], ctx: Context, log: RunLog, extraEnv: Record<string, string> = {}): Promise<{ ok: boolean; output: string }> {
  const { execa } = await import('execa');
  log.line(`\n$ ${Object.entries(extraEnv).map(([k, v]) => `${k}=${v} `).join('')}${python} ${args.join(' ')}`);
  const result = await execa(python, args, {
    env: { ...ctx.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PYTHONIOENCODING: 'utf-8', ...extraEnv },
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
 * One `pip install --user PKG`, made to fail fast: no retries (unless the
 * user set PIP_RETRIES) — re-running the command is the retry, and an
 * unreachable index then costs one attempt, not five with back-off per page —
 * and a verbose --log, where pip names each URL it could not fetch. Returns
 * that URL's index when it is why the install failed. `how` says how pip is
 * run (the line's way, or from an unpacked wheel on PYTHONPATH).
 */
async function pipInstall(
  python: string,
  pkg: string,
  options: IndexOptions,
  ctx: Context,
  log: RunLog,
  how: { pip: string[]; flags?: string[]; env?: Record<string, string> },
): Promise<{ ok: boolean; output: string; unreachable?: string }> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-pip-'));
  try {
    const logFile = path.join(dir, 'pip.log');
    const retries = ctx.env.PIP_RETRIES === undefined ? 0 : undefined;
    const runOptions = { retries, pip: how.pip, flags: how.flags };
    let result = await run(python, pipInstallArgs(pkg, options, { ...runOptions, logFile }), ctx, log, how.env);
    if (result.ok) return result;
    let debug = '';
    try {
      debug = fs.readFileSync(logFile, 'utf8');
    } catch {
      // pip stopped before it opened its log
    }
    if (!debug && /Traceback[^]*logging/.test(result.output)) {
      // pip's --log handler can crash on an old interpreter's logging (pip 9 on 2.6rc2): without it, then.
      log.line('pyshim: pip crashed in its --log handler; once more without --log');
      result = await run(python, pipInstallArgs(pkg, options, runOptions), ctx, log, how.env);
      if (result.ok) return result;
    }
    const unreachable = unreachableIndex(result.output, debug, pkg);
    for (const line of debug.split('\n').filter((l) => l.includes('Could not fetch URL'))) log.line(`[pip --log] ${line}`);
    return { ...result, unreachable };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What the interpreter can do that decides how pip may be used: reach HTTPS (the _ssl module), and build sdists with an old pip (setuptools). */
interface PythonFacts {
  ssl: boolean;
  setuptools: boolean;
}

const FACTS_SCRIPT = [
  'import sys',
  'found = []',
  "for name in ('ssl', 'setuptools'):",
  '    try:',
  '        __import__(name)',
  "        found.append('1')",
  '    except Exception:',
  "        found.append('0')",
  "sys.stdout.write(' '.join(found) + '\\n')",
].join('\n');

async function readFacts(python: string, ctx: Context, log: RunLog): Promise<PythonFacts> {
  const { execa } = await import('execa');
  const result = await execa(python, ['-c', FACTS_SCRIPT], { env: { ...ctx.env, PYTHONWARNINGS: 'ignore' }, extendEnv: false, reject: false, stdin: 'ignore', timeout: 60_000 });
  const [ssl, setuptools] = String(result.stdout).trim().split(' ');
  log.line(`\npyshim: ssl importable: ${ssl === '1'}; setuptools importable: ${setuptools === '1'}`);
  return { ssl: ssl === '1', setuptools: setuptools === '1' };
}

/** Whether pip would go to an HTTPS index with these options (the default index is https://pypi.org). */
function usesHttpsIndex(options: IndexOptions): boolean {
  return !options.offline && !/^(http|file):/i.test(options.indexUrl ?? '');
}

/** The newest pip wheel in a local --find-links directory, or undefined. */
export function pipWheelIn(dir: string): string | undefined {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return undefined;
  }
  const wheels = names.filter((f) => /^pip-\d[^-]*-.*\.whl$/.test(f));
  const version = (f: string) => f.split('-')[1] ?? '0';
  return wheels.sort((a, b) => compareVersions(version(a), version(b))).pop();
}

/**
 * The recipe's steps 2–4 for one line, into its user site: pip (with
 * setuptools where that pip needs it), virtualenv, virtualenvwrapper.
 * Idempotent: what is already importable is confirmed, not reinstalled.
 *
 * pip comes from the interpreter (already there), its ensurepip, or — for a
 * Python with neither (2.6, 3.3) — from the pip wheel in --find-links,
 * unpacked and run from there (run from the zip, 2.6's zipimport gives pip's
 * __main__ no __file__): it installs setuptools and pip into the user site.
 * How the line runs pip is decided by trying (pip-run.ts) and returned.
 *
 * An index pip could not reach is said as such, with the way to go without
 * it, and is not asked again in this run: the tools after it are reported
 * as not tried. "The index has no version" is said only when it answered.
 * A Python without _ssl cannot reach an HTTPS index at all: with
 * --find-links pip is kept to it (--no-index); without, that is said.
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
  let known: PythonFacts | undefined;
  const facts = async () => (known ??= await readFacts(python, ctx, log));
  const release = releaseName(interpreter.version, interpreter.releaselevel, interpreter.serial);
  const withWheels = `pyshim bootstrap ${line} --find-links DIR (a directory of wheels)`;
  // Without _ssl, pip cannot reach an HTTPS index: keep it to --find-links, or say why nothing can be installed.
  let index: IndexOptions = options;
  let blocked: string | undefined;
  const checkSsl = async (): Promise<void> => {
    if (blocked !== undefined || index.offline || !usesHttpsIndex(options) || (await facts()).ssl) return;
    if (options.findLinks) {
      index = { ...options, offline: true };
      log.line(`pyshim: Python ${release} has no _ssl: pip cannot reach an HTTPS index, so it uses only --find-links ${options.findLinks}`);
    } else {
      blocked = `Python ${release} has no _ssl, so pip cannot reach an HTTPS package index`;
    }
  };

  try {
    report.pip = await ensurePip();
    const pip = pipWords(report);

    if (pipNeedsSetuptools(report.pip.version) && !(await facts()).setuptools) {
      progress.start('setuptools');
      await checkSsl();
      if (blocked) {
        progress.warn(`not installed: ${blocked}; pip ${report.pip.version} cannot install from source distributions without it; to install it: ${withWheels}`);
      } else {
        const result = await pipInstall(python, 'setuptools', index, ctx, log, { pip });
        if (result.ok) {
          progress.done(`installed into the user site (pip ${report.pip.version} needs it for source distributions)`);
          report.installed.push('setuptools');
        } else if (result.unreachable !== undefined || notAvailable(result.output)) {
          progress.warn(`not installed (${result.unreachable !== undefined ? `could not reach ${result.unreachable}` : 'the index has none for this Python'}); pip ${report.pip.version} cannot install from source distributions without it; to install it: ${withWheels}`);
        } else {
          failWith('installing setuptools', result.output);
        }
      }
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
      await checkSsl();
      if (blocked !== undefined) {
        if (options.require?.includes(tool)) {
          progress.fail('not installed');
          throw new PyshimError(`${blocked} to install ${tool}`, `give pip the packages: ${withWheels}`);
        }
        progress.warn(`not installed: ${blocked}; ${fallbackFor(tool)}; to install it: ${withWheels}`);
        report.unavailable.push(tool);
        continue;
      }
      if (unreachable !== undefined) {
        if (options.require?.includes(tool)) {
          progress.fail('not tried');
          throw new PyshimError(`could not reach the package index (${unreachable}) to install ${tool} for Python ${release}`, `install it without the index: ${offlineWayOut}`);
        }
        progress.warn(`not tried: could not reach the package index (${unreachable}); ${fallbackFor(tool)}`);
        report.unavailable.push(tool);
        continue;
      }
      const result = await pipInstall(python, tool, index, ctx, log, { pip });
      if (result.ok) {
        progress.done('installed into the user site');
        report.installed.push(tool);
      } else if (result.unreachable !== undefined) {
        unreachable = result.unreachable;
        log.line(`pyshim: could not reach the package index (${unreachable}); not asked again in this run`);
        if (options.require?.includes(tool)) {
          progress.fail('could not reach the package index');
          throw new PyshimError(
            `could not reach the package index (${unreachable}) to install ${tool} for Python ${release}`,
            `install it without the index: ${offlineWayOut}; log: ${tildify(log.file, home)}`,
          );
        }
        progress.warn(`could not reach the package index (${unreachable}); ${fallbackFor(tool)}; to install it without the index: ${offlineWayOut}`);
        report.unavailable.push(tool);
      } else if (notAvailable(result.output)) {
        if (options.require?.includes(tool)) {
          progress.fail('not available');
          throw new PyshimError(
            `the package index has no ${tool} for Python ${release}`,
            `give pip a source that has it: pyshim bootstrap ${line} --find-links DIR (or --index-url URL); log: ${tildify(log.file, home)}`,
          );
        }
        const where = index === options ? 'the package index has' : `--find-links ${options.findLinks} has`;
        const why = index === options ? '' : ', and without _ssl pip cannot reach an HTTPS index';
        progress.warn(`${where} no version for Python ${release}${why}; ${fallbackFor(tool)}`);
        report.unavailable.push(tool);
      } else {
        failWith(`installing ${tool}`, result.output);
      }
    }
    return report;
  } finally {
    log.close();
  }

  /** pip for the line, however it can be had; how the line runs it. */
  async function ensurePip(): Promise<PipRun> {
    if (interpreter.modules.pip) {
      progress.start('pip');
      const decided = options.pip ?? (await decide());
      if (!decided) failWith('running pip (neither -m pip nor -m pip.__main__ answered)', log.tail(8));
      progress.done(`already there (pip ${decided!.version}, run as -m ${decided!.module})`);
      report.present.push('pip');
      return decided!;
    }
    const wheel = options.findLinks ? pipWheelIn(options.findLinks) : undefined;
    if (interpreter.modules.ensurepip) {
      progress.start('pip');
      const result = await run(python, ['-m', 'ensurepip', '--user'], ctx, log);
      if (result.ok || !wheel) {
        if (!result.ok) failWith('installing pip (ensurepip)', result.output);
        return installed('from its ensurepip');
      }
      progress.warn('its ensurepip failed; trying the pip wheel in --find-links');
    }
    if (!wheel) {
      const source = options.findLinks && /^[a-z]+:\/\//i.test(options.findLinks) ? ' (--find-links must be a local directory for this)' : options.findLinks ? ` (there is none in ${options.findLinks})` : '';
      progress.start('pip');
      progress.fail('no pip, no ensurepip');
      throw new PyshimError(
        `Python ${release} has neither pip nor ensurepip, and pyshim has no pip wheel to start from${source}`,
        `give it a directory with wheels of pip, setuptools and virtualenv for ${line}${line === '2.6' ? ' (pip 9.0.3, setuptools 36.8.0, virtualenv 15.2.0)' : ''}: pyshim bootstrap ${line} --find-links DIR`,
      );
    }
    return fromWheel(path.join(options.findLinks!, wheel));
  }

  async function decide(extra: Record<string, string> = {}): Promise<PipRun | undefined> {
    const tried = await decidePipRun(python, ctx.env, extra);
    log.line(`\n${tried.output}`);
    return tried.run;
  }

  async function installed(how: string): Promise<PipRun> {
    const decided = await decide();
    if (!decided) failWith('running the pip just installed (neither -m pip nor -m pip.__main__ answered)', log.tail(8));
    progress.done(`installed into the user site ${how} (pip ${decided!.version}, run as -m ${decided!.module})`);
    report.installed.push('pip');
    return decided!;
  }

  /** setuptools and pip into the user site, by the pip of an unpacked wheel on PYTHONPATH. */
  async function fromWheel(wheel: string): Promise<PipRun> {
    const unpacked = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-pip-wheel-'));
    try {
      // Python's own zipfile: the interpreter at hand can always read a wheel.
      const unzip = await run(python, ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', wheel, unpacked], ctx, log);
      if (!unzip.ok) failWith(`unpacking ${path.basename(wheel)}`, unzip.output);
      const env = { PYTHONPATH: unpacked };
      const runner = await decide(env);
      if (!runner) failWith(`running pip from ${path.basename(wheel)}`, log.tail(8));
      const pip = ['-m', runner!.module];
      await checkSsl();
      if (blocked) {
        progress.start('pip');
        progress.fail('no _ssl');
        throw new PyshimError(`${blocked}, which the pip wheel would need to fetch setuptools`, `give pip the packages: ${withWheels}`);
      }
      if (!(await facts()).setuptools) {
        progress.start('setuptools');
        const result = await pipInstall(python, 'setuptools', index, ctx, log, { pip, env });
        if (!result.ok) failWith('installing setuptools', result.output);
        progress.done(`installed into the user site by pip ${runner!.version} from its wheel`);
        report.installed.push('setuptools');
        known!.setuptools = true;
      }
      progress.start('pip');
      // The pip on PYTHONPATH would count as installed already: install it anyway.
      const result = await pipInstall(python, 'pip', index, ctx, log, { pip, env, flags: ['--ignore-installed'] });
      if (!result.ok) failWith('installing pip', result.output);
      return await installed(`from ${path.basename(wheel)}`);
    } finally {
      fs.rmSync(unpacked, { recursive: true, force: true });
    }
  }
}
