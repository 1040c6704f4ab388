/**
 * The user's own virtualenvwrapper settings, at the edge: WORKON_HOME and co.
 * read from the environment and the profiles (envs/user-settings.ts, pure),
 * their WORKON_HOMEs (and homes add or remove leave with environments) kept in
 * Registry.sharedHomes, and what setup and doctor say about them and about the
 * user's homes holding environments (envs/settings-report.ts, pure). Where
 * environments live is shims/homes.ts; what is in a home, envs/scan.ts.
 *
 * API
 *   reportAbout(registry, home)                    what settings-report.ts needs of the registry
 *   settingShells(registry, env)                   the shells whose profiles are looked at
 *   gatherUserSettings(ctx, registry, shells, o)   the user's settings (reads the profiles)
 *   noteSharedHomes(registry, dirs, home)          keep these homes in Registry.sharedHomes;
 *                                                  returns those newly kept
 *   settingHomes(registry, settings, home)         the user's own WORKON_HOMEs among the settings
 *   userReports(registry, settings, home)          what setup and doctor print about them (reads the homes)
 */
import path from 'node:path';
import type { Context } from './context.js';
import type { Env } from './paths.js';
import { sortedLines, type Registry } from './registry/registry.js';
import type { ShellName } from './shell/adapter.js';
import { shellNamed } from './shell/names.js';
import { gatherTargetFacts, type TargetFacts } from './shell/targets.js';
import { defaultHome, lineHomes, searchedHomes } from './shims/homes.js';
import { scanHomes } from './envs/scan.js';
import { describeEnvironments, describeSetting, tallyEnvironments, type ReportAbout } from './envs/settings-report.js';
import { findUserSettings, settingFiles, userWorkonHomes, type UserSetting } from './envs/user-settings.js';

export function reportAbout(registry: Registry, home: string): ReportAbout {
  return { home, lines: lineHomes(registry, home), ...(registry.default ? { defaultLine: registry.default } : {}) };
}

/** The shells set up (registry.profiles), else the login shell. */
export function settingShells(registry: Registry, env: Env): ShellName[] {
  const set = Object.keys(registry.profiles ?? {}) as ShellName[];
  if (set.length) return set;
  const login = shellNamed(env.SHELL);
  return login ? [login] : [];
}

/**
 * The user's settings of WORKON_HOME and the rest, from the environment and
 * the profiles `shells` read and those setup put a block into (`planned`: the
 * text setup is about to give a file; `facts`: the target facts setup already
 * gathered; `extra`: the files it is about to put a block into).
 */
export async function gatherUserSettings(
  ctx: Context,
  registry: Registry,
  shells: readonly ShellName[],
  options: { facts?: TargetFacts; planned?: ReadonlyMap<string, string>; extra?: readonly { file: string; shell: ShellName }[] } = {},
): Promise<UserSetting[]> {
  const home = ctx.paths.home;
  const facts = options.facts ?? (await gatherTargetFacts(ctx.env, home, shells.includes('zsh')));
  const lines = sortedLines(registry);
  // The files setup put a block into (an --rc-file among them), besides those the shells read.
  const recorded = (Object.entries(registry.profiles ?? {}) as [ShellName, string[]][]).flatMap(([shell, files]) => files.map((file) => ({ file, shell })));
  return findUserSettings({
    env: ctx.env,
    home,
    files: settingFiles(shells, facts, options.planned, [...recorded, ...(options.extra ?? [])]),
    pyshimValues: {
      homes: lineHomes(registry, home).map((l) => l.home),
      pythons: lines.flatMap((l) => [l.python, ...(l.link ? [l.link] : []), ...(l.virtualenvwrapper ? [l.virtualenvwrapper.hookPython] : [])]),
    },
  });
}

/**
 * Keep the user's own WORKON_HOMEs (not a line's home, not ~/.virtualenvs)
 * in Registry.sharedHomes, once each; a shared home that has become a line's
 * home leaves the list. Returns the homes newly kept.
 */
export function noteSharedHomes(registry: Registry, dirs: readonly string[], home: string): string[] {
  const homes = lineHomes(registry, home).map((l) => l.home);
  const exclude = new Set([...homes, defaultHome(home)]);
  const before = (registry.sharedHomes ?? []).filter((dir) => !exclude.has(dir));
  const added = dirs.map((dir) => path.resolve(dir)).filter((dir, i, all) => !exclude.has(dir) && !before.includes(dir) && all.indexOf(dir) === i);
  const next = [...before, ...added];
  if (next.length) registry.sharedHomes = next;
  else delete registry.sharedHomes;
  return added;
}

/** The WORKON_HOMEs among the settings that are the user's own (for noteSharedHomes). */
export function settingHomes(registry: Registry, settings: readonly UserSetting[], home: string): string[] {
  return userWorkonHomes(settings, [...lineHomes(registry, home).map((l) => l.home), defaultHome(home)]);
}

/** One report: the variable it is about (or `environments`), what pyshim does, how to choose otherwise. */
export interface UserReport {
  subject: string;
  /** For a variable: its value, where it is, what pyshim does (`~/Envs (~/.bashrc:3, …): …`). */
  message: string;
  choose?: string;
}

/** What setup and doctor say about the user's settings and homes: one message each, and how to choose. */
export function userReports(registry: Registry, settings: readonly UserSetting[], home: string): UserReport[] {
  const about = reportAbout(registry, home);
  const reports: UserReport[] = settings.map((setting) => {
    const r = describeSetting(setting, about);
    return { subject: setting.name, message: `${r.subject.slice(setting.name.length + 1)}: ${r.what}`, ...(r.choose ? { choose: r.choose } : {}) };
  });
  for (const scanned of scanHomes(searchedHomes(registry, home).map((dir) => ({ dir })))) {
    if (scanned.environments.length) reports.push({ subject: 'environments', message: describeEnvironments(tallyEnvironments(scanned.home.dir, scanned.environments), about) });
  }
  return reports;
}
