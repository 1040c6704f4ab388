import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { PYENV_ROOT } from './sandbox.js';

/**
 * What this machine has, found before any test changes HOME: for the machine
 * tier (*.machine.test.ts) only — the fast tier needs none of it. Tests adapt
 * to it through itWith and describeWith: what is absent is skipped *visibly*
 * (the test name says why), and under CI=true nothing may be skipped.
 */
export { CI, describeWith, itWith, requireOnMachine } from './need.js';
export { PYENV_ROOT, REAL_HOME } from './sandbox.js';

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    try {
      fs.accessSync(file, fs.constants.X_OK);
      return file;
    } catch {
      // keep looking
    }
  }
  return undefined;
}

export const shells = {
  bash: onPath('bash'),
  zsh: onPath('zsh'),
  fish: onPath('fish'),
  sh: onPath('sh'),
  shellcheck: onPath('shellcheck'),
  tmux: onPath('tmux'),
};

export interface MachinePython {
  line: string;
  version: string;
  path: string;
}

/** pyenv-installed CPythons, one per X.Y (newest micro), by asking each its version. */
export const pyenvPythons: MachinePython[] = (() => {
  const dir = path.join(PYENV_ROOT, 'versions');
  let names: string[] = [];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const byLine = new Map<string, MachinePython>();
  for (const name of names) {
    const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(name);
    if (!m) continue;
    const line = `${m[1]}.${m[2]}`;
    const file = path.join(dir, name, 'bin', `python${line}`);
    if (!fs.existsSync(file)) continue;
    const prev = byLine.get(line);
    if (!prev || Number(prev.version.split('.')[2]) < Number(m[3])) byLine.set(line, { line, version: name, path: file });
  }
  return [...byLine.values()].sort((a, b) => {
    const [am, an] = a.line.split('.').map(Number);
    const [bm, bn] = b.line.split('.').map(Number);
    return (am ?? 0) - (bm ?? 0) || (an ?? 0) - (bn ?? 0);
  });
})();

export function python(line: string): MachinePython | undefined {
  return pyenvPythons.find((p) => p.line === line);
}

/** Debian's externally managed python3, if this machine has one. */
export const systemPython3 = (() => {
  try {
    const out = execFileSync('/usr/bin/python3', ['-c', 'import sys,sysconfig,os;print(os.path.isfile(os.path.join(sysconfig.get_path("stdlib"),"EXTERNALLY-MANAGED")))'], { encoding: 'utf8' });
    return out.trim() === 'True' ? '/usr/bin/python3' : undefined;
  } catch {
    return undefined;
  }
})();
