import type { Context } from '../context.js';
import { PyshimError } from '../errors.js';
import { afterRegistryChange } from '../refresh.js';
import { loadRegistry, saveRegistry, sortedLines } from '../registry/registry.js';
import { out } from '../util/ui.js';
import { parseLineVersion } from '../version.js';

export function requireLine(ctx: Context, target: string) {
  const version = parseLineVersion(target);
  const registry = loadRegistry(ctx.paths);
  if (!registry.lines[version]) {
    const known = sortedLines(registry).map((l) => l.version);
    throw new PyshimError(`${version} is not a registered line (registered: ${known.join(', ') || 'none'})`, `register it first: pyshim add ${version}`);
  }
  return { version, registry };
}

/** The line new shells start with: its virtualenvwrapper variables are set by the init files. */
export async function setDefault(ctx: Context, target: string): Promise<void> {
  const { version, registry } = requireLine(ctx, target);
  registry.default = version;
  saveRegistry(ctx.paths, registry);
  await afterRegistryChange(ctx, registry);
  out(`pyshim: new shells start with the ${version} line (workon, mkvirtualenv use ~/.virtualenvs${version.replace('.', '')})`);
  out(`  in this shell: pyshim use ${version}`);
}
