import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { syntaxCheckArgv } from '../../src/shell/syntax.js';
import { renderInitFiles } from '../../src/init/render.js';
import { SHELLS, type ShellName } from '../../src/shell/adapter.js';
import { adapterFor } from '../../src/shell/shells.js';
import { describeWith, itWith, shells } from '../helpers/machine.js';
import { factsFor, lazyLoader, writeInitFiles } from './fixture.js';

let base: string;
let home: string;
let data: string;
const files: Partial<Record<ShellName, string>> = {};

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-init-'));
  // A home and a data dir outside it with the characters that break quoting.
  home = path.join(base, `home with 'quotes' "and" $dollar`);
  data = path.join(base, `data *?[ \`tick\` é`);
  fs.mkdirSync(home, { recursive: true });
  fs.mkdirSync(data, { recursive: true });
  for (const shell of SHELLS) {
    writeInitFiles(shell, factsFor(home, data));
    files[shell] = path.join(data, adapterFor(shell).initFileName);
  }
});

afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

function stubs0(): string {
  return [...fs.readFileSync(lazyLoader, 'utf8').matchAll(/^\s*([a-z0-9]+)\(\) \{ _pyshim_vew_run /gm)].map((m) => m[1]).join(' ');
}

function startArgs(shell: ShellName): string[] {
  return { bash: ['--norc', '--noprofile', '-c'], zsh: ['-f', '-c'], fish: ['--no-config', '-c'] }[shell];
}

/** Run a script in a bare shell with $INIT naming its init file; `env` adds to or overrides the environment. */
async function inShell(shell: ShellName, script: string, env: Record<string, string> = {}) {
  return execa(shell, [...startArgs(shell), script], {
    env: { PATH: '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', INIT: files[shell]!, ...env },
    extendEnv: false,
    reject: false,
  });
}

/** A directory holding a stand-in `pyshim` CLI that prints what it was asked, for the front of PATH. */
function standInCli(): string {
  const cli = fs.mkdtempSync(path.join(base, 'cli-'));
  fs.writeFileSync(path.join(cli, 'pyshim'), '#!/bin/sh\necho "cli:$*"\n', { mode: 0o755 });
  return cli;
}

describe('rendered init files', () => {
  for (const shell of SHELLS) {
    describeWith(shells[shell], shell)(shell, () => {
      itWith(shells[shell], shell)('passes the shell\'s own syntax check (init and lazy file)', async () => {
        for (const { name } of renderInitFiles(shell, factsFor(home, data))) {
          const [cmd, ...args] = syntaxCheckArgv(shell, path.join(data, name));
          const result = await execa(cmd!, args, { reject: false });
          expect(result.stderr).toBe('');
          expect(result.exitCode).toBe(0);
        }
      });

      itWith(shells[shell], shell)('puts bin on PATH once, however often it is sourced, silently', async () => {
        const src = shell === 'fish' ? 'source "$INIT"' : '. "$INIT"';
        const print = shell === 'fish' ? 'printf "%s\\n" $PATH' : 'printf "%s\\n" "$PATH" | tr : "\\n"';
        const result = await inShell(shell, `${src}; ${src}; ${src}; ${print}`);
        expect(result.stderr).toBe('');
        const dirs = result.stdout.split('\n');
        expect(dirs.filter((d) => d === path.join(data, 'bin'))).toHaveLength(1);
        expect(dirs[0]).toBe(path.join(data, 'bin'));
      });

      itWith(shells[shell], shell)('starts on the default line and switches with pyshim use', async () => {
        const src = shell === 'fish' ? 'source "$INIT"' : '. "$INIT"';
        const show = 'printf "%s|%s|%s\\n" "$PYSHIM_LINE" "$WORKON_HOME" "$VIRTUALENVWRAPPER_VIRTUALENV"';
        const result = await inShell(shell, `${src}; ${show}; pyshim use 2.7; ${show}; pyshim use 9.9; echo "rc=${shell === 'fish' ? '$status' : '$?'}"`);
        expect(result.stdout.split('\n')).toEqual([
          `3.12|${home}/.virtualenvs312|${data}/bin/virtualenv-3.12`,
          `pyshim: this shell now uses the 2.7 line (was 3.12); workon and mkvirtualenv use ${home}/.virtualenvs27`,
          `2.7|${home}/.virtualenvs27|${data}/bin/virtualenv-2.7`,
          'rc=1',
        ]);
        expect(result.stderr).toContain('pyshim: error: 9.9 is not a registered line (registered: 2.7, 3.11, 3.12)\n  register it first: pyshim add 9.9');
      });

      itWith(shells[shell], shell)('the pyshim function hands everything but `use X.Y` to the program', async () => {
        const src = shell === 'fish' ? 'source "$INIT"' : '. "$INIT"';
        const result = await inShell(shell, `${src}; pyshim list --json; pyshim use --help; pyshim use; pyshim use 2.7 extra; pyshim use -- 2.7; echo "$PYSHIM_LINE"`, {
          PATH: `${standInCli()}:/usr/bin:/bin`,
        });
        expect(result.stdout.split('\n')).toEqual(['cli:list --json', 'cli:use --help', 'cli:use', 'cli:use 2.7 extra', 'cli:use -- 2.7', '3.12']);
        expect(result.stderr).toBe('');
      });
    });
  }

  itWith(shells.shellcheck, 'shellcheck')('init.bash, lazy.bash, the lazy loader and its toggle pass shellcheck', async () => {
    const toggle = path.join(path.dirname(lazyLoader), 'virtualenvwrapper-toggle.sh');
    const result = await execa('shellcheck', ['-s', 'bash', files.bash!, path.join(data, 'lazy.bash'), lazyLoader, toggle], { reject: false });
    expect(result.stdout).toBe('');
    expect(result.exitCode).toBe(0);
  });

  for (const shell of ['bash', 'zsh'] as const) {
    itWith(shells[shell], shell)(`${shell}: every stub loads virtualenvwrapper and runs the command it is named for`, async () => {
      // A fake virtualenvwrapper.sh that defines each command to print its name and arguments.
      const fake = path.join(base, `fake-vew-${shell}.sh`);
      fs.writeFileSync(fake, stubs0().split(' ').map((c) => `${c}() { echo "${c}:$*"; }`).join('\n') + '\n');
      const dir = fs.mkdtempSync(path.join(base, `stubs-${shell}-`));
      writeInitFiles(shell, { ...factsFor(home, dir), lines: factsFor(home, dir).lines.map((l) => ({ ...l, virtualenvwrapperScript: fake })) });
      const file = path.join(dir, adapterFor(shell).initFileName);
      const result = await inShell(shell, '. "$INIT"; mkproject a b; cdproject; setopt posix_argzero 2>/dev/null; workon x', { INIT: file });
      expect(result.stderr).toBe('');
      expect(result.stdout.split('\n')).toEqual(['mkproject:a b', 'cdproject:', 'workon:x']);
    });
  }

  for (const shell of ['bash', 'zsh'] as const) {
    itWith(shells[shell], shell)(`${shell}: an inherited line that is not registered, or looks like an option, starts the default line and runs no program`, async () => {
      // The stand-in CLI on PATH would print if it ran.
      const cli = standInCli();
      for (const inherited of ['9.9', '--version', '-x', '']) {
        const result = await inShell(shell, '. "$INIT"; printf "%s|%s\\n" "$PYSHIM_LINE" "$WORKON_HOME"', { PATH: `${cli}:/usr/bin:/bin`, PYSHIM_LINE: inherited });
        expect(result.stdout, inherited).toBe(`3.12|${home}/.virtualenvs312`);
        expect(result.stderr, inherited).toBe('');
      }
    });

    itWith(shells[shell], shell)(`${shell}: when pyshim's loader cannot be read, every pyshim use says so and changes nothing`, async () => {
      const dir = fs.mkdtempSync(path.join(base, `noloader-${shell}-`));
      writeInitFiles(shell, { ...factsFor(home, dir), lazyLoader: path.join(base, 'gone', 'virtualenvwrapper-lazy.sh') });
      const result = await inShell(shell, '. "$INIT"; pyshim use 2.7; echo "rc=$? $PYSHIM_LINE"; pyshim use 2.7; echo "rc=$? $PYSHIM_LINE"', {
        INIT: path.join(dir, adapterFor(shell).initFileName),
      });
      expect(result.stdout.split('\n')).toEqual(['rc=1 3.12', 'rc=1 3.12']);
      expect(result.stderr.match(/pyshim: cannot read .*gone\/virtualenvwrapper-lazy\.sh/g)).toHaveLength(2);
    });
  }

  for (const shell of ['bash', 'zsh'] as const) {
    itWith(shells[shell], shell)(`${shell}: a hook dir that followed the old WORKON_HOME follows the new one; any other stays`, async () => {
      const show = 'printf "%s\\n" "${VIRTUALENVWRAPPER_HOOK_DIR-unset}"';
      const run = (env: Record<string, string>, script: string) => inShell(shell, `. "$INIT"; ${show}; ${script}`, env);
      const followed = await run({ WORKON_HOME: '/old/env*s', VIRTUALENVWRAPPER_HOOK_DIR: '/old/env*s' }, `pyshim use 2.7 >/dev/null; ${show}`);
      expect(followed.stderr).toBe('');
      expect(followed.stdout.split('\n')).toEqual([`${home}/.virtualenvs312`, `${home}/.virtualenvs27`]);
      // A pattern character in WORKON_HOME is text: /old/env* does not match /old/envs.
      const own = await run({ WORKON_HOME: '/old/env*', VIRTUALENVWRAPPER_HOOK_DIR: '/old/envs' }, `pyshim use 2.7 >/dev/null; ${show}`);
      expect(own.stdout.split('\n')).toEqual(['/old/envs', '/old/envs']);
      const none = await run({ WORKON_HOME: '/old/envs' }, show);
      expect(none.stdout.split('\n')).toEqual(['unset', 'unset']);
    });
  }

  for (const shell of ['bash', 'zsh'] as const) {
    itWith(shells[shell], shell)(`${shell}: a line without virtualenvwrapper says so with the fix`, async () => {
      const result = await inShell(shell, '. "$INIT"; pyshim use 3.11 >/dev/null; mkvirtualenv x; echo "rc=$?"');
      expect(result.stdout.trim()).toBe('rc=1');
      expect(result.stderr).toContain('no virtualenvwrapper.sh was found for the 3.11 line');
      expect(result.stderr).toContain('pyshim bootstrap 3.11 --with virtualenvwrapper');
    });
  }

  for (const shell of SHELLS) {
    itWith(shells[shell], shell)(`${shell}: the files of an empty registry pass the shell's own syntax check`, async () => {
      const dir = fs.mkdtempSync(path.join(base, `empty-${shell}-`));
      const facts = { ...factsFor(home, dir), lines: [], defaultLine: undefined };
      writeInitFiles(shell, facts);
      const names = renderInitFiles(shell, facts).map((f) => f.name);
      expect(names.length).toBeGreaterThan(0);
      for (const name of names) {
        const [cmd, ...args] = syntaxCheckArgv(shell, path.join(dir, name));
        const result = await execa(cmd!, args, { reject: false });
        expect(result.stderr, name).toBe('');
        expect(result.exitCode, name).toBe(0);
      }
    });
  }
});
