import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest';
import { download } from '../../src/build/download.js';
import { PyshimError } from '../../src/errors.js';
import { describeWith } from '../helpers/machine.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { cpython, cpythonRelease } from './cpython-source.js';
import { serve, type TestServer } from './http-server.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describeWith(cpython.file, cpython.why)('downloading a source over HTTP (a loopback server)', () => {
  let body: Buffer;
  let server: TestServer;
  let dir: string;
  const name = `Python-${cpythonRelease}.tgz`;

  beforeAll(async () => {
    body = fs.readFileSync(cpython.file ?? '');
    server = await serve(body);
  });
  afterAll(() => server.close());
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-dl-'));
    server.ranges.length = 0;
    server.honourRange = true;
    server.breakAfter(0, 0);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('downloads the whole file, reports progress up to the total, and keeps no .part', async () => {
    const seen: [number, number | undefined][] = [];
    const got = await download({ url: server.url(name), dir, sha256: sha256(body), onProgress: (r, t) => seen.push([r, t]) });
    expect(got).toMatchObject({ file: path.join(dir, name), bytes: body.length, cached: false, resumedFrom: 0 });
    expect(sha256(fs.readFileSync(got.file))).toBe(sha256(body));
    expect(fs.readdirSync(dir)).toEqual([name]);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every(([, t]) => t === body.length)).toBe(true);
    expect(seen.map(([r]) => r)).toEqual([...seen.map(([r]) => r)].sort((a, b) => a - b));
    expect(seen.at(-1)?.[0]).toBe(body.length);
    // A second time it comes from the cache, without a request.
    const again = await download({ url: server.url(name), dir, sha256: sha256(body) });
    expect(again.cached).toBe(true);
    expect(server.ranges).toHaveLength(1);
  });

  it('refuses a checksum mismatch and deletes what it downloaded', async () => {
    const wrong = sha256(Buffer.from('not the tarball'));
    const error = await download({ url: server.url(name), dir, sha256: wrong }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PyshimError);
    expect((error as PyshimError).message).toContain(`expected ${wrong}, got ${sha256(body)}`);
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('resumes with a Range request when the server closes the connection mid-way', async () => {
    const half = Math.floor(body.length / 2);
    server.breakAfter(half, 1);
    const retries: [string, number][] = [];
    const got = await download({ url: server.url(name), dir, sha256: sha256(body), onRetry: (why, from) => retries.push([why, from]) });
    expect(retries).toHaveLength(1);
    expect(retries[0]?.[1]).toBeGreaterThan(0);
    expect(server.ranges).toEqual(['', `bytes=${retries[0]?.[1]}-`]);
    expect(sha256(fs.readFileSync(got.file))).toBe(sha256(body));
  });

  it('starts over when the server ignores Range, and still gets the right bytes', async () => {
    server.breakAfter(1_000_000, 1);
    server.honourRange = false;
    const got = await download({ url: server.url(name), dir, sha256: sha256(body) });
    expect(server.ranges).toHaveLength(2);
    expect(server.ranges[1]).toMatch(/^bytes=\d+-$/);
    expect(sha256(fs.readFileSync(got.file))).toBe(sha256(body));
  });

  it('keeps the .part when every attempt breaks, and the next run resumes from it', async () => {
    server.breakAfter(3_000_000, 2);
    const error = await download({ url: server.url(name), dir, attempts: 2 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PyshimError);
    expect((error as PyshimError).hint).toContain('.part');
    expect(fs.readdirSync(dir)).toEqual([`${name}.part`]);
    expect(fs.statSync(path.join(dir, `${name}.part`)).size).toBe(6_000_000);
    const got = await download({ url: server.url(name), dir, sha256: sha256(body) });
    expect(got.resumedFrom).toBe(6_000_000);
    expect(server.ranges.at(-1)).toBe('bytes=6000000-');
    expect(sha256(fs.readFileSync(got.file))).toBe(sha256(body));
  });

  it('a 404 is an error at once, not retried', async () => {
    const error = await download({ url: server.url('missing.tgz'), dir }).catch((e: unknown) => e);
    expect((error as PyshimError).message).toContain('HTTP 404');
    expect(fs.readdirSync(dir)).toEqual([]);
  });
});

/** Through the CLI: a URL build that stops at configure (one full build in the suite is enough). */
describeWith(cpython.file, cpython.why)('pyshim python build --source URL', () => {
  let body: Buffer;
  let server: TestServer;
  let s: Sandbox;
  const name = `Python-${cpythonRelease}.tgz`;

  beforeAll(async () => {
    body = fs.readFileSync(cpython.file ?? '');
    server = await serve(body);
    s = makeSandbox();
  });
  afterAll(async () => {
    await server.close();
    s.cleanup();
  });

  const downloads = () => {
    const root = path.join(s.pyshimHome, 'cache', 'downloads');
    return fs.existsSync(root) ? fs.readdirSync(root).flatMap((d) => fs.readdirSync(path.join(root, d))) : [];
  };
  const leftovers = () => (fs.existsSync(path.join(s.pyshimHome, 'pythons')) ? fs.readdirSync(path.join(s.pyshimHome, 'pythons')) : []);

  it('a wrong --sha256 is refused before anything is unpacked, and the file is deleted', async () => {
    const run = await s.pyshim(['python', 'build', '3.11', '--source', server.url(name), '--sha256', 'a'.repeat(64), '--no-bootstrap']);
    expect(run.exitCode).toBe(1);
    expect(String(run.stderr)).toContain(`does not match --sha256 (expected ${'a'.repeat(64)}, got ${sha256(body)}); the file was deleted`);
    expect(String(run.stderr)).not.toContain('unpack');
    expect(downloads()).toEqual([]);
    expect(leftovers()).toEqual([]);
  });

  it('shows download progress as percentage lines off a terminal, survives a broken connection, then refuses a wrong version', async () => {
    server.breakAfter(Math.floor(body.length / 3), 1);
    const run = await s.pyshim(['python', 'build', '3.12', '--source', server.url(name), '--sha256', sha256(body), '--no-bootstrap']);
    const err = String(run.stderr);
    expect(run.exitCode).toBe(1);
    expect(err).toMatch(/→ download …/);
    expect(err).toMatch(/retrying from byte \d+/);
    for (const pct of [10, 50, 90, 100]) expect(err).toMatch(new RegExp(`^  ${pct}%  [\\d.]+ MiB of [\\d.]+ MiB$`, 'm'));
    expect(err).toMatch(/✓ download: [\d.]+ MiB downloaded, sha256 verified \([\d.]+ m?s\)/);
    expect(err).toMatch(/✓ unpack: .* \([\d.]+ m?s\)/);
    expect(err).toContain(`is the source of Python ${cpythonRelease}, not 3.12`);
    expect(err).toContain(`pyshim python build 3.11 --source ${server.url(name)}`);
    expect(downloads()).toEqual([name]);
    expect(leftovers()).toEqual([]);
  });

  it('the next build takes the download from the cache; a failing configure leaves no prefix', async () => {
    const before = server.ranges.length;
    const run = await s.pyshim(['python', 'build', '3.11', '--source', server.url(name), '--no-bootstrap', '--', 'CC=/nonexistent/cc']);
    const err = String(run.stderr);
    expect(run.exitCode).toBe(1);
    expect(server.ranges.length).toBe(before);
    expect(err).toMatch(/✓ download: [\d.]+ MiB cached/);
    expect(err).toContain(`configure failed for Python ${cpythonRelease}; nothing was installed`);
    expect(err).toContain('C compiler cannot create executables');
    expect(leftovers()).toEqual([]);
    expect(fs.readdirSync(path.join(s.pyshimHome, 'cache', 'build'))).toEqual([]);
  });
});
