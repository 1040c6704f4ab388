/**
 * One bootstrap run's shared state and its ways of running things: the
 * line's interpreter, the run's log and progress, what it has installed so
 * far, what it learned about the interpreter (ssl, setuptools), and how pip
 * may reach packages (an HTTPS index needs _ssl).
 *
 * API
 *   new Session(ctx, line, interpreter, options, onLog)
 *   session.run(args, extraEnv?)       the interpreter with these arguments, logged → { ok, output }
 *   session.pipInstall(pkg, how)       one `pip install --user PKG`, made to fail fast → { ok, output, unreachable? }
 *   session.facts()                    { ssl, setuptools }, asked once
 *   session.checkSsl()                 without _ssl: keep pip to --find-links (session.index), or set session.blocked
 *   session.fail(what, output)         the error for a step that failed, with the end of its output
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Context } from '../context.js';
import type { Interpreter } from '../discovery/interpreter.js';
import { PyshimError } from '../errors.js';
import { lastLines, RunLog } from '../util/log.js';
import { Progress } from '../util/progress.js';
import { tildify } from '../util/ui.js';
import { releaseName } from '../version.js';
import { pipInstallArgs, unreachableIndex, type IndexOptions } from './pip-args.js';
import type { PipRun } from '../pip-run.js';

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

/** What the interpreter can do that decides how pip may be used: reach HTTPS (the _ssl module), and build sdists with an old pip (setuptools). */
export interface PythonFacts {
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

/** Whether pip would go to an HTTPS index with these options (the default index is https://pypi.org). */
function usesHttpsIndex(options: IndexOptions): boolean {
  return !options.offline && !/^(http|file):/i.test(options.indexUrl ?? '');
}

/** How one pip install is run: the line's way, or an unpacked wheel's on PYTHONPATH; extra flags before the package. */
export interface PipHow {
  pip: string[];
  flags?: string[];
  env?: Record<string, string>;
}

export class Session {
  readonly python: string;
  readonly log: RunLog;
  readonly progress = new Progress();
  readonly report: BootstrapReport;
  /** X.Y.Z as the user knows it (2.6.0rc2). */
  readonly release: string;
  /** The command that gives pip its packages without an index. */
  readonly withWheels: string;
  /** How pip reaches packages: the options, or --find-links only (--no-index) for a Python without _ssl. */
  index: IndexOptions;
  /** Why pip cannot fetch anything at all (no _ssl, no --find-links), once known. */
  blocked?: string;
  private known?: PythonFacts;

  constructor(
    readonly ctx: Context,
    readonly line: string,
    readonly interpreter: Interpreter,
    readonly options: BootstrapOptions,
    onLog: (file: string) => void,
  ) {
    this.python = interpreter.path;
    this.log = new RunLog(ctx.paths.logs, `bootstrap-${line}`);
    onLog(this.log.file);
    this.log.line(`pyshim bootstrap ${line} (${this.python})`);
    this.report = { installed: [], present: [], unavailable: [], log: this.log.file };
    this.release = releaseName(interpreter.version, interpreter.releaselevel, interpreter.serial);
    this.withWheels = `pyshim bootstrap ${line} --find-links DIR (a directory of wheels)`;
    this.index = options;
  }

  async run(args: string[], extraEnv: Record<string, string> = {}): Promise<{ ok: boolean; output: string }> {
    const { execa } = await import('execa');
    this.log.line(`\n$ ${Object.entries(extraEnv).map(([k, v]) => `${k}=${v} `).join('')}${this.python} ${args.join(' ')}`);
    const result = await execa(this.python, args, {
      env: { ...this.ctx.env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PYTHONIOENCODING: 'utf-8', ...extraEnv },
      extendEnv: false,
      reject: false,
      all: true,
      stdin: 'ignore',
      timeout: 15 * 60_000,
    });
    const output = String(result.all ?? '');
    this.log.line(output + `\n[exit ${result.exitCode ?? 'killed'}]`);
    return { ok: result.exitCode === 0 && !result.failed, output };
  }

  /**
   * One `pip install --user PKG`, made to fail fast: no retries (unless the
   * user set PIP_RETRIES) — re-running the command is the retry, and an
   * unreachable index then costs one attempt, not five with back-off per
   * page — and a verbose --log, where pip names each URL it could not fetch.
   * Returns that URL's index when it is why the install failed.
   */
  async pipInstall(pkg: string, how: PipHow): Promise<{ ok: boolean; output: string; unreachable?: string }> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-pip-'));
    try {
      const logFile = path.join(dir, 'pip.log');
      const retries = this.ctx.env.PIP_RETRIES === undefined ? 0 : undefined;
      const runOptions = { retries, pip: how.pip, flags: how.flags };
      let result = await this.run(pipInstallArgs(pkg, this.index, { ...runOptions, logFile }), how.env);
      if (result.ok) return result;
      let debug = '';
      try {
        debug = fs.readFileSync(logFile, 'utf8');
      } catch {
        // pip stopped before it opened its log
      }
      if (!debug && /Traceback[^]*logging/.test(result.output)) {
        // pip's --log handler can crash on an old interpreter's logging (pip 9 on 2.6rc2): without it, then.
        this.log.line('pyshim: pip crashed in its --log handler; once more without --log');
        result = await this.run(pipInstallArgs(pkg, this.index, runOptions), how.env);
        if (result.ok) return result;
      }
      const unreachable = unreachableIndex(result.output, debug, pkg);
      for (const line of debug.split('\n').filter((l) => l.includes('Could not fetch URL'))) this.log.line(`[pip --log] ${line}`);
      return { ...result, unreachable };
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  async facts(): Promise<PythonFacts> {
    if (this.known) return this.known;
    const { execa } = await import('execa');
    const result = await execa(this.python, ['-c', FACTS_SCRIPT], { env: { ...this.ctx.env, PYTHONWARNINGS: 'ignore' }, extendEnv: false, reject: false, stdin: 'ignore', timeout: 60_000 });
    const [ssl, setuptools] = String(result.stdout).trim().split(' ');
    this.log.line(`\npyshim: ssl importable: ${ssl === '1'}; setuptools importable: ${setuptools === '1'}`);
    this.known = { ssl: ssl === '1', setuptools: setuptools === '1' };
    return this.known;
  }

  /** Without _ssl, pip cannot reach an HTTPS index: keep it to --find-links, or say why nothing can be fetched. */
  async checkSsl(): Promise<void> {
    if (this.blocked !== undefined || this.index.offline || !usesHttpsIndex(this.options) || (await this.facts()).ssl) return;
    if (this.options.findLinks) {
      this.index = { ...this.options, offline: true };
      this.log.line(`pyshim: Python ${this.release} has no _ssl: pip cannot reach an HTTPS index, so it uses only --find-links ${this.options.findLinks}`);
    } else {
      this.blocked = `Python ${this.release} has no _ssl, so pip cannot reach an HTTPS package index`;
    }
  }

  /** The step failed: the end of what it printed, and the log to read. */
  fail(what: string, output: string): never {
    this.progress.fail('failed');
    throw new PyshimError(`${what} failed for ${this.line}; the last lines of its log:\n${lastLines(output, 8)}`, `read the whole log: ${tildify(this.log.file, this.ctx.paths.home)}`);
  }
}
