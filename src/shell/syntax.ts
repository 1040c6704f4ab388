/**
 * How each shell checks a file's syntax without running it. One table for
 * every check pyshim makes: profiles before and after an edit
 * (profile/syntax.ts), and the generated init files in tests.
 */
import type { ShellName } from './adapter.js';

/** The shells whose files pyshim checks: its own three, and sh, which reads ~/.profile. */
export type CheckedShell = ShellName | 'sh';

/**
 * argv before the file name. The check must not read the user's own start-up
 * files (zsh -f, fish --no-config): their mistakes are not the file's.
 */
export const SYNTAX_CHECKS: Readonly<Record<CheckedShell, readonly string[]>> = {
  bash: ['bash', '-n'],
  zsh: ['zsh', '-f', '-n'],
  fish: ['fish', '--no-config', '--no-execute'],
  sh: ['sh', '-n'],
};

/** The whole argv that checks `file` as `shell` reads it. */
export function syntaxCheckArgv(shell: CheckedShell, file: string): string[] {
  return [...SYNTAX_CHECKS[shell], file];
}
