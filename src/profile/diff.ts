/**
 * What a plan would do, for `--dry-run` and for the report after a real run.
 *
 * API
 *   renderDiff(plan, options?)   unified diff of every file the plan changes ('' when none);
 *                                /dev/null stands for a file created or deleted
 *   describePlan(plan)           one line per file: what happens to it, and why when it is a link
 *
 * Display only: bytes are decoded as UTF-8 here (an invalid byte shows as
 * U+FFFD); the plan itself keeps the exact bytes.
 */
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import path from 'node:path';
import { changed, type FileChange, type Plan } from './plan.js';

export interface DisplayOptions {
  /** Shown as ~ in file names. */
  home?: string;
}

function shown(file: string, options: DisplayOptions): string {
  const home = options.home;
  if (home && (file === home || file.startsWith(home.endsWith('/') ? home : home + '/'))) return '~' + file.slice(home.replace(/\/+$/, '').length);
  return file;
}

function label(change: FileChange, options: DisplayOptions): string {
  const name = shown(change.path, options);
  return change.target === path.resolve(change.path) ? name : `${name} -> ${shown(change.target, options)}`;
}

export function renderDiff(plan: Plan, options: DisplayOptions = {}): string {
  return plan.changes
    .filter(changed)
    .map((change) => {
      const name = label(change, options);
      return createTwoFilesPatch(
        change.before === null ? '/dev/null' : name,
        change.after === null ? '/dev/null' : name,
        change.before?.toString('utf8') ?? '',
        change.after?.toString('utf8') ?? '',
        undefined,
        undefined,
        // A plain unified diff starts at '---': no `Index:` line, no row of '='.
        { context: 3, headerOptions: FILE_HEADERS_ONLY },
      );
    })
    .join('');
}

export function describePlan(plan: Plan, options: DisplayOptions = {}): string[] {
  const lines = plan.changes.map((change) => {
    const name = label(change, options);
    if (!changed(change)) return `${name}: unchanged`;
    if (change.before === null) return `${name}: create${change.createDirs.length > 0 ? ` (and ${change.createDirs.map((d) => shown(d, options)).join(', ')})` : ''}`;
    if (change.after === null) return `${name}: delete (nothing but pyshim's block was in it)`;
    return `${name}: ${change.edit.kind === 'insert' ? 'add or refresh the pyshim block' : 'remove the pyshim block'}`;
  });
  for (const dir of plan.removeDirs) lines.push(`${shown(dir, options)}: remove if empty (pyshim created it)`);
  return lines;
}
