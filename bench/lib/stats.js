// Pure statistics for the benchmark: no clock, no processes, so they can be
// tested on made-up numbers.

/** @param {number[]} values @param {number} q 0..1 */
export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  const a = /** @type {number} */ (sorted[lo]);
  const b = /** @type {number} */ (sorted[hi]);
  return a + (b - a) * (at - lo);
}

/** @param {number[]} values */
export function median(values) {
  return quantile(values, 0.5);
}

/**
 * @typedef {{ n: number, median: number, min: number, max: number, p25: number, p75: number }} Summary
 * @param {number[]} values
 * @returns {Summary}
 */
export function summarize(values) {
  return {
    n: values.length,
    median: median(values),
    min: values.length ? Math.min(...values) : NaN,
    max: values.length ? Math.max(...values) : NaN,
    p25: quantile(values, 0.25),
    p75: quantile(values, 0.75),
  };
}

/** A small seeded PRNG (mulberry32): the same seed gives the same run order. */
export function prng(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with the given random source; returns a new array. */
export function shuffle(items, random) {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/**
 * The difference a variant makes, from rounds in which both it and the
 * baseline ran: each pair was measured moments apart, so drift of the
 * machine (other work, frequency changes) cancels out of the difference.
 * Returns the median paired difference and a bootstrap 95% interval of it.
 *
 * @param {Array<number|undefined>} variant samples by round (undefined: did not run)
 * @param {Array<number|undefined>} baseline samples by round
 * @param {{ resamples?: number, seed?: number }} [options]
 * @returns {{ pairs: number, diff: number, low: number, high: number }}
 */
export function pairedDifference(variant, baseline, options = {}) {
  const diffs = [];
  for (let i = 0; i < Math.min(variant.length, baseline.length); i++) {
    const v = variant[i];
    const b = baseline[i];
    if (v !== undefined && b !== undefined) diffs.push(v - b);
  }
  if (diffs.length === 0) return { pairs: 0, diff: NaN, low: NaN, high: NaN };
  const random = prng(options.seed ?? 1);
  const resamples = options.resamples ?? 1000;
  const medians = [];
  const sample = new Array(diffs.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < diffs.length; i++) sample[i] = diffs[Math.floor(random() * diffs.length)];
    medians.push(median(sample));
  }
  return { pairs: diffs.length, diff: median(diffs), low: quantile(medians, 0.025), high: quantile(medians, 0.975) };
}

/**
 * How often each variant runs: every round for cheap ones; an expensive one
 * (much slower than the group's cheapest) only every k-th round, so that it
 * does not crowd out the many samples a sub-millisecond difference needs —
 * but never fewer than `minSamples` times.
 *
 * @param {number[]} costs warm-up median of each variant, ms
 * @param {number} rounds
 * @param {number} minSamples
 * @returns {number[]} k for each variant (1 = every round)
 */
export function strides(costs, rounds, minSamples) {
  const cheapest = Math.min(...costs.filter((c) => c > 0));
  const maxStride = Math.max(1, Math.floor(rounds / Math.max(1, minSamples)));
  return costs.map((cost) => {
    if (!(cost > 0) || !Number.isFinite(cheapest)) return 1;
    // Up to ~4× the cheapest runs every round; beyond that the stride grows with the cost.
    const k = Math.floor(cost / (4 * cheapest));
    return Math.min(maxStride, Math.max(1, k));
  });
}
