import fs from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import { ProbeCache } from '../discovery/cache.js';
import { holdsEnvironments } from '../envs/scan.js';
import { defaultHome, lineHomes, searchedHomes } from '../shims/homes.js';
import { withLock } from '../profile/lock.js';
import { applyPlan, describePlan, planRemove, renderDiff, type Plan } from '../profile/index.js';
import type { StateStore } from '../profile/state.js';
import { emptyRegistry, loadRegistry, sortedLines, type Registry } from '../registry/registry.js';
import { shellOf } from '../shell/names.js';
import { gatherTargetFacts, uninstallCandidates } from '../shell/targets.js';
import { ownedDirs, ownedFiles, whollyOwned } from '../state/owned.js';
import { listDir } from '../util/files.js';
import { adoptLegacy, emptyRecord, type MadeRecord } from '../state/record.js';
import { lockFile } from '../state/transaction.js';
import { workonHome } from '../shims/plan.js';
import { out, tildify } from '../util/ui.js';

export interface UninstallOptions {
  dryRun?: boolean;
}

/** The registry and its record; a damaged registry must not stop an uninstall. */
function loadForUninstall(ctx: Context): { registry: Registry; record: MadeRecord } {
  let registry: Registry;
  try {
    registry = loadRegistry(ctx.paths);
  } catch {
    registry = emptyRegistry();
  }
  const record = registry.record ?? emptyRecord();
  adoptLegacy(record, ctx.paths.data);
  return { registry, record };
}

/** Every profile that may hold a block: those a shell reads at start, and those the record names. */
async function profilePlan(ctx: Context, registry: Registry, store: StateStore): Promise<Plan> {
  const recorded = Object.values(registry.profiles ?? {}).flat();
  const facts = await gatherTargetFacts(ctx.env, ctx.paths.home, true);
  const files = [...new Set([...uninstallCandidates(facts), ...recorded])];
  return planRemove(files.map((file) => ({ path: file, shell: shellOf(file) })), store);
}

/** Remove a directory if it is empty; else say what keeps it. */
function removeIfEmpty(dir: string): { removed: boolean; left?: string[] } {
  try {
    fs.rmdirSync(dir);
    return { removed: true };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return { removed: false };
    return { removed: false, left: listDir(dir) };
  }
}

/** What stays on purpose, with paths: the user's environments and packages, and pyshim itself. */
function whatStays(ctx: Context, registry: Registry): string[] {
  const home = ctx.paths.home;
  const lines: string[] = [];
  const cache = ProbeCache.load(ctx.paths.probeCacheFile);
  for (const line of sortedLines(registry)) {
    const envs = workonHome(line, home);
    const probe = cache.peek(line.python);
    const site = probe?.userSite;
    const scripts = probe?.userBase ? path.join(probe.userBase, 'bin') : undefined;
    const parts = [
      // A home can hold only virtualenvwrapper's hook scripts (it writes them there): say which.
      holdsEnvironments(envs) ? `environments in ${tildify(envs, home)}` : fs.existsSync(envs) ? `${tildify(envs, home)} (virtualenvwrapper's hook scripts, no environment)` : undefined,
      site && fs.existsSync(site) ? `user-site packages in ${tildify(site, home)}` : undefined,
      scripts && site && fs.existsSync(site) && fs.existsSync(scripts) ? `their commands in ${tildify(scripts, home)}` : undefined,
    ].filter(Boolean);
    if (parts.length) lines.push(`  ${line.version}: ${parts.join('; ')}`);
  }
  const linesHomes = new Set(lineHomes(registry, home).map((l) => l.home));
  for (const dir of searchedHomes(registry, home)) {
    if (!fs.existsSync(dir) || linesHomes.has(dir)) continue;
    const what = dir === defaultHome(home) ? "virtualenvwrapper's default home" : 'a shared home: your WORKON_HOME, or the home of a line since removed';
    lines.push(`  ${tildify(dir, home)}: environments (${what}); pyshim deletes nothing there`);
  }
  const self = process.argv[1] ? path.resolve(process.argv[1]) : undefined;
  const link = path.join(home, '.local', 'bin', 'pyshim');
  if (fs.existsSync(link)) lines.push(`  pyshim itself: ${tildify(link, home)} (remove it with: rm ${tildify(link, home)})`);
  else if (self) lines.push(`  pyshim itself: ${tildify(self, home)} (remove it with the tool that installed it, e.g. npm uninstall -g pyshim)`);
  return lines;
}

/**
 * Remove every pyshim block from every profile (also blocks appended by hand
 * with `pyshim init >> FILE`), delete the files pyshim made (its record, and
 * what its layout and shim header prove are its own), then each directory it
 * made that is empty now. Virtual environments, user-site packages and Pythons
 * pyshim built stay; a directory holding anything else stays, and is named.
 */
