import type { Context } from '../context.js';
import { lineIn } from '../registry/registry.js';
import { transaction } from '../state/transaction.js';
import { out } from '../util/ui.js';

/** The line new shells start with: its virtualenvwrapper variables are set by the init files. */
export async function setDefault(ctx: Context, target: string): Promise<void> {
  const version = await transaction(ctx, async (tx) => {
    const { version } = lineIn(tx.registry, target);
    tx.registry.default = version;
    return version;
  });
  out(`pyshim: new shells start with the ${version} line (workon, mkvirtualenv use ~/.virtualenvs${version.replace('.', '')})`);
  out(`  in this shell: pyshim use ${version}`);
}
