import { describe, expect, it } from 'vitest';
import { assignmentsIn, findUserSettings, settingFiles, userWorkonHomes, type SettingFile, type UserSetting } from '../../src/envs/user-settings.js';
import { describeEnvironments, describeSetting, type ReportAbout } from '../../src/envs/settings-report.js';
import type { TargetFacts } from '../../src/shell/targets.js';

const H = '/h';
const pick = (text: string, syntax: 'posix' | 'fish' = 'posix') => assignmentsIn(text, syntax, H).map((a) => [a.name, a.line, a.value ?? null]);

describe('assignmentsIn: the forms bash, zsh and fish users write', () => {
  it('bash and zsh: bare, export, declare -x / typeset -x; ~, $HOME and ${HOME} expanded; quotes as the shell reads them', () => {
    const text = [
      'WORKON_HOME=~/Envs',
      'export WORKON_HOME="$HOME/Envs two"',
      "  export WORKON_HOME='/opt/envs'   # a comment",
      'declare -x PROJECT_HOME=${HOME}/src',
      'typeset -x VIRTUALENVWRAPPER_PYTHON=/usr/bin/python3',
      'export VIRTUALENVWRAPPER_VIRTUALENV_ARGS="--system-site-packages"',
      'export PATH=$HOME/bin:$PATH WORKON_HOME=~',
      '[ -d ~/x ] && export WORKON_HOME=~/x; echo done',
      'if [ -d ~/t ]; then export WORKON_HOME=~/t; fi',
    ].join('\n');
    expect(pick(text)).toEqual([
      ['WORKON_HOME', 1, '/h/Envs'],
      ['WORKON_HOME', 2, '/h/Envs two'],
      ['WORKON_HOME', 3, '/opt/envs'],
      ['PROJECT_HOME', 4, '/h/src'],
      ['VIRTUALENVWRAPPER_PYTHON', 5, '/usr/bin/python3'],
      ['VIRTUALENVWRAPPER_VIRTUALENV_ARGS', 6, '--system-site-packages'],
      ['WORKON_HOME', 7, '/h'],
      ['WORKON_HOME', 8, '/h/x'],
      ['WORKON_HOME', 9, '/h/t'],
    ]);
  });

  it('not settings: a comment, a value for one command, `export NAME` without a value, a test of the value', () => {
    const text = ['# export WORKON_HOME=~/old', 'WORKON_HOME=~/tmp mkvirtualenv x', 'export WORKON_HOME', 'echo "$WORKON_HOME"', '[ -n "$WORKON_HOME" ] || true'].join('\n');
    expect(pick(text)).toEqual([]);
  });

  it('values that cannot be known without running the shell are found, with no value', () => {
    const text = ['export WORKON_HOME=$XDG_DATA_HOME/venvs', 'WORKON_HOME="$(pwd)/envs"', 'WORKON_HOME=envs', 'WORKON_HOME=~bob/envs', 'WORKON_HOME=`echo /x`'].join('\n');
    expect(pick(text)).toEqual([
      ['WORKON_HOME', 1, null],
      ['WORKON_HOME', 2, null],
      ['WORKON_HOME', 3, null],
      ['WORKON_HOME', 4, null],
      ['WORKON_HOME', 5, null],
    ]);
  });

  it('fish: set -gx / -x / -U / --global with one value; not set -l, -e, -q, nor a list', () => {
    const text = [
      'set -gx WORKON_HOME ~/Envs',
      'set -x PROJECT_HOME $HOME/src',
      "set --global --export VIRTUALENVWRAPPER_PYTHON '/usr/bin/python3'",
      'set -Ux WORKON_HOME {$HOME}/u',
      'set -l WORKON_HOME /local',
      'set -e WORKON_HOME',
      'set -q WORKON_HOME; or set -gx WORKON_HOME (pwd)/e',
      'set -gx WORKON_HOME /a /b',
    ].join('\n');
    expect(pick(text, 'fish')).toEqual([
      ['WORKON_HOME', 1, '/h/Envs'],
      ['PROJECT_HOME', 2, '/h/src'],
      ['VIRTUALENVWRAPPER_PYTHON', 3, '/usr/bin/python3'],
      ['WORKON_HOME', 4, '/h/u'],
      ['WORKON_HOME', 7, null],
    ]);
  });
});

