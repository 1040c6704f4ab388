import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect } from 'vitest';
import { itWith, python } from '../helpers/machine.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { snapshotTree } from '../helpers/snapshot.js';

/**
 * `pyshim add X.Y --workon-home DIR` where DIR's parent exists but mkdir
 * cannot make it there (/proc/x: ENOENT under an existing /proc). node's
 * recursive mkdir retries that for ever; pyshim must say so and change nothing.
 */
const py312 = python('3.12');
const proc = fs.existsSync('/proc/self');
let s: Sandbox;
afterEach(() => s?.cleanup());

itWith(py312 && proc, 'CPython 3.12 and /proc')('add --workon-home /proc/x: one error naming the home, exit 1, nothing written, no hang', async () => {
  s = makeSandbox();
  expect((await s.pyshim(['add', '3.12', '--no-bootstrap'])).exitCode).toBe(0);
  // The probe cache may change; what pyshim generates and records may not.
  const cache = (rel: string) => rel === 'cache' || rel.startsWith('cache/');
  const before = snapshotTree(s.pyshimHome, cache);
  const r = await s.pyshim(['add', '3.12', '--no-bootstrap', '--workon-home', '/proc/pyshim-x'], { timeout: 30_000, reject: false });
  expect(r.timedOut, 'pyshim add hung').toBe(false);
  expect(r.exitCode).toBe(1);
  const err = String(r.stderr);
  expect(err).toContain("pyshim: error: cannot make 3.12's home /proc/pyshim-x");
  expect(err).toContain('pyshim add 3.12 --workon-home DIR');
  expect(err).not.toMatch(/internal error|\n\s+at /);
  expect(snapshotTree(s.pyshimHome, cache)).toEqual(before);
  expect(fs.existsSync(path.join(s.pyshimHome, 'registry.json'))).toBe(true);
}, 60_000);
