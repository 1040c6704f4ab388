/**
 * The shape of one shell's start-up declaration (bash.ts, zsh.ts, fish.ts
 * beside this file): which files the shell reads when it starts, where each
 * lives, which kinds of start read it, who else reads it, and how pyshim
 * edits it. Pure data; the rules that read it are ./index.ts (no file system)
 * and ../targets.ts (the folders, found at the edge).
 */
import type { BlockKind, ShellName } from '../adapter.js';

/**
 * A kind of start: `interactive` (a terminal: `bash -i`; in bash, one that is
 * not a login shell), `login` (`-l`: a console, ssh with a terminal, a display
 * manager), `non-interactive` (plain `shell -c CMD`), `ssh` (a command sent
 * over ssh: `ssh host CMD`, which sshd runs with `-c` but bash treats apart).
 */
export type StartKind = 'interactive' | 'login' | 'non-interactive' | 'ssh';

/**
 * The folder a start file is read from: `home` ($HOME); `zdotdir`, ZDOTDIR
 * as zsh resolves it (~/.zshenv may set it for the files read after it),
 * else HOME; `zdotdir-env`, ZDOTDIR as the environment gives it, else HOME
 * (where zsh reads .zshenv, before anything could set it); `fish`, fish's
 * config folder (XDG_CONFIG_HOME/fish, else ~/.config/fish); `conf.d`, its
 * conf.d folder.
 */
export type StartDir = 'home' | 'zdotdir' | 'zdotdir-env' | 'fish' | 'conf.d';

/** How `setup` edits a start file: the block it writes there, and why (setup prints the why). */
export interface StartEdit {
  kind: BlockKind;
  why: string;
  /** Where a new block goes: first in the file, or appended (the default). */
  at?: 'start';
  /** The file is pyshim's outright (it makes it, it deletes it). */
  owned?: true;
  /** The why when the folder is not HOME (zsh's ZDOTDIR): `dir` is that folder. */
  whyAway?: (dir: string) => string;
  /** For one of a `firstOf` group: the block when the shell skips this file (an earlier one exists) but `alsoReadBy` still reads it. */
  whenSkipped?: { kind: BlockKind; why: string };
  /** For one of a `firstOf` group: the file to create when none of the group exists, with this why. */
  whenNoneExists?: { why: string; readsBashrc?: true };
}

/** One file a shell reads at start. */
export interface StartFile {
  /** Its name in `dir`; `*.fish` and the like for every file of that ending there, read in name order. */
  name: string;
  dir: StartDir;
  /** The kinds of start that read it. */
  readBy: readonly StartKind[];
  /** Another shell that reads it too, whose syntax it must keep (sh reads ~/.profile). */
  alsoReadBy?: 'sh';
  /** The shell reads only the first of this group that exists (bash's login files). */
  firstOf?: string;
  /** Not read by the shell itself: this start file sources it, by a distribution's convention. */
  sourcedBy?: string;
  /**
   * Where a setting of the user's in this file stands against pyshim's init
   * block when the file holds no such block: read `before` it, `after` it, or
   * for a `*.fish`-like name, by each file's name against the owned file's.
   * Absent: the file is not searched for settings.
   */
  settings?: 'before' | 'after' | 'by name';
  /** How `setup` edits it; absent: setup leaves it alone (uninstall still looks at it). */
  edit?: StartEdit;
}

/** One shell's start-up: its files in the order it reads them (see each declaration for what that order is). */
export interface ShellStartup {
  shell: ShellName;
  files: readonly StartFile[];
  /**
   * A file that is not a known start file, told to be this shell's by its
   * name (`.zshrc.local` is zsh's; `*.fish`, fish's): picks the syntax check.
   * No pattern: the shell for every other name (bash's).
   */
  namedLike?: RegExp;
}
