import fs from 'node:fs';
import { PyshimError } from '../errors.js';
import type { Paths } from '../paths.js';
import { writeFileAtomic } from '../util/atomic.js';
import type { Version } from '../version.js';
import { compareVersions, parseVersion } from '../version.js';
import type { Source } from '../discovery/sources.js';
import type { ShellName } from '../shell/adapter.js';
import type { ProfileState } from '../profile/state.js';

/** One registered version line: X.Y and the interpreter chosen for it. */
export interface Line {
  version: Version;
  /** Real path of the interpreter (followed again from `link` when the registry is read). */
  python: string;
  /**
   * The stable name the user chose it by, when that is a link whose target may
   * move to the next patch release (~/.pyenv/versions/3.12 -> 3.12.1, mise's
   * and asdf's "latest" links): the shims run this, not the versioned path.
   */
  link?: string;
  /** Its full version when registered, e.g. 3.12.1. */
  fullVersion: string;
  source: Source;
  /** Its home (WORKON_HOME) when not ~/.virtualenvsXY: set with `pyshim add X.Y --workon-home DIR`; absolute. */
  workonHome?: string;
  /** How virtualenv-X.Y makes environments, as last decided (shown by `list`, which must not run Python to learn it). */
  backend?: string;
  /** The virtualenvwrapper.sh and hook Python chosen for it (null: none on this machine). */
  virtualenvwrapper?: { script: string; hookPython: string } | null;
  /**
   * How the line runs pip, decided by trying (src/pip-run.ts): `python -m pip`, or
   * `python -m pip.__main__` where -m cannot run a package (2.6); and the pip that answered.
   * Absent while the line has no pip, or before a bootstrap decided: then `-m pip`.
   */
  pip?: { module: 'pip' | 'pip.__main__'; version: string };
}

/** The words after the interpreter that run a line's pip: ['-m', 'pip'] or ['-m', 'pip.__main__']. */
export function pipWords(line: Pick<Line, 'pip'>): string[] {
  return ['-m', line.pip?.module ?? 'pip'];
}

/** What pyshim made, kept with the registry (src/state/record.ts works on it; `uninstall` removes it). */
export interface MadeRecord {
  /** Generated files pyshim wrote and owns: shims, init and lazy files, runtime copies, backups, logs. */
  files: string[];
  /** Directories pyshim created, parents before children. */
  dirs: string[];
  /** What the profile editor created outside pyshim's directories. */
  profiles: ProfileState;
}

export interface Registry {
  schema: 1;
  default?: Version;
  lines: Record<Version, Line>;
  /** Profiles `setup` wrote a block into, per shell: what `doctor` checks and `uninstall` cleans. */
  profiles?: Partial<Record<ShellName, string[]>>;
  /** What pyshim made (files, directories, profile files): what `uninstall` removes. */
  record?: MadeRecord;
  /** Directories with the user's own environments, searched by name, never written by pyshim. */
  sharedHomes?: string[];
}

export function emptyRegistry(): Registry {
  return { schema: 1, lines: {} };
}

export function loadRegistry(paths: Paths): Registry {
  let text: string;
  try {
    text = fs.readFileSync(paths.registryFile, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return emptyRegistry();
    throw new PyshimError(`cannot read ${paths.registryFile}: ${(error as Error).message}`, 'check its permissions');
  }
  try {
    const parsed = JSON.parse(text) as Registry;
    if (parsed.schema !== 1 || typeof parsed.lines !== 'object' || parsed.lines === null) throw new Error('unknown schema');
    for (const line of Object.values(parsed.lines)) followLink(line);
    return parsed;
  } catch {
    throw new PyshimError(
      `${paths.registryFile} is damaged (not a pyshim registry)`,
      `move it aside and register your lines again: mv '${paths.registryFile}' '${paths.registryFile}.bad'`,
    );
  }
}

/** A line chosen through a stable link runs whatever the link points at now. */
function followLink(line: Line): void {
  if (!line.link) return;
  try {
    line.python = fs.realpathSync(line.link);
  } catch {
    // The link is gone: the shims say so; doctor names it.
  }
}

export function saveRegistry(paths: Paths, registry: Registry): void {
  writeFileAtomic(paths.registryFile, JSON.stringify(registry, null, 2) + '\n');
}

/** Lines in version order (2.7, 3.6, …, 3.13). */
export function sortedLines(registry: Registry): Line[] {
  return Object.values(registry.lines).sort((a, b) => compareVersions(a.version, b.version));
}

/**
 * The line a command was asked about in this registry, or the one error for
 * a line that is not registered (naming those that are).
 */
export function lineIn(registry: Registry, target: string, hint?: string): { version: Version; line: Line } {
  const version = parseVersion(target);
  const line = registry.lines[version];
  if (!line) {
    const known = sortedLines(registry).map((l) => l.version);
    throw new PyshimError(`${version} is not a registered line (registered: ${known.join(', ') || 'none'})`, hint ?? `register it first: pyshim add ${version}`);
  }
  return { version, line };
}

/** lineIn, for a command that only reads the registry. */
export function requireLine(paths: Paths, target: string, hint?: string): { version: Version; line: Line; registry: Registry } {
  const registry = loadRegistry(paths);
  return { ...lineIn(registry, target, hint), registry };
}
