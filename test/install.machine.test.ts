import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { makeSandbox, ROOT, type Sandbox } from './helpers/sandbox.js';
import { itWith, python } from './helpers/machine.js';

let s: Sandbox;
afterEach(() => s?.cleanup());

/** A directory of executable stand-ins, `name` → shell script body, for the front of PATH. */
function stubs(dir: string, scripts: Record<string, string>): string {
  fs.mkdirSync(dir, { recursive: true });
  for (const [name, body] of Object.entries(scripts)) fs.writeFileSync(path.join(dir, name), `#!/bin/sh\n${body}\n`, { mode: 0o755 });
  return dir;
}

function runInstall(script: string, args: string[], env: Record<string, string>) {
  return execa('sh', [script, ...args], { env, extendEnv: false, reject: false, cwd: s.home });
}

describe('install.sh, built already (PYSHIM_INSTALL_NO_BUILD)', () => {
  const install = (args: string[], env: Record<string, string> = {}) =>
    runInstall(path.join(ROOT, 'install.sh'), args, { ...s.env, PYSHIM_INSTALL_NO_BUILD: '1', ...env });

  it('links ~/.local/bin/pyshim, sets up the login shell, and is harmless the second time', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/bash' } });
    const first = await install([]);
    expect(first.exitCode, String(first.stderr)).toBe(0);
    const link = path.join(s.home, '.local/bin/pyshim');
    expect(fs.realpathSync(link)).toBe(path.join(ROOT, 'dist/pyshim.cjs'));
    // setup ran: new shells get ~/.local/bin, so there is nothing to add by hand.
    expect(first.stdout).toContain(`install.sh: new shells will find pyshim (setup puts ${s.home}/.local/bin on their PATH); open one`);
    expect(first.stdout).not.toContain('not on your PATH');
    // setup ran (and said so), so the closing line does not ask for it.
    expect(first.stdout).toContain('pyshim: created ~/.bashrc');
    expect(first.stdout.split('\n').pop()).toBe('install.sh: done. Next: pyshim list, then pyshim add X.Y');
    // It works from any directory, by its link.
    const version = await execa(link, ['--version'], { env: s.env, extendEnv: false, cwd: '/' });
    expect(String(version.stdout)).toMatch(/^\d+\.\d+\.\d+$/);
    const rc = path.join(s.home, '.bashrc');
    const once = fs.readFileSync(rc);
    const second = await install([]);
    expect(second.exitCode, String(second.stderr)).toBe(0);
    expect(second.stdout).toContain('pyshim: already set up ~/.bashrc');
    expect(fs.readFileSync(rc).equals(once)).toBe(true);
  });

  itWith(python('3.12'), 'pyenv 3.12')('closes with a plain done when the shell is set up and a line registered, on PATH', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/bash' } });
    expect((await s.pyshim(['add', '3.12', '--no-bootstrap'])).exitCode).toBe(0);
    const run = await install([], { PATH: `${path.join(s.home, '.local/bin')}:${s.env.PATH}` });
    expect(run.exitCode, String(run.stderr)).toBe(0);
    expect(run.stdout).not.toContain('not on your PATH');
    expect(run.stdout.split('\n').pop()).toBe('install.sh: done');
  });

  it('gives the PATH hint for the login shell (zsh, fish, other), none when ~/.local/bin is on PATH, and asks for setup when skipped', async () => {
    s = makeSandbox();
    const bin = path.join(s.home, '.local/bin');
    const hint = async (shell: string, env: Record<string, string> = {}) => {
      const run = await install(['--no-setup'], { SHELL: shell, ...env });
      expect(run.exitCode, String(run.stderr)).toBe(0);
      expect(run.stdout.split('\n').pop()).toBe('install.sh: done. Next: pyshim setup, then pyshim list, then pyshim add X.Y');
      return run.stdout.split('\n').filter((line) => line.includes('not on your PATH'));
    };
    expect(await hint('/usr/bin/fish')).toEqual([`install.sh: ${bin} is not on your PATH; add it, in fish, once:  fish_add_path ~/.local/bin`]);
    expect(await hint('/usr/bin/zsh')).toEqual([`install.sh: ${bin} is not on your PATH; add it, for zsh:  echo 'export PATH="$HOME/.local/bin:$PATH"' >> ~/.zshrc`]);
    expect(await hint('/usr/bin/zsh', { ZDOTDIR: '/cfg/zsh' })).toEqual([
      `install.sh: ${bin} is not on your PATH; add it, for zsh:  echo 'export PATH="$HOME/.local/bin:$PATH"' >> /cfg/zsh/.zshrc`,
    ]);
    expect(await hint('/bin/ksh')).toEqual([`install.sh: ${bin} is not on your PATH; add it, in your shell's profile (~/.profile for sh):  export PATH="$HOME/.local/bin:$PATH"`]);
    expect(await hint('/usr/bin/fish', { PATH: `${bin}:${s.env.PATH}` })).toEqual([]);
    // Nothing was set up.
    expect(fs.readdirSync(s.home).sort()).toEqual(['.local']);
  });

  it('has --help that explains the options, and refuses an unknown one (exit 2)', async () => {
    s = makeSandbox();
    const help = await install(['--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toMatch(/^usage: \.\/install\.sh \[--no-setup\]/);
    expect(help.stdout).toMatch(/--no-setup +leave the shell profiles alone/);
    expect(help.stdout).toMatch(/-h, --help +print this help/);
    expect(help.stdout).toContain('Node.js 20 or newer');
    const bad = await install(['--bogus']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toBe('install.sh: unknown option --bogus (see: ./install.sh --help)');
    expect(fs.existsSync(path.join(s.home, '.local'))).toBe(false);
  });

  it('refuses a Node.js older than 20, or one that does not say its version, in one line (exit 1), and installs nothing', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/bash' } });
    for (const [printed, says] of [
      ['v18.20.4', 'is v18.20.4; install a newer one, or put it first on PATH'],
      ['v8.1.0', 'is v8.1.0; install a newer one, or put it first on PATH'],
      ['garbage', "does not say its version ('node --version' printed 'garbage')"],
    ] as const) {
      const dir = stubs(path.join(s.home, '..', `old-node-${printed}`), { node: `echo ${printed}` });
      const run = await install([], { PATH: `${dir}:${s.env.PATH}` });
      expect(run.exitCode, printed).toBe(1);
      expect(run.stderr).toBe(`install.sh: pyshim needs Node.js 20 or newer, and ${dir}/node ${says}`);
      expect(run.stdout).toBe('');
    }
    expect(fs.existsSync(path.join(s.home, '.local'))).toBe(false);
    expect(fs.existsSync(path.join(s.home, '.bashrc'))).toBe(false);
  });
});

