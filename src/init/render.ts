import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ShellAdapter, ShellName, SwitchArm } from '../shell/adapter.js';
import { checkArmValue, indent } from '../shell/adapter.js';
import { adapterFor } from '../shell/shells.js';
import { loadTemplate, renderTemplate, type TemplateValue } from '../shell/template.js';

/** What one registered line contributes to the init files; every path absolute. */
export interface InitLine {
  version: string;
  /** The Python that runs virtualenvwrapper's hooks (the line's own when it has none). */
  hookPython: string;
  /** The line's `virtualenv-X.Y` shim: its path, or its name where the path holds whitespace. */
  virtualenv: string;
  workonHome: string;
  /** virtualenvwrapper.sh to load lazily in bash and zsh; absent when the machine has none. */
  virtualenvwrapperScript?: string;
}

/** Everything an init file is rendered from: pure data, gathered by facts.ts. */
export interface InitFacts {
  home: string;
  binDir: string;
  /** Where the init files are written (init.bash and init.zsh read lazy.bash and lazy.zsh from there on first use). */
  dataDir: string;
  lines: InitLine[];
  /** Homes searched by name that are no line's (~/.virtualenvs, Registry.sharedHomes), in search order (shims/homes.ts). */
  searchedHomes: string[];
  defaultLine?: string;
  /** pyshim's loader for virtualenvwrapper in bash and zsh, shells/posix/virtualenvwrapper-lazy.sh. */
  lazyLoader: string;
  /** pyshim's fish commands (mkvirtualenv, workon, …), shells/fish/virtualenvwrapper.fish. */
  fishVirtualenvwrapper: string;
  /** The directory holding the `pyshim` command itself, put last on PATH when a shell lacks it. */
  selfDir?: string;
  /**
   * Variables that say where pyshim's files are (PYSHIM_HOME, or PYSHIM_CONFIG_DIR / _DATA_DIR /
   * _CACHE_DIR for XDG directories other than the defaults): every new shell's `pyshim` must find
   * the same registry as the command that wrote these files.
   */
  travel?: { name: string; value: string }[];
}

/** The generated file with only the PATH part, for every kind of shell start (POSIX sh). */
export const ENV_FILE = 'env.sh';

/** The one line a shell prints for `pyshim use` of a line that is not registered. */
function notRegistered(sh: ShellAdapter, facts: InitFacts): string {
  const registered = facts.lines.map((l) => l.version).join(', ') || 'none';
  // Worded as the program words it (`pyshim default 9.9`): the error, then the command that fixes it.
  return [
    sh.printf(`pyshim: error: %s is not a registered line (registered: ${registered})\\n  register it first: pyshim add %s\\n`, [sh.argument(1), sh.argument(1)], { stderr: true }),
    'return 1',
  ].join('\n');
}

/** fish: point this shell at a line, given the first four of its words (see lineWords): four exported variables. */
function switchToFish(sh: ShellAdapter, words: string[]): string {
  const [line, hookPython, virtualenv, home] = words;
  return [
    sh.setVariable('PYSHIM_LINE', line!),
    sh.setVariable('VIRTUALENVWRAPPER_PYTHON', hookPython!),
    sh.setVariable('VIRTUALENVWRAPPER_VIRTUALENV', virtualenv!),
    sh.setVariable('WORKON_HOME', home!),
  ].join('\n');
}

/** fish: _pyshim_use's arms, one per line, each setting the line's variables. */
function useSwitch(sh: ShellAdapter, facts: InitFacts): string {
  const arms: SwitchArm[] = facts.lines.map((line) => ({ value: line.version, body: switchToFish(sh, lineWords(sh, facts, line)) }));
  return sh.switchOn(sh.argument(1), arms, notRegistered(sh, facts));
}

/** Switch to the line the shell inherited in PYSHIM_LINE, else to the default, silently. */
function start(sh: ShellAdapter, defaultLine: string): string {
  return sh.firstThatWorks([`${sh.call('_pyshim_use', [sh.variable('PYSHIM_LINE')])} 2>/dev/null`, sh.call('_pyshim_use', [sh.quote(defaultLine)])]);
}

