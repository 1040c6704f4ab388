import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect } from 'vitest';
import { itWith, shells } from '../helpers/machine.js';
import { SYNTAX_CHECKS, syntaxCheckArgv, type CheckedShell } from '../../src/shell/syntax.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-syntax-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Text each shell accepts, and text it refuses (fish refuses POSIX `then … fi`).
const good: Record<CheckedShell, string> = {
  bash: 'f() { [[ -n ${1-} ]] && echo "$1"; }\n',
  zsh: 'f() { print -r -- ${(f)1}; }\n',
  fish: 'function f\n    echo $argv\nend\n',
  sh: 'f() { [ -n "${1-}" ] && echo "$1"; }\n',
};
const bad: Record<CheckedShell, string> = {
  bash: 'if true; then echo\n',
  zsh: 'if true; then echo\n',
  fish: 'if true; then echo; fi\n',
  sh: 'f() { echo; \n',
};

let files = 0;
async function check(shell: CheckedShell, text: string): Promise<number | undefined> {
  const file = path.join(dir, `${shell}-${++files}`);
  fs.writeFileSync(file, text);
  const [cmd, ...args] = syntaxCheckArgv(shell, file);
  const run = await execa(cmd!, args, { reject: false, env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir }, extendEnv: false });
  return run.exitCode;
}

describe('each shell checks syntax without running the file', () => {
  for (const shell of Object.keys(SYNTAX_CHECKS) as CheckedShell[]) {
    itWith(shells[shell], shell)(`${shell}: accepts its own syntax, refuses a broken file, runs nothing`, async () => {
      expect(await check(shell, good[shell])).toBe(0);
      expect(await check(shell, bad[shell])).not.toBe(0);
      // A check runs nothing: the file that would create this marker must not.
      const marker = path.join(dir, `ran-${shell}`);
      expect(await check(shell, `touch ${marker}\n`)).toBe(0);
      expect(fs.existsSync(marker)).toBe(false);
    });
  }
});
