import fs from 'node:fs';
import os from 'node:os';
import type { BuildOptions } from '../build/build.js';
import { planDownload } from '../build/releases.js';
import type { Context } from '../context.js';
import { isPyshimError, usageError } from '../errors.js';
import { transaction } from '../state/transaction.js';
import { out, warn } from '../util/ui.js';
import { Progress } from '../util/progress.js';
import { parseVersionRequest, type VersionRequest } from '../version.js';

export interface PythonBuildOptions {
  source?: string;
  jobs?: string;
  sha256?: string;
  mirror?: string;
  insecure?: boolean;
  findLinks?: string;
  bootstrap?: boolean;
}

/** The options as typed, checked: usage errors (exit 2) before anything runs. */
function buildOptions(request: VersionRequest, options: PythonBuildOptions, configureArgs: string[], env: Context['env']): BuildOptions {
  let jobs: number | undefined;
  if (options.jobs !== undefined) {
    jobs = Number(options.jobs);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 1024) {
      const cores = os.availableParallelism?.() ?? os.cpus().length;
      throw usageError(`--jobs must be a whole number from 1, not '${options.jobs}'`, `this machine has ${cores} cores: --jobs ${cores}`);
    }
  }
  const sha256 = options.sha256?.trim().toLowerCase();
  if (sha256 !== undefined && !/^[0-9a-f]{64}$/.test(sha256)) {
    throw usageError(`--sha256 must be 64 hexadecimal digits, not '${options.sha256}'`, 'copy it from the release page (the SHA-256 column)');
  }
  const wanted = request.release ?? request.line;
  if (options.source) {
    for (const flag of [options.mirror !== undefined && '--mirror', options.insecure && '--insecure']) {
      if (flag) throw usageError(`${flag} chooses a download; with --source pyshim builds what you gave`, `drop ${flag}, or --source: pyshim python build ${wanted}${flag === '--mirror' ? ` --mirror ${options.mirror}` : ' --insecure'}`);
    }
    return { source: options.source, jobs, sha256, checksum: sha256 ? '--sha256' : undefined, release: request.release, configureArgs };
  }
  const mirror = options.mirror ?? (env.PYSHIM_PYTHON_MIRROR || undefined);
  const planned = planDownload(request, { mirror, sha256, insecure: options.insecure });
  return { source: planned.url, jobs, sha256: planned.sha256, checksum: planned.checksum, release: planned.release, configureArgs };
}

/** The command as typed, for "build again" hints. */
function againCommand(target: string, options: PythonBuildOptions, configureArgs: string[]): string {
  const words = ['pyshim', 'python', 'build', target];
  if (options.source) words.push('--source', options.source);
  if (options.mirror) words.push('--mirror', options.mirror);
  if (options.sha256) words.push('--sha256', options.sha256);
  if (options.insecure) words.push('--insecure');
  if (configureArgs.length) words.push('--', ...configureArgs);
  return words.join(' ');
}

/**
 * `pyshim python build X.Y[.Z] [--source …] [-- configure args]`: build and
 * install, report the build, register the line as `pyshim add` would, then
 * bootstrap it. The build's report comes first, whatever follows; a bootstrap
 * that fails after a good build is a warning naming the command to run next.
 */
export async function pythonBuild(ctx: Context, target: string, options: PythonBuildOptions, configureArgs: string[]): Promise<void> {
  const request = parseVersionRequest(target);
  if (!request) throw usageError(`'${target}' is not a version (expected X.Y or X.Y.Z, such as 3.12 or 3.12.4)`, 'for example: pyshim python build 3.12');
  const { line } = request;
  const build = buildOptions(request, options, configureArgs, ctx.env);
  if (options.findLinks && !/^[a-z]+:\/\//i.test(options.findLinks) && !fs.existsSync(options.findLinks)) {
    throw usageError(`--find-links ${options.findLinks}: no such directory`, 'give a directory of wheels, or a URL');
  }
  const began = performance.now();
  const { buildPython } = await import('../build/build.js');
  const { reportBuild } = await import('../build/report.js');
  const built = await buildPython(ctx, line, build);
  reportBuild(ctx, built, performance.now() - began, againCommand(target, options, configureArgs));

  const progress = new Progress();
  progress.start('register');
  const { add } = await import('./add.js');
  await add(ctx, built.python, { bootstrap: false });
  progress.done(`line ${line}`);
  if (options.bootstrap === false) return;

  const { bootstrap } = await import('./bootstrap.js');
  try {
    await bootstrap(ctx, line, { findLinks: options.findLinks });
  } catch (error) {
    if (!isPyshimError(error)) throw error;
    // A Python without ensurepip (2.6) has no pip until it is given wheels.
    const wheels = options.findLinks ? ` --find-links ${options.findLinks}` : built.ensurepip ? '' : ' --find-links DIR';
    warn(`Python ${built.version.declared} is built and registered as the ${line} line, but bootstrapping it failed: ${error.message}`);
    if (error.hint) process.stderr.write(`  ${error.hint}\n`);
    process.stderr.write(`  next: pyshim bootstrap ${line}${wheels}\n`);
  }
}

/** `pyshim python uninstall X.Y.Z`: only a build pyshim made; the lines using it are removed first. */
export async function pythonUninstall(ctx: Context, target: string): Promise<void> {
  const { buildNamed, deleteBuild, linesUsing } = await import('../build/uninstall.js');
  const { removeLine } = await import('./remove.js');
  const prefix = buildNamed(ctx, target);
  // One transaction: the lines, their shims, the init files and the build go together.
  const removed = await transaction(ctx, async (tx) => {
    const users = linesUsing(tx.registry, prefix).map((l) => l.version);
    for (const version of users) removeLine(tx, version);
    deleteBuild(ctx, prefix);
    return users;
  });
  for (const version of removed) out(`pyshim: removed the ${version} line (it used this build)`);
}
