import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, python } from '../helpers/machine.js';
import { CLI, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { snapshotTree } from '../helpers/snapshot.js';

/**
 * A command stopped half way, as users stop them: Ctrl-C (SIGINT) or a closed
 * terminal (SIGHUP) while `pyshim add`'s bootstrap waits on pip, and a reader
 * that goes away (`pyshim add 3.12 | head -1`). Stopped, the command puts back
 * what it had changed (no shims of a line the registry does not know, no log,
 * no lock); with its reader gone, it finishes its change.
 */
const py312 = python('3.12');
const py313 = python('3.13');

/** What the snapshot leaves out: caches (pyshim's and other programs' discovery runs, like rustup's). */
const notOurs = (rel: string) => rel.startsWith('.pyshim/cache') || rel.startsWith('.rustup') || rel.startsWith('.cache');

let s: Sandbox;
let hanging: net.Server;
let indexUrl = '';
const sockets: net.Socket[] = [];
beforeAll(async () => {
  // An index that accepts and never answers: pip waits on it, which is when the command is stopped.
  hanging = net.createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => hanging.listen(0, '127.0.0.1', resolve));
  indexUrl = `http://127.0.0.1:${(hanging.address() as net.AddressInfo).port}/simple`;
});
afterAll(async () => {
  sockets.forEach((socket) => socket.destroy());
  await new Promise((resolve) => hanging.close(resolve));
  s?.cleanup();
});

describeWith(py312 && py313, 'pyenv CPython 3.12 and 3.13')('a command stopped half way', () => {
  beforeAll(async () => {
    s = makeSandbox();
    expect((await s.pyshim(['add', '3.12', '--no-bootstrap'])).exitCode).toBe(0);
  });

  for (const signal of ['SIGINT', 'SIGHUP'] as const) {
    it(`add stopped by ${signal} in its bootstrap leaves pyshim as it was`, async () => {
      const before = snapshotTree(s.home, notOurs);
      const env = { ...s.env, PIP_CONFIG_FILE: '/dev/null', PIP_INDEX_URL: indexUrl, PIP_TIMEOUT: '60' };
      const child = execa(process.execPath, [CLI, 'add', '3.13'], { env, extendEnv: false, reject: false, all: true });
      // Stopped once its shims are written and it waits on pip.
      const shim = path.join(s.bin, 'pip313');
      for (let i = 0; i < 300 && !(fs.existsSync(shim) && sockets.length > 0); i++) await new Promise((r) => setTimeout(r, 100));
      expect(fs.existsSync(shim), 'the shims were written before pip was asked').toBe(true);
      child.kill(signal);
      const done = await child;
      expect(done.exitCode, done.all).toBe(signal === 'SIGINT' ? 130 : 129);
      expect(done.stderr).toMatch(new RegExp(`pyshim: stopped \\(${signal}\\); what this command had changed is put back`));
      const after = snapshotTree(s.home, notOurs);
      expect(Object.keys(after).filter((k) => after[k] !== before[k]).concat(Object.keys(before).filter((k) => !(k in after)))).toEqual([]);
      // And the next command runs: no lock left behind.
      const list = await s.pyshim(['list', '--json']);
      expect((JSON.parse(String(list.stdout)) as { lines: { version: string }[] }).lines.map((l) => l.version)).toEqual(['3.12']);
      sockets.splice(0).forEach((socket) => socket.destroy());
    });
  }

  it('add whose reader went away (| head -1) finishes: the line is registered, exit 0', async () => {
    // `true` has gone before pyshim writes its first line: every write meets a closed pipe.
    const script = 'set -o pipefail; (sleep 0.3; exec "$0" "$1" add 3.13 --no-bootstrap) | true';
    const piped = await execa('bash', ['-c', script, process.execPath, CLI], { env: s.env, extendEnv: false, reject: false, all: true });
    expect(piped.exitCode, piped.all).toBe(0);
    const list = await s.pyshim(['list', '--json']);
    expect((JSON.parse(String(list.stdout)) as { lines: { version: string }[] }).lines.map((l) => l.version).sort()).toEqual(['3.12', '3.13']);
    expect(fs.existsSync(path.join(s.bin, 'pip313'))).toBe(true);
  });
});