const BLOCK = '# >>> pyshim >>>\nif [ -f ~/.pyshim/init.bash ]; then . ~/.pyshim/init.bash; fi\n# <<< pyshim <<<\n';
const ENV_BLOCK = '# >>> pyshim >>>\nif [ -f ~/.pyshim/env.sh ]; then . ~/.pyshim/env.sh; fi\n# <<< pyshim <<<\n';

function file(name: string, text: string, extra: Partial<SettingFile> = {}): SettingFile {
  return { file: `${H}/${name}`, shell: 'bash', text, order: 'before', ...extra };
}

const where = (s: UserSetting) => (s.where.kind === 'env' ? ['env', s.name, s.value ?? null] : [s.where.file, s.where.line, s.where.place, s.name, s.value ?? null]);

describe('findUserSettings: where each setting is against pyshim\'s block', () => {
  const none = { homes: ['/h/.virtualenvs312'], pythons: ['/usr/bin/python3.11'] };

  it('before and after the block in the same file; a file with only the PATH block is read before', () => {
    const settings = findUserSettings({
      env: {},
      home: H,
      files: [file('.bashrc', `export WORKON_HOME=~/A\n${BLOCK}export WORKON_HOME=~/B\n`), file('.profile', `${ENV_BLOCK}export WORKON_HOME=~/C\n`)],
      pyshimValues: none,
    });
    expect(settings.map(where)).toEqual([
      ['/h/.bashrc', 1, 'before', 'WORKON_HOME', '/h/A'],
      ['/h/.bashrc', 5, 'after', 'WORKON_HOME', '/h/B'],
      ['/h/.profile', 4, 'before', 'WORKON_HOME', '/h/C'],
    ]);
  });

  it('the environment: pyshim\'s own values are not the user\'s; one a file assigns is said once', () => {
    const settings = findUserSettings({
      env: { WORKON_HOME: '/h/B', VIRTUALENVWRAPPER_PYTHON: '/usr/bin/python3.11', PROJECT_HOME: '/h/src' },
      home: H,
      files: [file('.bashrc', `${BLOCK}export WORKON_HOME=~/B\n`)],
      pyshimValues: none,
    });
    expect(settings.map(where)).toEqual([
      ['/h/.bashrc', 4, 'after', 'WORKON_HOME', '/h/B'],
      ['env', 'PROJECT_HOME', '/h/src'],
    ]);
    // In a shell that read pyshim's block: the line's home; that of a line since removed (PYSHIM_LINE says which).
    for (const env of [{ WORKON_HOME: '/h/.virtualenvs312' }, { WORKON_HOME: '/h/.virtualenvs27', PYSHIM_LINE: '2.7' }]) {
      expect(findUserSettings({ env, home: H, files: [], pyshimValues: none })).toEqual([]);
    }
    expect(findUserSettings({ env: { WORKON_HOME: '/h/Envs/' }, home: H, files: [], pyshimValues: none }).map(where)).toEqual([['env', 'WORKON_HOME', '/h/Envs']]);
  });

  it('userWorkonHomes: known, absolute, once each, without the lines\' homes and ~/.virtualenvs', () => {
    const settings = findUserSettings({
      env: { WORKON_HOME: '/h/Envs' },
      home: H,
      files: [file('.bashrc', 'WORKON_HOME=$X\nWORKON_HOME=~/Envs\nWORKON_HOME=~/.virtualenvs\nWORKON_HOME=/h/.virtualenvs312\nWORKON_HOME=/o\n')],
      pyshimValues: { homes: [], pythons: [] },
    });
    expect(userWorkonHomes(settings, ['/h/.virtualenvs312', '/h/.virtualenvs'])).toEqual(['/h/Envs', '/o']);
  });
});

