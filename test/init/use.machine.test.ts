import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { describeWith, itWith, python, shells } from '../helpers/machine.js';

/**
 * Asking what is set, and switching, as a user types it: `pyshim use` and
 * `pyshim default` with no line, `pyshim use X.Y` saying what changed, and
 * `pyshim use` with too much, in real interactive bash, zsh and fish set up
 * by `pyshim setup`, with the built CLI on PATH as after install.sh.
 */
const need = 'pyenv 3.12 and 2.7';

/** A sandbox whose PATH finds the built CLI as `pyshim`. */
function sandbox(): Sandbox {
  const s = makeSandbox();
  const tools = path.join(path.dirname(s.home), 'tools');
  fs.mkdirSync(tools);
  fs.symlinkSync(CLI, path.join(tools, 'pyshim'));
  s.env.PATH = `${tools}:${s.env.PATH}`;
  return s;
}

/** An interactive shell of `shell` in the sandbox, running `script`; `$?` is `status` in fish. */
function interactive(s: Sandbox, shell: 'bash' | 'zsh' | 'fish', script: string) {
  const text = shell === 'fish' ? script.replaceAll('$?', '$status') : script;
  return execa(shell, ['-i', '-c', text], { env: { ...s.env, SHELL: `/bin/${shell}` }, extendEnv: false, reject: false, cwd: s.home, stdin: 'ignore' });
}

describeWith(python('3.12') && python('2.7'), need)('pyshim use and pyshim default', () => {
  let s: Sandbox;
  beforeAll(async () => {
    s = sandbox();
    for (const line of ['3.12', '2.7']) {
      const added = await s.pyshim(['add', line, '--no-bootstrap', ...(line === '3.12' ? ['--default'] : [])]);
      expect(added.exitCode, String(added.stderr)).toBe(0);
    }
    const setup = await s.pyshim(['setup', '--shell', 'bash,zsh,fish']);
    expect(setup.exitCode, String(setup.stderr)).toBe(0);
  });
  afterAll(() => s?.cleanup());

  it('pyshim default with no line prints the default line alone (exit 0)', async () => {
    const run = await s.pyshim(['default']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toBe('3.12');
    expect(run.stderr).toBe('');
  });

  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    describe(shell, () => {
      itWith(shells[shell], shell)('pyshim use prints the line; pyshim use X.Y switches and says what changed, also when nothing did', async () => {
        const result = await interactive(s, shell, 'pyshim use; echo "rc=$?"; pyshim use 2.7; echo "rc=$?"; pyshim use; pyshim use 2.7; echo "now=$PYSHIM_LINE $WORKON_HOME"');
        expect(result.stdout.split('\n')).toEqual([
          '3.12',
          'rc=0',
          `pyshim: this shell now uses the 2.7 line (was 3.12); workon and mkvirtualenv use ${s.home}/.virtualenvs27`,
          'rc=0',
          '2.7',
          `pyshim: this shell already uses the 2.7 line; workon and mkvirtualenv use ${s.home}/.virtualenvs27`,
          `now=2.7 ${s.home}/.virtualenvs27`,
        ]);
        // (bash -i without a terminal says it has no job control: that is all it may say.)
        expect(result.stderr).not.toMatch(/pyshim|not found|error/i);
      });

      itWith(shells[shell], shell)('pyshim use 2.7 extra is refused (exit 2) and changes nothing; an unknown line exits 1', async () => {
        const result = await interactive(s, shell, 'pyshim use 2.7 extra; echo "rc=$? $PYSHIM_LINE"; pyshim use 9.9; echo "rc=$? $PYSHIM_LINE"');
        expect(result.stdout.split('\n')).toEqual(['rc=2 3.12', 'rc=1 3.12']);
        expect(result.stderr).toMatch(/^pyshim: error: too many arguments for 'use'/m);
        expect(result.stderr).toContain('pyshim: error: 9.9 is not a registered line (registered: 2.7, 3.12)\n  register it first: pyshim add 9.9');
      });
    });
  }

  it('a new default shows in pyshim default and in the next shell', async () => {
    expect((await s.pyshim(['default', '2.7'])).exitCode).toBe(0);
    expect((await s.pyshim(['default'])).stdout).toBe('2.7');
    for (const shell of ['bash', 'zsh', 'fish'] as const) {
      if (!shells[shell]) continue;
      expect((await interactive(s, shell, 'pyshim use')).stdout, shell).toBe('2.7');
    }
    expect((await s.pyshim(['default', '3.12'])).exitCode).toBe(0);
  });
});

describeWith(python('2.7'), 'pyenv 2.7')('when nothing is set', () => {
  let s: Sandbox;
  beforeAll(() => {
    s = sandbox();
  });
  afterAll(() => s?.cleanup());

  it('pyshim default with no line registered says so and how to register one (exit 1)', async () => {
    const run = await s.pyshim(['default']);
    expect(run.exitCode).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe('pyshim: error: there is no default line: no line is registered\n  register one: pyshim add X.Y --default (the Pythons here: pyshim list)');
  });

  it('with lines but no default (a registry from before defaults), it names them and the command that sets one', async () => {
    expect((await s.pyshim(['add', '2.7', '--no-bootstrap'])).exitCode).toBe(0);
    const file = path.join(s.pyshimHome, 'registry.json');
    const registry = JSON.parse(fs.readFileSync(file, 'utf8')) as { default?: string };
    delete registry.default;
    fs.writeFileSync(file, JSON.stringify(registry));
    const run = await s.pyshim(['default']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toBe('pyshim: error: there is no default line (registered: 2.7)\n  set one: pyshim default 2.7');
  });

  it('pyshim use in a shell on no line says so (exit 1)', async () => {
    const run = await s.pyshim(['use'], { env: { ...s.env, PYSHIM_LINE: '' } });
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toMatch(/^pyshim: error: this shell uses no pyshim line \(PYSHIM_LINE is not set\)\n {2}pick one: pyshim use X\.Y/);
  });
});
