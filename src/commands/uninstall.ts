import fs from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import { applyPlan, describePlan, planRemove, renderDiff } from '../profile/index.js';
import { loadRegistry } from '../registry/registry.js';
import { shellOf } from '../shell/names.js';
import { gatherTargetFacts, uninstallCandidates } from '../shell/targets.js';
import { out, tildify } from '../util/ui.js';

export interface UninstallOptions {
  dryRun?: boolean;
}

/** pyshim's own directories, and the one thing in them kept: Pythons it built (they may hold environments' interpreters). */
function ownDirectories(ctx: Context): { remove: string[]; keep: string[] } {
  const { paths } = ctx;
  const roots = [...new Set([paths.config, paths.data, paths.cache])];
  const keep = fs.existsSync(paths.pythons) && fs.readdirSync(paths.pythons).length > 0 ? [paths.pythons] : [];
  return { remove: roots, keep };
}

function removeTree(dir: string, keep: string[]): void {
  if (!fs.existsSync(dir)) return;
  const kept = keep.filter((k) => k === dir || k.startsWith(dir + path.sep));
  if (kept.length === 0) {
    fs.rmSync(dir, { recursive: true, force: true });
    return;
  }
  for (const entry of fs.readdirSync(dir)) {
    const child = path.join(dir, entry);
    if (kept.includes(child)) continue;
    if (kept.some((k) => k.startsWith(child + path.sep))) removeTree(child, keep);
    else fs.rmSync(child, { recursive: true, force: true });
  }
}

/**
 * Remove every pyshim block from every profile (also blocks appended by hand
 * with `pyshim init >> FILE`), delete the files pyshim created, then its own
 * files. Virtual environments and user-site packages are never touched.
 */
export async function uninstall(ctx: Context, options: UninstallOptions): Promise<void> {
  const home = ctx.paths.home;
  let recorded: string[] = [];
  try {
    recorded = Object.values(loadRegistry(ctx.paths).profiles ?? {}).flat();
  } catch {
    // A damaged registry must not stop an uninstall.
  }
  const facts = await gatherTargetFacts(ctx.env, home, true);
  const files = [...new Set([...uninstallCandidates(facts), ...recorded])];
  const plan = planRemove(files.map((file) => ({ path: file, shell: shellOf(file) })), ctx.paths.data);
  const own = ownDirectories(ctx);

  if (options.dryRun) {
    const diff = renderDiff(plan, { home }).trimEnd();
    if (diff) out(diff);
    for (const line of describePlan(plan, { home })) out(line);
    for (const dir of own.remove.filter((d) => fs.existsSync(d))) out(`would delete ${tildify(dir, home)}`);
    for (const dir of own.keep) out(`would keep ${tildify(dir, home)} (Pythons built by pyshim)`);
    out('(dry run: nothing was changed)');
    return;
  }

  const result = await applyPlan(plan, { dataDir: ctx.paths.data, backupsDir: ctx.paths.backups });
  for (const file of result.files.filter((f) => f.action !== 'unchanged')) {
    out(`pyshim: ${file.action === 'deleted' ? 'deleted' : 'removed the block from'} ${tildify(file.path, home)}`);
  }
  for (const dir of own.remove) {
    if (!fs.existsSync(dir)) continue;
    removeTree(dir, own.keep);
    out(`pyshim: deleted ${tildify(dir, home)}${own.keep.some((k) => k.startsWith(dir + path.sep)) ? ' (except the Pythons it built)' : ''}`);
  }
  for (const dir of own.keep) out(`  kept ${tildify(dir, home)}: Pythons built by pyshim; delete it yourself when no environment needs them`);
  out('pyshim: uninstalled. Virtual environments and user-site packages were left as they are. Open a new shell.');
}
