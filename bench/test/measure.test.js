import assert from 'node:assert/strict';
import { test } from 'node:test';
import fs from 'node:fs';
import { capture, measureGroup, timeWithCpu } from '../lib/measure.js';

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

test('timeWithCpu counts the CPU of the processes a command waits for, not its waiting', { skip: !fs.existsSync('/usr/bin/time') && 'no /usr/bin/time here' }, () => {
  // The child burns CPU; the parent only waits, then sleeps.
  const run = timeWithCpu(sh('busy child, idle parent', '/bin/sh -c \'i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done\'; sleep 0.3'));
  assert.ok(run.cpuMs > 20, `cpu ${run.cpuMs} ms`);
  assert.ok(run.ms >= 300 && run.ms > run.cpuMs, `wall ${run.ms} ms, cpu ${run.cpuMs} ms`);
});

test('timeWithCpu fails like timeOnce when the command does', () => {
  assert.throws(() => timeWithCpu(sh('broken', 'exit 3')), /broken: exited 3/);
});
