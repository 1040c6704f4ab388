/**
 * Every command pyshim has, declared once: its name, arguments, options,
 * description and examples. cli.ts builds commander's parser and each
 * command's --help from it; completion.ts derives the word lists and options
 * the completion scripts offer; cli.ts also suggests from it ("did you mean
 * add?"). Pure data and two small walks: cli.ts bundles it, and `pyshim list`,
 * which never builds the parser, only pays for reading it.
 *
 * What runs a command is not here (the command modules are loaded on demand;
 * see `RUN` in cli.ts, which the type `CommandPath` keeps complete).
 */

/**
 * What TAB offers for an argument: registered lines, file names, the shells
 * pyshim supports, or `versions`: the X.Y found on this machine and not yet
 * registered (file names instead once the word starts with /, . or ~).
 */
export type Completes = 'lines' | 'files' | 'shells' | 'versions';

/**
 * What TAB offers for an option's value (`--python <path>`): file names,
 * directories only, the shells pyshim supports, or these words. Declared
 * rather than read from the placeholder, which is written for --help's reader
 * (`--find-links <dir>` also takes a URL; `<tool>` names no tool). An option
 * that takes a value and declares nothing offers nothing for it (a URL, a
 * checksum, a number): better than words that cannot be right.
 */
export type ValueCompletes = 'files' | 'dirs' | 'shells' | readonly [string, ...string[]];

export interface ArgumentSpec {
  /** In commander's syntax: `<X.Y>` required, `[name...]` optional and variadic. */
  readonly name: string;
  readonly description: string;
  readonly completes?: Completes;
}

export interface OptionSpec {
  /** In commander's syntax: `--json`, `--python <path>`, `-V, --version`. */
  readonly flags: string;
  readonly description: string;
  /** May be given more than once; the values are collected into a list. */
  readonly repeatable?: boolean;
  readonly hidden?: boolean;
  /** What TAB offers for the value, for an option that takes one. */
  readonly completes?: ValueCompletes;
}

export interface CommandSpec {
  readonly name: string;
  readonly description: string;
  readonly arguments?: readonly ArgumentSpec[];
  readonly options?: readonly OptionSpec[];
  /** Whole command lines, shown by --help; at least one. */
  readonly examples: readonly [string, ...string[]];
  /** A group (`pyshim python`): its subcommands run, it does not. */
  readonly subcommands?: readonly CommandSpec[];
  /** Plumbing for the completion scripts: no --help listing, no completion. */
  readonly hidden?: boolean;
  /** The program only: what `-V, --version` prints. */
  readonly version?: string;
}

const NO_BOOTSTRAP: OptionSpec = { flags: '--no-bootstrap', description: 'do not install pip/virtualenv/virtualenvwrapper into the user site' };
const JSON_OUTPUT: OptionSpec = { flags: '--json', description: 'machine-readable output' };
const DRY_RUN = (what: string): OptionSpec => ({ flags: '--dry-run', description: `print ${what} and change nothing` });
const A_LINE: ArgumentSpec = { name: '<X.Y>', description: 'a registered line', completes: 'lines' };
const A_SHELL: ArgumentSpec = { name: '<shell>', description: 'bash, zsh or fish', completes: 'shells' };

