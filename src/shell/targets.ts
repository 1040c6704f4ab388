import fs from 'node:fs';
import path from 'node:path';
import type { Env } from '../paths.js';

import type { BlockKind, ShellName } from './adapter.js';

/** A profile file `setup` will edit, and why it was chosen (setup prints this). */
export interface Target {
  shell: ShellName;
  file: string;
  why: string;
  /** What the block loads there (src/shell/adapter.ts BlockKind). */
  kind: BlockKind;
  /** Where a new block goes: first in the file, or appended (the default). */
  at?: 'start' | 'end';
  /** True for a file pyshim owns outright (fish's conf.d/pyshim.fish). */
  owned?: boolean;
  /** Also read by sh (~/.profile): its block must not source bash's init file there, and sh checks its syntax. */
  sharedWithSh?: boolean;
  /** A login file pyshim creates; in bash its block reads ~/.bashrc. */
  readsBashrc?: boolean;
}

/** What the target rules need to know about the machine, gathered at the edge. */
export interface TargetFacts {
  home: string;
  /** zsh's ZDOTDIR as zsh itself resolves it (it may be set in ~/.zshenv). */
  zdotdir?: string;
  /** ZDOTDIR as the environment gives it: where zsh reads .zshenv from. */
  zdotdirFromEnv?: string;
  xdgConfigHome?: string;
  exists(file: string): boolean;
  read(file: string): string | undefined;
  /** The names of the regular files (or links to them) in a directory, [] when it cannot be read; for uninstall. */
  listFiles?(dir: string): string[];
}

const BASH_LOGIN_FILES = ['.bash_profile', '.bash_login', '.profile'];

export function fishConfigDir(facts: Pick<TargetFacts, 'home' | 'xdgConfigHome'>): string {
  const base = facts.xdgConfigHome && path.isAbsolute(facts.xdgConfigHome) ? facts.xdgConfigHome : path.join(facts.home, '.config');
  return path.join(base, 'fish');
}

/**
 * bash: ~/.bashrc (every interactive shell; also what bash reads for a
 * command sent over ssh), and the one login file bash reads — the first of
 * ~/.bash_profile, ~/.bash_login, ~/.profile that exists — with a login block
 * (PATH for every login shell, interactive or not; the init file when
 * interactive). That block does not depend on whether the login file reads
 * ~/.bashrc: a ~/.bashrc that returns early for non-interactive shells (as
 * Debian's does) is no longer a trap. With no login file, ~/.profile is
 * created (sh reads it too; in bash it reads ~/.bashrc, as login shells
 * usually do). A ~/.profile beside a ~/.bash_profile gets the PATH part for sh.
 */
function bashTargets(facts: TargetFacts): Target[] {
  const home = facts.home;
  // First in ~/.bashrc: before the `case $- in *i*)` return that keeps ssh commands from the end of it,
  // and before the user's own settings, which then win (WORKON_HOME, a later PATH, their own aliases).
  const targets: Target[] = [{ shell: 'bash', file: path.join(home, '.bashrc'), kind: 'rc', at: 'start', why: 'bash reads it in every interactive shell, and for commands sent over ssh' }];
  const profile = path.join(home, '.profile');
  const login = BASH_LOGIN_FILES.map((name) => path.join(home, name)).find((file) => facts.exists(file));
  if (!login) {
    targets.push({ shell: 'bash', file: profile, kind: 'login', sharedWithSh: true, readsBashrc: true, why: 'no login file yet: created, so bash -l and sh -l get the shims (it reads ~/.bashrc in bash)' });
  } else if (login === profile) {
    targets.push({ shell: 'bash', file: login, kind: 'login', sharedWithSh: true, why: 'bash and sh login shells read it' });
  } else {
    targets.push({ shell: 'bash', file: login, kind: 'login', why: 'bash login shells read it first' });
    if (facts.exists(profile)) targets.push({ shell: 'bash', file: profile, kind: 'env', sharedWithSh: true, why: 'sh login shells read it (PATH only)' });
  }
  return targets;
}

