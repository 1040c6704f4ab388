/**
 * Every place a shell's name comes from, read one way: a name the user typed
 * (`pyshim init fish`, `--shell bash,zsh`), the login shell ($SHELL), or the
 * profile file a shell reads (for its syntax check).
 */
import path from 'node:path';
import { usageError } from '../errors.js';
import { SHELLS, type ShellName } from './adapter.js';

export function isShellName(name: string): name is ShellName {
  return (SHELLS as readonly string[]).includes(name);
}

/** The shell a path such as /usr/bin/zsh or a name such as `fish` names; undefined for any other shell. */
export function shellNamed(pathOrName: string | undefined): ShellName | undefined {
  const name = path.basename(pathOrName ?? '');
  return isShellName(name) ? name : undefined;
}

/**
 * One shell a user typed as `pyshim COMMAND SHELL`. Throws a usage error
 * (exit 2) naming the choices as commands to run: `pyshim COMMAND bash`, ….
 */
export function parseShell(name: string, command: string): ShellName {
  if (isShellName(name)) return name;
  throw usageError(`unknown shell '${name}' (pyshim supports ${SHELLS.join(', ')})`, `run one of: ${SHELLS.map((s) => `pyshim ${command} ${s}`).join(', ')}`);
}

/**
 * `--shell bash,zsh` (comma-separated, duplicates dropped, in the order given);
 * without it, the login shell `$SHELL` names. Throws a usage error naming the
 * option to use when a name is unknown or the login shell is not one of them.
 */
export function parseShells(option: string | undefined, loginShell: string | undefined): ShellName[] {
  const names = option
    ? option.split(',').map((s) => s.trim()).filter(Boolean)
    : [path.basename(loginShell ?? '')];
  const unknown = names.filter((n) => !isShellName(n));
  if (unknown.length || names.length === 0) {
    const what = option ? `unknown shell '${unknown.join(',')}'` : `your login shell ${loginShell ? `'${loginShell}'` : '($SHELL is not set)'} is not bash, zsh or fish`;
    throw usageError(`${what}; pyshim supports bash, zsh and fish`, 'name them: pyshim setup --shell bash,zsh,fish');
  }
  return [...new Set(names)] as ShellName[];
}

/** The shell that reads a profile file, for its syntax check: ruled by the start-up declarations. */
export { shellOf } from './startup/index.js';
