import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mayWriteCache, type Env, type Paths } from '../paths.js';
import { writeFileAtomic } from '../util/atomic.js';
import { decidePipRun, type PipModule } from '../pip-run.js';
import { trialKey, type TrialBackend, type TrialOutcome } from './backend.js';
import { helperCommand, usesHelper } from './render.js';

export interface TrialOptions {
  /** The seed cache: given, the trial also fills it, so the line's first real environment is as quick as the next. */
  seeds?: string;
  /** How the line runs pip (Line.pip); unknown: each way is tried (src/pip-run.ts). */
  pip?: PipModule;
}

/**
 * Whether a virtualenv — the line's own or another interpreter's — really
 * makes a working environment for the target is only known by making one:
 * virtualenv's support for old Pythons came and went between releases, its
 * own pip seeding can fail on an old Python (15.2 on 2.6rc2), and a Python
 * that starts is not yet a pip that works. The trial runs the very command
 * the shim will run, into a temporary directory, then asks the new
 * environment for its version and its pip (run as the line runs pip).
 * Results are cached by the files involved.
 */
export async function runTrial(backend: TrialBackend, line: string, env: Env, options: TrialOptions = {}): Promise<TrialOutcome> {
  const { execa } = await import('execa');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-trial-'));
  try {
    const dest = path.join(dir, 'env');
    // What the shim runs: pyshim's helper, or (virtualenv-own.sh) the line's virtualenv as it is.
    const plain = [backend.python, '-m', 'virtualenv'];
    const [command, ...args] = usesHelper(backend) ? helperCommand(backend, `virtualenv-${line}`, { seeds: options.seeds }) : plain;
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
    const pipEnv = { ...env, PIP_NO_PYTHON_VERSION_WARNING: '1' };
    if (options.pip) {
      const pip = await execa(python, ['-m', options.pip, '--version'], {
        env: { ...pipEnv, PIP_DISABLE_PIP_VERSION_CHECK: '1' },
        extendEnv: false,
        reject: false,
        timeout: 60_000,
        stdin: 'ignore',
        all: true,
      });
      return pip.exitCode === 0 ? { ok: true } : { ok: false, reason: `its pip does not run: ${lastLine(pip.all)}` };
    }
    const tried = await decidePipRun(python, pipEnv);
    return tried.run ? { ok: true } : { ok: false, reason: `its pip does not run: ${lastLine(tried.output.replace(/\n\[exit [^\]]*\]\n$/, ''))}` };
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

/** Trial outcomes, valid while the host (or runner), the target and the seed wheels are the same files. */
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

  get(backend: TrialBackend): TrialOutcome | undefined {
    const entry = this.data.entries[trialKey(backend)];
    return entry && entry.stamp === stamp(filesOf(backend)) ? entry.outcome : undefined;
  }

  set(backend: TrialBackend, outcome: TrialOutcome): void {
    this.data.entries[trialKey(backend)] = { stamp: stamp(filesOf(backend)), outcome };
    if (!this.persist) return;
    try {
      writeFileAtomic(this.file, JSON.stringify(this.data, null, 2) + '\n');
    } catch {
      // an unwritable cache costs a trial next time, nothing more
    }
  }
}

function filesOf(backend: TrialBackend): string[] {
  const runner = backend.kind === 'host-virtualenv' ? backend.host : (backend.runner ?? backend.python);
  return [runner, backend.python, ...backend.seedWheels];
}
