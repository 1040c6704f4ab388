import type { Context } from '../context.js';
import { removeLineShims } from '../lines.js';
import { lineIn, sortedLines, type Registry } from '../registry/registry.js';
import { transaction, type Transaction } from '../state/transaction.js';
import { out } from '../util/ui.js';
import type { Version } from '../version.js';

/** Unregister a line and delete its shims inside a transaction; the newest line left becomes the default. */
export function removeLine(tx: Transaction, version: Version): string[] {
  const registry: Registry = tx.registry;
  delete registry.lines[version];
  if (registry.default === version) {
    const rest = sortedLines(registry);
    registry.default = rest[rest.length - 1]?.version;
    if (!registry.default) delete registry.default;
  }
  return removeLineShims(tx, version);
}

/** Unregister a line and delete its shims. User data (user site, environments) stays. */
export async function remove(ctx: Context, target: string): Promise<void> {
  const { version, removed, fallback } = await transaction(ctx, async (tx) => {
    const { version } = lineIn(tx.registry, target, 'see them with: pyshim list');
    const removed = removeLine(tx, version);
    return { version, removed, fallback: tx.registry.default };
  });
  out(`pyshim: removed the ${version} line (${removed.length} shims deleted; its user site and virtual environments are untouched)`);
  if (fallback) out(`  the default line is ${fallback}`);
}
