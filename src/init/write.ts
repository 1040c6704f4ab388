import path from 'node:path';
import type { Context } from '../context.js';
import type { Paths } from '../paths.js';
import type { Registry } from '../registry/registry.js';
import { SHELLS, type ProfileBlockOptions, type ShellName } from '../shell/adapter.js';
import { adapterFor } from '../shell/shells.js';
import { writeFileAtomic } from '../util/atomic.js';
import { gatherInitFacts } from './facts.js';
import { lazyFileName, renderInitFiles } from './render.js';

export function initFilePath(paths: Paths, shell: ShellName): string {
  return path.join(paths.data, adapterFor(shell).initFileName);
}

/** Every file a shell's set-up reads: its init file, and for bash and zsh the lazy file the init file reads on first use. */
export function initFilePaths(paths: Paths, shell: ShellName): string[] {
  return shell === 'fish' ? [initFilePath(paths, shell)] : [initFilePath(paths, shell), path.join(paths.data, lazyFileName(shell))];
}

/**
 * Rewrite init.bash, init.zsh and init.fish (and lazy.bash, lazy.zsh, which
 * the first two read on first use) from the registry; called after every
 * registry change so that profiles, which only source the init files, never
 * need a second edit. Returns the files written.
 */
export async function writeInitFiles(ctx: Context, registry: Registry): Promise<string[]> {
  const facts = await gatherInitFacts(ctx, registry);
  return SHELLS.flatMap((shell) =>
    renderInitFiles(shell, facts).map(({ name, text }) => {
      const file = path.join(ctx.paths.data, name);
      writeFileAtomic(file, text, 0o644);
      return file;
    }),
  );
}

/** The profile block's body for a shell (`pyshim init SHELL`): sources the init file if readable. */
export function profileBlockBody(paths: Paths, shell: ShellName, options?: ProfileBlockOptions): string {
  return adapterFor(shell).profileBlockBody(initFilePath(paths, shell), paths.home, options);
}
