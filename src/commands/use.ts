import type { Context } from '../context.js';
import { PyshimError } from '../errors.js';
import { initFilePath } from '../init/write.js';
import { shellNamed } from '../shell/names.js';
import { out, tildify } from '../util/ui.js';
import { requireLine } from '../registry/registry.js';

/**
 * `pyshim use X.Y` changes variables of the *current* shell, which a child
 * process cannot do: the in-shell `pyshim` function from the init file
 * handles it, and reaching the program means that function is not loaded.
 * `pyshim use` with no line is answered here (the function hands it over):
 * the line this process inherited in PYSHIM_LINE, which a shell with pyshim
 * loaded exports, alone on stdout.
 */
export async function use(ctx: Context, target?: string): Promise<void> {
  const init = tildify(initFilePath(ctx.paths, shellNamed(ctx.env.SHELL) ?? 'bash'), ctx.paths.home);
  if (target === undefined) {
    if (ctx.env.PYSHIM_LINE) return out(ctx.env.PYSHIM_LINE);
    throw new PyshimError('this shell uses no pyshim line (PYSHIM_LINE is not set)', `pick one: pyshim use X.Y (the lines: pyshim list); if pyshim is not loaded here: source ${init}`);
  }
  const { version } = requireLine(ctx.paths, target);
  throw new PyshimError(
    `pyshim use ${version} must run inside a shell that loaded pyshim's init file (it changes this shell's variables)`,
    `run \`pyshim setup\` and open a new shell, or load it now: source ${init}`,
  );
}
