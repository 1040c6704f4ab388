import os from 'node:os';
import type { BuildOptions } from '../build/build.js';
import type { Context } from '../context.js';
import { usageError } from '../errors.js';
import { transaction } from '../state/transaction.js';
import { out } from '../util/ui.js';
import { Progress } from '../util/progress.js';
import { parseVersion } from '../version.js';

export interface PythonBuildOptions {
  source?: string;
  jobs?: string;
  sha256?: string;
  bootstrap?: boolean;
}

/** The options as typed, checked: usage errors (exit 2) before anything runs. */
function buildOptions(line: string, options: PythonBuildOptions, configureArgs: string[]): BuildOptions {
  if (!options.source) {
    throw usageError('--source is required', `for example: pyshim python build ${line} --source https://www.python.org/ftp/python/${line}.0/Python-${line}.0.tar.xz`);
  }
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
  return { source: options.source, jobs, sha256, configureArgs };
}

/** `pyshim python build X.Y --source … [-- configure args]`: build and install, register the line as `pyshim add` would, report. */
export async function pythonBuild(ctx: Context, target: string, options: PythonBuildOptions, configureArgs: string[]): Promise<void> {
  const line = parseVersion(target);
  const request = buildOptions(line, options, configureArgs);
  const began = performance.now();
  const { buildPython, reportBuild } = await import('../build/build.js');
  const built = await buildPython(ctx, line, request);

  const progress = new Progress();
  progress.start('register');
  const { add } = await import('./add.js');
  await add(ctx, built.python, { bootstrap: options.bootstrap });
  progress.done(`line ${line}`);

  reportBuild(ctx, built, request.source, performance.now() - began);
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
