import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { renderCompletion } from '../../src/commands/completion.js';
import { syntaxCheckArgv } from '../../src/shell/syntax.js';
import { countLines, loggingPython } from '../discovery/fixtures.js';
import { itWith, python, shells } from '../helpers/machine.js';
import { CLI, makeSandbox } from '../helpers/sandbox.js';

// The scripts run in the real shells; `pyshim __lines` is a stand-in on PATH
// (the registered lines and the versions found are the CLI's business, tested
// with it below).
let dir: string;
let env: Record<string, string>;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-completion-'));
  fs.mkdirSync(path.join(dir, 'bin'));
  fs.writeFileSync(
    path.join(dir, 'bin', 'pyshim'),
    '#!/bin/sh\ncase "$1 $2" in\n"__lines --found") printf "3.13\\n3.11\\n2.6\\n" ;;\n"__lines ") printf "2.7\\n3.12\\n" ;;\nesac\n',
    { mode: 0o755 },
  );
  fs.writeFileSync(path.join(dir, 'notes.txt'), '');
  // A directory of one directory and one file: what option values that are paths are offered from.
  fs.mkdirSync(path.join(dir, 'tree', 'box'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'tree', 'box.txt'), '');
  for (const shell of ['bash', 'zsh', 'fish'] as const) fs.writeFileSync(path.join(dir, `pyshim.${shell}`), renderCompletion(shell));
  env = { PATH: `${path.join(dir, 'bin')}:${process.env.PATH ?? '/usr/bin:/bin'}`, HOME: dir, LANG: 'C.UTF-8' };
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Each shell's argv before `-c SCRIPT` that reads none of the user's start-up files. */
const BARE = { bash: ['--norc', '--noprofile', '-c'], zsh: ['-f', '-c'], fish: ['--no-config', '-c'] } as const;

/**
 * What TAB offers after `words` as typed (the last one being completed), `|`-separated, sorted; in `dir`
 * with `env` unless told. A word `--opt=value` is split the way each shell does: bash at the `=`
 * (COMP_WORDBREAKS), zsh's script is given it whole, fish its whole command line; only the value is compared.
 */
async function offered(shell: 'bash' | 'zsh' | 'fish', words: string[], where: { cwd: string; env: Record<string, string> } = { cwd: dir, env }): Promise<string> {
  const split = shell === 'bash' ? words.flatMap((w) => (w === '' ? [w] : w.split(/(=)/).filter((part) => part !== ''))) : words;
  const quoted = split.map((w) => `'${w}'`).join(' ');
  const script = {
    bash: `source ${dir}/pyshim.bash; COMP_WORDS=(${quoted}); COMP_CWORD=${split.length - 1}; _pyshim_complete; printf '%s\\n' "\${COMPREPLY[@]}"`,
    // compadd, _files and compset work only inside a completion widget: stand-ins print what they are given
    // (`_files -/`: directories), and compset -P '*=' drops what PREFIX has up to the =, as zsh's does.
    zsh:
      `source ${dir}/pyshim.zsh; compadd() { [[ $1 == -- ]] && shift; print -rl -- "$@"; }; _files() { print -r -- "(files\${*:+ $*})"; }; ` +
      `compset() { [[ $1 == -P && $2 == '*=' && $PREFIX == *=* ]] && PREFIX=\${PREFIX#*=}; }; words=(${quoted}); CURRENT=${words.length}; PREFIX='${words.at(-1)}'; _pyshim`,
    fish: `source ${dir}/pyshim.fish; complete -C '${words.join(' ')}' | string replace -r '\t.*' ''`,
  }[shell];
  const run = await execa(shell, [...BARE[shell], script], { cwd: where.cwd, env: where.env, extendEnv: false, reject: false });
  expect(run.stderr).toBe('');
  const option = /^--[a-z0-9-]+=/.exec(words.at(-1)!)?.[0] ?? '';
  const prefix = words.at(-1)!.slice(option.length);
  // zsh leaves matching the typed prefix to itself: do its part here.
  return run.stdout
    .split('\n')
    .map((w) => (w.startsWith(option) ? w.slice(option.length) : w))
    .filter((w) => w && (w.startsWith(prefix) || w.startsWith('(files')))
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

  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    itWith(shells[shell], shell)(`${shell}: add offers the versions found and not registered, and file names once the word starts like a path`, async () => {
      expect(await offered(shell, ['pyshim', 'add', ''])).toBe('2.6|3.11|3.13');
      expect(await offered(shell, ['pyshim', 'add', '3.1'])).toBe('3.11|3.13');
      expect(await offered(shell, ['pyshim', 'add', '--default', '3'])).toBe('3.11|3.13');
      // A file name is offered only for a word that starts like a path (add takes a PATH).
      expect(await offered(shell, ['pyshim', 'add', 'no'])).toBe('');
      const files = shell === 'zsh' ? '(files)' : undefined;
      expect(await offered(shell, ['pyshim', 'add', './no'])).toBe(files ?? './notes.txt');
      expect(await offered(shell, ['pyshim', 'add', `${dir}/no`])).toBe(files ?? `${dir}/notes.txt`);
      expect(await offered(shell, ['pyshim', 'add', '~/no'])).toBe(files ?? '~/notes.txt');
      // The commands taking a registered line offer the lines.
      for (const command of ['remove', 'bootstrap', 'use', 'default']) expect(await offered(shell, ['pyshim', command, ''])).toBe('2.7|3.12');
    });
  }

  // In tree/: the directory box and the file box.txt. zsh's stand-ins say what its own completers are asked for.
  const FILES = { bash: 'box|box.txt', zsh: '(files)', fish: 'box.txt|box/' } as const;
  const DIRS = { bash: 'box', zsh: '(files -/)', fish: 'box/' } as const;
  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    itWith(shells[shell], shell)(`${shell}: an option's value: file names, directories, the shells, virtualenvwrapper, or nothing`, async () => {
      const tree = { cwd: path.join(dir, 'tree'), env };
      expect(await offered(shell, ['pyshim', 'add', '--python', ''], tree)).toBe(FILES[shell]);
      expect(await offered(shell, ['pyshim', 'add', '3.12', '--workon-home', ''], tree)).toBe(DIRS[shell]);
      expect(await offered(shell, ['pyshim', 'setup', '--rc-file', ''], tree)).toBe(FILES[shell]);
      expect(await offered(shell, ['pyshim', 'setup', '--shell', ''])).toBe('bash|fish|zsh');
      expect(await offered(shell, ['pyshim', 'setup', '--shell', 'z'])).toBe('zsh');
      expect(await offered(shell, ['pyshim', 'bootstrap', '3.12', '--with', ''])).toBe('virtualenvwrapper');
      expect(await offered(shell, ['pyshim', 'bootstrap', '3.12', '--find-links', ''], tree)).toBe(DIRS[shell]);
      expect(await offered(shell, ['pyshim', 'python', 'build', '3.12', '--source', ''], tree)).toBe(FILES[shell]);
      // A URL, a checksum, a number: nothing rather than wrong words (the options, the lines).
      expect(await offered(shell, ['pyshim', 'python', 'build', '3.12', '--sha256', ''])).toBe('');
      expect(await offered(shell, ['pyshim', 'bootstrap', '3.12', '--index-url', ''])).toBe('');
      // --opt=value: the value alone is completed.
      expect(await offered(shell, ['pyshim', 'setup', '--shell=z'])).toBe('zsh');
      expect(await offered(shell, ['pyshim', 'setup', '--shell='])).toBe('bash|fish|zsh');
      expect(await offered(shell, ['pyshim', 'add', '--workon-home='], tree)).toBe(DIRS[shell]);
    });
  }

  for (const shell of ['bash', 'zsh', 'fish'] as const) {
    itWith(shells[shell], shell)(`${shell}: after an option and its value, or an option taking none, the argument and the options as before`, async () => {
      expect(await offered(shell, ['pyshim', 'add', '--default', ''])).toBe('2.6|3.11|3.13');
      // --python's value given, add still wants its X.Y: the versions found.
      expect(await offered(shell, ['pyshim', 'add', '--python', '/x', ''])).toBe('2.6|3.11|3.13');
      expect(await offered(shell, ['pyshim', 'bootstrap', '--with', 'virtualenvwrapper', ''])).toBe('2.7|3.12');
      expect(await offered(shell, ['pyshim', 'setup', '--shell', 'bash', '--d'])).toBe('--dry-run');
      expect(await offered(shell, ['pyshim', 'setup', '--dry-run', '--r'])).toBe('--rc-file');
    });
  }

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

