import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { BUILD_MARKER, readBuildRecord, writeBuildRecord } from '../../src/build/record.js';
import { makeSandbox } from '../helpers/sandbox.js';

/** A directory that looks like a build at pythons/NAME; with `record`, pyshim's record naming `record` as its version. */
function fakeBuild(pythons: string, name: string, record?: string): string {
  const prefix = path.join(pythons, name);
  fs.mkdirSync(path.join(prefix, 'bin'), { recursive: true });
  fs.writeFileSync(path.join(prefix, 'bin', `python${name.split('.').slice(0, 2).join('.')}`), '#!/bin/sh\n', { mode: 0o755 });
  if (record) writeBuildRecord(prefix, { version: record, source: 'Python.tar.xz', configureArgs: [], builtAt: '2026-01-01T00:00:00.000Z', log: '/dev/null' });
  return prefix;
}

describe("a build's record", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-record-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is read back as written, also for a checkout (3.14.0a1+ in 3.14.0a1)', () => {
    expect(readBuildRecord(fakeBuild(dir, '3.12.4', '3.12.4'))).toMatchObject({ version: '3.12.4', source: 'Python.tar.xz' });
    expect(readBuildRecord(fakeBuild(dir, '3.14.0a1', '3.14.0a1+'))?.version).toBe('3.14.0a1+');
  });

  it('does not count when missing, not JSON, a link, or naming another build (a renamed copy)', () => {
    expect(readBuildRecord(fakeBuild(dir, '3.11.9'))).toBeUndefined();
    const garbled = fakeBuild(dir, '3.10.14');
    fs.writeFileSync(path.join(garbled, BUILD_MARKER), '{"version": ');
    expect(readBuildRecord(garbled)).toBeUndefined();
    const linked = fakeBuild(dir, '3.9.19');
    fs.symlinkSync(path.join(dir, '3.12.4', BUILD_MARKER), path.join(linked, BUILD_MARKER));
    expect(readBuildRecord(linked)).toBeUndefined();
    expect(readBuildRecord(fakeBuild(dir, '3.8.19', '3.8.18'))).toBeUndefined();
  });
});

describe('pyshim python uninstall removes only builds pyshim made', () => {
  const sb = makeSandbox();
  const pythons = path.join(sb.pyshimHome, 'pythons');
  afterAll(() => sb.cleanup());
  beforeEach(() => fs.rmSync(pythons, { recursive: true, force: true }));

  it("a build's name without pyshim's record: refused by version and by path, and left as it was", async () => {
    const foreign = fakeBuild(pythons, '3.12.4');
    fakeBuild(pythons, '3.11.9', '3.11.9');
    for (const target of ['3.12.4', path.join(foreign, 'bin', 'python3.12')]) {
      const run = await sb.pyshim(['python', 'uninstall', target]);
      expect(run.exitCode, target).toBe(1);
      expect(run.stderr).toBe(
        `pyshim: error: ~/.pyshim/pythons/3.12.4 has no ${BUILD_MARKER}: pyshim did not build it, so it does not remove it\n` +
          "  if it is yours to delete, delete it yourself: rm -r ~/.pyshim/pythons/3.12.4 (pyshim's builds: 3.11.9)",
      );
    }
    expect(fs.readdirSync(foreign).sort()).toEqual(['bin']);
  });

  it('a build pyshim made: removed, and nothing beside it', async () => {
    fakeBuild(pythons, '3.12.4', '3.12.4');
    const other = fakeBuild(pythons, '3.11.9', '3.11.9');
    const run = await sb.pyshim(['python', 'uninstall', '3.12.4']);
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('pyshim: removed Python 3.12.4 (~/.pyshim/pythons/3.12.4)');
    expect(fs.readdirSync(pythons)).toEqual(['3.11.9']);
    expect(readBuildRecord(other)).toBeDefined();
  });

  it('a build not there: refused, naming the builds there are', async () => {
    fakeBuild(pythons, '3.11.9', '3.11.9');
    const run = await sb.pyshim(['python', 'uninstall', '3.12.4']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain("pyshim has not built Python 3.12.4 (pyshim's builds: 3.11.9)");
  });
});
