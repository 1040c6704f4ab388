import path from 'node:path';
import { packageRoot, type Env } from '../paths.js';
import type { ProbeResult } from './interpreter.js';

export const PROBE_SCRIPT = path.join(packageRoot(), 'python', 'probe.py');

export type ProbeOutcome = { ok: true; result: ProbeResult } | { ok: false; reason: string };

/** Run python/probe.py with one interpreter. Never throws: a broken Python is an outcome. */
export async function probe(python: string, env: Env): Promise<ProbeOutcome> {
  // execa is loaded only when something must really be probed, so a warm
  // `pyshim list` does not pay for it.
  const { execa } = await import('execa');
  const run = await execa(python, [PROBE_SCRIPT], {
    env: { ...env, PYTHONDONTWRITEBYTECODE: '1', PYTHONIOENCODING: 'utf-8' },
    extendEnv: false,
    reject: false,
    timeout: 30_000,
    stdin: 'ignore',
  });
  if (run.exitCode !== 0 || run.failed) {
    const detail = String(run.stderr || run.shortMessage || '').trim().split('\n').pop() ?? '';
    return { ok: false, reason: `the probe failed (exit ${run.exitCode ?? '?'}): ${detail}` };
  }
  try {
    const result = JSON.parse(String(run.stdout)) as ProbeResult;
    if (typeof result.version !== 'string') throw new Error('no version');
    return { ok: true, result };
  } catch {
    return { ok: false, reason: 'the probe printed something that is not its report' };
  }
}

/** Run `task` over `items` with at most `limit` at once, keeping order. */
export async function mapLimit<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