/** The profiles `setup` writes for one shell. Pure over the facts. */
export function setupTargets(shell: ShellName, facts: TargetFacts): Target[] {
  const home = facts.home;
  switch (shell) {
    case 'bash':
      return bashTargets(facts);
    case 'zsh': {
      const dir = facts.zdotdir || home;
      const why = facts.zdotdir && facts.zdotdir !== home ? `zsh reads it from ZDOTDIR (${facts.zdotdir})` : 'zsh reads it in every interactive shell';
      // .zshenv is read by every zsh (zsh -c too), from ZDOTDIR as the environment gives it, else HOME.
      const envDir = facts.zdotdirFromEnv || home;
      return [
        { shell, file: path.join(dir, '.zshrc'), kind: 'rc', why },
        { shell, file: path.join(envDir, '.zshenv'), kind: 'env', why: 'every zsh reads it, zsh -c and login shells too (PATH only)' },
      ];
    }
    case 'fish':
      return [
        {
          shell,
          file: path.join(fishConfigDir(facts), 'conf.d', 'pyshim.fish'),
          kind: 'rc',
          why: 'fish sources every file in conf.d at start-up; pyshim owns this one',
          owned: true,
        },
      ];
  }
}

// Every file of the user's that bash, zsh or fish reads at start, where `pyshim init` may have been appended by hand.
// bash: its login files, ~/.bashrc, and ~/.bash_aliases, which Debian's and Ubuntu's ~/.bashrc source.
const BASH_START_FILES = ['.bashrc', ...BASH_LOGIN_FILES, '.bash_aliases'];
// zsh: from ZDOTDIR, or HOME where it is unset; both are looked at, as ~/.zshenv may set ZDOTDIR for the rest.
const ZSH_START_FILES = ['.zshenv', '.zprofile', '.zshrc', '.zlogin'];

/**
 * Every file where a pyshim block may be, for `uninstall`: the setup targets
 * of all shells plus every file the shells read at start, where a user may
 * have appended `pyshim init` by hand — fish's whole conf.d/*.fish included.
 */
export function uninstallCandidates(facts: TargetFacts): string[] {
  const { home, zdotdir } = facts;
  const fishDir = fishConfigDir(facts);
  const confD = path.join(fishDir, 'conf.d');
  const snippets = (facts.listFiles?.(confD) ?? []).filter((name) => name.endsWith('.fish')).sort();
  const files = [
    ...BASH_START_FILES.map((name) => path.join(home, name)),
    ...ZSH_START_FILES.map((name) => path.join(home, name)),
    ...(zdotdir ? ZSH_START_FILES.map((name) => path.join(zdotdir, name)) : []),
    path.join(confD, 'pyshim.fish'),
    ...snippets.map((name) => path.join(confD, name)),
    path.join(fishDir, 'config.fish'),
  ];
  return [...new Set(files)];
}

/** Ask zsh where it reads .zshrc from: ZDOTDIR may be set in ~/.zshenv. */
export async function zshDotDir(env: Env, home: string): Promise<string | undefined> {
  const { execa } = await import('execa');
  const run = await execa('zsh', ['-c', 'print -r -- "${ZDOTDIR:-$HOME}"'], {
    env: { ...env, HOME: home },
    extendEnv: false,
    reject: false,
    timeout: 10_000,
    stdin: 'ignore',
  });
  if (run.exitCode === 0 && !run.failed) {
    // A chatty ~/.zshenv may print first; the answer is the last line.
    const dir = String(run.stdout).trim().split('\n').pop() ?? '';
    if (dir && path.isAbsolute(dir)) return dir;
  }
  const fromEnv = env.ZDOTDIR;
  return fromEnv && path.isAbsolute(fromEnv) ? fromEnv : undefined;
}

export async function gatherTargetFacts(env: Env, home: string, needZsh: boolean): Promise<TargetFacts> {
  return {
    home,
    zdotdir: needZsh ? await zshDotDir(env, home) : env.ZDOTDIR,
    zdotdirFromEnv: env.ZDOTDIR && path.isAbsolute(env.ZDOTDIR) ? env.ZDOTDIR : undefined,
    xdgConfigHome: env.XDG_CONFIG_HOME,
    exists: (file) => fs.existsSync(file),
    read: (file) => {
      try {
        return fs.readFileSync(file, 'latin1');
      } catch {
        return undefined;
      }
    },
    listFiles: (dir) => {
      let names: string[];
      try {
        names = fs.readdirSync(dir);
      } catch {
        return [];
      }
      return names.filter((name) => {
        try {
          return fs.statSync(path.join(dir, name)).isFile();
        } catch {
          return false; // a dangling link, a loop: nothing a shell reads
        }
      });
    },
  };
}
