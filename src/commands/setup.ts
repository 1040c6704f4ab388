import fs from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import { gatherUserSettings, noteSharedHomes, settingHomes, userReports, type UserReport } from '../vew-settings.js';
import { PyshimError, usageError } from '../errors.js';
import { profileBlockBody } from '../init/write.js';
import { applyPlan, describePlan, planInsert, renderDiff } from '../profile/index.js';
import type { ShellName } from '../shell/adapter.js';
import { loadRegistry } from '../registry/registry.js';
import { parseShells } from '../shell/names.js';
import { alsoReadBySh } from '../shell/startup/index.js';
import { gatherTargetFacts, setupTargets, syntaxOf, type Target } from '../shell/targets.js';
import { transaction } from '../state/transaction.js';
import { out, tildify, warn } from '../util/ui.js';

export interface SetupOptions {
  shell?: string;
  dryRun?: boolean;
  rcFile?: string;
}

/** The file named with --rc-file; a ~/.profile is read by sh too, whoever names it. */
function rcFileTarget(shell: ShellName, file: string): Target {
  return { shell, file, kind: 'rc', why: 'named with --rc-file', ...(alsoReadBySh(shell, file) ? { sharedWithSh: true } : {}) };
}

/**
 * --rc-file names a file, which setup may create, but not the directories above it: a mistyped
 * directory (/nonexist/dir/rc) is refused before any lock, never made.
 */
function refuseMissingDirectory(given: string, home: string): void {
  const dir = path.dirname(path.resolve(given));
  let isDir = false;
  try {
    isDir = fs.statSync(dir).isDirectory();
  } catch {
    // Absent (or unreadable): not a directory to put a profile in.
  }
  if (!isDir) {
    throw new PyshimError(`--rc-file ${given}: there is no directory ${tildify(dir, home)}`, `name a file in an existing directory (or make it first: mkdir -p ${tildify(dir, home)})`);
  }
}

/** `dir` itself or a path under it; both absolute and normalised. */
function within(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/**
 * --rc-file edits the file the user named, so it must be the user's own: a
 * path inside HOME (as HOME is spelled, or its real path), or inside
 * ZDOTDIR or XDG_CONFIG_HOME when those are set (setup edits files there
 * without --rc-file too). Run as root, anything else could be a system file
 * that passes `bash -n`. The path as named is checked, `..` resolved but
 * links not followed: a profile in HOME linked into a dotfiles repository
 * elsewhere is the user's, and the editor writes through the link.
 */
function refuseOutsideHome(given: string, shell: ShellName, env: Context['env'], home: string): void {
  const file = path.resolve(given);
  const roots = [home, env.ZDOTDIR, env.XDG_CONFIG_HOME].filter((d): d is string => !!d && path.isAbsolute(d)).map((d) => path.resolve(d));
  let realHome: string | undefined;
  try {
    realHome = fs.realpathSync(home);
  } catch {
    // No home on disk: only its spelling counts.
  }
  if ([...roots, ...(realHome ? [realHome] : [])].some((root) => within(file, root))) return;
  const usual = { bash: '~/.bashrc', zsh: '~/.zshrc', fish: '~/.config/fish/conf.d/pyshim.fish' }[shell];
  throw new PyshimError(`--rc-file ${given}: not inside your home directory ${home}`, `name a profile in your home (a link there may point elsewhere): pyshim setup --shell ${shell} --rc-file ${usual}`);
}

/** The user's settings and homes, as information: what pyshim does with each, and how to choose. */
function printReports(reports: UserReport[]): void {
  if (!reports.length) return;
  out('pyshim: your own virtualenvwrapper settings and environments (information, nothing to fix):');
  for (const r of reports) out(`  ${r.subject === 'environments' ? '' : `${r.subject}=`}${r.message}${r.choose ? `\n    to choose: ${r.choose}` : ''}`);
}

export async function setup(ctx: Context, options: SetupOptions): Promise<void> {
  const shells = parseShells(options.shell, ctx.env.SHELL);
  if (options.rcFile && shells.length !== 1) {
    throw usageError('--rc-file names one file, so give one shell with it', `pyshim setup --shell ${shells[0]} --rc-file ${options.rcFile}`);
  }
  const home = ctx.paths.home;
  if (options.rcFile) {
    refuseOutsideHome(options.rcFile, shells[0] as ShellName, ctx.env, home);
    refuseMissingDirectory(options.rcFile, home);
  }
  const facts = await gatherTargetFacts(ctx.env, home, shells.includes('zsh'));
  const targets: Target[] = options.rcFile
    ? [rcFileTarget(shells[0] as ShellName, path.resolve(options.rcFile))]
    : shells.flatMap((shell) => setupTargets(shell, facts));

  const plan = planInsert(
    targets.map((t) => ({ path: t.file, shell: syntaxOf(t), body: profileBlockBody(ctx.paths, t.shell, { kind: t.kind, sharedWithSh: t.sharedWithSh, readsBashrc: t.readsBashrc }), ...(t.at ? { at: t.at } : {}) })),
  );
  for (const t of targets) out(`${t.shell}: ${tildify(t.file, home)} — ${t.why}`);
  // The user's own settings, as the files will be (each block in place), and the homes they name.
  const planned = new Map(plan.changes.flatMap((c) => (c.after ? [[c.path, c.after.toString('latin1')] as const] : [])));
  const registry = loadRegistry(ctx.paths);
  const settings = await gatherUserSettings(ctx, registry, shells, { facts, planned, extra: targets.map((t) => ({ file: t.file, shell: t.shell })) });
  printReports(userReports(registry, settings, home));

  if (options.dryRun) {
    const diff = renderDiff(plan, { home });
    out(diff.trimEnd() ? diff.trimEnd() : 'pyshim: nothing to change');
    for (const line of describePlan(plan, { home })) out(line);
    out('(dry run: nothing was changed)');
    return;
  }

  // One transaction: the init files the blocks source, the blocks, and the record of both.
  const result = await transaction(ctx, async (tx) => {
    tx.refresh();
    const applied = await applyPlan(plan, { dataDir: ctx.paths.data, backupsDir: ctx.paths.backups, store: tx.profileStore });
    for (const file of applied.files) if (file.backup) tx.noteFile(file.backup);
    const profiles = tx.registry.profiles ?? {};
    for (const t of targets) {
      const list = new Set(profiles[t.shell] ?? []);
      list.add(t.file);
      profiles[t.shell] = [...list];
    }
    tx.registry.profiles = profiles;
    noteSharedHomes(tx.registry, settingHomes(tx.registry, settings, home), home);
    return applied;
  });

  for (const file of result.files.filter((f) => f.problem)) {
    warn(`${tildify(file.path, home)} ${file.problem}; ${file.blockRuns ? "pyshim's block runs, but your own lines there may not" : 'the block would never run there'}`);
  }
  for (const file of result.files) {
    const verb = file.action === 'unchanged' ? 'already set up' : file.action;
    out(`pyshim: ${verb} ${tildify(file.path, home)}${file.backup ? ` (previous content saved to ${tildify(file.backup, home)})` : ''}`);
  }
  out(`Open a new shell to start using pyshim${shells.length === 1 && shells[0] !== 'fish' ? `, or in this one: source ${tildify(targets[0]?.file ?? '', home)}` : ''}`);
}
