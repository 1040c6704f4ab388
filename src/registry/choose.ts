import type { Interpreter } from '../discovery/interpreter.js';
import type { Source } from '../discovery/sources.js';
import { compareVersions, lineOf, type Version } from '../version.js';

export interface Choice {
  interpreter: Interpreter;
  /** Why this one, for the user: "newest of 2; user site enabled, not externally managed". */
  reason: string;
}

// When two files are the same version, the one a version manager installed
// for the user beats a copy that merely sits on PATH.
const SOURCE_RANK: Source[] = ['pyshim', 'pyenv', 'uv', 'mise', 'asdf', 'homebrew', 'conda', 'system', 'path'];

function usable(i: Interpreter): boolean {
  return i.userSiteEnabled && !i.externallyManaged && !i.inVirtualenv;
}

/**
 * Pick the interpreter for a line: usable ones (user site enabled, not
 * externally managed, not inside a virtual environment) first, then the
 * newest micro, then the source rank. Pure, so the rule is tested directly.
 */
export function chooseInterpreter(line: Version, interpreters: Interpreter[]): Choice | undefined {
  const matching = interpreters.filter((i) => lineOf(i.version) === line && i.implementation === 'cpython');
  const pool = matching.length ? matching : interpreters.filter((i) => lineOf(i.version) === line);
  if (pool.length === 0) return undefined;
  const sorted = [...pool].sort(
    (a, b) =>
      Number(usable(b)) - Number(usable(a)) ||
      compareVersions(b.version, a.version) ||
      SOURCE_RANK.indexOf(a.source) - SOURCE_RANK.indexOf(b.source),
  );
  const chosen = sorted[0] as Interpreter;
  const reasons: string[] = [];
  if (pool.length === 1) reasons.push('the only one found');
  else reasons.push(`${pool.length} found; newest usable`);
  if (usable(chosen)) reasons.push('user site enabled, not externally managed');
  else if (chosen.externallyManaged) reasons.push('externally managed (PEP 668), the only kind found');
  const skipped = pool.filter((i) => i !== chosen && !usable(i));
  if (skipped.length && usable(chosen)) {
    reasons.push(`passed over ${skipped.map((i) => `${i.path} (${i.externallyManaged ? 'externally managed' : 'no user site'})`).join(', ')}`);
  }
  return { interpreter: chosen, reason: reasons.join('; ') };
}
