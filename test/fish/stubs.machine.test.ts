/**
 * init.fish's stubs: one per virtualenvwrapper command, each loading
 * pyshim's fish commands on first use and running the command it is named
 * for; nothing of virtualenvwrapper.fish is read at fish start.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderInitFiles, VEW_COMMANDS, type InitFacts } from '../../src/init/render.js';
import { describeWith, shells } from '../helpers/machine.js';
import { VEW_FISH } from './world.js';

/** init.fish for one 3.12 line in HOME, whose fish commands are FISH_VEW. */
function initFish(home: string, fishVew: string): string {
  const bin = path.join(home, '.pyshim', 'bin');
  const facts: InitFacts = {
    home,
    binDir: bin,
    dataDir: path.join(home, '.pyshim'),
    lines: [{ version: '3.12', hookPython: '/usr/bin/python3', virtualenv: path.join(bin, 'virtualenv-3.12'), workonHome: path.join(home, '.virtualenvs312') }],
    searchedHomes: [],
    defaultLine: '3.12',
    lazyLoader: '/nonexistent/virtualenvwrapper-lazy.sh',
    fishVirtualenvwrapper: fishVew,
  };
  return renderInitFiles('fish', facts)[0]!.text;
}

describe('init.fish stubs', () => {
  it('there is one stub per virtualenvwrapper command, and the loader erases every one of them', () => {
    const text = initFish('/home/u', VEW_FISH);
    const stubs = [...text.matchAll(/^function ([a-z0-9]+); __pyshim_vew_load; and \1 \$argv; end$/gm)].map((m) => m[1]);
    expect([...stubs].sort()).toEqual([...VEW_COMMANDS].sort());
    const erased = /functions -e __pyshim_vew_load ((?:[a-z0-9 ]|\\\n)+)\n/.exec(text)?.[1]?.replace(/\\\n/g, ' ').trim().split(/\s+/);
    expect([...(erased ?? [])].sort()).toEqual([...VEW_COMMANDS].sort());
  });
});

describeWith(shells.fish, 'fish')('init.fish stubs in fish', () => {
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
    const init = path.join(base, 'init.fish');
    fs.writeFileSync(init, initFish(base, fake));
    const calls = VEW_COMMANDS.map((c) => `${c} a 'b c'`).join('\n');
    const r = await run(init, `set -g loads 0\n${calls}\necho "LOADS=$loads"`);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')).toEqual([...VEW_COMMANDS.map((c) => `${c}:a b c`), 'LOADS=1']);
  });

  it('fish start reads nothing of virtualenvwrapper.fish; the first command loads the real one', async () => {
    const init = path.join(base, 'init.fish');
    fs.writeFileSync(init, initFish(base, VEW_FISH));
    const r = await run(
      init,
      [
        'functions -q __pyshim_vew_names; and echo LOADED-AT-START',
        'echo BEGIN; virtualenvwrapper | string match -r "^  [a-z0-9]+:" | count; echo END',
        'functions -q __pyshim_vew_names; and echo LOADED',
      ].join('\n'),
    );
    expect(r.stdout).not.toContain('LOADED-AT-START');
    expect(r.stdout).toContain(`BEGIN\n${VEW_COMMANDS.length}\nEND`);
    expect(r.stdout).toContain('LOADED');
  });
});
