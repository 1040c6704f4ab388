/**
 * The profile editor, as `pyshim setup` / `pyshim uninstall` / `pyshim init` use it.
 *
 *   const plan = planInsert([{ path: '/home/u/.bashrc', shell: 'bash', body }]);
 *   if (dryRun) process.stdout.write(renderDiff(plan, { home }));
 *   else await applyPlan(plan, { dataDir: paths.data, backupsDir: paths.backups });
 *
 *   const plan = planRemove(candidateProfiles, paths.data);   // + the files pyshim created
 *
 * block.ts is the pure text transform; plan.ts reads; apply.ts is the only writer.
 */
export { blockText, BEGIN_MARKER, END_MARKER, findBlocks, insertBlock, removeBlocks } from './block.js';
export { planInsert, planRemove, changed, type Plan, type FileChange, type ProfileFile, type InsertRequest } from './plan.js';
export { applyPlan, type ApplyOptions, type ApplyResult, type AppliedFile } from './apply.js';
export { renderDiff, describePlan } from './diff.js';
export { DEFAULT_CHECKERS, type SyntaxCheckers } from './syntax.js';
