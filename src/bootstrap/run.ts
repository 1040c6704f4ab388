import type { Context } from '../context.js';
import type { Interpreter } from '../discovery/interpreter.js';
import { PyshimError } from '../errors.js';
import { pipWords } from '../registry/registry.js';
import { tildify } from '../util/ui.js';
import { notAvailable } from './pip-args.js';
import { ensurePip } from './pip.js';
import { pipNeedsSetuptools } from '../pip-run.js';
import { Session, type BootstrapOptions, type BootstrapReport } from './session.js';

export type { BootstrapOptions, BootstrapReport } from './session.js';

/**
 * The recipe's steps 2–4 for one line, into its user site: pip (pip.ts; with
 * setuptools where that pip is older than 10 and it is missing), virtualenv,
 * virtualenvwrapper. Idempotent: what is already importable is confirmed,
 * not reinstalled. The report says how the line runs pip now.
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
  const session = new Session(ctx, line, interpreter, options, onLog);
  try {
    session.report.pip = await ensurePip(session);
    await setuptoolsFor(session, session.report.pip.version, pipWords(session.report));
    await tools(session, fallbackFor);
    return session.report;
  } finally {
    session.log.close();
  }
}

/** pip older than 10 installs from source distributions only with setuptools beside it: install it if it is missing. */
async function setuptoolsFor(session: Session, pipVersion: string, pip: string[]): Promise<void> {
  const { progress } = session;
  if (!pipNeedsSetuptools(pipVersion) || (await session.facts()).setuptools) return;
  progress.start('setuptools');
  const without = `pip ${pipVersion} cannot install from source distributions without it; to install it: ${session.withWheels}`;
  await session.checkSsl();
  if (session.blocked) return progress.warn(`not installed: ${session.blocked}; ${without}`);
  const result = await session.pipInstall('setuptools', { pip });
  if (result.ok) {
    progress.done(`installed into the user site (pip ${pipVersion} needs it for source distributions)`);
    session.report.installed.push('setuptools');
  } else if (result.unreachable !== undefined || notAvailable(result.output)) {
    progress.warn(`not installed (${result.unreachable !== undefined ? `could not reach ${result.unreachable}` : 'the index has none for this Python'}); ${without}`);
  } else {
    session.fail('installing setuptools', result.output);
  }
}

/** virtualenv and virtualenvwrapper, by the line's pip. */
async function tools(session: Session, fallbackFor: (tool: string) => string): Promise<void> {
  const { progress, report, options, interpreter, line, release } = session;
  const pip = pipWords(report);
  const logShown = tildify(session.log.file, session.ctx.paths.home);
  const offlineWayOut = `pyshim bootstrap ${line} --offline --find-links DIR (a directory of wheels)`;
  let unreachable: string | undefined;
  for (const tool of ['virtualenv', 'virtualenvwrapper'] as const) {
    progress.start(tool);
    const required = options.require?.includes(tool);
    if (interpreter.modules[tool]) {
      progress.done('already there');
      report.present.push(tool);
      continue;
    }
    await session.checkSsl();
    if (session.blocked !== undefined) {
      if (required) {
        progress.fail('not installed');
        throw new PyshimError(`${session.blocked} to install ${tool}`, `give pip the packages: ${session.withWheels}`);
      }
      progress.warn(`not installed: ${session.blocked}; ${fallbackFor(tool)}; to install it: ${session.withWheels}`);
      report.unavailable.push(tool);
      continue;
    }
    if (unreachable !== undefined) {
      if (required) {
        progress.fail('not tried');
        throw new PyshimError(`could not reach the package index (${unreachable}) to install ${tool} for Python ${release}`, `install it without the index: ${offlineWayOut}`);
      }
      progress.warn(`not tried: could not reach the package index (${unreachable}); ${fallbackFor(tool)}`);
      report.unavailable.push(tool);
      continue;
    }
    // Every dependency into the user site too, also one this interpreter has in its own site-packages:
    // the user site is shared by every Python of this X.Y (Debian's 3.11 and a pyenv 3.11 alike), and
    // a virtualenv there missing a dependency only the installing one had breaks it for the others.
    const result = await session.pipInstall(tool, { pip, flags: ['--ignore-installed'] });
    if (result.ok) {
      progress.done('installed into the user site');
      report.installed.push(tool);
    } else if (result.unreachable !== undefined) {
      unreachable = result.unreachable;
      session.log.line(`pyshim: could not reach the package index (${unreachable}); not asked again in this run`);
      if (required) {
        progress.fail('could not reach the package index');
        throw new PyshimError(`could not reach the package index (${unreachable}) to install ${tool} for Python ${release}`, `install it without the index: ${offlineWayOut}; log: ${logShown}`);
      }
      progress.warn(`could not reach the package index (${unreachable}); ${fallbackFor(tool)}; to install it without the index: ${offlineWayOut}`);
      report.unavailable.push(tool);
    } else if (notAvailable(result.output)) {
      if (required) {
        progress.fail('not available');
        throw new PyshimError(`the package index has no ${tool} for Python ${release}`, `give pip a source that has it: pyshim bootstrap ${line} --find-links DIR (or --index-url URL); log: ${logShown}`);
      }
      // Kept to --find-links for want of _ssl, the "index" that answered is that directory.
      const where = session.index === options ? 'the package index has' : `--find-links ${options.findLinks} has`;
      const why = session.index === options ? '' : ', and without _ssl pip cannot reach an HTTPS index';
      progress.warn(`${where} no version for Python ${release}${why}; ${fallbackFor(tool)}`);
      report.unavailable.push(tool);
    } else {
      session.fail(`installing ${tool}`, result.output);
    }
  }
}
