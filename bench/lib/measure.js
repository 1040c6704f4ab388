import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { pairedDifference, prng, shuffle, strides, summarize } from './stats.js';

/**
 * One command to time. `before` runs untimed before each timed run (to empty
 * a cache, say).
 *
 * @typedef {object} Variant
 * @property {string} name
 * @property {string} file absolute path of the program
 * @property {string[]} args
 * @property {Record<string, string>} env the whole environment (nothing inherited)
 * @property {string} [cwd]
 * @property {() => void} [before]
 */

/**
 * @typedef {object} Measured
 * @property {string} name
 * @property {import('./stats.js').Summary} summary all timed runs, ms
 * @property {Array<number|undefined>} byRound ms per round (undefined: not run that round)
 * @property {number} stride ran every `stride`-th round
 * @property {{ pairs: number, diff: number, low: number, high: number } | undefined} vsBaseline
 * @property {number | undefined} ratio median / baseline median
 */

/**
 * One run of a variant: wall ms and, where /usr/bin/time exists, the CPU ms
 * (user + sys) of the command and every process it waited for. On a busy
 * machine the wall time holds the wait for a core; the CPU time does not.
 * @returns {{ ms: number, cpuMs: number | undefined }}
 */
export function timeWithCpu(variant) {
  if (!fs.existsSync(GNU_TIME)) return { ms: timeOnce(variant), cpuMs: undefined };
  const out = path.join(os.tmpdir(), `pyshim-bench-cpu-${process.pid}`);
  const ms = timeOnce({ ...variant, file: GNU_TIME, args: ['-f', '%U %S', '-o', out, variant.file, ...variant.args] });
  const [user, sys] = fs.readFileSync(out, 'utf8').trim().split('\n').pop().split(' ').map(Number);
  fs.rmSync(out, { force: true });
  return { ms, cpuMs: Number.isFinite(user + sys) ? (user + sys) * 1000 : undefined };
}

const GNU_TIME = '/usr/bin/time';

/** Time one run of a variant, in milliseconds; throws if it failed. */
export function timeOnce(variant) {
  variant.before?.();
  const start = process.hrtime.bigint();
  const run = spawnSync(variant.file, variant.args, {
    env: variant.env,
    cwd: variant.cwd,
    stdio: 'ignore',
  });
  const elapsed = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.error) throw new Error(`${variant.name}: ${run.error.message}`);
  if (run.status !== 0) throw new Error(`${variant.name}: exited ${run.status ?? run.signal} during timing`);
  return elapsed;
}

/**
 * Time a group of variants side by side: warm-up, then rounds in which every
 * variant due that round runs once, in a fresh random order (seeded), so the
 * variants alternate and slow drift of the machine hits them all alike.
 * The first variant is the baseline the others are compared with.
 *
 * @param {Variant[]} variants
 * @param {{ rounds: number, warmup: number, minSamples: number, seed: number, deadlineMs?: number, floor?: number }} options
 * @returns {Measured[]}
 */
export function measureGroup(variants, options) {
  const random = prng(options.seed);
  const warm = variants.map(() => /** @type {number[]} */ ([]));
  for (let w = 0; w < options.warmup; w++) {
    for (const i of shuffle([...variants.keys()], random)) warm[i]?.push(timeOnce(/** @type {Variant} */ (variants[i])));
  }
  const costs = warm.map((samples) => summarize(samples).median);
  const stride = strides(costs, options.rounds, options.minSamples);
  // The baseline runs in every round: every other variant's pairs need it.
  stride[0] = 1;

  const byRound = variants.map(() => /** @type {Array<number|undefined>} */ ([]));
  const started = Date.now();
  for (let round = 0; round < options.rounds; round++) {
    const due = [...variants.keys()].filter((i) => round % (stride[i] ?? 1) === 0);
    for (const i of shuffle(due, random)) {
      byRound[i][round] = timeOnce(/** @type {Variant} */ (variants[i]));
    }
    // A busy or slow machine must not make the run endless: past the
    // deadline, stop as soon as every variant has `floor` samples.
    if (options.deadlineMs && Date.now() - started > options.deadlineMs) {
      const floor = Math.min(options.minSamples, options.floor ?? 5);
      if (byRound.every((r) => r.filter((x) => x !== undefined).length >= floor)) break;
    }
  }

  const base = byRound[0] ?? [];
  const baseMedian = summarize(base.filter((x) => x !== undefined)).median;
  return variants.map((variant, i) => {
    const samples = /** @type {number[]} */ ((byRound[i] ?? []).filter((x) => x !== undefined));
    const summary = summarize(samples);
    return {
      name: variant.name,
      summary,
      byRound: byRound[i] ?? [],
      stride: stride[i] ?? 1,
      vsBaseline: i === 0 ? undefined : pairedDifference(byRound[i] ?? [], base, { seed: options.seed + i }),
      ratio: i === 0 ? undefined : summary.median / baseMedian,
    };
  });
}

/**
 * Run a variant once with its output captured, to prove it does what it
 * claims before it is timed (a broken rc file would be fast and wrong).
 *
 * @param {Variant} variant
 * @param {string[]} [args] replaces the variant's arguments
 */
export function capture(variant, args = variant.args) {
  const run = spawnSync(variant.file, args, { env: variant.env, cwd: variant.cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  return { status: run.status, stdout: run.stdout ?? '', stderr: run.stderr ?? '', error: run.error };
}
