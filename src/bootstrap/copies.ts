/**
 * The versioned copies for `pyshim bootstrap` (src/shims/copies.ts says what
 * they are). python/copies.py, run by the line's interpreter, looks before
 * the installs at which other line each bare script in ~/.local/bin runs, and
 * afterwards plans the line's copies and the notices for scripts the installs
 * took over; the transaction writes the copies, so they are recorded.
 *
 * API
 *   copiesBefore(ctx, line) → Promise<string>         the look before (JSON text; '{}' when it failed)
 *   writeCopies(tx, line, before) → Promise<CopiesOutcome>   copies written or removed through tx, and the notices
 *
 * Neither throws: a failure is reported in the outcome, since the copies
 * must never fail a bootstrap.
 */
import path from 'node:path';
import type { Context } from '../context.js';
import type { Line } from '../registry/registry.js';
import { isLineCopy, packageCopies } from '../shims/copies.js';
import type { Transaction } from '../state/transaction.js';

export interface CopiesOutcome {
  /** Names of the copies written (new or changed). */
  written: string[];
  /** One line each: "pyshim: ~/.local/bin/NAME now runs X.Y (was A.B); A.B's is NAME-A.B". */
  notices: string[];
  /** Why the copies could not be brought up to date, if they could not. */
  error?: string;
}

/** What the helper's plan mode prints. */
interface Plan {
  write: { name: string; content: string }[];
  remove: string[];
  notices: string[];
}

async function runHelper(ctx: Context, line: Line, mode: 'snapshot' | 'plan', input = ''): Promise<string> {
  const { execa } = await import('execa');
  const { helper, template } = packageCopies();
  const args = [helper, mode, line.version, line.python, ctx.paths.bin, ...(mode === 'plan' ? [template] : [])];
  const result = await execa(line.python, args, {
    env: { ...ctx.env, PYTHONIOENCODING: 'utf-8' },
    extendEnv: false,
    reject: false,
    input,
    timeout: 60_000,
  });
  if (result.exitCode !== 0) throw new Error(String(result.stderr).trim().split('\n').pop() || `exit ${String(result.exitCode)}`);
  return String(result.stdout);
}

export async function copiesBefore(ctx: Context, line: Line): Promise<string> {
  try {
    return await runHelper(ctx, line, 'snapshot');
  } catch {
    return '{}';
  }
}

/** A name the helper may give: a plain file name in pyshim's bin. */
function plainName(name: unknown): name is string {
  return typeof name === 'string' && name !== '' && !name.startsWith('.') && path.basename(name) === name;
}

export async function writeCopies(tx: Transaction, line: Line, before: string): Promise<CopiesOutcome> {
  const bin = tx.ctx.paths.bin;
  let plan: Plan;
  try {
    plan = JSON.parse(await runHelper(tx.ctx, line, 'plan', before)) as Plan;
  } catch (error) {
    return { written: [], notices: [], error: (error as Error).message };
  }
  const written = plan.write.filter((w) => plainName(w.name));
  for (const w of written) tx.writeFile(path.join(bin, w.name), Buffer.from(w.content, 'base64'), 0o755);
  // Only what still is the line's copy (the helper's look and this one are moments apart).
  for (const name of plan.remove.filter((n) => plainName(n) && isLineCopy(bin, n, line.version))) tx.removeFile(path.join(bin, name));
  return { written: written.map((w) => w.name), notices: plan.notices };
}