/** A line's words: $1 line, $2 hook Python, $3 virtualenv-X.Y, $4 WORKON_HOME, $5 virtualenvwrapper.sh or '' (fish takes the first four). */
function lineWords(sh: ShellAdapter, facts: InitFacts, line: InitLine): string[] {
  return [
    sh.quote(line.version),
    sh.homePath(line.hookPython, facts.home),
    sh.homePath(line.virtualenv, facts.home),
    sh.homePath(line.workonHome, facts.home),
    line.virtualenvwrapperScript ? sh.homePath(line.virtualenvwrapperScript, facts.home) : "''",
  ];
}

/** bash and zsh: point this shell at a line, given its five words (see lineWords). */
function switchTo(sh: ShellAdapter, words: string[]): string {
  const [line, hookPython, virtualenv, home, script] = words;
  return [
    // A hook dir that followed the old WORKON_HOME follows the new one (a case:
    // a third of the cost of two `[` tests, at every shell start).
    `case \${VIRTUALENVWRAPPER_HOOK_DIR-} in '') ;; "\${WORKON_HOME-}") ${sh.setVariable('VIRTUALENVWRAPPER_HOOK_DIR', home!)} ;; esac`,
    `export PYSHIM_LINE=${line} VIRTUALENVWRAPPER_PYTHON=${hookPython} VIRTUALENVWRAPPER_VIRTUALENV=${virtualenv} WORKON_HOME=${home}`,
    sh.setVariable('_pyshim_vew_script', script!, { exported: false }),
  ].join('\n');
}

/**
 * bash and zsh: the default line, inline, when the shell inherited no line,
 * the default, or an option-like value (a new terminal, or a child of a shell
 * on the default line: it runs no function, no printf, no redirection); else
 * the inherited line through _pyshim_use, which reads lazy.SHELL, and the
 * default when that line is no longer registered.
 */
function startPosix(sh: ShellAdapter, facts: InitFacts, defaultLine: string): string {
  const line = facts.lines.find((l) => l.version === defaultLine);
  if (!line) return sh.call('_pyshim_use', [sh.quote(defaultLine)]);
  return [
    `case \${PYSHIM_LINE-} in`,
    // No line starts with '-': such a value must not reach _pyshim_use, whose
    // `-*` arm hands options to the CLI (node, at a shell start).
    `  ''|-*|${checkArmValue(defaultLine)})`,
    indent(switchTo(sh, lineWords(sh, facts, line)), '    '),
    '    ;;',
    `  *) ${start(sh, defaultLine)} ;;`,
    'esac',
  ].join('\n');
}

/**
 * fish: the default line inline when the shell inherited no line or the
 * default (a new terminal, or a child of a fish on the default line: no
 * function to load, nothing printed or redirected); else the inherited line
 * through _pyshim_use, which fish loads from pyshim's functions directory, and
 * the default when that line is no longer registered.
 */
function startFish(sh: ShellAdapter, facts: InitFacts, defaultLine: string): string {
  const line = facts.lines.find((l) => l.version === defaultLine);
  if (!line) return start(sh, defaultLine);
  return [
    `switch ${sh.variable('PYSHIM_LINE')}`,
    `    case '' ${checkArmValue(defaultLine)}`,
    indent(switchToFish(sh, lineWords(sh, facts, line)), '        '),
    "    case '*'",
    indent(start(sh, defaultLine), '        '),
    'end',
  ].join('\n');
}

/**
 * bash and zsh: _pyshim_use's arms set the positional parameters to the
 * line's five words, which switchTo then exports.
 */
function useSwitchPosix(sh: ShellAdapter, facts: InitFacts): string {
  const arms: SwitchArm[] = facts.lines.map((line) => ({ value: line.version, body: sh.call('set', ['--', ...lineWords(sh, facts, line)]) }));
  return sh.switchOn(sh.argument(1), arms, notRegistered(sh, facts));
}

/**
 * The homes `workon NAME` and co. search (read on first use, never at start):
 * pairs of line and directory — each line's home with its line, then each
 * searched home with '' — in shims/homes.ts's order. The shells put the
 * current line's home first themselves.
 */
