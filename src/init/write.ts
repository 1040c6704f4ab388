import path from 'node:path';
import type { Context } from '../context.js';
import type { Paths } from '../paths.js';
import type { Registry } from '../registry/registry.js';
import { SHELLS, type ProfileBlockOptions, type ShellName } from '../shell/adapter.js';
import { adapterFor } from '../shell/shells.js';
import type { Interpreter } from '../discovery/interpreter.js';
import { gatherInitFacts } from './facts.js';
import { ENV_FILE, FISH_LAZY_FILE, lazyFileName, renderEnvFile, renderInitFiles } from './render.js';

export function initFilePath(paths: Paths, shell: ShellName): string {
  return path.join(paths.data, adapterFor(shell).initFileName);
}

/** Every file a shell's set-up reads: its init file, and the lazy file read on first use (bash, zsh: by the init file; fish: by pyshim's fish commands). */
export function initFilePaths(paths: Paths, shell: ShellName): string[] {
  return [initFilePath(paths, shell), path.join(paths.data, shell === 'fish' ? FISH_LAZY_FILE : lazyFileName(shell))];
}

/**
 * init.bash, init.zsh and init.fish (and lazy.bash, lazy.zsh, which the first
 * two read on first use) as the registry says they should be, with where each
 * goes. Every transaction writes them (src/state/transaction.ts), so profiles,
 * which only source the init files, never need a second edit; doctor compares
 * them with what is on disk.
 */
export async function renderAllInitFiles(
  ctx: Context,
  registry: Registry,
  interpreters?: () => Promise<Interpreter[]>,
): Promise<{ path: string; text: string }[]> {
  const facts = await gatherInitFacts(ctx, registry, interpreters);
  const files = [...SHELLS.flatMap((shell) => renderInitFiles(shell, facts)), renderEnvFile(facts)];
  return files.map(({ name, text }) => ({ path: path.join(ctx.paths.data, name), text }));
}

/** env.sh: the PATH part alone, for blocks in files every shell start reads (~/.profile, ~/.zshenv). */
export function envFilePath(paths: Paths): string {
  return path.join(paths.data, ENV_FILE);
}

/** The profile block's body for a shell (`pyshim init SHELL`): sources the init file (or env.sh) if readable. */
export function profileBlockBody(paths: Paths, shell: ShellName, options?: ProfileBlockOptions): string {
  return adapterFor(shell).profileBlockBody({ init: initFilePath(paths, shell), env: envFilePath(paths) }, paths.home, options);
}
