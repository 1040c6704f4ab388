import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mayWriteCache, type Env, type Paths } from '../paths.js';
import { writeFileAtomic } from '../util/atomic.js';
import { trialKey, type Backend, type TrialOutcome } from './backend.js';
import { helperCommand } from './render.js';

type HostBackend = Extract<Backend, { kind: 'host-virtualenv' }>;

/**
 * Whether another interpreter's virtualenv really makes a working
 * environment for the target is only known by making one: virtualenv's
 * support for old Pythons came and went between releases, and a Python that
 * starts is not yet a pip that works. The trial runs the very command the
 * shim will run, into a temporary directory, then asks the new environment
 * for its version and its pip. Results are cached by the files involved.
 * Given the seed cache (`seeds`), the trial also fills it, so the line's
 * first real environment is as quick as the next.
 */
export async function runTrial(backend: HostBackend, line: string, env: Env, seeds?: string): Promise<TrialOutcome> {
  const { execa } = await import('execa');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-trial-'));
  try {
    const dest = path.join(dir, 'env');
    const [command, ...args] = helperCommand(backend, `virtualenv-${line}`, { seeds });
    const made = await execa(command as string, [...args, '-q', dest], {
      env: { ...env, PYTHONDONTWRITEBYTECODE: '1' },
      extendEnv: false,
      reject: false,
      timeout: 180_000,
      stdin: 'ignore',
      all: true,
    });
    if (made.exitCode !== 0 || made.failed) return { ok: false, reason: lastLine(made.all) || `exit ${made.exitCode}` };
    const python = path.join(dest, 'bin', 'python');
    const asked = await execa(python, ['-c', 'import sys; sys.stdout.write("%d.%d" % sys.version_info[:2])'], {
      reject: false,
      timeout: 30_000,
      stdin: 'ignore',
    });
    if (asked.exitCode !== 0 || String(asked.stdout) !== line) {
      return { ok: false, reason: `its python reports ${String(asked.stdout) || 'nothing'}, not ${line}` };
    }
    const pip = await execa(python, ['-m', 'pip', '--version'], {
      env: { ...env, PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_PYTHON_VERSION_WARNING: '1' },
      extendEnv: false,
      reject: false,
      timeout: 60_000,
      stdin: 'ignore',
      all: true,
    });
    if (pip.exitCode !== 0) return { ok: false, reason: `its pip does not run: ${lastLine(pip.all)}` };
    return { ok: true };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function lastLine(text: unknown): string {
  return String(text ?? '').trim().split('\n').pop() ?? '';
}

interface TrialCacheFile {
  schema: 1;
  entries: Record<string, { stamp: string; outcome: TrialOutcome }>;
}

function stamp(files: string[]): string {
  return files
    .map((file) => {
      try {
        const st = fs.statSync(file);
        return `${st.mtimeMs}:${st.size}`;
      } catch {
        return 'missing';
      }
    })
    .join('|');
}

/** Trial outcomes, valid while the host, the target and the seed wheels are the same files. */
export class TrialCache {
  private constructor(
    private readonly file: string,
    private readonly data: TrialCacheFile,
    private readonly persist: boolean,
  ) {}

  static load(paths: Paths): TrialCache {
    const file = path.join(paths.cache, 'env-trials.json');
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as TrialCacheFile;
      if (data.schema === 1 && data.entries && typeof data.entries === 'object') return new TrialCache(file, data, mayWriteCache(paths));
    } catch {
      // absent or damaged: start empty, it is only a cache
    }
    return new TrialCache(file, { schema: 1, entries: {} }, mayWriteCache(paths));
  }

  get(backend: HostBackend): TrialOutcome | undefined {
    const entry = this.data.entries[trialKey(backend)];
    return entry && entry.stamp === stamp(filesOf(backend)) ? entry.outcome : undefined;
  }

  set(backend: HostBackend, outcome: TrialOutcome): void {
    this.data.entries[trialKey(backend)] = { stamp: stamp(filesOf(backend)), outcome };
    if (!this.persist) return;
    try {
      writeFileAtomic(this.file, JSON.stringify(this.data, null, 2) + '\n');
    } catch {
      // an unwritable cache costs a trial next time, nothing more
    }
  }
}

function filesOf(backend: HostBackend): string[] {
  return [backend.host, backend.python, ...backend.seedWheels];
}
