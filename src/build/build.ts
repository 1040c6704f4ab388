import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Context } from '../context.js';
import { PyshimError } from '../errors.js';
import { Progress } from '../util/progress.js';
import { out, tildify } from '../util/ui.js';
import { download, sha256Of } from './download.js';
import { CompileCounter, downloadBar, formatBytes, formatDuration, LiveStatus, percentStep } from './live.js';
import { RunLog } from '../util/log.js';
import { missingReport, type OptionalModule } from './optional-modules.js';
import { checkModules } from './check-modules.js';
import { runLogged, type RunResult } from './run.js';
import { checkLine, readSourceTree, sourceKind, unpack } from './source.js';
import type { SourceVersion } from './patchlevel.js';

export interface BuildOptions {
  /** A source directory, a tarball, or a URL. */
  source: string;
  jobs?: number;
  sha256?: string;
  /** false: register without installing pip/virtualenv into the user site. */
  bootstrap?: boolean;
  /** Passed to ./configure after --prefix. */
  configureArgs?: string[];
}

export interface BuildResult {
  version: SourceVersion;
  prefix: string;
  python: string;
  missing: OptionalModule[];
  log: string;
}

/** What a build pyshim made records about itself, next to bin/ and lib/. */
export const BUILD_MARKER = '.pyshim-build.json';

// A user's Python or pip settings must not leak into the build: PYTHONHOME
// breaks the new interpreter's first run, PIP_USER or PIP_REQUIRE_VIRTUALENV
// break ensurepip during `make altinstall`.
function buildEnv(env: Context['env']): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(env).filter(([name]) => !/^(PYTHON|PIP_)/.test(name)));
}

function removeQuietly(target: string): void {
  try {
    fs.rmSync(target, { recursive: true, force: true });
  } catch {
    // best effort: a leftover under the cache is harmless, and reported below by the caller's check
  }
}

