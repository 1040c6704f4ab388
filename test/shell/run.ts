import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import type { ShellName } from '../../src/shell/adapter.js';

/** Run `script` in a real shell, without any user start-up file; stdout as bytes. */
export async function runScript(shell: ShellName, script: string, env: Record<string, string> = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-shell-'));
  const file = path.join(dir, `script.${shell}`);
  fs.writeFileSync(file, script);
  const argv = { bash: ['--norc', '--noprofile', file], zsh: ['-f', file], fish: ['--no-config', file] }[shell];
  try {
    const result = await execa(shell, argv, {
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: dir, LANG: 'C.UTF-8', ...env },
      extendEnv: false,
      reject: false,
      encoding: 'buffer',
      cwd: dir,
    });
    return { code: result.exitCode, stdout: Buffer.from(result.stdout), stderr: Buffer.from(result.stderr).toString('utf8') };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Split NUL-terminated output into strings. */
export function nulFields(out: Buffer): string[] {
  const text = out.toString('utf8');
  return text === '' ? [] : text.slice(0, -1).split('\0');
}
