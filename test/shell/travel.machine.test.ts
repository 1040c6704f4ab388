import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, expect, it } from 'vitest';
import { copyInterpreter } from '../discovery/fixtures.js';
import { describeWith, python } from '../helpers/machine.js';
import { CLI, makeSandbox, type Sandbox } from '../helpers/sandbox.js';

let s: Sandbox | undefined;
afterEach(() => s?.cleanup());

const PLAIN_PATH = '/usr/local/bin:/usr/bin:/bin';

/** A new interactive bash, as a terminal starts one: none of the variables the set-up command had. */
function newBash(sb: Sandbox, script: string, drop: string[]) {
  const env = Object.fromEntries(Object.entries(sb.env).filter(([k]) => !drop.includes(k)));
  return execa('bash', ['-i', '-c', script], { env: { ...env, PATH: PLAIN_PATH }, extendEnv: false, reject: false, stdin: 'ignore' });
}

describeWith(python('3.12'), 'pyenv CPython 3.12')('state that must travel to new shells', () => {
  for (const [name, vars] of [
    ['PYSHIM_HOME', (home: string) => ({ PYSHIM_HOME: path.join(home, 'tools', 'pyshim') })],
    ['XDG_* directories', (home: string) => ({ XDG_CONFIG_HOME: path.join(home, 'cfg'), XDG_DATA_HOME: path.join(home, 'data'), XDG_CACHE_HOME: path.join(home, 'cache') })],
  ] as const) {
    it(`a ${name} in force at setup is what a new shell's pyshim uses (one registry, one uninstall)`, async () => {
      const sb = (s = makeSandbox());
      delete sb.env.PYSHIM_HOME;
      Object.assign(sb.env, vars(sb.home));
      fs.mkdirSync(path.join(sb.home, '.local/bin'), { recursive: true });
      fs.symlinkSync(CLI, path.join(sb.home, '.local/bin/pyshim'));
      for (const args of [['add', '3.12', '--no-bootstrap'], ['setup', '--shell', 'bash']]) expect((await sb.pyshim(args)).exitCode).toBe(0);
      const lines = await newBash(sb, 'pyshim list --json', Object.keys(vars(sb.home)));
      expect(String(lines.stderr)).not.toMatch(/error/);
      expect((JSON.parse(String(lines.stdout)) as { lines: { version: string }[] }).lines.map((l) => l.version)).toEqual(['3.12']);
      // Uninstall from that new shell removes the one registry there is.
      const gone = await newBash(sb, 'pyshim uninstall >/dev/null; echo "rc=$?"', Object.keys(vars(sb.home)));
      expect(String(gone.stdout)).toMatch(/rc=0/);
      for (const dir of Object.values(vars(sb.home))) expect(fs.existsSync(path.join(dir, name === 'PYSHIM_HOME' ? '' : 'pyshim'))).toBe(false);
    });
  }
});

describeWith(python('3.12'), 'pyenv CPython 3.12')('an interpreter chosen through a stable link', () => {
  it('keeps working after the link moves to the next patch release and the old one is removed; list shows both paths', async () => {
    const sb = (s = makeSandbox());
    const versions = path.join(sb.home, 'pythons');
    copyInterpreter(path.join(versions, '3.12.1'), python('3.12')!.path, '3.12');
    fs.symlinkSync('3.12.1', path.join(versions, '3.12'));
    const added = await sb.pyshim(['add', '3.12', '--python', path.join(versions, '3.12'), '--no-bootstrap']);
    expect(added.exitCode, String(added.stderr)).toBe(0);
    expect(String(added.stdout)).toContain(`~/pythons/3.12/bin/python3.12 → ~/pythons/3.12.1/bin/python3.12`);
    // The next patch release arrives; the link moves; the old one goes.
    copyInterpreter(path.join(versions, '3.12.2'), python('3.12')!.path, '3.12');
    fs.rmSync(path.join(versions, '3.12'));
    fs.symlinkSync('3.12.2', path.join(versions, '3.12'));
    fs.rmSync(path.join(versions, '3.12.1'), { recursive: true });
    const run = await execa(path.join(sb.bin, 'python3.12'), ['-c', 'import sys; print(sys.executable)'], { env: sb.env, extendEnv: false, reject: false });
    expect(run.exitCode, String(run.stderr)).toBe(0);
    expect(String(run.stdout)).toBe(path.join(versions, '3.12', 'bin', 'python3.12'));
    const pip = await execa(path.join(sb.bin, 'pip312'), ['--version'], { env: sb.env, extendEnv: false, reject: false });
    expect(pip.exitCode, String(pip.stderr)).toBe(0);
    const listed = await sb.pyshim(['list', '--json']);
    const line = (JSON.parse(String(listed.stdout)) as { lines: { version: string; python: string; link?: string }[] }).lines[0]!;
    expect(line.link).toBe(path.join(versions, '3.12', 'bin', 'python3.12'));
    expect(line.python).toBe(fs.realpathSync(path.join(versions, '3.12.2', 'bin', 'python3.12')));
  });
});
