import type { Context } from './context.js';
import type { Registry } from './registry/registry.js';

/**
 * Everything generated from the registry besides a line's own shims (the
 * per-shell init files) is rewritten here after every registry change, so
 * profiles never need a second edit.
 */
export function afterRegistryChange(_ctx: Context, _registry: Registry): void {
  // Init files arrive with shell integration (issue 3).
}
