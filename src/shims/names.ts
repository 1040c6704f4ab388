import { suffixOf, type LineVersion } from '../version.js';

/** The recipe's command names for one line; fixed by DESIGN.md. */
export function shimNames(line: LineVersion) {
  const suffix = suffixOf(line);
  return {
    pip: `pip${suffix}`,
    install: `install${suffix}`,
    virtualenv: `virtualenv-${line}`,
    virtualenvwrapper: `virtualenvwrapper-${line}.sh`,
    python: `python${line}`,
  };
}

export function allShimNames(line: LineVersion): string[] {
  return Object.values(shimNames(line));
}

/** Every shim carries this, so pyshim never deletes a file it did not write. */
export const SHIM_MARK = 'Written by pyshim;';
