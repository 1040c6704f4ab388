/**
 * fish's virtualenvwrapper stubs: one autoload file per command in pyshim's
 * fish functions directory, each loading pyshim's fish commands on first use
 * and running the command it is named for; nothing of virtualenvwrapper.fish
 * is read at fish start. (Which files there are, and that each defines its
 * name, is checked in test/init/render.test.ts.)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { VEW_COMMANDS, type InitFacts } from '../../src/init/render.js';
import { describeWith, shells } from '../helpers/machine.js';
import { writeInitFiles } from '../init/fixture.js';
import { VEW_FISH } from './world.js';

/** init.fish and its autoload files for one 3.12 line in HOME/.pyshim, whose fish commands are FISH_VEW. */
function writeFish(home: string, fishVew: string): string {
  const data = path.join(home, '.pyshim');
  const bin = path.join(data, 'bin');
  const facts: InitFacts = {
    home,
    binDir: bin,
    dataDir: data,
    lines: [{ version: '3.12', hookPython: '/usr/bin/python3', virtualenv: path.join(bin, 'virtualenv-3.12'), workonHome: path.join(home, '.virtualenvs312') }],
    searchedHomes: [],
    defaultLine: '3.12',
    lazyLoader: '/nonexistent/virtualenvwrapper-lazy.sh',
    fishVirtualenvwrapper: fishVew,
  };
  writeInitFiles('fish', facts);
  return path.join(data, 'init.fish');
}

describeWith(shells.fish, 'fish')('fish virtualenvwrapper stubs in fish', () => {
  let base: string;
  beforeEach(() => {
    base = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-fish-stubs-'));
  });
  afterEach(() => fs.rmSync(base, { recursive: true, force: true }));

  const run = (init: string, script: string) =>
    execa(shells.fish!, ['--no-config', '-c', `source '${init}'\n${script}`], {
      env: { HOME: base, PATH: '/usr/bin:/bin' },
      extendEnv: false,
      reject: false,
    });

  it('each stub loads the commands once and runs the command it is named for, with its arguments', async () => {
    // A stand-in for virtualenvwrapper.fish that counts its loads and defines each command to print its name.
    const fake = path.join(base, 'fake-vew.fish');
    fs.writeFileSync(fake, ['set -g loads (math $loads + 1)', ...VEW_COMMANDS.map((c) => `function ${c}; echo "${c}:$argv"; end`)].join('\n') + '\n');
    const init = writeFish(base, fake);
    const calls = VEW_COMMANDS.map((c) => `${c} a 'b c'`).join('\n');
    const r = await run(init, `set -g loads 0\n${calls}\necho "LOADS=$loads"`);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([...VEW_COMMANDS.map((c) => `${c}:a b c`), 'LOADS=1']);
  });

  it('fish start reads nothing of virtualenvwrapper.fish; the first command loads the real one', async () => {
    const init = writeFish(base, VEW_FISH);
    const r = await run(
      init,
      [
        'functions -q __pyshim_vew_names; and echo LOADED-AT-START',
        'echo BEGIN; virtualenvwrapper | string match -r "^  [a-z0-9]+:" | count; echo END',
        'functions -q __pyshim_vew_names; and echo LOADED',
        // The commands are the real ones now, from virtualenvwrapper.fish.
        'functions --details mkvirtualenv',
      ].join('\n'),
    );
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toContain('LOADED-AT-START');
    expect(r.stdout).toContain(`BEGIN\n${VEW_COMMANDS.length}\nEND`);
    expect(r.stdout.split('\n').slice(-2)).toEqual(['LOADED', VEW_FISH]);
  });

  it('a missing virtualenvwrapper.fish gives one line naming it and `pyshim doctor`; the stubs stay, and work once it is back', async () => {
    const file = path.join(base, 'later-vew.fish');
    const init = writeFish(base, file);
    const r = await run(init, ['workon; echo "rc=$status"', `printf 'function workon; echo REAL; end\\n' > '${file}'`, 'workon'].join('\n'));
    expect(r.stderr).toBe(`pyshim: ${file} is missing; run: pyshim doctor`);
    expect(r.stdout).toBe('rc=1\nREAL');
  });

  it('sourcing init.fish twice adds pyshim\'s directories to fish\'s search paths once', async () => {
    const init = writeFish(base, VEW_FISH);
    const r = await run(init, `source '${init}'\nstring join \\n -- $fish_function_path $fish_complete_path | string match -e .pyshim`);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([path.join(base, '.pyshim/fish/functions'), path.join(base, '.pyshim/fish/completions')]);
  });
});