function homesList(sh: ShellAdapter, facts: InitFacts, name: string): string {
  const pairs = [
    ...facts.lines.flatMap((line) => [sh.quote(line.version), sh.homePath(line.workonHome, facts.home)]),
    ...facts.searchedHomes.flatMap((dir) => ["''", sh.homePath(dir, facts.home)]),
  ];
  return sh.setList(name, pairs);
}

/** fish's lazy.fish: what pyshim's fish commands read when they load (runtime/virtualenvwrapper.fish sources ../lazy.fish). */
export const FISH_LAZY_FILE = 'lazy.fish';

/** virtualenvwrapper's commands, defined at start as stubs that load it (virtualenvwrapper-lazy.sh lists them too). */
export const VEW_COMMANDS = [
  'mkvirtualenv', 'workon', 'rmvirtualenv', 'lsvirtualenv', 'showvirtualenv', 'cdvirtualenv', 'cdsitepackages',
  'lssitepackages', 'toggleglobalsitepackages', 'cpvirtualenv', 'allvirtualenv', 'add2virtualenv', 'wipeenv',
  'setvirtualenvproject', 'mkproject', 'cdproject', 'mktmpenv', 'virtualenvwrapper',
] as const;

/**
 * The stubs, and the trampoline they call until lazy.SHELL has loaded. bash:
 * one literal one-line definition each, the shortest text it reads (the
 * trampoline, and then virtualenvwrapper-lazy.sh's _pyshim_vew, take the name
 * from FUNCNAME). zsh: one definition for all the names (a third of the cost
 * of eighteen); `${(%):-%N}` is the name it was called by, whatever
 * FUNCTION_ARGZERO / POSIX_ARGZERO say about $0.
 */
function stubs(shell: 'bash' | 'zsh'): string {
  if (shell === 'zsh') {
    return [
      `${VEW_COMMANDS.join(' ')} () { _pyshim_vew_run "\${(%):-%N}" "$@"; }`,
      '_pyshim_vew_run() { _pyshim_load && _pyshim_vew_run "$@"; }',
    ].join('\n');
  }
  return [
    ...VEW_COMMANDS.map((name) => `${name}() { _pyshim_vew "$@"; }`),
    '_pyshim_vew() { _pyshim_load && _pyshim_vew_run "${FUNCNAME[1]}" "$@"; }',
  ].join('\n');
}

/** Code for a placeholder that stands indented on its own line. */
function block(code: string, by: string): string {
  return indent(code, by).slice(by.length);
}

/** The generated file a bash or zsh start-up file reads on first use (see shells/posix/lazy.sh). */
export function lazyFileName(shell: 'bash' | 'zsh'): string {
  return `lazy.${shell}`;
}

/** A generated file: its name in the data dir, and its text. */
export interface InitFile {
  name: string;
  text: string;
}

/**
 * What every start of every shell needs, and nothing else: where pyshim's
 * files are, the shims first on PATH (after an active environment), and the
 * `pyshim` command itself last. Rendered into each init file and into env.sh.
 */
function pathPart(sh: ShellAdapter, facts: InitFacts, options: { travel?: boolean } = {}): string {
  return [
    ...(options.travel === false ? [] : (facts.travel ?? []).map((v) => sh.setVariable(v.name, sh.homePath(v.value, facts.home)))),
    sh.prependPathOnce(sh.homePath(facts.binDir, facts.home)),
    ...(facts.selfDir ? [sh.appendPathOnce(sh.homePath(facts.selfDir, facts.home))] : []),
  ].join('\n');
}

/** env.sh: the PATH part alone, for ~/.profile (sh, dash), bash's login file and ~/.zshenv. Pure. */
export function renderEnvFile(facts: InitFacts): InitFile {
  const text = renderTemplate(loadTemplate('posix/env.sh'), { PATH_PART: { code: pathPart(adapterFor('bash'), facts) } });
  return { name: ENV_FILE, text };
}