describe('settingFiles: which profiles, and in which order against the block', () => {
  const facts = (files: Record<string, string>, extra: Partial<TargetFacts> = {}): TargetFacts => ({
    home: H,
    exists: (f) => f in files,
    read: (f) => files[f],
    listFiles: (dir) => Object.keys(files).filter((f) => f.startsWith(`${dir}/`)).map((f) => f.slice(dir.length + 1)),
    ...extra,
  });

  it('bash reads its four; zsh .zshenv, .zprofile, .zshrc before, .zlogin after; fish conf.d by name around pyshim.fish, config.fish after', () => {
    const all = {
      '/h/.bashrc': '1', '/h/.profile': '2', '/h/.bash_login': '3',
      '/h/.zshenv': '4', '/h/z/.zshrc': '5', '/h/z/.zlogin': '6',
      '/h/.config/fish/conf.d/a.fish': '7', '/h/.config/fish/conf.d/pyshim.fish': '8', '/h/.config/fish/conf.d/z.fish': '9', '/h/.config/fish/config.fish': '10',
    };
    const got = settingFiles(['bash', 'zsh', 'fish'], facts(all, { zdotdir: '/h/z' }), new Map([['/h/.bashrc', 'planned']]));
    expect(got.map((f) => [f.file, f.order, f.text])).toEqual([
      ['/h/.bashrc', 'before', 'planned'],
      ['/h/.bash_login', 'before', '3'],
      ['/h/.profile', 'before', '2'],
      ['/h/.zshenv', 'before', '4'],
      ['/h/z/.zshrc', 'before', '5'],
      ['/h/z/.zlogin', 'after', '6'],
      ['/h/.config/fish/conf.d/a.fish', 'before', '7'],
      ['/h/.config/fish/conf.d/z.fish', 'after', '9'],
      ['/h/.config/fish/config.fish', 'after', '10'],
    ]);
  });
});

describe('settingFiles: a file named with --rc-file', () => {
  it('is read too, once, and its block says what is before and after', () => {
    const rc = `export WORKON_HOME=~/A\n${BLOCK}export WORKON_HOME=~/B\n`;
    const facts: TargetFacts = { home: H, exists: () => true, read: (f) => ({ '/h/dots/rc': rc, '/h/.bashrc': 'x=1\n' })[f] };
    const files = settingFiles(['bash'], facts, new Map(), [{ file: '/h/dots/rc', shell: 'bash' }, { file: '/h/.bashrc', shell: 'bash' }]);
    expect(files.map((f) => f.file)).toEqual(['/h/.bashrc', '/h/dots/rc']);
    const settings = findUserSettings({ env: {}, home: H, files, pyshimValues: { homes: [], pythons: [] } });
    expect(settings.map(where)).toEqual([
      ['/h/dots/rc', 1, 'before', 'WORKON_HOME', '/h/A'],
      ['/h/dots/rc', 5, 'after', 'WORKON_HOME', '/h/B'],
    ]);
  });
});