export async function uninstall(ctx: Context, options: UninstallOptions): Promise<void> {
  const { paths } = ctx;
  const home = paths.home;
  const lock = lockFile(paths);
  const lockDirExisted = fs.existsSync(path.dirname(lock));
  const holdsLock = (dir: string) => lock.startsWith(dir + path.sep);
  const leftDirs = new Map<string, string[]>();
  let made = emptyRecord();
  await withLock(
    lock,
    async () => {
      const { registry, record } = loadForUninstall(ctx);
      made = record;
      const store: StateStore = { read: () => record.profiles, write: (state) => void (record.profiles = state) };
      const plan = await profilePlan(ctx, registry, store);
      const files = ownedFiles(paths, record).filter((file) => file !== lock);
      // The user's homes (~/.virtualenvs, the shared ones) are never pyshim's to remove, even one it made for a line.
      const kept = new Set(searchedHomes(registry, home));
      const dirs = ownedDirs(paths, record).filter((dir) => !kept.has(dir));
      const subtrees = whollyOwned(paths).filter((dir) => dirs.includes(dir) && fs.existsSync(dir));

      if (options.dryRun) {
        const diff = renderDiff(plan, { home }).trimEnd();
        if (diff) out(diff);
        for (const line of describePlan(plan, { home })) out(line);
        for (const file of files) out(`would delete ${tildify(file, home)}`);
        for (const dir of subtrees) out(`would delete ${tildify(dir, home)} (pyshim's own: downloads, build scratch, seed cache)`);
        for (const dir of dirs.filter((d) => fs.existsSync(d) && !subtrees.includes(d))) out(`would remove ${tildify(dir, home)} if nothing else is in it`);
        out('(dry run: nothing was changed)');
        return;
      }

      const backupsExisted = fs.existsSync(paths.backups);
      const result = await applyPlan(plan, { dataDir: paths.data, backupsDir: paths.backups, store });
      if (!backupsExisted && !dirs.includes(paths.backups)) dirs.unshift(paths.backups);
      for (const file of result.files.filter((f) => f.action !== 'unchanged')) {
        out(`pyshim: ${file.action === 'deleted' ? 'deleted' : 'removed the block from'} ${tildify(file.path, home)}`);
      }
      // The backups this very run made are of profiles now restored byte for byte.
      for (const file of [...files, ...result.files.flatMap((f) => (f.backup ? [f.backup] : []))]) fs.rmSync(file, { force: true });
      for (const dir of subtrees) fs.rmSync(dir, { recursive: true, force: true });
      out(`pyshim: deleted ${files.length} file${files.length === 1 ? '' : 's'} pyshim had made`);
      for (const dir of dirs) {
        if (holdsLock(dir)) continue; // after the lock is released
        const { left } = removeIfEmpty(dir);
        if (left?.length) leftDirs.set(dir, left);
      }
      const stays = whatStays(ctx, registry);
      if (stays.length) {
        out('pyshim: left as they are:');
        for (const line of stays) out(line);
      }
    },
    { timeoutMs: 10 * 60_000, what: 'changing its state' },
  );
  if (options.dryRun) return;
  // The lock's directory (and those above it pyshim made) go last, once the lock file is gone.
  const afterLock = ownedDirs(paths, made).filter(holdsLock);
  if (!lockDirExisted && !afterLock.includes(path.dirname(lock))) afterLock.unshift(path.dirname(lock));
  for (const dir of afterLock) {
    const { left } = removeIfEmpty(dir);
    if (left?.length) leftDirs.set(dir, left);
  }
  // pyshim's own places that were the user's before pyshim (PYSHIM_HOME=~/.local): kept, and said so.
  const existedBefore = new Set<string>();
  for (const dir of new Set([paths.bin, paths.data, paths.config, paths.cache])) {
    if (!leftDirs.has(dir) && fs.existsSync(dir)) {
      leftDirs.set(dir, listDir(dir));
      existedBefore.add(dir);
    }
  }
  for (const [dir, left] of leftDirs) {
    // A folder kept only because a kept folder is in it is said once, by that folder.
    if (left.every((name) => leftDirs.has(path.join(dir, name)))) continue;
    const pythons = dir === paths.pythons;
    const shown = left.slice(0, 3).join(', ') + (left.length > 3 ? `, … (${left.length} entries)` : '');
    const holds = left.length ? ` (it holds ${shown})` : '';
    out(
      pythons
        ? `  kept ${tildify(dir, home)}: Pythons built by pyshim (${shown}); remove one with \`pyshim python uninstall X.Y.Z\` first, or delete the folder when no environment needs them`
        : existedBefore.has(dir)
          ? `  kept ${tildify(dir, home)}: it was there before pyshim${holds}`
          : `  kept ${tildify(dir, home)}: it holds files pyshim did not make (${shown})`,
    );
  }
  out('pyshim: uninstalled. Open a new shell.');
}
