import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Context } from '../context.js';
import { PyshimError } from '../errors.js';
import { Progress } from '../util/progress.js';
import { tildify } from '../util/ui.js';
import { download, sha256Of } from './download.js';
import { CompileCounter, downloadBar, formatBytes, formatDuration, LiveStatus, percentStep } from './live.js';
import { RunLog } from '../util/log.js';
import { missingReport, parseSetupSummary, whyMissing, type MissingWhy, type OptionalModule } from './optional-modules.js';
import { adaptSource, compilerMultiarch, type Adaptation } from './old-sources.js';
import { checkModules } from './check-modules.js';
import { runLogged, type RunResult } from './run.js';
import { writeBuildRecord } from './record.js';
import { checkLine, readSourceTree, sourceKind, unpack, type SourceKind } from './source.js';
import type { SourceVersion } from './patchlevel.js';
import type { ChecksumOrigin } from './releases.js';

export interface BuildOptions {
  /** A source directory, a tarball, or a URL. */
  source: string;
  jobs?: number;
  sha256?: string;
  /** Where `sha256` came from (pyshim's table, --sha256) or that nothing checks the download (--insecure): for errors and the record. */
  checksum?: ChecksumOrigin;
  /** The release asked for (X.Y.Z): the source must declare exactly it. */
  release?: string;
  /** Passed to ./configure after --prefix. */
  configureArgs?: string[];
}

export interface BuildResult {
  version: SourceVersion;
  prefix: string;
  python: string;
  missing: MissingModule[];
  /** What pyshim gave configure so that this source builds here (old sources on new toolchains). */
  adaptations: Adaptation[];
  /** Why the build ran from a copy of --source DIR, when it did. */
  copied?: string;
  /** Whether the source ships ensurepip: without it (2.6), pip comes from wheels (--find-links). */
  ensurepip: boolean;
  log: string;
}

/** An optional module the new interpreter cannot import, and why make did not build it. */
export interface MissingModule {
  module: OptionalModule;
  why: MissingWhy;
}

/** The source tree a build reads, what version it declares, and the prefix it will be installed at. */
interface Source {
  srcdir: string;
  version: SourceVersion;
  prefix: string;
  /** Whether the source ships ensurepip (2.7.9+, 3.4+): only then does a hint mention it. */
  ensurepip: boolean;
  adaptations: Adaptation[];
  /** `gcc -print-multiarch`, or '': where headers may be. */
  multiarch: string;
  copied?: string;
}

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

/** One build's shared state: what it shows, its log, and the scratch directories it removes at the end. */
class BuildRun {
  readonly home: string;
  readonly jobs: number;
  readonly kind: SourceKind;
  readonly env: Record<string, string | undefined>;
  readonly progress = new Progress();
  readonly live = new LiveStatus();
  readonly log: RunLog;
  readonly shownLog: string;
  /** Under the cache: the unpacked source and the build tree. */
  readonly work: string;
  /** The root `make altinstall` installs into, once there is one. */
  staging?: string;
  /** What errors call the build: `Python 3.12` until the source says `Python 3.12.4`. */
  label: string;

  constructor(
    readonly ctx: Context,
    readonly line: string,
    readonly options: BuildOptions,
  ) {
    this.home = ctx.paths.home;
    this.jobs = options.jobs ?? Math.max(1, os.availableParallelism?.() ?? os.cpus().length);
    this.kind = sourceKind(options.source);
    this.env = buildEnv(ctx.env);
    this.label = `Python ${line}`;
    this.log = new RunLog(ctx.paths.logs, `build-${line}`);
    this.shownLog = tildify(this.log.file, this.home);
    this.log.line(`pyshim python build ${line} --source ${options.source} --jobs ${this.jobs}${options.configureArgs?.length ? ` -- ${options.configureArgs.join(' ')}` : ''}`);
    fs.mkdirSync(path.join(ctx.paths.cache, 'build'), { recursive: true });
    this.work = fs.mkdtempSync(path.join(ctx.paths.cache, 'build', `${line}-`));
  }

  /** A step's command failed: the end of the log in the error. `attach`: files worth keeping in the log (config.log), added after the tail is taken. */
  failed(step: string, result: RunResult, extraHint = '', attach: string[] = []): never {
    this.live.clear();
    if (result.interrupted) {
      this.progress.fail('interrupted');
      throw new PyshimError(`the build of ${this.label} was interrupted; nothing was installed`, `run the same command again to start over (log: ${this.shownLog})`);
    }
    this.progress.fail(`failed (exit ${result.exitCode ?? 'unknown'})`);
    const tail = this.log.tail();
    for (const file of attach) {
      if (!fs.existsSync(file)) continue;
      this.log.line(`\n----- ${file} -----`);
      this.log.write(fs.readFileSync(file));
    }
    throw new PyshimError(`${step} failed for ${this.label}; nothing was installed. The last lines of the log:\n${tail}`, `${extraHint}read the whole log: ${this.shownLog}`);
  }

