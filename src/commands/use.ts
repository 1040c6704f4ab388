import type { Context } from '../context.js';
import { PyshimError } from '../errors.js';
import { initFilePath } from '../init/write.js';
import { shellNamed } from '../shell/names.js';
import { tildify } from '../util/ui.js';
import { requireLine } from '../registry/registry.js';

/**
 * `pyshim use` changes variables of the *current* shell, which a child
 * process cannot do: the in-shell `pyshim` function from the init file
 * handles it. Reaching the program means that function is not loaded.
 */
export async function use(ctx: Context, target: string): Promise<void> {
  const { version } = requireLine(ctx.paths, target);
  const init = initFilePath(ctx.paths, shellNamed(ctx.env.SHELL) ?? 'bash');
  throw new PyshimError(
    `pyshim use ${version} must run inside a shell that loaded pyshim's init file (it changes this shell's variables)`,
    `run \`pyshim setup\` and open a new shell, or load it now: source ${tildify(init, ctx.paths.home)}`,
  );
}
