/**
 * What pyshim does with each of the user's virtualenvwrapper settings, and
 * how to choose otherwise, in the words `setup` and `doctor` print (the rule:
 * docs/DESIGN.md "Homes, and your own virtualenvwrapper settings"). Pure.
 *
 * API
 *   describeSetting(setting, about)     { subject, what, choose? } for one UserSetting
 *   tallyEnvironments(dir, envs)        a home's environments (scan.ts) counted, by X.Y
 *   describeEnvironments(found, about)  one line for a home of the user's holding environments
 */
import path from 'node:path';
import { tildify } from '../util/ui.js';
import type { UserSetting } from './user-settings.js';

/** The registered lines as the report needs them. */
export interface ReportAbout {
  home: string;
  /** Each line and its home (WORKON_HOME), absolute, in version order. */
  lines: { version: string; home: string }[];
  defaultLine?: string;
}

export interface SettingReport {
  /** `WORKON_HOME=~/Envs (~/.bashrc:12, after pyshim's block)` */
  subject: string;
  /** What it does, and what pyshim does with it. */
  what: string;
  /** How to choose otherwise: the commands or the edit. */
  choose?: string;
}

/** The line a suggestion names: the default, else the newest, else X.Y. */
function suggestedLine(about: ReportAbout): string {
  return about.defaultLine ?? about.lines.at(-1)?.version ?? 'X.Y';
}

function placeOf(setting: UserSetting, home: string): string {
  const w = setting.where;
  if (w.kind === 'env') return 'in your environment';
  return `${tildify(w.file, home)}:${w.line}, ${w.blockHere ? '' : 'read '}${w.place} pyshim's block`;
}

/** Which shells meet it: "new bash shells", or for the environment, the shells pyshim's init starts. */
function shellsOf(setting: UserSetting): string {
  return setting.where.kind === 'env' ? "shells that read pyshim's block" : `new ${setting.where.shell} shells`;
}

/** The user's value wins in those shells: assigned after the block. */
function wins(setting: UserSetting): boolean {
  return setting.where.kind === 'file' && setting.where.place === 'after';
}

/** How to move an assignment to the other side of the block, or where to put one. */
function moveIt(setting: UserSetting, toward: 'before' | 'after', purpose: string): string {
  const w = setting.where;
  if (w.kind === 'env' || (toward === 'after' && !w.blockHere)) return `${purpose}: assign it after pyshim's block in your profile`;
  if (!w.blockHere) return `${purpose}: remove the assignment`;
  return `${purpose}: move the assignment ${toward} pyshim's block`;
}

function workonHome(setting: UserSetting, about: ReportAbout): { what: string; choose: string } {
  const home = about.home;
  const line = suggestedLine(about);
  const usual = about.lines.find((l) => l.version === line)?.home;
  const effect = wins(setting)
    ? `it wins in ${shellsOf(setting)} until \`pyshim use\` or a workon of another line's environment switches the line`
    : `${shellsOf(setting)} replace it with the line's home${usual ? ` (${tildify(usual, home)} on the ${line} line)` : ''}`;
  const value = setting.value;
  const owner = value === undefined ? undefined : about.lines.find((l) => l.home === value);
  let found: string;
  const choose: string[] = [];
  if (value === undefined) {
    found = 'pyshim cannot tell which directory it names without running your shell, so workon does not search it by name';
    choose.push(`to have it searched: pyshim add ${line} --workon-home DIR (the directory it names), or write it with $HOME or ~ only`);
  } else if (owner) {
    found = `it is the ${owner.version} line's home`;
  } else {
    found = `workon finds its environments by name${value === path.join(home, '.virtualenvs') ? '' : ' (a searched home)'}`;
    choose.push(`to make it a line's home: pyshim add ${line} --workon-home ${tildify(value, home)}`);
  }
  choose.push(wins(setting) ? moveIt(setting, 'before', 'to give each line its own home') : moveIt(setting, 'after', 'to keep it in those shells'));
  return { what: `${effect}; ${found}`, choose: choose.join('; ') };
}

function hookPython(setting: UserSetting): { what: string; choose: string } {
  if (wins(setting)) {
    return {
      what: `it wins in ${shellsOf(setting)}: virtualenvwrapper's hooks run with it on every line, not with the Python pyshim chose for each (one that imports that line's virtualenvwrapper)`,
      choose: moveIt(setting, 'before', 'to let pyshim choose per line'),
    };
  }
  return {
    what: `${shellsOf(setting)} replace it with each line's own (the Python that imports that line's virtualenvwrapper)`,
    choose: moveIt(setting, 'after', 'to force it on every line'),
  };
}

/** One setting: what it is, where, what pyshim does with it, how to choose. */
export function describeSetting(setting: UserSetting, about: ReportAbout): SettingReport {
  const shown = setting.where.kind === 'env' && setting.value !== undefined ? tildify(setting.value, about.home) : setting.raw;
  const subject = `${setting.name}=${shown} (${placeOf(setting, about.home)})`;
  switch (setting.name) {
    case 'WORKON_HOME':
      return { subject, ...workonHome(setting, about) };
    case 'VIRTUALENVWRAPPER_PYTHON':
      return { subject, ...hookPython(setting) };
    case 'PROJECT_HOME':
      return { subject, what: 'honoured: pyshim never sets it (mkproject makes projects there)' };
    case 'VIRTUALENVWRAPPER_VIRTUALENV_ARGS':
      return { subject, what: "honoured: pyshim never sets it; virtualenv-X.Y takes virtualenv's options" };
  }
}

/** The environments in one of the user's homes (as envs/scan.ts finds them), and how many of each X.Y. */
export interface HomeEnvironments {
  dir: string;
  count: number;
  /** X.Y (from lib/pythonX.Y) → how many; environments without one are only counted. */
  versions: Record<string, number>;
}

/** The environments scan.ts found in `dir`, counted by X.Y (one without lib/pythonX.Y only counted). */
export function tallyEnvironments(dir: string, envs: readonly { version?: string }[]): HomeEnvironments {
  const versions: Record<string, number> = {};
  for (const { version } of envs) if (version) versions[version] = (versions[version] ?? 0) + 1;
  return { dir, count: envs.length, versions };
}

/**
 * `3 environments in ~/.virtualenvs: workon finds them by name; …`, with the
 * command that makes it a line's home (the line most of them were made with,
 * when it is registered; else the default).
 */
export function describeEnvironments(found: HomeEnvironments, about: ReportAbout): string {
  const home = about.home;
  const dir = tildify(found.dir, home);
  const count = `${found.count} environment${found.count === 1 ? '' : 's'} in ${dir}`;
  const owner = about.lines.find((l) => l.home === found.dir);
  if (owner) return `${count}: it is the ${owner.version} line's home`;
  const registered = Object.entries(found.versions)
    .filter(([version]) => about.lines.some((l) => l.version === version))
    .sort((a, b) => b[1] - a[1]);
  const line = registered[0]?.[0] ?? suggestedLine(about);
  const usual = about.lines.find((l) => l.version === line)?.home;
  const newGo = usual ? `new environments of a line go to its home (${tildify(usual, home)} for ${line})` : "new environments of a line go to its home (~/.virtualenvsXY)";
  return `${count}: workon finds them by name; ${newGo}; to keep using ${dir} for ${line}: pyshim add ${line} --workon-home ${dir}`;
}
