import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect } from 'vitest';
import { applyPlan, type ApplyOptions } from '../../src/profile/apply.js';
import { findBlocks } from '../../src/profile/block.js';
import { planInsert, type InsertRequest } from '../../src/profile/plan.js';
import { itWith, shells } from '../helpers/machine.js';
import { ins, makeProfileHome, refused, removeProfileHome, write } from './fixture.js';

/** The profile editor with the shells' own syntax checks (bash -n, zsh -n, fish --no-execute), for real. */
let base: string;
let home: string;
let opts: ApplyOptions;
beforeEach(() => ({ base, home, opts } = makeProfileHome()));
afterEach(() => removeProfileHome(base));

const h = (...parts: string[]) => path.join(home, ...parts);
const setup = (files: InsertRequest[]) => applyPlan(planInsert(files), opts);

describe("the shells' own syntax checks", () => {
  itWith(shells.bash, 'bash')('refuses an edit that would make a parsing profile fail bash -n', async () => {
    write(h('.bashrc'), 'echo ok\n');
    const error = await refused(setup([ins(h('.bashrc'), 'bash', 'if true; then\n')]));
    expect(error.message).toMatch(/syntax check/);
    expect(fs.readFileSync(h('.bashrc'), 'utf8')).toBe('echo ok\n');
  });

  itWith(shells.fish, 'fish')('refuses a new fish file that would fail fish --no-execute', async () => {
    const error = await refused(setup([ins(h('conf.d', 'pyshim.fish'), 'fish', 'if true\n')]));
    expect(error.message).toMatch(/fish's syntax check/);
    expect(fs.existsSync(h('conf.d'))).toBe(false);
  });

  itWith(shells.zsh, 'zsh')('does not refuse a profile that did not parse before', async () => {
    write(h('.zshrc'), 'if true; then\n');
    await setup([ins(h('.zshrc'), 'zsh')]);
    const found = findBlocks(fs.readFileSync(h('.zshrc')));
    expect(found.ok && found.blocks.length).toBe(1);
  });
});