// The real CLI behind the scripts: `pyshim __lines --found` from discovery, the registered lines left out,
// no Python started while the probe cache is warm; and TAB in each real shell offering exactly that.
itWith(python('3.12') && python('3.10') && shells.bash && shells.zsh && shells.fish, 'pyenv 3.12 and 3.10; bash, zsh and fish')(
  'pyshim __lines --found: the X.Y found, less the lines; no Python runs when the cache is warm; what TAB offers in each shell',
  async () => {
    const s = makeSandbox();
    try {
      // A 3.12 that logs every start, where discovery looks (uv's directory).
      const log = path.join(s.home, 'runs.log');
      loggingPython(path.join(s.home, '.local/share/uv/python/cpython-3.12.1-linux-x86_64-gnu/bin/python3.12'), python('3.12')!.path, log);
      expect((await s.pyshim(['add', '3.10', '--no-bootstrap'])).exitCode).toBe(0);
      const listed = JSON.parse(String((await s.pyshim(['list', '--json'])).stdout)) as { interpreters: { version: string }[] };
      const starts = countLines(log);
      expect(starts).toBeGreaterThan(0);
      const expected = [...new Set(listed.interpreters.map((i) => i.version.split('.').slice(0, 2).join('.')))]
        .filter((v) => v !== '3.10')
        .sort((a, b) => Number(b.split('.')[0]) - Number(a.split('.')[0]) || Number(b.split('.')[1]) - Number(a.split('.')[1]));
      expect(expected).toContain('3.12');
      const found = await s.pyshim(['__lines', '--found']);
      expect(found.exitCode, String(found.stderr)).toBe(0);
      expect(String(found.stdout).split('\n')).toEqual(expected);
      expect(countLines(log), 'a warm cache: no Python started').toBe(starts);
      expect(String((await s.pyshim(['__lines'])).stdout)).toBe('3.10');

      // TAB in the real shells, running this pyshim.
      const bin = path.join(s.home, 'tab-bin');
      fs.mkdirSync(bin);
      fs.writeFileSync(path.join(bin, 'pyshim'), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`, { mode: 0o755 });
      const where = { cwd: s.home, env: { ...s.env, PATH: `${bin}:${s.env.PATH}` } };
      const sorted = [...expected].sort().join('|');
      for (const shell of ['bash', 'zsh', 'fish'] as const) {
        expect(await offered(shell, ['pyshim', 'add', ''], where), shell).toBe(sorted);
        expect(await offered(shell, ['pyshim', 'remove', ''], where), shell).toBe('3.10');
      }
      expect(countLines(log)).toBe(starts);
    } finally {
      s.cleanup();
    }
  },
);
