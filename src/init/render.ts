import type { ShellAdapter, ShellName, SwitchArm } from '../shell/adapter.js';
import { indent } from '../shell/adapter.js';
import { adapterFor } from '../shell/shells.js';
import { loadTemplate, renderTemplate } from '../shims/template.js';

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
  lines: InitLine[];
  defaultLine?: string;
  /** pyshim's loader for virtualenvwrapper in bash and zsh, shells/posix/virtualenvwrapper-lazy.sh. */
  lazyLoader: string;
  /** pyshim's fish commands (mkvirtualenv, workon, …), shells/fish/virtualenvwrapper.fish. */
  fishVirtualenvwrapper: string;
}

function useSwitch(sh: ShellAdapter, facts: InitFacts): string {
  const arms: SwitchArm[] = facts.lines.map((line) => {
    const words = [
      sh.quote(line.version),
      sh.homePath(line.hookPython, facts.home),
      sh.homePath(line.virtualenv, facts.home),
      sh.homePath(line.workonHome, facts.home),
    ];
    if (sh.name !== 'fish') words.push(line.virtualenvwrapperScript ? sh.homePath(line.virtualenvwrapperScript, facts.home) : "''");
    return { value: line.version, body: sh.call('_pyshim_line', words) };
  });
  const registered = facts.lines.map((l) => l.version).join(', ') || 'none';
  const otherwise = [
    sh.printf(`pyshim: %s is not a registered line (registered: ${registered})\\n  see them with: pyshim list\\n`, [sh.argument(1)], { stderr: true }),
    'return 1',
  ].join('\n');
  return sh.switchOn(sh.argument(1), arms, otherwise);
}

/** Switch to the line the shell inherited in PYSHIM_LINE, else to the default, silently. */
function start(sh: ShellAdapter, defaultLine: string): string {
  return sh.firstThatWorks([`${sh.call('_pyshim_use', [sh.variable('PYSHIM_LINE')])} 2>/dev/null`, sh.call('_pyshim_use', [sh.quote(defaultLine)])]);
}

/** Code for a placeholder that stands indented on its own line. */
function block(code: string, by: string): string {
  return indent(code, by).slice(by.length);
}

/** The init file for one shell. Pure: the same facts always give the same text. */
export function renderInitFile(shell: ShellName, facts: InitFacts): string {
  const sh = adapterFor(shell);
  const common = {
    PATH_ONCE: { code: sh.prependPathOnce(sh.homePath(facts.binDir, facts.home)) },
    START: { code: facts.defaultLine ? start(sh, facts.defaultLine) : '' },
  };
  if (shell === 'fish') {
    return renderTemplate(loadTemplate('fish/init.fish'), {
      ...common,
      USE_SWITCH: { code: block(useSwitch(sh, facts), '    ') },
      VIRTUALENVWRAPPER_FISH: { code: sh.homePath(facts.fishVirtualenvwrapper, facts.home) },
    });
  }
  const lazy = sh.homePath(facts.lazyLoader, facts.home);
  const shared = renderTemplate(loadTemplate('posix/init-common.sh'), {
    USE_SWITCH: { code: block(useSwitch(sh, facts), '  ') },
    LAZY: { code: lazy },
    LAZY_MISSING: { code: sh.printf('pyshim: cannot read %s\\n  run: pyshim doctor\\n', [lazy], { stderr: true }) },
  }).replace(/^# shellcheck shell=bash\n# \(Template:.*\n\n/, '');
  return renderTemplate(loadTemplate(shell === 'bash' ? 'bash/init.bash' : 'zsh/init.zsh'), {
    ...common,
    COMMON: { code: shared.trimEnd() },
  });
}