export async function buildPython(ctx: Context, line: string, options: BuildOptions): Promise<BuildResult> {
  const home = ctx.paths.home;
  const began = performance.now();
  const jobs = options.jobs ?? Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
  const kind = sourceKind(options.source);
  if (kind === 'directory' && options.sha256) {
    throw new PyshimError('--sha256 checks a tarball or a download, not a directory', `drop --sha256, or give the tarball: pyshim python build ${line} --source Python-X.Y.Z.tar.xz --sha256 …`, 2);
  }
  const progress = new Progress();
  const live = new LiveStatus();
  const log = new RunLog(ctx.paths.logs, `build-${line}`);
  const shownLog = tildify(log.file, home);
  log.line(`pyshim python build ${line} --source ${options.source} --jobs ${jobs}${options.configureArgs?.length ? ` -- ${options.configureArgs.join(' ')}` : ''}`);

  fs.mkdirSync(path.join(ctx.paths.cache, 'build'), { recursive: true });
  const work = fs.mkdtempSync(path.join(ctx.paths.cache, 'build', `${line}-`));
  let staging: string | undefined;

  let label = `Python ${line}`;
  /** `attach`: files worth keeping in the log (config.log), added after the tail is taken. */
  const failed = (step: string, result: RunResult, extraHint = '', attach: string[] = []): never => {
    live.clear();
    if (result.interrupted) {
      progress.fail('interrupted');
      throw new PyshimError(`the build of ${label} was interrupted; nothing was installed`, `run the same command again to start over (log: ${shownLog})`);
    }
    progress.fail(`failed (exit ${result.exitCode ?? 'unknown'})`);
    const tail = log.tail();
    for (const file of attach) {
      if (!fs.existsSync(file)) continue;
      log.line(`\n----- ${file} -----`);
      log.write(fs.readFileSync(file));
    }
    throw new PyshimError(`${step} failed for ${label}; nothing was installed. The last lines of the log:\n${tail}`, `${extraHint}read the whole log: ${shownLog}`);
  };

  try {
    // 1. The source: download, unpack, and read what version it is.
    let tarball: string | undefined = kind === 'tarball' ? options.source : undefined;
    if (kind === 'url') tarball = await fetchSource(ctx, options, progress, live, log);
    else if (tarball && options.sha256) {
      const actual = await sha256Of(tarball);
      if (actual !== options.sha256) {
        throw new PyshimError(`${options.source} does not match --sha256 (expected ${options.sha256}, got ${actual})`, 'check the checksum against the release page');
      }
    }
    let srcdir = path.resolve(options.source);
    if (tarball) {
      progress.start('unpack');
      try {
        srcdir = await unpack(tarball, path.join(work, 'src'));
      } catch (error) {
        progress.fail('failed');
        throw error;
      }
      progress.done(`${tildify(srcdir, home)}`);
    }
    const shownSource = kind === 'url' ? options.source : tildify(path.resolve(options.source), home);
    const version = readSourceTree(srcdir, shownSource);
    checkLine(line, version, shownSource);
    log.line(`source: ${srcdir} (PY_VERSION ${version.declared})`);
    label = `Python ${version.declared}`;
    if (kind === 'directory' && fs.existsSync(path.join(srcdir, 'config.status'))) {
      throw new PyshimError(
        `${shownSource} has been configured in place; pyshim builds out of the tree, which configure then refuses`,
        `clean it first: (cd ${shownSource} && make distclean), or give the release tarball`,
      );
    }
    const prefix = path.join(ctx.paths.pythons, version.release);
    if (fs.existsSync(prefix)) {
      throw new PyshimError(
        `Python ${version.release} is already built at ${tildify(prefix, home)}`,
        `remove it first to rebuild: pyshim python uninstall ${version.release}`,
      );
    }

    // 2. configure and make out of the tree, in the cache: the user's source
    // directory is only read.
    const build = path.join(work, 'build');
    fs.mkdirSync(build, { recursive: true });
    const env = buildEnv(ctx.env);
    progress.start('configure');
    let lastCheck = '';
    const configured = await runLogged(path.join(srcdir, 'configure'), [`--prefix=${prefix}`, ...(options.configureArgs ?? [])], {
      cwd: build,
      env,
      log,
      onOutput: (text) => {
        const checking = text.split('\n').filter((l) => l.startsWith('checking ')).pop();
        if (checking) lastCheck = checking;
        if (lastCheck) live.update(lastCheck);
      },
    });
    if (!configured.ok) failed('configure', configured, 'a missing compiler or a bad configure option is the usual cause (config.log is in the log); ', [path.join(build, 'config.log')]);
    live.clear();
    progress.done(`prefix ${tildify(prefix, home)}${options.configureArgs?.length ? ` (with ${options.configureArgs.join(' ')})` : ''}`);

    progress.start(`make -j${jobs}`);
    const counter = new CompileCounter();
    const makeStarted = performance.now();
    const ticker = setInterval(() => live.update(`make: ${counter.count} files compiled, ${formatDuration(performance.now() - makeStarted)}`), 1000);
    let made: RunResult;
    try {
      made = await runLogged('make', [`-j${jobs}`], {
        cwd: build,
        env,
        log,
        onOutput: (text) => {
          counter.feed(text);
          live.update(`make: ${counter.count} files compiled, ${formatDuration(performance.now() - makeStarted)}`);
        },
      });
    } finally {
      clearInterval(ticker);
    }
    if (!made.ok) failed('make', made);
    live.clear();
    progress.done(`${counter.count} files compiled`);

    // 3. make altinstall into a staging root, then one rename into place:
    // a failure or Ctrl-C leaves no half-installed prefix, and the prefix
    // baked into scripts and sysconfig is the final one.
    progress.start('install');
    fs.mkdirSync(ctx.paths.pythons, { recursive: true });
    staging = fs.mkdtempSync(path.join(ctx.paths.pythons, `.staging-${version.release}-`));
    const installed = await runLogged('make', ['altinstall', `DESTDIR=${staging}`], { cwd: build, env, log });
    if (!installed.ok) {
      const built = path.join(build, fs.existsSync(path.join(build, 'python.exe')) ? 'python.exe' : 'python');
      const missing = fs.existsSync(built) ? await checkModules(built, version.release, env).catch(() => []) : [];
      const report = missingReport(missing.filter((m) => m.name === 'zlib' || m.name === '_ssl'));
      failed('make altinstall', installed, report.modules.length ? `it built without ${report.modules.join(', ')}, which ensurepip needs: ${report.commands[0]?.command}; ` : '');
    }
    const staged = path.join(staging, prefix);
    const python = path.join(prefix, 'bin', `python${line}`);
    if (!fs.existsSync(path.join(staged, 'bin', `python${line}`))) {
      progress.fail('no interpreter installed');
      throw new PyshimError(`make altinstall installed no bin/python${line}; nothing was installed`, `read the log: ${shownLog}`);
    }
    // The staged interpreter finds its library next to itself, so it can be
    // checked before it is put in place: one that cannot start never is.
    let missing: OptionalModule[];
    try {
      missing = await checkModules(path.join(staged, 'bin', `python${line}`), version.release, env);
    } catch (error) {
      progress.fail('the new interpreter does not start');
      log.line(String((error as Error).message));
      throw new PyshimError(`the newly built python${line} does not start; nothing was installed. The last lines of the log:\n${log.tail()}`, `read the whole log: ${shownLog}`);
    }
    fixPipShebangs(path.join(staged, 'bin'), prefix, line);
    fs.writeFileSync(
      path.join(staged, BUILD_MARKER),
      JSON.stringify({ version: version.declared, source: options.source, configureArgs: options.configureArgs ?? [], builtAt: new Date().toISOString(), log: log.file }, null, 2) + '\n',
    );
    try {
      fs.renameSync(staged, prefix);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOTEMPTY' || code === 'EEXIST') {
        progress.fail('another build finished first');
        throw new PyshimError(`Python ${version.release} appeared at ${tildify(prefix, home)} while this build ran`, `keep that one, or remove it and build again: pyshim python uninstall ${version.release}`);
      }
      throw error;
    }
    progress.done(`${tildify(prefix, home)}${missing.length ? `; ${missing.length} optional modules missing (below)` : ''}`);

    // 4. Register the line as `pyshim add` would.
    progress.start('register');
    const { add } = await import('../commands/add.js');
    await add(ctx, python, { bootstrap: options.bootstrap });
    progress.done(`line ${line}`);

    out(`pyshim: built Python ${version.declared} in ${formatDuration(performance.now() - began)} → ${tildify(prefix, home)}`);
    out(`  log: ${shownLog}`);
    printMissing(missing, line, version.release, options.source);
    return { version, prefix, python, missing, log: log.file };
  } catch (error) {
    // The log tells the whole story, refusals included.
    log.line(`\npyshim: error: ${(error as Error).message}`);
    throw error;
  } finally {
    live.clear();
    log.close();
    if (staging) removeQuietly(staging);
    removeQuietly(work);
  }
}

