import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { describeWith, python } from '../helpers/machine.js';
import { countLines, loggingPython, sq, writeFakeBinary } from './fixtures.js';

/**
 * The probe cache, through the built CLI: a warm `list` starts no Python,
 * a changed interpreter or user site is probed again, and a cold `list`
 * probes in parallel. Fake interpreters log every start, so these are counts
 * and orderings, never times.
 */
const real = python('3.12')?.path ?? '';

function cacheFile(s: Sandbox): string {
  return path.join(s.pyshimHome, 'cache', 'probe-cache.json');
}

async function listJson(s: Sandbox) {
  const run = await s.pyshim(['list', '--json']);
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  return JSON.parse(String(run.stdout)) as { interpreters: Array<{ path: string; version: string }>; failures: Array<{ path: string }> };
}

describeWith(python('3.12'), 'pyenv CPython 3.12')('probe cache', () => {
  let s: Sandbox;
  let fake: string;
  let broken: string;
  let log: string;
  let brokenLog: string;
  beforeAll(() => {
    s = makeSandbox();
    // pyshim keeps caches only where it is in use (a registry or its cache dir): here it is.
    fs.mkdirSync(path.join(s.pyshimHome, 'cache'), { recursive: true });
    log = path.join(s.home, 'runs.log');
    brokenLog = path.join(s.home, 'broken.log');
    fake = loggingPython(path.join(s.home, '.local/share/uv/python/cpython-3.12.1-linux-x86_64-gnu/bin/python3.12'), real, log);
    broken = writeFakeBinary(path.join(s.home, '.local/share/uv/python/cpython-3.99.0-linux-x86_64-gnu/bin/python3.99'), `printf '%s\\n' run >> ${sq(brokenLog)}\necho 'Fatal Python error: init_fs_encoding' >&2\nexit 1`);
  });
  afterAll(() => s.cleanup());

  it('a cold list probes each interpreter once', async () => {
    const found = await listJson(s);
    expect(found.interpreters.map((i) => i.path)).toContain(fake);
    expect(found.failures.map((f) => f.path)).toContain(broken);
    expect(countLines(log)).toBe(1);
    expect(countLines(brokenLog)).toBe(1);
  });

  it('a warm list starts no Python: not the interpreters, not the broken one, and the cache is not rewritten', async () => {
    const before = fs.readFileSync(cacheFile(s));
    const mtime = fs.statSync(cacheFile(s)).mtimeMs;
    const text1 = await s.pyshim(['list']);
    const json = await listJson(s);
    expect(countLines(log)).toBe(1);
    expect(countLines(brokenLog)).toBe(1);
    expect(json.failures.map((f) => f.path)).toContain(broken);
    // Any probe that ran would have been written back.
    expect(fs.readFileSync(cacheFile(s)).equals(before)).toBe(true);
    expect(fs.statSync(cacheFile(s)).mtimeMs).toBe(mtime);
    expect(String(text1.stdout)).toContain(fake.replace(s.home, '~'));
  });

  it('a changed mtime of the interpreter file means a new probe', async () => {
    const later = new Date(Date.now() + 60_000);
    fs.utimesSync(fake, later, later);
    await listJson(s);
    expect(countLines(log)).toBe(2);
    await listJson(s);
    expect(countLines(log)).toBe(2);
  });

  it('a changed size (same mtime) of the interpreter file means a new probe', async () => {
    const stat = fs.statSync(fake);
    fs.appendFileSync(fake, '# one more line\n');
    fs.utimesSync(fake, stat.atime, stat.mtime);
    await listJson(s);
    expect(countLines(log)).toBe(3);
  });

  it('a user site that appears, or gains a package, means a new probe', async () => {
    const userSite = path.join(s.home, '.local/lib/python3.12/site-packages');
    fs.mkdirSync(userSite, { recursive: true });
    await listJson(s);
    expect(countLines(log)).toBe(4);
    // Let the directory's mtime move on even on coarse file systems.
    const past = new Date(Date.now() - 120_000);
    fs.utimesSync(userSite, past, past);
    await listJson(s);
    expect(countLines(log)).toBe(5);
    fs.mkdirSync(path.join(userSite, 'virtualenv'));
    fs.writeFileSync(path.join(userSite, 'virtualenv', '__init__.py'), '');
    const found = await listJson(s);
    expect(countLines(log)).toBe(6);
    // …and the new probe saw the package.
    const me = found.interpreters.find((i) => i.path === fake) as unknown as { modules: { virtualenv: boolean } };
    expect(me.modules.virtualenv).toBe(true);
  });

  it('another user base (PYTHONUSERBASE, another user site) is not served from the cache', async () => {
    const other = path.join(s.home, 'other-base');
    const run = await s.pyshim(['list', '--json'], { env: { ...s.env, PYTHONUSERBASE: other } });
    expect(run.exitCode).toBe(0);
    expect(countLines(log)).toBe(7);
  });

  it('a damaged cache file is only a slower start', async () => {
    fs.writeFileSync(cacheFile(s), '{ not json');
    const found = await listJson(s);
    expect(found.interpreters.map((i) => i.path)).toContain(fake);
    expect(countLines(log)).toBe(8);
  });
});

describeWith(python('3.12'), 'pyenv CPython 3.12')('a cold list probes in parallel', () => {
  let s: Sandbox;
  const N = 4;
  beforeAll(() => {
    s = makeSandbox();
  });
  afterAll(() => s.cleanup());

  it(`${N} slow interpreters are all running at the same time`, async () => {
    const arrivals = path.join(s.home, 'arrivals');
    const log = path.join(s.home, 'barrier.log');
    fs.mkdirSync(arrivals);
    // Each fake waits (up to 20 s) until all N have started. Run one after
    // another, the first would wait alone and log "alone"; run in parallel,
    // all N log "together". Order and counts, not clocks.
    for (let k = 0; k < N; k++) {
      writeFakeBinary(
        path.join(s.home, `.local/share/uv/python/cpython-3.12.${k}-linux-x86_64-gnu/bin/python3.12`),
        [
          `: > ${sq(path.join(arrivals, String(k)))}`,
          'i=0',
          `while [ "$(ls ${sq(arrivals)} | wc -l)" -lt ${N} ] && [ "$i" -lt 200 ]; do sleep 0.1; i=$((i + 1)); done`,
          `if [ "$i" -lt 200 ]; then echo together >> ${sq(log)}; else echo alone >> ${sq(log)}; fi`,
          `exec ${sq(real)} "$@"`,
        ].join('\n'),
      );
    }
    const found = await listJson(s);
    expect(found.interpreters.filter((i) => i.path.includes('/uv/python/'))).toHaveLength(N);
    expect(fs.readFileSync(log, 'utf8').split('\n').filter(Boolean)).toEqual(Array(N).fill('together'));
  });
});
