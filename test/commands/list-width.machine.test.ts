import fs from 'node:fs';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLI, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { describeWith, pyenvPythons } from '../helpers/machine.js';

/**
 * `pyshim list` as a person and as a script see it: at a real terminal (a
 * pseudo-terminal made by util-linux's `script`) it fits the terminal's width
 * and is coloured; COLUMNS sets the width anywhere; a pipe without COLUMNS
 * gets whole lines; FORCE_COLOR and NO_COLOR decide the colour.
 */
const script = ['/usr/bin/script', '/bin/script'].find((f) => fs.existsSync(f));
const ESC = '\u001b[';
const SGR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const plain = (text: string) => text.replace(SGR, '').replace(/\r/g, '');

describeWith(pyenvPythons.length >= 2 && script, "two pyenv CPythons and util-linux's script")('pyshim list and the width it is given', () => {
  let s: Sandbox;
  let whole: string;
  beforeAll(async () => {
    s = makeSandbox();
    delete s.env.NO_COLOR;
    const run = await s.pyshim(['list']);
    expect(run.exitCode, String(run.stderr)).toBe(0);
    whole = String(run.stdout);
  });
  afterAll(() => s?.cleanup());

  it('a pipe without COLUMNS gets every column, one line a row, and no colour', () => {
    expect(whole).not.toContain(ESC);
    expect(whole).not.toContain('(to fit');
    expect(whole.split('\n')[0]).toMatch(/^\s+VERSION\s+SOURCE\s+LINE\s+PATH\s+TOOLS\s+VIRTUALENV-X\.Y\s+NOTES$/);
    expect(whole.split('\n').filter((l) => /^\s{4}\S/.test(l))).toEqual([]);
  });

  it('COLUMNS=70 fits 70 columns in a pipe too: only whole paths run over', async () => {
    const run = await s.pyshim(['list'], { env: { ...s.env, COLUMNS: '70' } });
    const lines = String(run.stdout).split('\n');
    expect(lines.filter((l) => l.length > 70 && !/^ {4}\S+$/.test(l))).toEqual([]);
    expect(lines.join('\n')).toMatch(/\(to fit 70 columns, .* left out/);
    expect(lines.length).toBeGreaterThan(whole.split('\n').length);
  });

  it('FORCE_COLOR colours a pipe; it wins over NO_COLOR; FORCE_COLOR=0 does not', async () => {
    expect(String((await s.pyshim(['list'], { env: { ...s.env, FORCE_COLOR: '1' } })).stdout)).toContain(`${ESC}1m`);
    expect(String((await s.pyshim(['list'], { env: { ...s.env, FORCE_COLOR: '1', NO_COLOR: '1' } })).stdout)).toContain(`${ESC}1m`);
    expect(String((await s.pyshim(['list'], { env: { ...s.env, FORCE_COLOR: '0' } })).stdout)).not.toContain(ESC);
  });

  const atTerminal = (cols: number, env: Record<string, string> = {}) =>
    execa(script!, ['-qec', `stty cols ${cols} rows 60; exec "${process.execPath}" "${CLI}" list`, '/dev/null'], {
      env: { ...s.env, TERM: 'xterm', ...env },
      extendEnv: false,
      reject: false,
      stdin: 'ignore',
    });

  for (const cols of [70, 100]) {
    it(`at a terminal ${cols} columns wide it fits them, coloured`, async () => {
      const run = await atTerminal(cols);
      expect(run.exitCode, String(run.stderr)).toBe(0);
      expect(String(run.stdout)).toContain(`${ESC}1m`);
      const lines = plain(String(run.stdout)).split('\n').filter(Boolean);
      expect(lines.filter((l) => l.length > cols && !/^ {4}\S+$/.test(l))).toEqual([]);
      expect(lines.join('\n')).toContain(`(to fit ${cols} columns`);
    });
  }

  it('at a terminal, NO_COLOR and FORCE_COLOR=0 leave it plain, and COLUMNS wins over the terminal', async () => {
    for (const env of [{ NO_COLOR: '1' }, { FORCE_COLOR: '0' }] as Record<string, string>[]) expect(String((await atTerminal(100, env)).stdout)).not.toContain(ESC);
    const wide = plain(String((await atTerminal(60, { COLUMNS: '400' })).stdout));
    expect(wide).not.toContain('(to fit');
    expect(wide.split('\n')[0]).toMatch(/VIRTUALENV-X\.Y\s+NOTES$/);
  });
});
