import type { Context } from '../context.js';
import { holdsEnvironments } from '../envs/scan.js';
import { removeLineShims } from '../lines.js';
import { lineIn, sortedLines, type Registry } from '../registry/registry.js';
import { workonHome } from '../shims/plan.js';
import { transaction, type Transaction } from '../state/transaction.js';
import { out, tildify } from '../util/ui.js';
import { noteSharedHomes } from '../vew-settings.js';
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

/**
 * Unregister a line and delete its shims. User data (user site, environments)
 * stays; a home still holding environments becomes a shared home, so that
 * `workon NAME` keeps finding them.
 */
export async function remove(ctx: Context, target: string): Promise<void> {
  const home = ctx.paths.home;
  const { version, removed, fallback, shared } = await transaction(ctx, async (tx) => {
    const { version } = lineIn(tx.registry, target, 'see them with: pyshim list');
    const envs = workonHome(tx.registry.lines[version]!, home);
    const removed = removeLine(tx, version);
    const shared = holdsEnvironments(envs) ? noteSharedHomes(tx.registry, [envs], home) : [];
    return { version, removed, fallback: tx.registry.default, shared };
  });
  out(`pyshim: removed the ${version} line (${removed.length} shims deleted; its user site and virtual environments are untouched)`);
  for (const dir of shared) out(`  workon still finds its environments in ${tildify(dir, home)} by name (a shared home now); pyshim deletes nothing there`);
  if (fallback) out(`  the default line is ${fallback}`);
}
