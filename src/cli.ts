import type { Command } from 'commander';
import { contextFrom } from './context.js';
import { isPyshimError } from './errors.js';
import { missingPackage, refuseOldNode } from './runtime.js';
import { style } from './util/ui.js';

// Each command's module is imported only when that command runs, so `pyshim
// list` does not pay to load what `pyshim setup` needs.
async function program(): Promise<Command> {
  const { Command, Option } = await import('commander');
  const ctx = contextFrom(process.env);
  const root = new Command('pyshim')
    .description('Several Python versions side by side, each with its own pip, virtualenv and virtualenvwrapper.')
    .version('0.1.0', '-V, --version')
    .showHelpAfterError('  see: pyshim --help (or pyshim COMMAND --help)')
    .exitOverride()
    .configureOutput({ outputError: (text, write) => write(`pyshim: ${text}`) })
    .addHelpText('after', '\nExamples:\n  pyshim list\n  pyshim add 2.7 && pyshim add 3.12 --default\n  pyshim setup\n  pyshim doctor')

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

  root
    .command('init')
    .description('print the profile block for a shell (append it to your profile)')
    .argument('<shell>', 'bash, zsh or fish')
    .addHelpText('after', '\nExamples:\n  pyshim init bash >> ~/.bashrc\n  pyshim init fish > ~/.config/fish/conf.d/pyshim.fish')
    .action(async (shell: string) => (await import('./commands/init.js')).init(ctx, shell));

  root
    .command('setup')
    .description('insert or refresh the pyshim block in the right profiles (idempotent)')
    .option('--shell <shells>', 'comma-separated: bash,zsh,fish (default: your login shell)')
    .option('--rc-file <file>', 'edit this file instead of the usual profile (one shell)')
    .option('--dry-run', 'print the changes as a diff and change nothing')
    .addHelpText('after', '\nExamples:\n  pyshim setup\n  pyshim setup --shell bash,zsh,fish --dry-run\n  pyshim setup --shell zsh --rc-file ~/dotfiles/zshrc')
    .action(async (options: { shell?: string; rcFile?: string; dryRun?: boolean }) => (await import('./commands/setup.js')).setup(ctx, options));

  root
    .command('uninstall')
    .description('remove every pyshim block and file; profiles back byte for byte')
    .option('--dry-run', 'print what would change and change nothing')
    .addHelpText('after', '\nExamples:\n  pyshim uninstall --dry-run\n  pyshim uninstall')
    .action(async (options: { dryRun?: boolean }) => (await import('./commands/uninstall.js')).uninstall(ctx, options));

  root
    .command('use')
    .description('(in a set-up shell) point workon/mkvirtualenv at X.Y for this shell; with no X.Y, print its line')
    .argument('[X.Y]', 'a registered line')
    .addHelpText('after', '\nExamples:\n  pyshim use 2.7 && mkvirtualenv old\n  pyshim use')
    .action(async (target?: string) => (await import('./commands/use.js')).use(ctx, target));

  root
    .command('default')
    .description('set the line new shells start with; with no X.Y, print it')
    .argument('[X.Y]', 'a registered line')
    .addHelpText('after', '\nExamples:\n  pyshim default 3.12\n  pyshim default')
    .action(async (target?: string) => (await import('./commands/default.js')).setDefault(ctx, target));

  root
    .command('completion')
    .description('print the completion script for pyshim')
    .argument('<shell>', 'bash, zsh or fish')
    .addHelpText('after', '\nExamples:\n  source <(pyshim completion bash)\n  pyshim completion fish > ~/.config/fish/completions/pyshim.fish')
    .action(async (shell: string) => (await import('./commands/completion.js')).completion(ctx, shell));

  root
    .command('doctor')
    .description('what is wrong, and the command that fixes it')
    .option('--json', 'machine-readable output')
    .addHelpText('after', '\nExample:\n  pyshim doctor')
    .action(async (options: { json?: boolean }) => (await import('./commands/doctor.js')).doctor(ctx, options));

  const python = root.command('python').description('build Pythons from source into pyshim\'s data directory (no sudo), and remove them');
  python
    .command('build')
    .description('configure, make and make altinstall a CPython source; then register its line')
    .argument('<X.Y>', 'the version line the source must be')
    .argument('[configure-args...]', 'after --: extra arguments for ./configure')
    .option('--source <dir|tarball|url>', 'an unpacked source tree, a .tar.gz/.tar.xz release, or its http(s) URL')
    .option('--jobs <n>', 'parallel make jobs (default: the number of cores)')
    .option('--sha256 <hex>', 'the checksum the tarball or download must have')
    .option('--no-bootstrap', 'do not install pip/virtualenv/virtualenvwrapper into the user site')
    .addHelpText(
      'after',
      '\nExamples:\n  pyshim python build 3.12 --source https://www.python.org/ftp/python/3.12.4/Python-3.12.4.tar.xz\n  pyshim python build 3.11 --source ~/src/Python-3.11.9.tar.xz --jobs 4\n  pyshim python build 3.13 --source ~/src/cpython -- --enable-optimizations',
    )
    .action(async (target: string, configureArgs: string[], options: Record<string, unknown>) =>
      (await import('./commands/python.js')).pythonBuild(ctx, target, options, configureArgs),
    );
  python
    .command('uninstall')
    .description('remove a Python pyshim built (and unregister its line); never touches other Pythons')
    .argument('<X.Y.Z>', 'the version of the build, as `pyshim list` shows it')
    .addHelpText('after', '\nExample:\n  pyshim python uninstall 3.12.4')
    .action(async (target: string) => (await import('./commands/python.js')).pythonUninstall(ctx, target));

  root.command('__lines', { hidden: true }).action(async () => (await import('./commands/completion.js')).lines(ctx));

  root.addOption(new Option('--debug', 'print stack traces for errors').hideHelp());
  return root;
}

function isCommanderError(error: unknown): error is { code: string; exitCode: number } {
  return typeof (error as { code?: unknown })?.code === 'string' && (error as { code: string }).code.startsWith('commander.');
}

function fail(error: unknown): number {
  error = missingPackage(error) ?? error;
  if (isPyshimError(error)) {
    process.stderr.write(`${style.red('pyshim: error:', process.stderr)} ${error.message}\n`);
    if (error.hint) process.stderr.write(`  ${error.hint}\n`);
    return error.exitCode;
  }
  if (isCommanderError(error)) {
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
  if (refuseOldNode()) return 1;
  try {
    const args = argv.slice(2);
    // `pyshim list` has a start-up budget (DESIGN.md: 1.5x `node -e 0`). Its
    // two forms have nothing to validate, so they skip building the parser.
    if (args[0] === 'list' && (args.length === 1 || (args.length === 2 && args[1] === '--json'))) {
      await (await import('./commands/list.js')).list(contextFrom(process.env), { json: args[1] === '--json' });
    } else {
      await (await program()).parseAsync(argv);
    }
    // A command that found problems (doctor) sets the status without throwing.
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return fail(error);
  }
}

main(process.argv).then((code) => {
  process.exitCode = code;
});
