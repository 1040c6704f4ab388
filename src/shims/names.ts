import path from 'node:path';
import { suffixOf, type Version } from '../version.js';

/** The recipe's command names for one line; fixed by docs/DESIGN.md. */
export function shimNames(line: Version) {
  const suffix = suffixOf(line);
  return {
    pip: `pip${suffix}`,
    install: `install${suffix}`,
    virtualenv: `virtualenv-${line}`,
    virtualenvwrapper: `virtualenvwrapper-${line}.sh`,
    python: `python${line}`,
  };
}

export function allShimNames(line: Version): string[] {
  return Object.values(shimNames(line));
}

/** Every shim carries this, so pyshim never deletes a file it did not write. */
export const SHIM_MARK = 'Written by pyshim;';

/**
 * VIRTUALENVWRAPPER_VIRTUALENV: the shim's absolute path, except where that
 * path holds whitespace — virtualenvwrapper 4.x expands the variable unquoted
 * in bash and would split it — then the shim's name, which the init file's
 * PATH entry finds.
 */
export function virtualenvCommand(binDir: string, name: string): string {
  const file = path.join(binDir, name);
  return /\s/.test(file) ? name : file;
}
