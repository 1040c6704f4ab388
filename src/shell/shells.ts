import type { ShellAdapter, ShellName } from './adapter.js';
import { BashAdapter } from './bash.js';
import { FishAdapter } from './fish.js';
import { ZshAdapter } from './zsh.js';

const adapters: Record<ShellName, ShellAdapter> = {
  bash: new BashAdapter(),
  zsh: new ZshAdapter(),
  fish: new FishAdapter(),
};

/** The adapter for a shell; a name a user typed goes through names.ts `parseShell` first. */
export function adapterFor(name: ShellName): ShellAdapter {
  return adapters[name];
}
