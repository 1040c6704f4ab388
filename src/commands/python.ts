import os from 'node:os';
import type { Context } from '../context.js';
import { usageError } from '../errors.js';
import { parseLineVersion } from '../version.js';

export interface PythonBuildOptions {
  source?: string;
  jobs?: string;
  sha256?: string;
  bootstrap?: boolean;
}

/** `pyshim python build X.Y --source … [-- configure args]` */
export async function pythonBuild(ctx: Context, target: string, options: PythonBuildOptions, configureArgs: string[]): Promise<void> {
  const line = parseLineVersion(target);
  if (!options.source) {
    throw usageError('--source is required', `for example: pyshim python build ${line} --source https://www.python.org/ftp/python/${line}.0/Python-${line}.0.tar.xz`);
  }
  let jobs: number | undefined;
  if (options.jobs !== undefined) {
    jobs = Number(options.jobs);
    if (!Number.isInteger(jobs) || jobs < 1 || jobs > 1024) {
      throw usageError(`--jobs must be a whole number from 1, not '${options.jobs}'`, `this machine has ${os.availableParallelism?.() ?? os.cpus().length} cores: --jobs ${os.availableParallelism?.() ?? os.cpus().length}`);
    }
  }
  const sha256 = options.sha256?.trim().toLowerCase();
  if (sha256 !== undefined && !/^[0-9a-f]{64}$/.test(sha256)) {
    throw usageError(`--sha256 must be 64 hexadecimal digits, not '${options.sha256}'`, 'copy it from the release page (the SHA-256 column)');
  }
  const { buildPython } = await import('../build/build.js');
  await buildPython(ctx, line, { source: options.source, jobs, sha256, bootstrap: options.bootstrap, configureArgs });
}

/** `pyshim python uninstall X.Y.Z` */
export async function pythonUninstall(ctx: Context, target: string): Promise<void> {
  const { uninstallBuild } = await import('../build/uninstall.js');
  await uninstallBuild(ctx, target);
}
