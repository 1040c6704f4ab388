import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { renderCompletion } from '../../src/commands/completion.js';
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

/** What TAB offers after `words` (the last one being completed), `|`-separated, sorted. */
async function offered(shell: 'bash' | 'zsh' | 'fish', words: string[]): Promise<string> {
  const quoted = words.map((w) => `'${w}'`).join(' ');
  const script = {
    bash: `source pyshim.bash; COMP_WORDS=(${quoted}); COMP_CWORD=${words.length - 1}; _pyshim_complete; printf '%s\\n' "\${COMPREPLY[@]}"`,
    // compadd and _files work only inside a completion widget: stand-ins print what they are given.
    zsh: `source pyshim.zsh; compadd() { [[ $1 == -- ]] && shift; print -rl -- "$@"; }; _files() { print -r -- '(files)'; }; words=(${quoted}); CURRENT=${words.length}; PREFIX='${words.at(-1)}'; _pyshim`,
    fish: `source pyshim.fish; complete -C '${words.join(' ')}' | string replace -r '\\t.*' ''`,
  }[shell];
  const argv = { bash: ['--norc', '--noprofile', '-c', script], zsh: ['-f', '-c', script], fish: ['--no-config', '-c', script] }[shell];
  const run = await execa(shell, argv, { cwd: dir, env, extendEnv: false, reject: false });
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
});
