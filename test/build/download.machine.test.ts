import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith } from '../helpers/machine.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { cpython, cpythonRelease } from './cpython-source.js';
import { serve, type TestServer } from './http-server.js';

const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

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