export const PROGRAM = {
  name: 'pyshim',
  description: 'Several Python versions side by side, each with its own pip, virtualenv and virtualenvwrapper.',
  version: '0.1.0',
  options: [{ flags: '--debug', description: 'print stack traces for errors', hidden: true }],
  examples: ['pyshim list', 'pyshim add 2.7 && pyshim add 3.12 --default', 'pyshim setup', 'pyshim doctor'],
  subcommands: [
    {
      name: 'list',
      description: 'interpreters found on this machine; registered lines marked with *',
      options: [JSON_OUTPUT],
      examples: ['pyshim list', "pyshim list --json | jq '.lines'"],
    },
    {
      name: 'envs',
      description: "every virtual environment in every home (each line's WORKON_HOME, ~/.virtualenvs, shared homes)",
      options: [JSON_OUTPUT],
      examples: ['pyshim envs', "pyshim envs --json | jq '.environments[] | select(.line == \"2.7\")'"],
    },
    {
      name: 'add',
      description: 'register a version line, write its shims (pipXY, installXY, virtualenv-X.Y, …)',
      arguments: [{ name: '<X.Y|PATH>', description: 'a version such as 3.12, or the path of a Python executable', completes: 'versions' }],
      options: [
        { flags: '--python <path>', description: 'use this interpreter for X.Y instead of choosing one', completes: 'files' },
        NO_BOOTSTRAP,
        { flags: '--default', description: 'make this the line new shells start with' },
        { flags: '--workon-home <dir>', description: "the line's home: where its new environments go (default ~/.virtualenvsXY)", completes: 'dirs' },
      ],
      examples: ['pyshim add 2.7', 'pyshim add 3.12 --default', 'pyshim add ~/.pyenv/versions/3.11.7/bin/python3.11', 'pyshim add 3.12 --workon-home ~/.virtualenvs'],
    },
    {
      name: 'remove',
      description: 'unregister a version line and delete its shims (never user data)',
      arguments: [{ name: '<X.Y>', description: 'the line to remove', completes: 'lines' }],
      examples: ['pyshim remove 3.6'],
    },
    {
      name: 'bootstrap',
      description: "install pip, virtualenv and virtualenvwrapper into a line's user site",
      arguments: [A_LINE],
      options: [
        { flags: '--with <tool>', description: 'make the absence of this tool an error (virtualenvwrapper)', repeatable: true, completes: ['virtualenvwrapper'] },
        { flags: '--find-links <dir>', description: 'a directory (or URL) of wheels for pip', completes: 'dirs' },
        { flags: '--index-url <url>', description: 'the package index pip uses' },
        { flags: '--offline', description: 'use no index, only --find-links and what the interpreter bundles' },
        { flags: '--break-system-packages', description: 'install into an externally managed (PEP 668) Python anyway' },
      ],
      examples: ['pyshim bootstrap 2.7', 'pyshim bootstrap 3.12 --with virtualenvwrapper', 'pyshim bootstrap 3.8 --offline --find-links ~/wheels'],
    },
    {
      name: 'init',
      description: 'print the profile block for a shell (append it to your profile)',
      arguments: [A_SHELL],
      examples: ['pyshim init bash >> ~/.bashrc', 'pyshim init fish > ~/.config/fish/conf.d/pyshim.fish'],
    },
    {
      name: 'setup',
      description: 'insert or refresh the pyshim block in the right profiles (idempotent)',
      options: [
        { flags: '--shell <shells>', description: 'comma-separated: bash,zsh,fish (default: your login shell)', completes: 'shells' },
        { flags: '--rc-file <file>', description: 'edit this file instead of the usual profile (one shell)', completes: 'files' },
        DRY_RUN('the changes as a diff'),
      ],
      examples: ['pyshim setup', 'pyshim setup --shell bash,zsh,fish --dry-run', 'pyshim setup --shell zsh --rc-file ~/dotfiles/zshrc'],
    },
    {
      name: 'uninstall',
      description: 'remove every pyshim block and file; profiles back byte for byte',
      options: [DRY_RUN('what would change')],
      examples: ['pyshim uninstall --dry-run', 'pyshim uninstall'],
    },
    {
      name: 'use',
      description: '(in a set-up shell) point workon/mkvirtualenv at X.Y for this shell; with no X.Y, print its line',
      arguments: [{ ...A_LINE, name: '[X.Y]' }],
      examples: ['pyshim use 2.7 && mkvirtualenv old', 'pyshim use'],
    },
    {
      name: 'default',
      description: 'set the line new shells start with; with no X.Y, print it',
      arguments: [{ ...A_LINE, name: '[X.Y]' }],
      examples: ['pyshim default 3.12', 'pyshim default'],
    },
    {
      name: 'completion',
      description: 'print the completion script for pyshim',
      arguments: [A_SHELL],
      examples: ['source <(pyshim completion bash)', 'pyshim completion fish > ~/.config/fish/completions/pyshim.fish'],
    },
    {
      name: 'doctor',
      description: 'what is wrong, and the command that fixes it',
      options: [JSON_OUTPUT],
      examples: ['pyshim doctor'],
    },
    {
      name: 'python',
      description: "build Pythons from source into pyshim's data directory (no sudo), and remove them",
      examples: [
        'pyshim python build 3.12',
        'pyshim list   # the builds are the rows whose SOURCE is pyshim',
        'pyshim python uninstall 3.12.4',
      ],
      subcommands: [
        {
          name: 'build',
          description: "download (or take) a CPython source, configure, make and make altinstall it; then register and bootstrap its line",
          arguments: [
            { name: '<version>', description: "X.Y (its newest release pyshim has a checksum for) or X.Y.Z; with --source, what the source must be" },
            { name: '[configure-args...]', description: 'after --: extra arguments for ./configure' },
          ],
          options: [
            { flags: '--source <dir|tarball|url>', description: "build this instead of python.org's release: an unpacked source tree (only read), a .tgz/.tar.xz, or its URL", completes: 'files' },
            { flags: '--mirror <url>', description: "download from this mirror of python.org (its ftp/python/X.Y.Z/Python-X.Y.Z.tgz; default $PYSHIM_PYTHON_MIRROR, else https://www.python.org)" },
            { flags: '--sha256 <hex>', description: 'the checksum the download or tarball must have (for a release pyshim has none for)' },
            { flags: '--insecure', description: 'build a release pyshim has no checksum for without checking it' },
            { flags: '--jobs <n>', description: 'parallel make jobs (default: the number of cores)' },
            { flags: '--find-links <dir>', description: 'wheels for the bootstrap after the build (pip, setuptools, virtualenv for a Python without ensurepip)', completes: 'dirs' },
            NO_BOOTSTRAP,
          ],
          examples: [
            'pyshim python build 3.12',
            'pyshim python build 3.11.9 --mirror https://mirror.example.org/python',
            'pyshim python build 2.6 --find-links ~/wheels26',
            'pyshim python build 3.13 --source ~/src/cpython -- --enable-optimizations',
          ],
        },
        {
          name: 'uninstall',
          description: 'remove a Python pyshim built (and unregister its line); never touches other Pythons',
          arguments: [{ name: '<X.Y.Z>', description: 'the version of the build, as `pyshim list` shows it' }],
          examples: ['pyshim python uninstall 3.12.4'],
        },
      ],
    },
    {
      name: '__lines',
      description: 'the registered lines, one a line (what the completion scripts offer)',
      options: [{ flags: '--found', description: 'instead, the X.Y of the interpreters `pyshim list` finds that no line has yet, newest first' }],
      examples: ['pyshim __lines', 'pyshim __lines --found'],
      hidden: true,
    },
  ],
} as const satisfies CommandSpec;

