import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect } from 'vitest';
import { SHELLS, type ShellName } from '../../src/shell/adapter.js';
import { quotePosix } from '../../src/shell/quote.js';
import { adapterFor } from '../../src/shell/shells.js';
import { describeWith, itWith, shells } from '../helpers/machine.js';
import { nulFields, runScript } from './run.js';

/** Strings that break naive quoting, one trap each. */
export const ADVERSARIAL = [
  '',
  'plain',
  'two words',
  "it's",
  'say "hi"',
  `both ' and "`,
  '$HOME',
  '${HOME}',
  '$(echo pwned)',
  '`echo pwned`',
  'back\\slash',
  'trailing\\',
  '\\\'',
  '*?[a]',
  '[!x]*',
  'line\nbreak',
  '\n',
  'tab\there',
  'héllo wörld ✓ 日本',
  '-n',
  '-e \\n',
  '--',
  '~',
  '~root/x',
  '=ls',
  'a=b',
  '!',
  '!!',
  'x!$y',
  '!-1',
  '#not a comment',
  ';&|<>(){}',
  '%s%%',
  '\r\x01\x1b[31m',
  "'",
  "''",
  '"',
  '\\',
];

function printValues(shell: ShellName, values: string[]): string {
  const sh = adapterFor(shell);
  const lines: string[] = [];
  values.forEach((value, i) => {
    lines.push(sh.setVariable(`V${i}`, sh.quote(value)));
    lines.push(`printf '%s\\0' "$V${i}"`);
  });
  return lines.join('\n') + '\n';
}

describe('quoting, proven by real shells', () => {
  for (const shell of SHELLS) {
    describeWith(shells[shell], shell)(shell, () => {
      itWith(shells[shell], shell)('gives back every adversarial string byte for byte', async () => {
        const result = await runScript(shell, printValues(shell, ADVERSARIAL));
        expect(result.stderr).toBe('');
        expect(nulFields(result.stdout)).toEqual(ADVERSARIAL);
      });

      itWith(shells[shell], shell)('gives back random strings byte for byte (fast-check)', async () => {
        const specials = fc.constantFrom(...'\'"\\$`!*?[]{}()~=-#;&|<> \t\n\r%^'.split(''));
        const unit = fc.oneof(specials, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }));
        const values = fc
          .sample(fc.string({ unit, maxLength: 24 }), { numRuns: 300, seed: 20240601 })
          .map((s) => s.replace(/\0/g, ''));
        const result = await runScript(shell, printValues(shell, values));
        expect(result.stderr).toBe('');
        expect(nulFields(result.stdout)).toEqual(values);
      });

      itWith(shells[shell], shell)('names a path relative to a HOME that is itself adversarial', async () => {
        const sh = adapterFor(shell);
        const base = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-home-'));
        try {
          const home = path.join(base, `h o'm"e $x \`y\` *?[ \\ ~!=- é`);
          const inside = path.join(home, "d i r's", 'init.x');
          const outside = path.join(base, 'out $side', 'f');
          const script = [
            `printf '%s\\0' ${sh.homePath(inside, home)}`,
            `printf '%s\\0' ${sh.homePath(outside, home)}`,
            `printf '%s\\0' ${sh.homePath(home, home)}`,
          ].join('\n');
          expect(sh.homePath(inside, home)).toContain('$HOME');
          const result = await runScript(shell, script + '\n', { HOME: home });
          expect(result.stderr).toBe('');
          expect(nulFields(result.stdout)).toEqual([inside, outside, home]);
        } finally {
          fs.rmSync(base, { recursive: true, force: true });
        }
      });
    });
  }

  itWith(shells.bash, 'bash')('survives history expansion in an interactive bash', async () => {
    // `!` is only special where bash reads commands interactively: feed them on stdin.
    const { execa } = await import('execa');
    const values = ['!', '!!', 'a!b', "it's !x", '"!"'];
    const script = values.map((v) => `printf '%s\\0' ${quotePosix(v)}`).join('\n') + '\nexit\n';
    const result = await execa('bash', ['--norc', '--noprofile', '-i'], {
      input: script,
      env: { PATH: process.env.PATH ?? '', HOME: os.tmpdir(), TERM: 'dumb', PS1: '' },
      extendEnv: false,
      reject: false,
      encoding: 'buffer',
    });
    expect(nulFields(Buffer.from(result.stdout))).toEqual(values);
  });
});
