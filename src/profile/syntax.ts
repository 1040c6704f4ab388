/**
 * The shells' own syntax checks, run on a temporary copy of a profile's text.
 *
 * API
 *   SyntaxCheckers                       shell name → argv the file name is appended to
 *   DEFAULT_CHECKERS                     each shell's own check (shell/syntax.ts)
 *   parses(shell, bytes, checkers)       true / false, or undefined when it cannot be checked
 *                                        (no checker for that shell, or the shell is not installed)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SYNTAX_CHECKS } from '../shell/syntax.js';

export type SyntaxCheckers = Record<string, readonly string[] | undefined>;

export const DEFAULT_CHECKERS: SyntaxCheckers = SYNTAX_CHECKS;

export async function parses(shell: string, bytes: Uint8Array, checkers: SyntaxCheckers): Promise<boolean | undefined> {
  const argv = checkers[shell];
  if (!argv || argv.length === 0) return undefined;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-check-'));
  try {
    const copy = path.join(dir, `profile.${shell}`);
    fs.writeFileSync(copy, bytes);
    const { execa } = await import('execa');
    const run = await execa(argv[0]!, [...argv.slice(1), copy], { reject: false, stdin: 'ignore', timeout: 30_000 });
    // The shell is not installed here: nothing to compare against.
    if ((run as { code?: string }).code === 'ENOENT') return undefined;
    return run.exitCode === 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
