/**
 * The start files of each shell (declared in ./startup/) on this machine:
 * which ones setup edits, which ones uninstall looks at, which ones hold the
 * user's settings. Pure over TargetFacts, except gatherTargetFacts and
 * zshDotDir, the edge where HOME, ZDOTDIR (asked of zsh) and XDG_CONFIG_HOME
 * are found.
 *
 * API
 *   setupTargets(shell, facts)        the profiles setup writes for a shell, with the block and why
 *   uninstallCandidates(facts)        every file a block may be in
 *   settingsFiles(shells, facts)      the files a user may set WORKON_HOME and co. in, with their order
 *   syntaxOf(target)                  the shell whose syntax check a target's file must pass
 *   startDirs(facts), fishConfigDir   the folders start files live in
 *   gatherTargetFacts(env, home, z)   the facts (asks zsh for ZDOTDIR when `z`)
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Env } from '../paths.js';
import { SHELLS, type BlockKind, type ShellName } from './adapter.js';
import { CONF_D, globMatches, isGlob, STARTUPS, type StartDir, type StartFile } from './startup/index.js';
import type { CheckedShell } from './syntax.js';

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

/** fish's config folder: XDG_CONFIG_HOME/fish when that is absolute, else ~/.config/fish. */
export function fishConfigDir(facts: Pick<TargetFacts, 'home' | 'xdgConfigHome'>): string {
  const base = facts.xdgConfigHome && path.isAbsolute(facts.xdgConfigHome) ? facts.xdgConfigHome : path.join(facts.home, '.config');
  return path.join(base, 'fish');
}

/** The folder each kind of start file lives in (startup/types.ts StartDir), from the facts. Pure. */
export function startDirs(facts: TargetFacts): Record<StartDir, string> {
  const fish = fishConfigDir(facts);
  return {
    home: facts.home,
    zdotdir: facts.zdotdir || facts.home,
    'zdotdir-env': facts.zdotdirFromEnv || facts.home,
    fish,
    'conf.d': path.join(fish, CONF_D),
  };
}

/**
 * The profiles `setup` writes for one shell (the start files its declaration
 * edits: startup/bash.ts, zsh.ts, fish.ts), the rc file first: setup offers to
 * source the first one in the shell it runs in. Of a group the shell reads
 * only the first of (bash's login files), the first that exists gets its
 * block; one after it that another shell still reads gets the block for that
 * case; with none there, the one declared for it is created. Pure over the facts.
 */
export function setupTargets(shell: ShellName, facts: TargetFacts): Target[] {
  const dirs = startDirs(facts);
  const files = STARTUPS[shell].files;
  const where = (f: StartFile) => path.join(dirs[f.dir], f.name);
  const targets: Target[] = [];
  for (const f of files) {
    const edit = f.edit;
    if (!edit) continue;
    const file = where(f);
    const base = { shell, file, ...(edit.at ? { at: edit.at } : {}), ...(edit.owned ? { owned: true } : {}), ...(f.alsoReadBy === 'sh' ? { sharedWithSh: true } : {}) };
    const away = dirs[f.dir] !== facts.home && edit.whyAway ? edit.whyAway(dirs[f.dir]) : undefined;
    const read = { ...base, kind: edit.kind, why: away ?? edit.why };
    if (!f.firstOf) {
      targets.push(read);
      continue;
    }
    const first = files.find((g) => g.firstOf === f.firstOf && facts.exists(where(g)));
    if (first === f) targets.push(read);
    else if (!first && edit.whenNoneExists) targets.push({ ...base, kind: edit.kind, ...(edit.whenNoneExists.readsBashrc ? { readsBashrc: true } : {}), why: edit.whenNoneExists.why });
    else if (first && edit.whenSkipped && facts.exists(file)) targets.push({ ...base, kind: edit.whenSkipped.kind, why: edit.whenSkipped.why });
  }
  return [...targets.filter((t) => t.kind === 'rc'), ...targets.filter((t) => t.kind !== 'rc')];
}

/** The names in a glob start file's folder (fish's conf.d/*.fish), in name order; [] without a lister. */
function expand(f: StartFile, dir: string, facts: TargetFacts): string[] {
  return globMatches(f, facts.listFiles?.(dir) ?? []);
}

/**
 * Every file where a pyshim block may be, for `uninstall`: every file bash,
 * zsh and fish read at start (setup's targets among them), where a user may
 * also have appended `pyshim init` by hand — fish's whole conf.d/*.fish
 * included, and ~/.bash_aliases, which Debian's ~/.bashrc sources. zsh's are
 * looked for in HOME, then in ZDOTDIR as zsh resolves it: ~/.zshenv may set
 * ZDOTDIR for the rest, and a block may be in either.
 */
export function uninstallCandidates(facts: TargetFacts): string[] {
  const dirs = startDirs(facts);
  // zsh's files in HOME, in ZDOTDIR as zsh resolves it and in ZDOTDIR as the environment gives it: a .zshenv
  // there may move ZDOTDIR again, and setup wrote that .zshenv's block.
  const zsh = [...new Set([facts.home, facts.zdotdir, facts.zdotdirFromEnv].filter((d): d is string => Boolean(d)))];
  const searched = (dir: StartDir): string[] => (dir === 'zdotdir' || dir === 'zdotdir-env' ? zsh : [dirs[dir]]);
  const files: string[] = [];
  for (const shell of SHELLS) {
    const start = STARTUPS[shell].files;
    const passes = Math.max(...start.map((f) => searched(f.dir).length));
    for (let pass = 0; pass < passes; pass++) {
      for (const f of start) {
        const dir = searched(f.dir)[pass];
        if (dir === undefined) continue;
        files.push(...(isGlob(f) ? expand(f, dir, facts).map((name) => path.join(dir, name)) : [path.join(dir, f.name)]));
      }
    }
  }
  return [...new Set(files)];
}

/** A start file searched for the user's settings, and where it is read against pyshim's init block (startup/types.ts `settings`). */
export interface ReadFile {
  file: string;
  shell: ShellName;
  order: 'before' | 'after';
}

/**
 * The start files each of `shells` reads itself where a user may set a
 * variable, in the declarations' order (fish's conf.d snippets in name order),
 * each with where it is read against pyshim's block. Not pyshim's own file
 * (it holds no setting of the user's), nor one only a user's file sources.
 */
export function settingsFiles(shells: readonly ShellName[], facts: TargetFacts): ReadFile[] {
  const dirs = startDirs(facts);
  const wanted: ReadFile[] = [];
  for (const shell of shells) {
    const start = STARTUPS[shell].files;
    for (const f of start) {
      if (!f.settings || f.sourcedBy) continue;
      const dir = dirs[f.dir];
      if (!isGlob(f)) {
        if (f.settings !== 'by name') wanted.push({ file: path.join(dir, f.name), shell, order: f.settings });
        continue;
      }
      // Read before or after pyshim's own file in the same folder, by name.
      const own = start.find((g) => g.dir === f.dir && !isGlob(g))?.name ?? '';
      const others = new Set(start.filter((g) => g.dir === f.dir).map((g) => g.name));
      for (const name of expand(f, dir, facts).filter((n) => !others.has(n))) wanted.push({ file: path.join(dir, name), shell, order: name < own ? 'before' : 'after' });
    }
  }
  return wanted;
}

/** The shell whose syntax check a target's file must pass: sh for a file sh reads too. */
export function syntaxOf(target: Target): CheckedShell {
  return target.sharedWithSh ? 'sh' : target.shell;
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
