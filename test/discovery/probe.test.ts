import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mapLimit, probe } from '../../src/discovery/probe.js';
import { writeFakeBinary } from './fixtures.js';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-probe-'));
afterAll(() => fs.rmSync(home, { recursive: true, force: true }));
const env = { HOME: home, PATH: '/usr/bin:/bin' };

describe('python/probe.py, the odd cases (fake interpreters)', () => {
  it('reports a program that is not Python as a failure, not a crash', async () => {
    const outcome = await probe('/bin/true', env);
    expect(outcome.ok).toBe(false);
    const missing = await probe(path.join(home, 'no-such-python'), env);
    expect(missing.ok).toBe(false);
  });

  it('reports a program that prints something else as a failure', async () => {
    const fake = writeFakeBinary(path.join(home, 'liar', 'python3'), `printf '%s\\n' '{"hello": 1}'`);
    const outcome = await probe(fake, env);
    expect(outcome.ok).toBe(false);
  });

  it('gives a Python older than 2.6 (whose probe says only its version) a full, safe report', async () => {
    const fake = writeFakeBinary(path.join(home, 'old', 'python2.5'), `printf '%s\\n' '{"version": "2.5.6"}'`);
    const outcome = await probe(fake, env);
    if (!outcome.ok) throw new Error(outcome.reason);
    expect(outcome.result.version).toBe('2.5.6');
    expect(outcome.result.userSiteEnabled).toBe(false);
    expect(outcome.result.modules.pip).toBe(false);
  });
});

describe('mapLimit', () => {
  it('keeps the order of the input and never runs more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const out = await mapLimit([5, 1, 4, 2, 3, 0], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, n));
      running--;
      return n * 10;
    });
    expect(out).toEqual([50, 10, 40, 20, 30, 0]);
    expect(most).toBe(3);
  });
});

describe('parseProbeReport', () => {
  it('refuses reports that lack what the commands rely on', async () => {
    const { parseProbeReport } = await import('../../src/discovery/probe.js');
    expect(parseProbeReport('not json')).toBeUndefined();
    expect(parseProbeReport('{"version": "3.12.1"}')).toBeUndefined();
    expect(parseProbeReport('{"version": "3.12.1", "implementation": "cpython", "userSiteEnabled": true, "modules": {"pip": true}}')).toBeUndefined();
    expect(parseProbeReport('{"version": "2.5.6"}')?.userSiteEnabled).toBe(false);
  });
});
