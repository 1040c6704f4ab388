import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, expect, it } from 'vitest';
import { copyInterpreter } from '../discovery/fixtures.js';
import { describeWith, python } from '../helpers/machine.js';
import { CLI, makeSandbox, type Sandbox } from '../helpers/sandbox.js';

const py312 = python('3.12');
const py311 = python('3.11');
let s: Sandbox;
afterEach(() => s?.cleanup());

interface Finding {
  subject: string;
  ok: boolean;
  message: string;
  fix?: string;
}

async function doctor(sb: Sandbox): Promise<{ code: number | undefined; problems: Finding[]; text: string }> {
  const json = await sb.pyshim(['doctor', '--json']);
  const parsed = JSON.parse(String(json.stdout)) as { ok: boolean; findings: Finding[] };
  const text = await sb.pyshim(['doctor']);
  expect(text.exitCode).toBe(json.exitCode);
  return { code: json.exitCode, problems: parsed.findings.filter((f) => !f.ok), text: String(text.stdout) };
}

describeWith(py312 && py311, 'pyenv CPython 3.11 and 3.12')('pyshim doctor', () => {
  it('is quiet and exits 0 when all is well, then names each breakage made by hand with the command that fixes it', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/bash' } });
    const copy = copyInterpreter(path.join(s.home, 'py311'), py311?.path ?? '', '3.11');
    expect((await s.pyshim(['add', '3.12', '--no-bootstrap'])).exitCode).toBe(0);
    expect((await s.pyshim(['add', copy, '--no-bootstrap'])).exitCode).toBe(0);
    // As install.sh leaves it: the pyshim command in ~/.local/bin, which setup puts on new shells' PATH.
    fs.mkdirSync(path.join(s.home, '.local/bin'), { recursive: true });
    fs.symlinkSync(CLI, path.join(s.home, '.local/bin/pyshim'));
    expect((await s.pyshim(['setup', '--shell', 'bash'])).exitCode).toBe(0);

    const healthy = await doctor(s);
    expect(healthy.problems).toEqual([]);
    expect(healthy.code).toBe(0);
    expect(healthy.text).toMatch(/a new interactive bash finds the shims first on PATH, and pyshim/);
    expect(healthy.text).toMatch(/a new login bash finds the shims first on PATH, and pyshim/);

    // 1. the interpreter deleted
    fs.rmSync(copy);
    // 2. a shim deleted
    fs.rmSync(path.join(s.bin, 'pip312'));
    // 3. the block deleted from the profile
    const rc = path.join(s.home, '.bashrc');
    fs.writeFileSync(rc, fs.readFileSync(rc, 'utf8').replace(/(^|\n)# >>> pyshim >>>[\s\S]*# <<< pyshim <<<\n/, ''));
    // 4. the file init.bash reads on first use deleted
    fs.rmSync(path.join(s.pyshimHome, 'lazy.bash'));

    const broken = await doctor(s);
    expect(broken.code).toBe(1);
    const byFix = (fix: string) => broken.problems.filter((p) => p.fix === fix);
    expect(byFix('pyshim add 3.11')[0]?.message).toMatch(/is gone/);
    expect(byFix('pyshim add 3.12')[0]?.message).toMatch(/missing: pip312/);
    expect(byFix('pyshim setup --shell bash').map((p) => p.message).join('\n')).toMatch(/block is missing/);
    expect(byFix('pyshim setup --shell bash').map((p) => p.message).join('\n')).toMatch(/the init file .*lazy\.bash is missing/);
    expect(broken.text).toMatch(/fix: pyshim setup --shell bash/);

    // Running the fixes it named makes it well again.
    expect((await s.pyshim(['remove', '3.11'])).exitCode).toBe(0);
    expect((await s.pyshim(['add', '3.12', '--no-bootstrap'])).exitCode).toBe(0);
    expect((await s.pyshim(['setup', '--shell', 'bash'])).exitCode).toBe(0);
    const fixed = await doctor(s);
    expect(fixed.problems).toEqual([]);
    expect(fixed.code).toBe(0);
  });
});

describeWith(py312, 'pyenv CPython 3.12')('pyshim doctor, a line chosen through a link', () => {
  it('the link gone (its target still there): the line is a problem, fixed by pyshim add X.Y, not by the gone path', async () => {
    s = makeSandbox();
    const link = path.join(s.home, 'mypy', 'python3.12');
    fs.mkdirSync(path.dirname(link));
    fs.symlinkSync(py312?.path ?? '', link);
    expect((await s.pyshim(['add', link, '--no-bootstrap'])).exitCode).toBe(0);
    fs.rmSync(link);
    const { code, problems } = await doctor(s);
    expect(code).toBe(1);
    const line = problems.filter((f) => f.subject === '3.12');
    expect(line).toEqual([{ subject: '3.12', ok: false, message: `its interpreter ~/mypy/python3.12 is gone (it pointed at ${py312?.path})`, fix: 'pyshim add 3.12' }]);
    // The fix it names works: add picks the 3.12 still on the machine.
    expect((await s.pyshim(['add', '3.12', '--no-bootstrap'])).exitCode).toBe(0);
    expect((await doctor(s)).problems.filter((f) => f.subject === '3.12')).toEqual([]);
  }, 120_000);
});

describeWith(py312 && py311, 'pyenv CPython 3.11 and 3.12')('default and use', () => {
  it('default sets the line new shells start with; use switches the current shell only', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/bash' } });
    for (const v of ['3.12', '3.11']) expect((await s.pyshim(['add', v, '--no-bootstrap'])).exitCode).toBe(0);
    expect((await s.pyshim(['setup', '--shell', 'bash'])).exitCode).toBe(0);
    const bash = (script: string) => execa('bash', ['-i', '-c', script], { env: s.env, extendEnv: false, reject: false });
    expect(String((await bash('echo "$WORKON_HOME"')).stdout)).toBe(path.join(s.home, '.virtualenvs312'));
    expect((await s.pyshim(['default', '3.11'])).exitCode).toBe(0);
    expect(String((await bash('echo "$WORKON_HOME"')).stdout)).toBe(path.join(s.home, '.virtualenvs311'));
    const used = await bash('pyshim use 3.12 >/dev/null && echo "$WORKON_HOME $VIRTUALENVWRAPPER_VIRTUALENV"');
    expect(String(used.stdout)).toBe(`${path.join(s.home, '.virtualenvs312')} ${path.join(s.bin, 'virtualenv-3.12')}`);
    const unknown = await bash('pyshim use 9.9; echo "status=$?"');
    expect(String(unknown.stdout)).toMatch(/status=1$/);
    expect(String(unknown.stderr)).toMatch(/9\.9/);
    // Outside a set-up shell, the program explains instead of pretending.
    const outside = await s.pyshim(['use', '3.12']);
    expect(outside.exitCode).toBe(1);
    expect(String(outside.stderr)).toMatch(/pyshim setup/);
    expect((await s.pyshim(['default', '9.9'])).exitCode).toBe(1);
  });
});
