import type { Command } from 'commander';
import type { Context } from './context.js';
import { contextFrom } from './context.js';
import { PROGRAM, type CommandPath, type CommandSpec } from './commands/spec.js';
import { isPyshimError } from './errors.js';
import { missingPackage, refuseOldNode } from './runtime.js';
import { usageMessage } from './usage.js';
import { print, style } from './util/ui.js';

/** What runs a command: its positional values in order (a variadic one as a list), then its options. */
type Run = (ctx: Context, args: unknown[], options: Record<string, unknown>) => Promise<void>;

// Each command's module is imported only when that command runs, so `pyshim
// list` does not pay to load what `pyshim setup` needs. One entry per command
// in spec.ts: the type refuses a missing one.
const RUN: Record<CommandPath, Run> = {
  list: async (ctx, _args, options) => (await import('./commands/list.js')).list(ctx, options),
  envs: async (ctx, _args, options) => (await import('./commands/envs.js')).envs(ctx, options),
  add: async (ctx, [target], options) => (await import('./commands/add.js')).add(ctx, target as string, options),
  remove: async (ctx, [target]) => (await import('./commands/remove.js')).remove(ctx, target as string),
  bootstrap: async (ctx, [target], options) => (await import('./commands/bootstrap.js')).bootstrap(ctx, target as string, options),
  init: async (ctx, [shell]) => (await import('./commands/init.js')).init(ctx, shell as string),
  setup: async (ctx, _args, options) => (await import('./commands/setup.js')).setup(ctx, options),
  uninstall: async (ctx, _args, options) => (await import('./commands/uninstall.js')).uninstall(ctx, options),
  use: async (ctx, [target]) => (await import('./commands/use.js')).use(ctx, target as string | undefined),
  default: async (ctx, [target]) => (await import('./commands/default.js')).setDefault(ctx, target as string | undefined),
  completion: async (ctx, [shell]) => (await import('./commands/completion.js')).completion(ctx, shell as string),
  doctor: async (ctx, _args, options) => (await import('./commands/doctor.js')).doctor(ctx, options),
  'python build': async (ctx, [target, configureArgs], options) =>
    (await import('./commands/python.js')).pythonBuild(ctx, target as string, options, configureArgs as string[]),
  'python uninstall': async (ctx, [target]) => (await import('./commands/python.js')).pythonUninstall(ctx, target as string),
  __lines: async (ctx, _args, options) => (await import('./commands/completion.js')).lines(ctx, options),
};

function examples(lines: readonly string[]): string {
  return `\n${lines.length === 1 ? 'Example' : 'Examples'}:\n${lines.map((l) => `  ${l}`).join('\n')}`;
}

/** commander's parser for the declaration in spec.ts: one subcommand per entry, each with its examples in --help. */
async function program(ctx: Context): Promise<Command> {
  const { Command, Option } = await import('commander');
  const define = (command: Command, spec: CommandSpec, path: string[]): void => {
    command.description(spec.description).addHelpText('after', examples(spec.examples));
    if (spec.version !== undefined) command.version(spec.version, '-V, --version');
    for (const a of spec.arguments ?? []) command.argument(a.name, a.description);
    for (const o of spec.options ?? []) {
      const option = new Option(o.flags, o.description);
      if (o.repeatable) option.argParser((value: string, previous: string[] = []) => [...previous, value]);
      if (o.hidden) option.hideHelp();
      command.addOption(option);
    }
    for (const sub of spec.subcommands ?? []) define(command.command(sub.name, { hidden: sub.hidden }), sub, [...path, sub.name]);
    if (!spec.subcommands && path.length > 0) {
      const run = RUN[path.join(' ') as CommandPath];
      // commander passes the positional values, the options, then the command.
      command.action((...values: unknown[]) => run(ctx, values.slice(0, -2), values.at(-2) as Record<string, unknown>));
    }
  };
  const root = new Command(PROGRAM.name)
    .exitOverride()
    // fail() prints every error, in pyshim's words (usage.ts). Help goes
    // out as pyshim's other output does: `pyshim --help | head` ends quietly.
    .configureOutput({ outputError: () => {}, writeOut: print })
    .showSuggestionAfterError(false);
  define(root, PROGRAM, []);
  return root;
}

function isCommanderError(error: unknown): error is { code: string; exitCode: number; message: string } {
  return typeof (error as { code?: unknown })?.code === 'string' && (error as { code: string }).code.startsWith('commander.');
}

function fail(error: unknown, args: readonly string[]): number {
  error = missingPackage(error) ?? error;
  if (isPyshimError(error)) {
    process.stderr.write(`${style.red('pyshim: error:', process.stderr)} ${error.message}\n`);
    if (error.hint) process.stderr.write(`  ${error.hint}\n`);
    return error.exitCode;
  }
  if (isCommanderError(error)) {
    // Help and version are not failures; everything else commander reports is usage.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) return 0;
    // `pyshim` alone, or a group alone: commander has printed the help.
    if (error.code === 'commander.help') return 2;
    const usage = usageMessage(error.code, error.message, args);
    process.stderr.write(`${style.red('pyshim: error:', process.stderr)} ${usage.message}\n  ${usage.hint}\n`);
    return 2;
  }
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS' || code === 'ENOSPC') {
    const e = error as NodeJS.ErrnoException;
    process.stderr.write(`${style.red('pyshim: error:', process.stderr)} cannot write ${e.path ?? 'a file'}: ${e.code}\n  check its permissions and free space, then run the command again\n`);
    return 1;
  }
  process.stderr.write(`pyshim: internal error (please report it): ${(error as Error)?.stack ?? String(error)}\n`);
  return 1;
}

async function main(argv: string[]): Promise<number> {
  if (refuseOldNode()) return 1;
  const args = argv.slice(2);
  try {
    // `pyshim list` has a start-up budget (docs/DESIGN.md: 1.5x `node -e 0`). Its
    // two forms have nothing to validate, so they skip building the parser.
    if (args[0] === 'list' && (args.length === 1 || (args.length === 2 && args[1] === '--json'))) {
      await (await import('./commands/list.js')).list(contextFrom(process.env), { json: args[1] === '--json' });
    } else {
      await (await program(contextFrom(process.env))).parseAsync(argv);
    }
    // A command that found problems (doctor) sets the status without throwing.
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return fail(error, args);
  }
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
