import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { download } from '../../src/build/download.js';
import { PyshimError } from '../../src/errors.js';
import { serve, type TestServer } from './http-server.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('downloading a source over HTTP (a loopback server)', () => {
  let body: Buffer;
  let server: TestServer;
  let dir: string;
  const name = 'Python-3.11.2.tgz';

  beforeAll(async () => {
    // Any bytes will do (the CLI tests in download.machine.test.ts serve a real tarball);
    // more than the 6 MB the broken-connection tests cut it at.
    body = randomBytes(8 * 1024 * 1024);
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