describe('the rule\'s wording (describeSetting, describeEnvironments)', () => {
  const about: ReportAbout = { home: H, lines: [{ version: '2.7', home: '/h/.virtualenvs27' }, { version: '3.12', home: '/h/.virtualenvs312' }], defaultLine: '3.12' };
  const at = (place: 'before' | 'after', blockHere = true) => ({ kind: 'file' as const, file: '/h/.bashrc', line: 9, shell: 'bash' as const, place, blockHere });

  it('WORKON_HOME after the block wins until a switch, is searched, and the two ways to choose are named', () => {
    const r = describeSetting({ name: 'WORKON_HOME', raw: '~/Envs', value: '/h/Envs', where: at('after') }, about);
    expect(r.subject).toBe("WORKON_HOME=~/Envs (~/.bashrc:9, after pyshim's block)");
    expect(r.what).toBe("it wins in new bash shells until `pyshim use` or a workon of another line's environment switches the line; workon finds its environments by name (a searched home)");
    expect(r.choose).toBe("to make it a line's home: pyshim add 3.12 --workon-home ~/Envs; to give each line its own home: move the assignment before pyshim's block");
  });

  it('WORKON_HOME before the block, or inherited: replaced by the line\'s home', () => {
    const before = describeSetting({ name: 'WORKON_HOME', raw: '~/Envs', value: '/h/Envs', where: at('before') }, about);
    expect(before.what).toMatch(/^new bash shells replace it with the line's home \(~\/\.virtualenvs312 on the 3\.12 line\); workon finds/);
    expect(before.choose).toMatch(/to keep it in those shells: move the assignment after pyshim's block$/);
    const env = describeSetting({ name: 'WORKON_HOME', raw: '/h/Envs', value: '/h/Envs', where: { kind: 'env' } }, about);
    expect(env.subject).toBe('WORKON_HOME=~/Envs (in your environment)');
    expect(env.choose).toMatch(/assign it after pyshim's block in your profile$/);
  });

  it('WORKON_HOME that cannot be resolved, or that is a line\'s home', () => {
    const unknown = describeSetting({ name: 'WORKON_HOME', raw: '$XDG/v', where: at('after') }, about);
    expect(unknown.what).toMatch(/pyshim cannot tell which directory it names without running your shell, so workon does not search it by name$/);
    expect(unknown.choose).toMatch(/^to have it searched: pyshim add 3\.12 --workon-home DIR/);
    const owned = describeSetting({ name: 'WORKON_HOME', raw: '~/.virtualenvs27', value: '/h/.virtualenvs27', where: at('before') }, about);
    expect(owned.what).toMatch(/it is the 2\.7 line's home$/);
    expect(owned.choose).not.toMatch(/--workon-home/);
  });

  it('VIRTUALENVWRAPPER_PYTHON after wins on every line, before is replaced; PROJECT_HOME and the virtualenv arguments are honoured', () => {
    expect(describeSetting({ name: 'VIRTUALENVWRAPPER_PYTHON', raw: '/p', value: '/p', where: at('after') }, about).choose).toBe("to let pyshim choose per line: move the assignment before pyshim's block");
    expect(describeSetting({ name: 'VIRTUALENVWRAPPER_PYTHON', raw: '/p', value: '/p', where: at('before', false) }, about).subject).toBe("VIRTUALENVWRAPPER_PYTHON=/p (~/.bashrc:9, read before pyshim's block)");
    expect(describeSetting({ name: 'PROJECT_HOME', raw: '~/src', value: '/h/src', where: at('before') }, about)).toEqual({ subject: "PROJECT_HOME=~/src (~/.bashrc:9, before pyshim's block)", what: 'honoured: pyshim never sets it (mkproject makes projects there)' });
    expect(describeSetting({ name: 'VIRTUALENVWRAPPER_VIRTUALENV_ARGS', raw: '-q', where: { kind: 'env' } }, about).choose).toBeUndefined();
  });

  it('environments in ~/.virtualenvs: found by name, and the line most were made with is the one suggested', () => {
    expect(describeEnvironments({ dir: '/h/.virtualenvs', count: 3, versions: { '2.7': 2, '3.12': 1 } }, about)).toBe(
      '3 environments in ~/.virtualenvs: workon finds them by name; new environments of a line go to its home (~/.virtualenvs27 for 2.7); to keep using ~/.virtualenvs for 2.7: pyshim add 2.7 --workon-home ~/.virtualenvs',
    );
    expect(describeEnvironments({ dir: '/h/.virtualenvs27', count: 1, versions: {} }, about)).toBe("1 environment in ~/.virtualenvs27: it is the 2.7 line's home");
  });
});
