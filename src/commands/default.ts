import type { Context } from '../context.js';
import { afterRegistryChange } from '../refresh.js';
import { requireLine, saveRegistry } from '../registry/registry.js';
import { out } from '../util/ui.js';

/** The line new shells start with: its virtualenvwrapper variables are set by the init files. */
export async function setDefault(ctx: Context, target: string): Promise<void> {
  const { version, registry } = requireLine(ctx.paths, target);
  registry.default = version;
  saveRegistry(ctx.paths, registry);
  await afterRegistryChange(ctx, registry);
  out(`pyshim: new shells start with the ${version} line (workon, mkvirtualenv use ~/.virtualenvs${version.replace('.', '')})`);
  out(`  in this shell: pyshim use ${version}`);
}