  close(): void {
    this.live.clear();
    this.log.close();
    if (this.staging) removeQuietly(this.staging);
    removeQuietly(this.work);
  }
}

/**
 * `pyshim python build`, up to a working interpreter at its final prefix:
 * the source (downloaded, checked, unpacked, its version read), configure and
 * make out of the tree, then `make altinstall` into a staging root renamed
 * into place. Nothing is installed unless every step succeeds; the caller
 * registers the line. Throws PyshimError naming the step and the log.
 */
export async function buildPython(ctx: Context, line: string, options: BuildOptions): Promise<BuildResult> {
  if (sourceKind(options.source) === 'directory' && options.sha256) {
    throw new PyshimError('--sha256 checks a tarball or a download, not a directory', `drop --sha256, or give the tarball: pyshim python build ${line} --source Python-X.Y.Z.tar.xz --sha256 …`, 2);
  }
  const run = new BuildRun(ctx, line, options);
  try {
    const source = await prepareSource(run);
    const build = await configure(run, source);
    await make(run, build);
    const { python, missing } = await install(run, source, build);
    return {
      version: source.version,
      prefix: source.prefix,
      python,
      missing,
      adaptations: source.adaptations,
      ...(source.copied ? { copied: source.copied } : {}),
      ensurepip: source.ensurepip,
      log: run.log.file,
    };
  } catch (error) {
    // The log tells the whole story, refusals included.
    run.log.line(`\npyshim: error: ${(error as Error).message}`);
    throw error;
  } finally {
    run.close();
  }
}

/** 1. The source: downloaded or checked against --sha256, unpacked, and its version read and checked. */
async function prepareSource(run: BuildRun): Promise<Source> {
  const { options, home } = run;
  // A release named up front is refused before 25 MB are downloaded for nothing.
  if (options.release) refuseBuilt(run, options.release);
  let tarball: string | undefined = run.kind === 'tarball' ? options.source : undefined;
  if (run.kind === 'url') tarball = await fetchSource(run);
  else if (tarball && options.sha256) {
    const actual = await sha256Of(tarball);
    if (actual !== options.sha256) {
      throw new PyshimError(`${options.source} does not match --sha256 (expected ${options.sha256}, got ${actual})`, 'check the checksum against the release page');
    }
  }
  const srcdir = tarball ? await unpackStep(run, tarball) : path.resolve(options.source);
  const shownSource = run.kind === 'url' ? options.source : tildify(path.resolve(options.source), home);
  const version = readSourceTree(srcdir, shownSource);
  checkLine(run.line, version, shownSource);
  if (options.release && version.release !== options.release) {
    throw new PyshimError(`${shownSource} is the source of Python ${version.declared}, not ${options.release}`, `build it as what it is: pyshim python build ${version.release} --source ${shownSource}`);
  }
  run.log.line(`source: ${srcdir} (PY_VERSION ${version.declared})`);
  run.label = `Python ${version.declared}`;
  if (run.kind === 'directory' && fs.existsSync(path.join(srcdir, 'config.status'))) {
    throw new PyshimError(
      `${shownSource} has been configured in place; pyshim builds out of the tree, which configure then refuses`,
      `clean it first: (cd ${shownSource} && make distclean), or give the release tarball`,
    );
  }
  const prefix = refuseBuilt(run, version.release);
  const multiarch = await compilerMultiarch(run.env);
  const adaptations = await adaptSource(srcdir, run.env, multiarch);
  for (const a of adaptations) {
    // configure records them in the Makefile, where setup.py reads its search directories.
    run.env[a.variable] = a.value;
    run.log.line(`pyshim: ${a.variable}=${a.value} (${a.why})`);
  }
  const ensurepip = fs.existsSync(path.join(srcdir, 'Lib', 'ensurepip'));
  const source = { srcdir, version, prefix, ensurepip, adaptations, multiarch };
  if (run.kind !== 'directory') return source;
  return { ...source, srcdir: await copyStep(run, srcdir), copied: COPY_REASON };
}

const COPY_REASON = "a build writes into its source tree (the new interpreter's byte-code; 2.6 also Lib/plat-linuxN and its grammar files), and --source DIR is only read";