/**
 * fish's autoload directories, relative to the data dir: init.fish appends
 * them to fish_function_path and fish_complete_path, and fish reads NAME.fish
 * from them the first time NAME runs or is completed.
 */
export const FISH_FUNCTIONS = 'fish/functions';
export const FISH_COMPLETIONS = 'fish/completions';

/**
 * The commands virtualenvwrapper.fish defines completions for (its `complete
 * -c NAME` lines), read from the file itself: each gets a completion file that
 * loads it, so a command given completions there needs nothing here.
 */
export function vewCompletedCommands(): string[] {
  const text = loadTemplate('fish/virtualenvwrapper.fish');
  return [...new Set([...text.matchAll(/^complete -c ([a-z0-9]+) /gm)].map((m) => m[1]!))];
}

/** The functions fish loads from FISH_FUNCTIONS: pyshim's own (shells/fish/functions/NAME.fish), then one stub per virtualenvwrapper command. */
const FISH_OWN_FUNCTIONS = ['pyshim', '_pyshim_use', '_pyshim_path_fix', '__pyshim_vew_load'] as const;

/** Every file renderFishFiles writes besides init.fish, relative to the data dir (what uninstall knows as pyshim's). */
export function fishAutoloadNames(): string[] {
  return [
    ...[...FISH_OWN_FUNCTIONS, ...VEW_COMMANDS].map((name) => `${FISH_FUNCTIONS}/${name}.fish`),
    ...['pyshim', ...vewCompletedCommands()].map((name) => `${FISH_COMPLETIONS}/${name}.fish`),
  ];
}

/**
 * fish: init.fish, the little every start needs (PATH, the PATH guard, the
 * two search paths, the line's variables), and the files fish loads on first
 * use: `pyshim`, `_pyshim_use` (the registry's lines), the PATH guard's fix,
 * the virtualenvwrapper loader with its stubs, and completion files (pyshim's
 * own; one per command virtualenvwrapper.fish completes, which loads it).
 */
function renderFishFiles(sh: ShellAdapter, facts: InitFacts, pathOnce: string): InitFile[] {
  const at = (dir: string, name = '') => sh.homePath(path.join(facts.dataDir, dir, name), facts.home);
  const init = renderTemplate(loadTemplate('fish/init.fish'), {
    PATH_ONCE: { code: pathOnce },
    BIN: { code: sh.homePath(facts.binDir, facts.home) },
    FUNCTIONS: { code: at(FISH_FUNCTIONS) },
    COMPLETIONS: { code: at(FISH_COMPLETIONS) },
    START: { code: facts.defaultLine ? startFish(sh, facts, facts.defaultLine) : '' },
  });
  const values: Record<(typeof FISH_OWN_FUNCTIONS)[number], Record<string, TemplateValue>> = {
    pyshim: {},
    _pyshim_use: { USE_SWITCH: { code: block(useSwitch(sh, facts), '    ') } },
    _pyshim_path_fix: { PATH_AGAIN: { code: block(pathPart(sh, facts, { travel: false }), '    ') } },
    __pyshim_vew_load: {
      VIRTUALENVWRAPPER_FISH: { code: sh.homePath(facts.fishVirtualenvwrapper, facts.home) },
      COMMANDS: { code: VEW_COMMANDS.join(' ') },
    },
  };
  const stub = loadTemplate('fish/vew-stub.fish');
  const completionStub = loadTemplate('fish/vew-completion.fish');
  return [
    { name: sh.initFileName, text: init },
    { name: FISH_LAZY_FILE, text: renderTemplate(loadTemplate('fish/lazy.fish'), { HOMES: { code: homesList(sh, facts, '__pyshim_vew_homes') } }) },
    ...FISH_OWN_FUNCTIONS.map((name) => ({ name: `${FISH_FUNCTIONS}/${name}.fish`, text: renderTemplate(loadTemplate(`fish/functions/${name}.fish`), values[name]) })),
    ...VEW_COMMANDS.map((name) => ({ name: `${FISH_FUNCTIONS}/${name}.fish`, text: renderTemplate(stub, { NAME: { word: name } }) })),
    { name: `${FISH_COMPLETIONS}/pyshim.fish`, text: loadTemplate('fish/completions/pyshim.fish') },
    ...vewCompletedCommands().map((name) => ({
      name: `${FISH_COMPLETIONS}/${name}.fish`,
      text: renderTemplate(completionStub, { NAME: { word: name }, STUB: { code: at(FISH_FUNCTIONS, `${name}.fish`) } }),
    })),
  ];
}

