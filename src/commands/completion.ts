import type { Context } from '../context.js';
import { loadRegistry, sortedLines } from '../registry/registry.js';
import { parseShell } from '../shell/names.js';
import { loadTemplate, renderTemplate } from '../shell/template.js';
import { print } from '../util/ui.js';

export const COMMANDS = ['list', 'add', 'remove', 'bootstrap', 'init', 'setup', 'uninstall', 'use', 'default', 'doctor', 'completion', 'python'];

/** The completion script for pyshim itself; registered lines are asked for at TAB time (`pyshim __lines`). */
export function completion(_ctx: Context, shellName: string): void {
  const shell = parseShell(shellName, 'completion');
  const template = loadTemplate(`completion/pyshim.${shell}`);
  print(renderTemplate(template, { COMMANDS: { code: COMMANDS.join(' ') } }));
}

export function lines(ctx: Context): void {
  print(sortedLines(loadRegistry(ctx.paths)).map((l) => l.version + '\n').join(''));
}
