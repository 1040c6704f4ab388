// Run with: node --test bench/test/
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { median, pairedDifference, prng, quantile, shuffle, strides, summarize } from '../lib/stats.js';

test('median and quantiles interpolate between ranks', () => {
  assert.equal(median([3, 1, 2]), 2);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.equal(quantile([0, 10], 0.25), 2.5);
  assert.ok(Number.isNaN(median([])));
  assert.deepEqual(summarize([5, 1, 3]), { n: 3, median: 3, min: 1, max: 5, p25: 2, p75: 4 });
});

test('paired difference cancels drift shared by both variants', () => {
  const random = prng(42);
  const drift = Array.from({ length: 200 }, (_, i) => 5 + 3 * Math.sin(i / 7) + random());
  const base = drift.map((d) => d);
  const variant = drift.map((d, i) => d + 0.3 + (i % 2 ? 0.01 : -0.01));
  const d = pairedDifference(variant, base);
  assert.equal(d.pairs, 200);
  assert.ok(Math.abs(d.diff - 0.3) < 0.011, `diff ${d.diff}`);
  assert.ok(d.low <= d.diff && d.diff <= d.high);
  assert.ok(d.high - d.low < 0.05);
});

test('paired difference uses only rounds where both ran', () => {
  const d = pairedDifference([undefined, 12, undefined, 14], [10, 10, 10, 10]);
  assert.equal(d.pairs, 2);
  assert.equal(d.diff, 3);
  assert.equal(pairedDifference([undefined], [1]).pairs, 0);
});

test('shuffle is a seeded permutation', () => {
  const items = [0, 1, 2, 3, 4, 5, 6, 7];
  const a = shuffle(items, prng(7));
  assert.deepEqual([...a].sort(), items);
  assert.deepEqual(shuffle(items, prng(7)), a);
  assert.notDeepEqual(shuffle(items, prng(8)), a);
});

test('strides: cheap variants every round, expensive ones less often but at least minSamples', () => {
  assert.deepEqual(strides([5, 6, 19], 100, 20), [1, 1, 1]);
  const [, , slow] = strides([5, 6, 300], 100, 20);
  assert.equal(slow, 5); // capped: 100 rounds / 20 samples
  assert.equal(strides([5, 300], 1000, 20)[1], 15); // 300 / (4 × 5)
});
