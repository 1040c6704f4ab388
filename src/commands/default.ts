import type { Context } from '../context.js';
import { PyshimError } from '../errors.js';
import { lineIn, loadRegistry, sortedLines } from '../registry/registry.js';
import { transaction } from '../state/transaction.js';
import { out } from '../util/ui.js';

/**
 * The line new shells start with: its virtualenvwrapper variables are set by
 * the init files. With no target, print it alone on stdout (exit 0), or say
 * there is none (exit 1).
 */
export async function setDefault(ctx: Context, target?: string): Promise<void> {
  if (target === undefined) {
    const registry = loadRegistry(ctx.paths);
    if (registry.default) return out(registry.default);
    const lines = sortedLines(registry).map((line) => line.version);
    if (lines.length === 0) throw new PyshimError('there is no default line: no line is registered', 'register one: pyshim add X.Y --default (the Pythons here: pyshim list)');
    throw new PyshimError(`there is no default line (registered: ${lines.join(', ')})`, `set one: pyshim default ${lines.at(-1)}`);
  }
  const version = await transaction(ctx, async (tx) => {
    const { version } = lineIn(tx.registry, target);
    tx.registry.default = version;
    return version;
  });
  out(`pyshim: new shells start with the ${version} line (workon, mkvirtualenv use ~/.virtualenvs${version.replace('.', '')})`);
  out(`  in this shell: pyshim use ${version}`);
}
