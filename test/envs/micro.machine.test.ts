import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Backend } from '../../src/envs/backend.js';
import { renderVirtualenvShim } from '../../src/envs/render.js';
import { describeWith, itWith, python, shells, systemPython3 } from '../helpers/machine.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';

/**
 * `-p python3.12.1` on the 3.12 line whose interpreter is 3.12.1 (a
 * virtualenvwrapper habit, as `-p python3.12` is): taken, because the shim
 * was written knowing the interpreter's micro version from its probe; any
 * other micro version refused as another Python is. With real shims written
 * by `pyshim add` (the helper's -p reading, mkenv.py) and Debian's own
 * virtualenv run as it is (the sh reading, virtualenv-own.sh).
 */
const py312 = python('3.12');
const py310 = python('3.10');
const need = 'pyenv 3.12 and 3.10';

let s: Sandbox;
beforeAll(async () => {
  if (!py312 || !py310) return;
  s = makeSandbox();
  for (const line of ['3.12', '3.10']) {
    const added = await s.pyshim(['add', line, '--no-bootstrap']);
    expect(added.exitCode, String(added.stderr)).toBe(0);
  }
});
afterAll(() => s?.cleanup());

const run = (file: string, args: string[]) => execa(file, args, { env: s.env, extendEnv: false, reject: false, cwd: s.home, all: true, stdin: 'ignore' });

/** The X.Y.Z of an interpreter, asked of it. */
async function microOf(file: string): Promise<string> {
  return String((await execa(file, ['-c', 'import sys; sys.stdout.write("%d.%d.%d" % sys.version_info[:3])'])).stdout);
}

/** The X.Y.Z one micro release away: a version of the same line that is not this interpreter. */
const otherMicro = (micro: string) => micro.replace(/\d+$/, (z) => String(Number(z) + 1));

/** What a user checks: -p with the micro version makes an X.Y environment; another micro is refused, nothing made. */
async function takesItsMicro(shim: string, line: string, micro: string, extra: string[] = []): Promise<void> {
  const forms = [['-p', `python${micro}`], [`--python=${micro}`], [`-pcpython${micro}`], ['--pyt', `py${micro}`]];
  for (const [i, form] of forms.entries()) {
    const dest = path.join(s.home, `micro-${line}-${i}`);
    const made = await run(shim, [...form, ...extra, '-q', dest]);
    expect(made.exitCode, `${form.join(' ')}: ${made.all}`).toBe(0);
    expect(await microOf(path.join(dest, 'bin', 'python'))).toBe(micro);
  }
  const other = otherMicro(micro);
  const dest = path.join(s.home, `other-${line}`);
  const refused = await run(shim, ['-p', `python${other}`, ...extra, dest]);
  expect(refused.exitCode).toBe(2);
  expect(String(refused.stderr)).toBe(
    `virtualenv-${line}: makes Python ${line} environments only; it does not take -p python${other}\n  for another version use that version's virtualenv-X.Y`,
  );
  expect(fs.existsSync(dest)).toBe(false);
}

describeWith(py312 && py310, need)('-p naming the line interpreter with its micro version', () => {
  itWith(true, need)('virtualenv-3.12 and virtualenv-3.10 (written by pyshim add) take -p pythonX.Y.Z of their interpreter and refuse another micro', async () => {
    await takesItsMicro(path.join(s.bin, 'virtualenv-3.12'), '3.12', await microOf(py312!.path));
    await takesItsMicro(path.join(s.bin, 'virtualenv-3.10'), '3.10', await microOf(py310!.path));
  });

  itWith(shells.bash, 'bash')('bash: mkvirtualenv -p python3.12.Z through the real virtualenvwrapper', async () => {
    const micro = await microOf(py312!.path);
    const script = [
      `. "${s.bin}/virtualenvwrapper-3.12.sh"`,
      `mkvirtualenv -p python${micro} withmicro >/dev/null; echo "mk=$?"`,
      `python -c 'import sys; print("py=%d.%d.%d" % sys.version_info[:3])'`,
      'deactivate',
      `mkvirtualenv -p python${otherMicro(micro)} othermicro >/dev/null; echo "other=$?"`,
    ].join('\n');
    const ran = await execa('bash', ['-c', script], { env: s.env, extendEnv: false, reject: false, cwd: s.home });
    const out = String(ran.stdout).split('\n');
    expect(out, String(ran.stderr)).toContain('mk=0');
    expect(out).toContain(`py=${micro}`);
    expect(out).not.toContain('other=0');
    expect(String(ran.stderr)).toContain(`virtualenv-3.12: makes Python 3.12 environments only; it does not take -p python${otherMicro(micro)}`);
    expect(fs.existsSync(path.join(s.home, '.virtualenvs312', 'othermicro'))).toBe(false);
  });
});

// virtualenv-own.sh decides in sh, before any Python runs: Debian's python3 and its virtualenv 20.
describeWith(systemPython3, "Debian's python3 with virtualenv")("the line's own virtualenv run directly (virtualenv-own.sh)", () => {
  itWith(true, "Debian's python3")('takes -p pythonX.Y.Z of its interpreter and refuses another micro', async () => {
    s ??= makeSandbox();
    const real = fs.realpathSync(systemPython3!);
    const micro = await microOf(real);
    const line = micro.split('.').slice(0, 2).join('.');
    const shim = path.join(s.home, 'own', `virtualenv-${line}`);
    fs.mkdirSync(path.dirname(shim), { recursive: true });
    const backend: Backend = { kind: 'own-virtualenv', python: real, virtualenvVersion: '20', seedWheels: [] };
    fs.writeFileSync(shim, renderVirtualenvShim(backend, { line, name: `virtualenv-${line}`, version: micro }), { mode: 0o755 });
    expect(fs.readFileSync(shim, 'utf8')).toContain('-m virtualenv "$@"');
    await takesItsMicro(shim, line, micro, ['--no-seed']);
  });
});