/** The user's source directory, copied into the build's scratch space; its .git linked, not copied (the build only reads it). */
async function copyStep(run: BuildRun, srcdir: string): Promise<string> {
  run.progress.start('copy the source');
  const copy = path.join(run.work, 'src');
  fs.mkdirSync(copy, { recursive: true });
  const entries = fs.readdirSync(srcdir).filter((name) => name !== '.git');
  // cp -a keeps the timestamps, so make regenerates nothing the source ships.
  const copied = await runLogged('cp', ['-a', ...entries.map((name) => path.join(srcdir, name)), copy], { cwd: run.work, env: run.env, log: run.log });
  if (!copied.ok) run.failed('copying the source', copied);
  if (fs.existsSync(path.join(srcdir, '.git'))) fs.symlinkSync(path.join(srcdir, '.git'), path.join(copy, '.git'));
  run.progress.done(`from ${tildify(srcdir, run.home)}, which stays as it was`);
  return copy;
}


/** The prefix a release is installed at; refused when a build of it is there already. */
function refuseBuilt(run: BuildRun, release: string): string {
  const prefix = path.join(run.ctx.paths.pythons, release);
  if (fs.existsSync(prefix)) {
    throw new PyshimError(`Python ${release} is already built at ${tildify(prefix, run.home)}`, `remove it first to rebuild: pyshim python uninstall ${release}`);
  }
  return prefix;
}

async function unpackStep(run: BuildRun, tarball: string): Promise<string> {
  run.progress.start('unpack');
  try {
    const srcdir = await unpack(tarball, path.join(run.work, 'src'));
    run.progress.done(tildify(srcdir, run.home));
    return srcdir;
  } catch (error) {
    run.progress.fail('failed');
    throw error;
  }
}

/** 2. configure, out of the tree in the cache: the user's source directory is only read. Returns the build tree. */
async function configure(run: BuildRun, source: Source): Promise<string> {
  const { options, live } = run;
  const build = path.join(run.work, 'build');
  fs.mkdirSync(build, { recursive: true });
  run.progress.start('configure');
  let lastCheck = '';
  const configured = await runLogged(path.join(source.srcdir, 'configure'), [`--prefix=${source.prefix}`, ...(options.configureArgs ?? [])], {
    cwd: build,
    env: run.env,
    log: run.log,
    onOutput: (text) => {
      const checking = text.split('\n').filter((l) => l.startsWith('checking ')).pop();
      if (checking) lastCheck = checking;
      if (lastCheck) live.update(lastCheck);
    },
  });
  if (!configured.ok) run.failed('configure', configured, 'a missing compiler or a bad configure option is the usual cause (config.log is in the log); ', [path.join(build, 'config.log')]);
  live.clear();
  const given = [...source.adaptations.map((a) => `${a.variable}=${a.value}`), ...(options.configureArgs ?? [])];
  run.progress.done(`prefix ${tildify(source.prefix, run.home)}${given.length ? ` (with ${given.join(' ')})` : ''}`);
  return build;
}

/** 3. make, with a count of the files compiled as it goes. */
async function make(run: BuildRun, build: string): Promise<void> {
  const { live } = run;
  run.progress.start(`make -j${run.jobs}`);
  const counter = new CompileCounter();
  const started = performance.now();
  const status = () => `make: ${counter.count} files compiled, ${formatDuration(performance.now() - started)}`;
  const ticker = setInterval(() => live.update(status()), 1000);
  let made: RunResult;
  try {
    made = await runLogged('make', [`-j${run.jobs}`], {
      cwd: build,
      env: run.env,
      log: run.log,
      onOutput: (text) => {
        counter.feed(text);
        live.update(status());
      },
    });
  } finally {
    clearInterval(ticker);
  }
  if (!made.ok) run.failed('make', made);
  live.clear();
  run.progress.done(`${counter.count} files compiled`);
}

/**
 * 4. make altinstall into a staging root, checked there, then one rename into
 * place: a failure or Ctrl-C leaves no half-installed prefix, and the prefix
 * baked into scripts and sysconfig is the final one.
 */
