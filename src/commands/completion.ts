import type { Context } from '../context.js';
import { loadRegistry, sortedLines } from '../registry/registry.js';
import { parseShell } from '../shell/shells.js';
import { loadTemplate, renderTemplate } from '../shims/template.js';
import { print } from '../util/ui.js';

export const COMMANDS = ['list', 'add', 'remove', 'bootstrap', 'init', 'setup', 'uninstall', 'use', 'default', 'doctor', 'completion', 'python'];

/** The completion script for pyshim itself; registered lines are asked for at TAB time (`pyshim __lines`). */
export function completion(_ctx: Context, shellName: string): void {
  const adapter = parseShell(shellName);
  const template = loadTemplate(`completion/pyshim.${adapter.name}`);
  print(renderTemplate(template, { COMMANDS: { code: COMMANDS.join(' ') } }));
}

export function lines(ctx: Context): void {
  print(sortedLines(loadRegistry(ctx.paths)).map((l) => l.version + '\n').join(''));
}
