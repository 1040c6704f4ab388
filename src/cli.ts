import { Command, CommanderError, Option } from 'commander';
import { contextFrom } from './context.js';
import { PyshimError } from './errors.js';
import { style } from './util/ui.js';

// Each command's module is imported only when that command runs, so `pyshim
// list` does not pay to load what `pyshim setup` needs.
function program(): Command {
  const ctx = contextFrom(process.env);
  const root = new Command('pyshim')
    .description('Several Python versions side by side, each with its own pip, virtualenv and virtualenvwrapper.')
    .version('0.1.0', '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(text) });

  root
    .command('list')
    .description('interpreters found on this machine; registered lines marked with *')
    .option('--json', 'machine-readable output')
    .addHelpText('after', '\nExamples:\n  pyshim list\n  pyshim list --json | jq \'.lines\'')
    .action(async (options: { json?: boolean }) => (await import('./commands/list.js')).list(ctx, options));

  root
    .command('add')
    .description('register a version line, write its shims (pipXY, installXY, virtualenv-X.Y, …)')
    .argument('<X.Y|PATH>', 'a version such as 3.12, or the path of a Python executable')
    .option('--python <path>', 'use this interpreter for X.Y instead of choosing one')
    .option('--no-bootstrap', 'do not install pip/virtualenv/virtualenvwrapper into the user site')
    .option('--default', 'make this the line new shells start with')
    .addHelpText('after', '\nExamples:\n  pyshim add 2.7\n  pyshim add 3.12 --default\n  pyshim add ~/.pyenv/versions/3.11.7/bin/python3.11')
    .action(async (target: string, options: { python?: string; bootstrap?: boolean; default?: boolean }) =>
      (await import('./commands/add.js')).add(ctx, target, options),
    );

  root
    .command('remove')
    .description('unregister a version line and delete its shims (never user data)')
    .argument('<X.Y>', 'the line to remove')
    .addHelpText('after', '\nExample:\n  pyshim remove 3.6')
    .action(async (target: string) => (await import('./commands/remove.js')).remove(ctx, target));

  root
    .command('bootstrap')
    .description("install pip, virtualenv and virtualenvwrapper into a line's user site")
    .argument('<X.Y>', 'a registered line')
    .option('--with <tool>', 'make the absence of this tool an error (virtualenvwrapper)', (v: string, prev: string[] = []) => [...prev, v])
    .option('--find-links <dir>', 'a directory (or URL) of wheels for pip')
    .option('--index-url <url>', 'the package index pip uses')
    .option('--offline', 'use no index, only --find-links and what the interpreter bundles')
    .option('--break-system-packages', 'install into an externally managed (PEP 668) Python anyway')
    .addHelpText('after', '\nExamples:\n  pyshim bootstrap 2.7\n  pyshim bootstrap 3.12 --with virtualenvwrapper\n  pyshim bootstrap 3.8 --offline --find-links ~/wheels')
    .action(async (target: string, options: Record<string, unknown>) => (await import('./commands/bootstrap.js')).bootstrap(ctx, target, options));

  root.addOption(new Option('--debug', 'print stack traces for errors').hideHelp());
  return root;
}

function fail(error: unknown): number {
  if (error instanceof PyshimError) {
    process.stderr.write(`${style.red('pyshim: error:', process.stderr)} ${error.message}\n`);
    if (error.hint) process.stderr.write(`  ${error.hint}\n`);
    return error.exitCode;
  }
  if (error instanceof CommanderError) {
    // Help and version are not failures; everything else commander reports is usage.
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.exitCode === 0) return 0;
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
  try {
    await program().parseAsync(argv);
    return 0;
  } catch (error) {
    return fail(error);
  }
}

// `pyshim list | head` closes the pipe early; that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

main(process.argv).then((code) => {
  process.exitCode = code;
});
