import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { renderCompletion } from '../../src/commands/completion.js';
import { syntaxCheckArgv } from '../../src/shell/syntax.js';
import { itWith, shells } from '../helpers/machine.js';

// The scripts run in the real shells; `pyshim __lines` is a stand-in on PATH
// (the registered lines are the CLI's business, tested with it).
let dir: string;
let env: Record<string, string>;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-completion-'));
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.writeFileSync(path.join(dir, 'bin', 'pyshim'), '#!/bin/sh\n[ "$1" = __lines ] && printf "2.7\\n3.12\\n"\n', { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'notes.txt'), '');
  for (const shell of ['bash', 'zsh', 'fish'] as const) fs.writeFileSync(path.join(dir, `pyshim.${shell}`), renderCompletion(shell));
  env = { PATH: `${path.join(dir, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: dir, LANG: 'C.UTF-8' };
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Each shell's argv before `-c SCRIPT` that reads none of the user's start-up files. */
const BARE = { bash: ['--norc', '--noprofile', '-c'], zsh: ['-f', '-c'], fish: ['--no-config', '-c'] } as const;

/** What TAB offers after `words` (the last one being completed), `|`-separated, sorted. */
async function offered(shell: 'bash' | 'zsh' | 'fish', words: string[]): Promise<string> {
  const quoted = words.map((w) => `'${w}'`).join(' ');
  const script = {
    bash: `source pyshim.bash; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _pyshim_complete; printf '%s\\n' "\${COMPREPLY[@]}"`,
    // compadd and _files work only inside a completion widget: stand-ins print what they are given.
    zsh: `source pyshim.zsh; compadd() { [[ $1 == -- ]] && shift; print -rl -- "$@"; }; _files() { print -r -- '(files)'; }; words=(${quoted}); CURRENT=${words.length}; PREFIX='${words.at(-1)}'; _pyshim`,
    fish: `source pyshim.fish; complete -C '${words.join(' ')}' | string replace -r '\\t.*' ''`,
  }[shell];
  const run = await execa(shell, [...BARE[shell], script], { cwd: dir, env, extendEnv: false, reject: false });
  expect(run.stderr).toBe('');
  const prefix = words.at(-1)!;
  // zsh leaves matching the typed prefix to itself: do its part here.
  return run.stdout
    .split('\n')
    .filter((w) => w && (w.startsWith(prefix) || w === '(files)'))
    .sort()
    .join('|');
}

const COMMANDS = 'add|bootstrap|completion|default|doctor|envs|init|list|python|remove|setup|uninstall|use';

describe('completion in the real shells', () => {
  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    itWith(shells[shell], shell)(`${shell}: commands, lines, shells, a group's subcommands and a command's options`, async () => {
      expect(await offered(shell, ['pyshim', ''])).toBe(COMMANDS);
      expect(await offered(shell, ['pyshim', 'ad'])).toBe('add');
      expect(await offered(shell, ['pyshim', 'remove', ''])).toBe('2.7|3.12');
      expect(await offered(shell, ['pyshim', 'completion', 'z'])).toBe('zsh');
      expect(await offered(shell, ['pyshim', 'python', ''])).toBe('build|uninstall');
      expect(await offered(shell, ['pyshim', 'python', 'build', '3.12', '--s'])).toBe('--sha256|--source');
      expect(await offered(shell, ['pyshim', 'setup', '--'])).toBe('--dry-run|--rc-file|--shell');
      expect(await offered(shell, ['pyshim', 'add', '--d'])).toBe('--default');
    });
  }

  itWith(shells.bash && shells.zsh && shells.fish, 'bash, zsh and fish')('bash and fish complete file names for add; zsh hands over to _files', async () => {
    expect(await offered('bash', ['pyshim', 'add', 'no'])).toBe('notes.txt');
    expect(await offered('fish', ['pyshim', 'add', 'no'])).toBe('notes.txt');
    expect(await offered('zsh', ['pyshim', 'add', 'no'])).toBe('(files)');
  });

  itWith(shells.shellcheck, 'shellcheck')('the bash script passes shellcheck', async () => {
    const run = await execa('shellcheck', ['-s', 'bash', path.join(dir, 'pyshim.bash')], { reject: false });
    expect(run.stdout).toBe('');
    expect(run.exitCode).toBe(0);
  });
  // shellcheck has no zsh dialect (`-s zsh`: "Unknown shell"): the zsh script
  // is checked by zsh -n below and run in zsh above.
});

/** Run `script` in a bare `shell` (no start-up files) in `dir`; stderr must stay empty. */
async function bare(shell: 'bash' | 'zsh' | 'fish', script: string): Promise<string> {
  const run = await execa(shell, [...BARE[shell], script], { cwd: dir, env, extendEnv: false, reject: false });
  expect(run.stderr).toBe('');
  expect(run.exitCode).toBe(0);
  return run.stdout;
}

describe('each script is what its shell reads, and registers pyshim', () => {
  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    itWith(shells[shell], shell)(`${shell}: passes the shell's own syntax check`, async () => {
      const [cmd, ...args] = syntaxCheckArgv(shell, path.join(dir, `pyshim.${shell}`));
      const run = await execa(cmd!, args, { env, extendEnv: false, reject: false });
      expect(run.stderr).toBe('');
      expect(run.exitCode).toBe(0);
    });
  }

  itWith(shells.bash, 'bash')('bash: sourced, it registers its function for pyshim', async () => {
    expect(await bare('bash', 'source pyshim.bash; complete -p pyshim')).toBe('complete -F _pyshim_complete pyshim');
  });

  itWith(shells.zsh, 'zsh')('zsh: sourced after compinit, it registers _pyshim for pyshim', async () => {
    expect(await bare('zsh', 'autoload -Uz compinit; compinit -u -D; source pyshim.zsh; print -r -- $_comps[pyshim]')).toBe('_pyshim');
  });

  // The script opens with `#compdef pyshim`, which invites installing it as
  // _pyshim on fpath: compinit registers it from that line, and the first TAB
  // autoloads the file and runs it as _pyshim — that run must complete too.
  itWith(shells.zsh, 'zsh')('zsh: as _pyshim on fpath, compinit registers it and the first TAB completes', async () => {
    const fpath = path.join(dir, 'zfunc');
    fs.mkdirSync(fpath, { recursive: true });
    fs.copyFileSync(path.join(dir, 'pyshim.zsh'), path.join(fpath, '_pyshim'));
    const out = await bare(
      'zsh',
      `fpath=(${fpath} $fpath); autoload -Uz compinit; compinit -u -D; print -r -- $_comps[pyshim]; ` +
        `compadd() { [[ $1 == -- ]] && shift; print -rl -- "$@"; }; words=(pyshim ''); CURRENT=2; PREFIX=''; _pyshim`,
    );
    expect(out.split('\n').slice(0, 2)).toEqual(['_pyshim', 'list']);
  });

  itWith(shells.fish, 'fish')('fish: sourced, `complete -c pyshim` lists its entries', async () => {
    const listed = (await bare('fish', 'source pyshim.fish; complete -c pyshim')).split('\n');
    expect(listed).toContain('complete --no-files pyshim');
    expect(listed.filter((l) => l.startsWith('complete pyshim ')).length).toBeGreaterThan(10);
  });

  itWith(shells.fish, 'fish')('fish: as pyshim.fish on fish_complete_path, fish loads it on first use', async () => {
    const completions = path.join(dir, 'fish-completions');
    fs.mkdirSync(completions, { recursive: true });
    fs.copyFileSync(path.join(dir, 'pyshim.fish'), path.join(completions, 'pyshim.fish'));
    const out = await bare('fish', `set -p fish_complete_path ${completions}; complete -C 'pyshim remove '`);
    expect(out).toBe('2.7\n3.12');
  });
});
