import assert from 'node:assert/strict';
import { test } from 'node:test';
import { capture, measureGroup } from '../lib/measure.js';

const env = { PATH: '/usr/bin:/bin' };
const sh = (name, script) => ({ name, file: '/bin/sh', args: ['-c', script], env });

test('measureGroup runs every variant each round, after warm-up, with `before` untimed', () => {
  let befores = 0;
  const variants = [sh('a', 'exit 0'), { ...sh('b', 'exit 0'), before: () => befores++ }];
  const rows = measureGroup(variants, { rounds: 6, warmup: 2, minSamples: 3, seed: 3 });
  assert.deepEqual(rows.map((r) => r.name), ['a', 'b']);
  assert.deepEqual(rows.map((r) => r.summary.n), [6, 6]);
  assert.equal(befores, 8);
  assert.equal(rows[0].vsBaseline, undefined);
  assert.equal(rows[1].vsBaseline.pairs, 6);
  assert.ok(rows.every((r) => r.summary.min > 0 && r.summary.min <= r.summary.median && r.summary.median <= r.summary.max));
});

test('a variant that fails while timed stops the group with its name', () => {
  assert.throws(() => measureGroup([sh('fine', 'exit 0'), sh('broken', 'exit 3')], { rounds: 2, warmup: 1, minSamples: 1, seed: 1 }), /broken: exited 3/);
});

test('capture returns what a check needs', () => {
  const run = capture(sh('echo', 'echo out; echo err >&2; exit 4'));
  assert.equal(run.status, 4);
  assert.equal(run.stdout, 'out\n');
  assert.equal(run.stderr, 'err\n');
});