async function install(run: BuildRun, source: Source, build: string): Promise<{ python: string; missing: MissingModule[] }> {
  const { version, prefix } = source;
  run.progress.start('install');
  fs.mkdirSync(run.ctx.paths.pythons, { recursive: true });
  run.staging = fs.mkdtempSync(path.join(run.ctx.paths.pythons, `.staging-${version.release}-`));
  const installed = await runLogged('make', ['altinstall', `DESTDIR=${run.staging}`], { cwd: build, env: run.env, log: run.log });
  if (!installed.ok) run.failed('make altinstall', installed, source.ensurepip ? await missingForEnsurepip(run, build, version) : '');
  const staged = path.join(run.staging, prefix);
  const summary = parseSetupSummary(fs.readFileSync(run.log.file, 'utf8'));
  const hasHeader = headerFinder(source.multiarch, run.env.CPPFLAGS);
  const missing = (await checkStaged(run, staged, version.release)).map((module): MissingModule => ({ module, why: whyMissing(module, summary, hasHeader) }));
  fixPipShebangs(path.join(staged, 'bin'), prefix, run.line);
  const { options } = run;
  writeBuildRecord(staged, {
    version: version.declared,
    source: options.source,
    ...(options.sha256 ? { sha256: options.sha256 } : {}),
    checksum: options.checksum ?? (run.kind === 'directory' ? 'none' : options.sha256 ? '--sha256' : 'none'),
    configureArgs: options.configureArgs ?? [],
    adaptations: source.adaptations,
    ...(source.copied ? { copiedBecause: source.copied } : {}),
    missing: missing.map((m) => ({ name: m.module.name, why: m.why })),
    builtAt: new Date().toISOString(),
    log: run.log.file,
  });
  moveIntoPlace(run, staged, source);
  run.progress.done(`${tildify(prefix, run.home)}${missing.length ? `; ${missing.length} optional modules missing (below)` : ''}`);
  return { python: path.join(prefix, 'bin', `python${run.line}`), missing };
}

/** Whether a header is installed where the compiler looks (the standard directories and CPPFLAGS' -I ones). */
function headerFinder(multiarch: string, cppflags = ''): (relative: string) => boolean {
  const dirs = ['/usr/include', ...(multiarch ? [`/usr/include/${multiarch}`] : []), '/usr/local/include', '/opt/homebrew/include'];
  for (const word of cppflags.split(/\s+/)) if (word.startsWith('-I') && word.length > 2) dirs.push(word.slice(2));
  return (relative) => dirs.some((dir) => fs.existsSync(path.join(dir, relative)));
}

/** Why altinstall failed when the cause is a module ensurepip needs (zlib, _ssl): the start of a hint, or ''. */
async function missingForEnsurepip(run: BuildRun, build: string, version: SourceVersion): Promise<string> {
  const built = path.join(build, fs.existsSync(path.join(build, 'python.exe')) ? 'python.exe' : 'python');
  const missing = fs.existsSync(built) ? await checkModules(built, version.release, run.env).catch(() => []) : [];
  const report = missingReport(missing.filter((m) => m.name === 'zlib' || m.name === '_ssl'));
  return report.modules.length ? `it built without ${report.modules.join(', ')}, which ensurepip needs: ${report.commands[0]?.command}; ` : '';
}

/**
 * The staged interpreter finds its library next to itself, so it is checked
 * before it is put in place: one that cannot start never is. Returns the
 * optional modules that did not build.
 */
async function checkStaged(run: BuildRun, staged: string, release: string): Promise<OptionalModule[]> {
  const python = path.join(staged, 'bin', `python${run.line}`);
  if (!fs.existsSync(python)) {
    run.progress.fail('no interpreter installed');
    throw new PyshimError(`make altinstall installed no bin/python${run.line}; nothing was installed`, `read the log: ${run.shownLog}`);
  }
  try {
    return await checkModules(python, release, run.env);
  } catch (error) {
    run.progress.fail('the new interpreter does not start');
    run.log.line(String((error as Error).message));
    throw new PyshimError(`the newly built python${run.line} does not start; nothing was installed. The last lines of the log:\n${run.log.tail()}`, `read the whole log: ${run.shownLog}`);
  }
}

function moveIntoPlace(run: BuildRun, staged: string, source: Source): void {
  try {
    fs.renameSync(staged, source.prefix);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOTEMPTY' || code === 'EEXIST') {
      run.progress.fail('another build finished first');
      throw new PyshimError(
        `Python ${source.version.release} appeared at ${tildify(source.prefix, run.home)} while this build ran`,
        `keep that one, or remove it and build again: pyshim python uninstall ${source.version.release}`,
      );
    }
    throw error;
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

/** Download a URL into pyshim's cache, with a bar on a terminal and 10% lines elsewhere. */
async function fetchSource(run: BuildRun): Promise<string> {
  const { ctx, options, progress, live, log } = run;
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
      ...(options.checksum === 'shipped'
        ? {
            checksumName: `the checksum pyshim ships for python.org's ${path.basename(new URL(options.source).pathname)}`,
            mismatchHint: `the server sent other bytes than python.org publishes: check the mirror (--mirror, PYSHIM_PYTHON_MIRROR), or download it from https://www.python.org`,
          }
        : {}),
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
    const checked = options.checksum === 'shipped' ? ", sha256 matches python.org's" : options.sha256 ? ', sha256 verified' : options.checksum === 'none' ? ', not checked (--insecure)' : '';
    progress.done(`${formatBytes(got.bytes)} ${how}${checked}`);
    return got.file;
  } catch (error) {
    live.clear();
    progress.fail('failed');
    throw error;
  }
}
