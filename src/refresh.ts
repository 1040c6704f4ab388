import type { Context } from './context.js';
import { writeInitFiles } from './init/write.js';
import type { Registry } from './registry/registry.js';

/**
 * Everything generated from the registry besides a line's own shims (the
 * per-shell init files) is rewritten here after every registry change, so
 * profiles never need a second edit.
 */
export async function afterRegistryChange(ctx: Context, registry: Registry): Promise<void> {
  await writeInitFiles(ctx, registry);
}