/**
 * The lines around init.bash / init.zsh's default-line part that make a
 * second reading in the same shell leave the line and its variables alone:
 * the stamp of the text without them, with the shell's PID (a variable
 * exported by `set -a` must not stop a child shell).
 */
function loadedOnce(text: string): [once: string, loaded: string] {
  const stamp = createHash('sha256').update(text).digest('hex').slice(0, 12);
  return [`[ "\${_pyshim_init-}" != ${stamp}.$$ ] || return 0`, `_pyshim_init=${stamp}.$$`];
}

/**
 * The init files for one shell: init.SHELL, and for bash and zsh lazy.SHELL.
 * Pure: the same facts always give the same text.
 */
export function renderInitFiles(shell: ShellName, facts: InitFacts): InitFile[] {
  const sh = adapterFor(shell);
  const common = {
    PATH_ONCE: { code: pathPart(sh, facts) },
  };
  if (shell === 'fish') return renderFishFiles(sh, facts, pathPart(sh, facts));
  const cannotRead = (file: string) => sh.printf('pyshim: cannot read %s\\n  run: pyshim doctor\\n', [file], { stderr: true });
  const lazy = sh.homePath(path.join(facts.dataDir, lazyFileName(shell)), facts.home);
  const vewLazy = sh.homePath(facts.lazyLoader, facts.home);
  // pyshim's toggleglobalsitepackages lies beside the loader (in the package as in <data>/runtime/): runtime-files.ts.
  const vewToggle = sh.homePath(path.join(path.dirname(facts.lazyLoader), 'virtualenvwrapper-toggle.sh'), facts.home);
  const strip = (text: string) => text.replace(/^# shellcheck shell=bash\n# \(Template:.*\n(#.*\n)*/, '').trimEnd();
  const shared = renderTemplate(loadTemplate('posix/init-common.sh'), {
    STUBS: { code: stubs(shell) },
    LAZY: { code: lazy },
    LAZY_MISSING: { code: cannotRead(lazy) },
  });
  const body = (once: string, loaded: string) =>
    renderTemplate(loadTemplate(shell === 'bash' ? 'bash/init.bash' : 'zsh/init.zsh'), {
      ...common,
      ONCE: { code: once },
      LOADED: { code: loaded },
      START: { code: facts.defaultLine ? startPosix(sh, facts, facts.defaultLine) : '' },
      COMMON: { code: strip(shared) },
    });
  const init = body(...loadedOnce(body('', '')));
  const lazyText = renderTemplate(loadTemplate('posix/lazy.sh'), {
    SHELL: { word: shell },
    USE_SWITCH: { code: block(useSwitchPosix(sh, facts), '  ') },
    SWITCH: { code: block(switchTo(sh, ['"$1"', '"$2"', '"$3"', '"$4"', '"$5"']), '  ') },
    COMPLETER: { word: shell === 'bash' ? '_pyshim_complete' : '_pyshim' },
    ADOPT_DEFAULT: { code: facts.defaultLine ? `if [ -z "\${PYSHIM_LINE-}" ]; then ${sh.call('_pyshim_use', [sh.quote(facts.defaultLine)])}; fi` : ':' },
    VEW_LAZY: { code: vewLazy },
    VEW_TOGGLE: { code: vewToggle },
    VEW_LAZY_MISSING: { code: `if [ -r ${vewLazy} ]; then ${cannotRead(vewToggle)}; else ${cannotRead(vewLazy)}; fi` },
    HOMES: { code: homesList(sh, facts, '_pyshim_homes') },
  });
  return [
    { name: sh.initFileName, text: init },
    { name: lazyFileName(shell), text: lazyText },
  ];
}
