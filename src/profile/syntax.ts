/**
 * The shells' own syntax checks, run on a temporary copy of a profile's text.
 *
 * API
 *   SyntaxCheckers                       shell name → argv the file name is appended to
 *   DEFAULT_CHECKERS                     bash -n, zsh -f -n, fish --no-config --no-execute, sh -n
 *   parses(shell, bytes, checkers)       true / false, or undefined when it cannot be checked
 *                                        (no checker for that shell, or the shell is not installed)
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type SyntaxCheckers = Record<string, readonly string[] | undefined>;

export const DEFAULT_CHECKERS: SyntaxCheckers = {
  bash: ['bash', '-n'],
  // -f: the check must not read the user's own startup files.
  zsh: ['zsh', '-f', '-n'],
  fish: ['fish', '--no-config', '--no-execute'],
  sh: ['sh', '-n'],
};

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
