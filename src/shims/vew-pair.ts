/**
 * Which virtualenvwrapper.sh a line sources and which Python runs its hooks:
 * a pure rule over what vew-installs.ts read. A script belongs to the
 * install that wrote it (its record's hash matches the file), and its hooks
 * run with a Python that imports that very version: virtualenvwrapper 6's
 * script calls hook_loader options 4.8's package lacks (`--version`), so a
 * mixed pair loses every hook. Never a Python whose package is another version.
 *
 * API
 *   pairVirtualenvwrapper(python, facts) → { script, hookPython } | undefined
 */
import type { VirtualenvwrapperChoice } from './plan.js';

/** The install-record source name for Debian's package database. */
export const DPKG = 'dpkg';

/** The virtualenvwrapper one interpreter imports. */
export interface VewImport {
  /** Its distribution's version; undefined when no metadata lies beside it. */
  version?: string;
  /** The site directory it comes from (undefined: none the probe's directories tell). */
  site?: string;
}

/** One virtualenvwrapper.sh on this machine. */
export interface VewScript {
  path: string;
  /** Versions whose install record holds this file's content (empty: no record knows it). */
  versions: string[];
  /** Site directories (or DPKG) whose install record names this very path and matches it: who wrote it. */
  installedBy: string[];
}

export interface VewFacts {
  /** Interpreter path → the virtualenvwrapper it imports (only interpreters that import one). */
  imports: Record<string, VewImport>;
  /** In order of preference: on PATH, user-site installs, other installs, the usual places. */
  scripts: VewScript[];
  /** The distribution's /usr/bin/python3, which its packaged script is for. */
  system?: string;
}

/** Would `python` run this script's hooks with the same version of the package? */
export function agrees(facts: VewFacts, script: VewScript, python: string): boolean {
  const version = facts.imports[python]?.version;
  return version !== undefined && script.versions.includes(version);
}

/** Did `python`'s own install (the site it imports from, or the distribution's package for its python3) write this script? */
export function installedFor(facts: VewFacts, script: VewScript, python: string): boolean {
  const site = facts.imports[python]?.site;
  return (site !== undefined && script.installedBy.includes(site)) || (python === facts.system && script.installedBy.includes(DPKG));
}

/**
 * The pair for a line whose interpreter is `python`:
 * 1. the line's own Python, with the script its own install wrote (its user
 *    site first: that is what `pipXY install --user virtualenvwrapper` made),
 *    else with any script of the same version;
 * 2. else a script with the interpreter whose install wrote it, in the
 *    scripts' order (PATH first);
 * 3. else a script with any interpreter importing its version;
 * 4. else a script no record knows (copied by hand: its version cannot be
 *    told), with the line's Python if it imports virtualenvwrapper, a
 *    distribution's script with the system Python, or any that imports it.
 * Undefined when nothing fits: the line has no virtualenvwrapper.
 */
export function pairVirtualenvwrapper(python: string, facts: VewFacts): VirtualenvwrapperChoice | undefined {
  const pair = (script: VewScript, hookPython: string) => ({ script: script.path, hookPython });
  const mine = facts.scripts.filter((s) => agrees(facts, s, python));
  const own = mine.find((s) => installedFor(facts, s, python)) ?? mine[0];
  if (own) return pair(own, python);

  const importers = Object.keys(facts.imports);
  for (const script of facts.scripts) {
    const owner = importers.find((py) => installedFor(facts, script, py) && agrees(facts, script, py));
    if (owner) return pair(script, owner);
  }
  for (const script of facts.scripts) {
    const same = importers.find((py) => agrees(facts, script, py));
    if (same) return pair(script, same);
  }
  const unknown = facts.scripts.find((s) => s.versions.length === 0);
  if (!unknown) return undefined;
  if (facts.imports[python]) return pair(unknown, python);
  const system = facts.system && facts.imports[facts.system] && unknown.path.startsWith('/usr/') ? facts.system : undefined;
  const host = system ?? importers[0];
  return host ? pair(unknown, host) : undefined;
}
