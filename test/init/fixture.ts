import fs from 'node:fs';
import path from 'node:path';
import { renderInitFiles, type InitFacts } from '../../src/init/render.js';
import { packageRoot } from '../../src/paths.js';
import type { ShellName } from '../../src/shell/adapter.js';

/** pyshim's loader for virtualenvwrapper in bash and zsh (its stubs must match the init files'). */
export const lazyLoader = path.join(packageRoot(), 'shells', 'posix', 'virtualenvwrapper-lazy.sh');

/** Three registered lines (3.11 without virtualenvwrapper), 3.12 the default; init files in `data`. */
export function factsFor(home: string, data: string): InitFacts {
  const bin = path.join(data, 'bin');
  return {
    home,
    binDir: bin,
    dataDir: data,
    lines: ['2.7', '3.11', '3.12'].map((version) => ({
      version,
      hookPython: '/usr/bin/python3',
      virtualenv: path.join(bin, `virtualenv-${version}`),
      workonHome: path.join(home, `.virtualenvs${version.replace('.', '')}`),
      ...(version === '3.11' ? {} : { virtualenvwrapperScript: '/usr/share/virtualenvwrapper/virtualenvwrapper.sh' }),
    })),
    searchedHomes: [path.join(home, '.virtualenvs')],
    defaultLine: '3.12',
    lazyLoader,
    fishVirtualenvwrapper: path.join(packageRoot(), 'shells', 'fish', 'virtualenvwrapper.fish'),
  };
}

/** The start-up file for one shell (init.SHELL). */
export function renderInitFile(shell: ShellName, facts: InitFacts): string {
  return renderInitFiles(shell, facts)[0]!.text;
}

/** Write a shell's init files (init.SHELL; lazy.SHELL for bash and zsh; fish's autoload files) into facts.dataDir. */
export function writeInitFiles(shell: ShellName, facts: InitFacts): void {
  for (const { name, text } of renderInitFiles(shell, facts)) {
    fs.mkdirSync(path.dirname(path.join(facts.dataDir, name)), { recursive: true });
    fs.writeFileSync(path.join(facts.dataDir, name), text);
  }
}
