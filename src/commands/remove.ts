import type { Context } from '../context.js';
import { afterRegistryChange } from '../refresh.js';
import { requireLine, saveRegistry, sortedLines } from '../registry/registry.js';
import { removeShims } from '../shims/write.js';
import { out } from '../util/ui.js';

/** Unregister a line and delete its shims. User data (user site, environments) stays. */
export async function remove(ctx: Context, target: string): Promise<void> {
  const { version, registry } = requireLine(ctx.paths, target, 'see them with: pyshim list');
  delete registry.lines[version];
  if (registry.default === version) {
    const rest = sortedLines(registry);
    registry.default = rest[rest.length - 1]?.version;
    if (!registry.default) delete registry.default;
  }
  saveRegistry(ctx.paths, registry);
  const removed = removeShims(ctx.paths.bin, version);
  await afterRegistryChange(ctx, registry);
  out(`pyshim: removed the ${version} line (${removed.length} shims deleted; its user site and virtual environments are untouched)`);
  if (registry.default) out(`  the default line is ${registry.default}`);
}
