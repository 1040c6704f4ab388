/**
 * fish after `pyshim setup`, from a fresh HOME, as a user meets it: a real
 * `fish -i` reads conf.d/pyshim.fish, which defines almost nothing; `pyshim`,
 * `pyshim use`, mkvirtualenv, workon and their completions come from the
 * autoload directories init.fish appends to fish's search paths. A user's
 * own function of the same name wins; `pyshim uninstall` takes every file
 * back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { snapshot } from '../discovery/fixtures.js';
import { describeWith, python, shells } from '../helpers/machine.js';
import { CLI, makeSandbox, type Sandbox } from '../helpers/sandbox.js';

describeWith(shells.fish && python('3.12') && python('3.11'), 'fish and pyenv CPython 3.11 and 3.12')('fish after pyshim setup: commands load on first use', () => {
  let s: Sandbox;
  let tools: string;
  let before: Record<string, string>;
  const data = () => path.join(s.home, '.local/share/pyshim');
  /** fish's own state (universal variables, history, and the folders that hold it): fish's, not pyshim's. */
  const fishOwn = (rel: string) => ['.config/fish/fish_variables', '.local', '.local/share'].includes(rel) || rel.startsWith('.local/share/fish');

  /** An interactive fish reading the user's configuration, as a terminal starts it. */
  const fish = (script: string, env: Record<string, string> = {}) =>
    execa(shells.fish!, ['-i', '-c', script], { env: { ...s.env, ...env }, extendEnv: false, reject: false, stdin: 'ignore', cwd: s.home, timeout: 120_000 });

  const ok = async (args: string[]) => {
    const run = await s.pyshim(args);
    expect(run.exitCode, `pyshim ${args.join(' ')}: ${String(run.stderr)}`).toBe(0);
  };

  beforeAll(async () => {
    s = makeSandbox();
    // A new user's layout (XDG directories), and `pyshim` on PATH as an install puts it, outside HOME.
    delete s.env.PYSHIM_HOME;
    tools = path.join(path.dirname(s.home), 'tools');
    fs.mkdirSync(tools);
    fs.writeFileSync(path.join(tools, 'pyshim'), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`, { mode: 0o755 });
    s.env.PATH = `${tools}:${s.env.PATH}`;
    before = snapshot(s.home);
    await ok(['add', '3.12', '--no-bootstrap']);
    await ok(['add', '3.11', '--no-bootstrap']);
    await ok(['default', '3.12']);
    await ok(['setup', '--shell', 'fish']);
  }, 300_000);
  afterAll(() => s?.cleanup());

  it('a new fish defines only the PATH guard; pyshim\'s files are in its search paths, after the user\'s', async () => {
    const r = await fish(
      [
        'functions -q __pyshim_vew_names; and echo LOADED-AT-START',
        'echo "line=$PYSHIM_LINE home=$WORKON_HOME"',
        'string join \\n -- $fish_function_path | string match -e /.local/share/pyshim/',
        'contains -- $__fish_config_dir/functions $fish_function_path[1..-2]; and echo USER-FIRST',
        'functions --details pyshim',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([
      `line=3.12 home=${path.join(s.home, '.virtualenvs312')}`,
      path.join(data(), 'fish/functions'),
      'USER-FIRST',
      path.join(data(), 'fish/functions/pyshim.fish'),
    ]);
  });

  it('pyshim use switches this fish; a fish that inherited a line starts on it, one that inherited a line gone starts on the default, silently', async () => {
    let r = await fish('pyshim use 3.11; echo "line=$PYSHIM_LINE home=$WORKON_HOME venv=$VIRTUALENVWRAPPER_VIRTUALENV"; pyshim use 9.9; echo "rc=$status"');
    expect(r.stdout.split('\n')).toEqual([
      `pyshim: this shell now uses the 3.11 line (was 3.12); workon and mkvirtualenv use ${path.join(s.home, '.virtualenvs311')}`,
      `line=3.11 home=${path.join(s.home, '.virtualenvs311')} venv=${path.join(data(), 'bin/virtualenv-3.11')}`,
      'rc=1',
    ]);
    expect(r.stderr).toBe('pyshim: error: 9.9 is not a registered line (registered: 3.11, 3.12)\n  register it first: pyshim add 9.9');
    r = await fish('echo "line=$PYSHIM_LINE home=$WORKON_HOME"', { PYSHIM_LINE: '3.11' });
    expect([r.stdout, r.stderr]).toEqual([`line=3.11 home=${path.join(s.home, '.virtualenvs311')}`, '']);
    r = await fish('echo "line=$PYSHIM_LINE"', { PYSHIM_LINE: '2.5' });
    expect([r.stdout, r.stderr]).toEqual(['line=3.12', '']);
  });

  it('mkvirtualenv and workon work on first use; Tab completes environment names and pyshim\'s commands before any of them ran', async () => {
    let r = await fish('mkvirtualenv proj >/dev/null; echo "mk=$status env=$VIRTUAL_ENV"; deactivate; workon proj; and echo "on=$VIRTUAL_ENV"');
    const env = path.join(s.home, '.virtualenvs312', 'proj');
    expect(r.stdout, String(r.stderr)).toContain(`mk=0 env=${env}`);
    expect(r.stdout).toContain(`on=${env}`);
    // A new fish: completion alone loads what it needs.
    r = await fish(
      [
        'complete -C "workon " | string match -r "^proj\\b"',
        'complete -C "rmvirtualenv pr" | string match -r "^proj\\b"',
        'complete -C "mkvirtualenv --sys"',
        'complete -C "pyshim us" | string match -r "^use\\b"',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual(['proj', 'proj', expect.stringMatching(/^--system-site-packages\t/), 'use']);
  });

  it('a change deletes the completion loader older pyshims copied into runtime/ (fish reads it from fish/completions/ now)', async () => {
    const retired = path.join(data(), 'runtime/completions/pyshim.fish');
    fs.mkdirSync(path.dirname(retired), { recursive: true });
    fs.writeFileSync(retired, 'command pyshim completion fish 2>/dev/null | source\n');
    await ok(['default', '3.11']);
    await ok(['default', '3.12']);
    expect(fs.existsSync(retired)).toBe(false);
    // Its empty folder is uninstall's to take (the last test sees the home as it was).
    expect(fs.readdirSync(path.dirname(retired))).toEqual([]);
  });

  it("a user's own workon (config.fish) and lsvirtualenv (their functions dir) win, and Tab after theirs loads nothing of pyshim's", async () => {
    const config = path.join(s.home, '.config/fish/config.fish');
    const own = path.join(s.home, '.config/fish/functions/lsvirtualenv.fish');
    fs.writeFileSync(config, 'function workon; echo "my workon $argv"; end\n');
    fs.mkdirSync(path.dirname(own), { recursive: true });
    fs.writeFileSync(own, 'function lsvirtualenv; echo "my lsvirtualenv"; end\n');
    try {
      const r = await fish('workon a b; lsvirtualenv; complete -C "workon " >/dev/null; functions -q __pyshim_vew_names; and echo LOADED; true');
      expect([r.stdout, r.stderr]).toEqual(['my workon a b\nmy lsvirtualenv', '']);
    } finally {
      fs.rmSync(config);
      fs.rmSync(path.dirname(own), { recursive: true });
    }
  });

  it('doctor finds the generated fish files current; uninstall leaves the home as it was (but the environment made and fish\'s own state)', async () => {
    const doctor = await s.pyshim(['doctor', '--json']);
    const generated = (JSON.parse(String(doctor.stdout)) as { findings: { subject: string; ok: boolean; message: string }[] }).findings.filter((f) => f.subject === 'pyshim');
    expect(generated).toEqual([{ subject: 'pyshim', ok: true, message: 'generated files current; every file they name exists' }]);
    // An autoload file edited by hand is out of date, as init.fish would be.
    fs.appendFileSync(path.join(data(), 'fish/functions/workon.fish'), 'echo edited\n');
    const stale = await s.pyshim(['doctor']);
    expect(String(stale.stdout)).toContain('✗ pyshim: ~/.local/share/pyshim/fish/functions/workon.fish is out of date\n    fix: pyshim setup --shell fish');
    await ok(['uninstall']);
    const workonHomes = (rel: string) => /^\.virtualenvs31[12]\b/.test(rel);
    expect(snapshot(s.home, { exclude: (rel) => fishOwn(rel) || workonHomes(rel) })).toEqual(before);
    expect(fs.existsSync(data())).toBe(false);
    // What fish does at start now that the block is gone: nothing of pyshim's.
    const r = await fish('functions -q workon; or echo NO-WORKON; string join \\n -- $fish_function_path $fish_complete_path | string match -e /.local/share/pyshim/; true');
    expect([r.stdout, r.stderr]).toEqual(['NO-WORKON', '']);
  });
});