describe('install.sh builds, installing dependencies only when node_modules does not match package-lock.json', () => {
  /**
   * A checkout holding install.sh and package-lock.json; a stand-in npm logs
   * how it was called and "builds" by linking dist to this checkout's build.
   */
  function checkout() {
    const dir = path.join(s.home, '..', 'checkout');
    fs.mkdirSync(dir);
    fs.copyFileSync(path.join(ROOT, 'install.sh'), path.join(dir, 'install.sh'));
    fs.copyFileSync(path.join(ROOT, 'package-lock.json'), path.join(dir, 'package-lock.json'));
    const log = path.join(dir, 'npm.log');
    const bin = stubs(path.join(s.home, '..', 'stub-bin'), {
      // npm ci builds through the prepare script, unless npm ignores scripts.
      npm: [
        `echo "$* (update notifier: \${NPM_CONFIG_UPDATE_NOTIFIER-unset})" >> '${log}'`,
        `[ "$1" = ci ] && [ "\${npm_config_ignore_scripts-}" = true ] || ln -sfn '${path.join(ROOT, 'dist')}' dist`,
      ].join('\n'),
    });
    const run = async (env: Record<string, string> = {}) => {
      fs.rmSync(log, { force: true });
      const result = await runInstall(path.join(dir, 'install.sh'), ['--no-setup'], { ...s.env, PATH: `${bin}:${s.env.PATH}`, ...env });
      expect(result.exitCode, String(result.stderr)).toBe(0);
      return { stdout: result.stdout, npm: fs.readFileSync(log, 'utf8').trim().split('\n') };
    };
    const hidden = path.join(dir, 'node_modules', '.package-lock.json');
    return { dir, run, hidden };
  }
  const ci = 'ci --no-audit --no-fund --no-update-notifier --loglevel=error (update notifier: false)';
  const build = 'run --silent build (update notifier: false)';

  it('runs npm ci without node_modules; only the build when node_modules is what npm ci made', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/bash' } });
    const { run, hidden } = checkout();
    const fresh = await run();
    expect(fresh.npm).toEqual([ci]);
    expect(fresh.stdout).toContain('install.sh: installing dependencies and building (npm ci)');
    // npm set to ignore scripts does not build: install.sh does.
    expect((await run({ npm_config_ignore_scripts: 'true' })).npm).toEqual([ci, build]);
    // What npm ci wrote for this lock file (the suite's own node_modules comes from npm ci).
    fs.mkdirSync(path.dirname(hidden), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'node_modules', '.package-lock.json'), hidden);
    const again = await run();
    expect(again.npm).toEqual([build]);
    expect(again.stdout).toContain('install.sh: dependencies are current; building');
  });

  it('runs npm ci again when a package differs, is missing or is extra', async () => {
    s = makeSandbox({ extraEnv: { SHELL: '/bin/bash' } });
    const { run, hidden } = checkout();
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; optional?: boolean }> };
    // node_modules as npm installs it: the lock's packages but the optional ones (other platforms').
    const installed = Object.fromEntries(Object.entries(lock.packages).filter(([name, p]) => name !== '' && !p.optional));
    const write = (packages: object) => {
      fs.mkdirSync(path.dirname(hidden), { recursive: true });
      fs.writeFileSync(hidden, JSON.stringify({ name: 'pyshim', lockfileVersion: 3, packages }));
    };
    write(installed);
    expect((await run()).npm).toEqual([build]);
    write({ ...installed, 'node_modules/commander': { ...installed['node_modules/commander'], version: '1.0.0' } });
    expect((await run()).npm).toEqual([ci]);
    write(Object.fromEntries(Object.entries(installed).filter(([name]) => name !== 'node_modules/commander')));
    expect((await run()).npm).toEqual([ci]);
    write({ ...installed, 'node_modules/left-pad': { version: '1.3.0' } });
    expect((await run()).npm).toEqual([ci]);
    fs.writeFileSync(hidden, 'not json');
    expect((await run()).npm).toEqual([ci]);
  });
});