/** The path of every command that runs, as `list` or `python build`: one entry per leaf of the declaration. */
export type CommandPath = LeafPaths<(typeof PROGRAM)['subcommands'][number]>;
type LeafPaths<C, Prefix extends string = ''> = C extends { readonly name: infer N extends string; readonly subcommands: readonly (infer S)[] }
  ? LeafPaths<S, `${Prefix}${N} `>
  : C extends { readonly name: infer N extends string }
    ? `${Prefix}${N}`
    : never;

/**
 * The commands `args` names, outermost first (`python`, `build`), and where
 * the walk stopped: at the first word that is an option, an argument of a
 * command that runs, or a name no command has.
 */
export function walk(args: readonly string[], program: CommandSpec = PROGRAM): { path: CommandSpec[]; next: number } {
  const path: CommandSpec[] = [];
  let here = program;
  let next = 0;
  while (next < args.length && here.subcommands) {
    const found = here.subcommands.find((c) => c.name === args[next]);
    if (!found) break;
    path.push(found);
    here = found;
    next++;
  }
  return { path, next };
}

/** Does the option take a value (`--python <path>`, `[x]` optional), not just its name (`--json`)? */
export function takesValue(option: OptionSpec): boolean {
  return /[<[]/.test(option.flags);
}

/** The long option names (`--json`) a command takes, hidden ones left out (--help, which every command takes, too). */
export function longOptions(command: CommandSpec): string[] {
  const declared = (command.options ?? []).filter((o) => !o.hidden).flatMap((o) => o.flags.match(/--[a-z0-9-]+/g) ?? []);
  return command.version === undefined ? declared : ['--version', ...declared];
}