/**
 * ensurepip, run by `make altinstall`, names bin/pythonX.Y in pip's #! line
 * only if that file exists at the final prefix; installed into a staging root
 * it does not yet, and pip falls back to bin/python, which altinstall never
 * installs. Point those scripts at bin/pythonX.Y, as a direct install would.
 */
export function fixPipShebangs(stagedBin: string, prefix: string, line: string): string[] {
  const wrong = `#!${path.join(prefix, 'bin', 'python')}\n`;
  const right = `#!${path.join(prefix, 'bin', `python${line}`)}\n`;
  const fixed: string[] = [];
  for (const name of fs.readdirSync(stagedBin)) {
    const file = path.join(stagedBin, name);
    if (!fs.lstatSync(file).isFile()) continue;
    const head = Buffer.alloc(wrong.length);
    const fd = fs.openSync(file, 'r');
    const n = fs.readSync(fd, head, 0, head.length, 0);
    fs.closeSync(fd);
    if (n !== head.length || head.toString('utf8') !== wrong) continue;
    const text = fs.readFileSync(file);
    fs.writeFileSync(file, Buffer.concat([Buffer.from(right), text.subarray(wrong.length)]));
    fixed.push(name);
  }
  return fixed;
}

function printMissing(missing: OptionalModule[], line: string, release: string, source: string): void {
  const report = missingReport(missing);
  if (report.modules.length === 0) {
    out('  every optional module built');
    return;
  }
  out(`  optional modules that did not build (their library headers were missing):`);
  for (const m of report.modules) out(`    ${m}`);
  out('  to have them, install the headers and build again:');
  for (const c of report.commands) out(`    ${c.platform}: ${c.command}`);
  out(`    then: pyshim python uninstall ${release} && pyshim python build ${line} --source ${source}`);
}

/** Download a URL into pyshim's cache, with a bar on a terminal and 10% lines elsewhere. */
async function fetchSource(ctx: Context, options: BuildOptions, progress: Progress, live: LiveStatus, log: RunLog): Promise<string> {
  // One directory per URL: two releases may share a file name on different hosts.
  const key = createHash('sha256').update(options.source).digest('hex').slice(0, 12);
  const dir = path.join(ctx.paths.cache, 'downloads', key);
  progress.start('download');
  let lastStep: number | undefined = -1;
  try {
    const got = await download({
      url: options.source,
      dir,
      sha256: options.sha256,
      onProgress: (received, total) => {
        if (live.tty) return live.update(downloadBar(received, total));
        const step = percentStep(received, total);
        if (step === undefined) return live.update(downloadBar(received, total));
        if (step !== lastStep) {
          lastStep = step;
          live.update(`${step}%  ${formatBytes(received)} of ${formatBytes(total ?? 0)}`, true);
        }
      },
      onRetry: (reason, from) => {
        live.clear();
        log.line(`download: ${reason}; retrying from byte ${from}`);
        process.stderr.write(`  ${reason}; retrying from byte ${from}\n`);
      },
    });
    live.clear();
    log.line(`download: ${options.source} → ${got.file} (${got.bytes} bytes${got.cached ? ', cached' : ''}${got.resumedFrom ? `, resumed at ${got.resumedFrom}` : ''})`);
    const how = got.cached ? 'cached' : got.resumedFrom ? `resumed at ${formatBytes(got.resumedFrom)}` : 'downloaded';
    progress.done(`${formatBytes(got.bytes)} ${how}${options.sha256 ? ', sha256 verified' : ''}`);
    return got.file;
  } catch (error) {
    live.clear();
    progress.fail('failed');
    throw error;
  }
}
