/**
 * Every shell's start files, declared once (bash.ts, zsh.ts, fish.ts), and
 * the rules that need nothing but those declarations. The rules that need
 * the folders (HOME, ZDOTDIR, XDG_CONFIG_HOME) are ../targets.ts.
 *
 * API
 *   STARTUPS                   each shell's declaration (types.ts)
 *   CONF_D                     the name of fish's folder of snippets
 *   shellOf(file)              the shell whose syntax a profile must keep (its syntax check)
 *   alsoReadBySh(shell, file)  a start file of `shell` by that name is read by sh too (~/.profile)
 *   startsToCheck(shell)       the kinds of start that read a file pyshim edits, with the flags that start one
 *   isSnippetPath(file)        a file in a folder of snippets the shell sources whole (fish's conf.d/*.fish)
 */
import path from 'node:path';
import type { ShellName } from '../adapter.js';
import type { CheckedShell } from '../syntax.js';
import { BASH } from './bash.js';
import { FISH } from './fish.js';
import type { ShellStartup, StartDir, StartFile, StartKind } from './types.js';
import { ZSH } from './zsh.js';

export type { ShellStartup, StartDir, StartEdit, StartFile, StartKind } from './types.js';

export const STARTUPS: Readonly<Record<ShellName, ShellStartup>> = { bash: BASH, zsh: ZSH, fish: FISH };

/** The folder of fish's snippets, in its config folder. */
export const CONF_D = 'conf.d';

/** A name such as `*.fish`: every file of that ending in its folder. */
export function isGlob(file: StartFile): boolean {
  return file.name.startsWith('*');
}

/** Every file `names` lists that a glob start file (`*.fish`) stands for, in name order (the order the shell reads them). */
export function globMatches(file: StartFile, names: readonly string[]): string[] {
  const ending = file.name.slice(1);
  return names.filter((name) => name.endsWith(ending)).sort();
}

// Told apart by name in this order: a name ending in .fish is fish's, whatever it starts with.
const BY_NAME: readonly ShellStartup[] = [FISH, ZSH, BASH];

/**
 * The shell that reads a profile file, to check its syntax: a start file's
 * own shell (sh for one sh reads too: ~/.profile must stay sh), else the
 * shell its name is like (`*.fish` fish, `.z*` zsh), else bash.
 */
export function shellOf(file: string): CheckedShell {
  const name = path.basename(file);
  for (const startup of BY_NAME) {
    const known = startup.files.find((f) => !isGlob(f) && f.name === name);
    if (known) return known.alsoReadBy ?? startup.shell;
  }
  return BY_NAME.find((startup) => startup.namedLike?.test(name))?.shell ?? 'bash';
}

/** A start file of `shell` named as `file` is read by sh too (a ~/.profile, wherever `--rc-file` names it). */
export function alsoReadBySh(shell: ShellName, file: string): boolean {
  const name = path.basename(file);
  return STARTUPS[shell].files.some((f) => f.name === name && f.alsoReadBy === 'sh');
}

/** The flags that start a shell of each kind here (an ssh command cannot be started locally). */
const START_FLAGS: Readonly<Partial<Record<StartKind, readonly string[]>>> = { interactive: ['-i'], login: ['-l'], 'non-interactive': [] };

/**
 * The kinds of start of `shell` that read a file pyshim edits, each with the
 * flags that start one (before `-c CMD`): what doctor starts to check PATH.
 * bash's plain `-c` reads nothing, so it is not among them.
 */
export function startsToCheck(shell: ShellName): { kind: StartKind; flags: string[] }[] {
  const edited = STARTUPS[shell].files.filter((f) => f.edit);
  return (Object.keys(START_FLAGS) as StartKind[])
    .filter((kind) => edited.some((f) => f.readBy.includes(kind)))
    .map((kind) => ({ kind, flags: [...START_FLAGS[kind]!] }));
}

/** The folders of snippets (a glob start file's folder name, and the ending), from the declarations. */
const SNIPPET_FOLDERS = Object.values(STARTUPS).flatMap((s) => s.files.filter(isGlob).map((f) => ({ folder: folderName(f.dir), ending: f.name.slice(1) })));

function folderName(dir: StartDir): string {
  if (dir !== 'conf.d') throw new Error(`no folder of snippets: ${dir}`);
  return CONF_D;
}

/** Is `file` in a folder the shell sources whole, with the ending it sources (fish's conf.d/*.fish)? By its path alone. */
export function isSnippetPath(file: string): boolean {
  return SNIPPET_FOLDERS.some((s) => path.basename(path.dirname(file)) === s.folder && file.endsWith(s.ending));
}
