import { usageError } from '../errors.js';
import { SHELLS, type ShellAdapter, type ShellName } from './adapter.js';
import { BashAdapter } from './bash.js';
import { FishAdapter } from './fish.js';
import { ZshAdapter } from './zsh.js';

const adapters: Record<ShellName, ShellAdapter> = {
  bash: new BashAdapter(),
  zsh: new ZshAdapter(),
  fish: new FishAdapter(),
};

export function isShellName(name: string): name is ShellName {
  return (SHELLS as readonly string[]).includes(name);
}

export function adapterFor(name: ShellName): ShellAdapter {
  return adapters[name];
}

/** For names a user typed (`pyshim init tcsh`): a usage error naming the choices. */
export function parseShell(name: string): ShellAdapter {
  if (!isShellName(name)) throw usageError(`unknown shell '${name}' (pyshim supports bash, zsh and fish)`, 'for example: pyshim init bash');
  return adapters[name];
}
