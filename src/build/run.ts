import type { RunLog } from '../util/log.js';

export interface RunResult {
  ok: boolean;
  exitCode?: number;
  /** Stopped by the user (Ctrl-C) rather than failed. */
  interrupted: boolean;
}

export interface RunOptions {
  cwd: string;
  env: Record<string, string | undefined>;
  log: RunLog;
  /** Every chunk of output, for live indications. */
  onOutput?: (text: string) => void;
}

/**
 * Run one build command with all its output in the log (never on the
 * screen: a build prints tens of thousands of lines). Ctrl-C stops the
 * command and is reported as an interruption, so the caller can clean up.
 */
export async function runLogged(file: string, args: string[], options: RunOptions): Promise<RunResult> {
  const { execa } = await import('execa');
  options.log.line(`\n$ (cd ${options.cwd} && ${[file, ...args].join(' ')})`);
  const child = execa(file, args, {
    cwd: options.cwd,
    env: options.env,
    extendEnv: false,
    reject: false,
    stdin: 'ignore',
    stdout: 'pipe',
    stderr: 'pipe',
    buffer: false,
    // make's children share its process group; a SIGTERM to make ends them too.
    killSignal: 'SIGTERM',
  });
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    child.kill('SIGTERM');
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const take = (chunk: Buffer) => {
    options.log.write(chunk);
    options.onOutput?.(chunk.toString('utf8'));
  };
  child.stdout?.on('data', take);
  child.stderr?.on('data', take);
  try {
    const result = await child;
    const code = typeof result.exitCode === 'number' ? result.exitCode : undefined;
    options.log.line(`[exit ${code ?? result.signal ?? 'unknown'}]`);
    if (result.failed && code === undefined && !interrupted) {
      options.log.line(String(result.message ?? ''));
    }
    return { ok: code === 0 && !interrupted, exitCode: code, interrupted };
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}
