import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderInitFile, type InitFacts } from '../../src/init/render.js';
import { packageRoot } from '../../src/paths.js';
import { SHELLS, type ShellName } from '../../src/shell/adapter.js';
import { adapterFor } from '../../src/shell/shells.js';
import { describeWith, itWith, shells } from '../helpers/machine.js';

const lazyLoader = path.join(packageRoot(), 'shells', 'posix', 'virtualenvwrapper-lazy.sh');

function factsFor(home: string, data: string): InitFacts {
  const bin = path.join(data, 'bin');
  return {
    home,
    binDir: bin,
    lines: ['2.7', '3.11', '3.12'].map((version) => ({
      version,
      hookPython: '/usr/bin/python3',
      virtualenv: path.join(bin, `virtualenv-${version}`),
      workonHome: path.join(home, `.virtualenvs${version.replace('.', '')}`),
      ...(version === '3.11' ? {} : { virtualenvwrapperScript: '/usr/share/virtualenvwrapper/virtualenvwrapper.sh' }),
    })),
    defaultLine: '3.12',
    lazyLoader,
    fishVirtualenvwrapper: path.join(packageRoot(), 'shells', 'fish', 'virtualenvwrapper.fish'),
  };
}

let base: string;
let home: string;
let data: string;
const files: Partial<Record<ShellName, string>> = {};

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-init-'));
  // A home and a data dir outside it with the characters that break quoting.
  home = path.join(base, `home with 'quotes' "and" $dollar`);
  data = path.join(base, `data *?[ \`tick\` é`);
  fs.mkdirSync(home, { recursive: true });
  fs.mkdirSync(data, { recursive: true });
  for (const shell of SHELLS) {
    const file = path.join(data, adapterFor(shell).initFileName);
    fs.writeFileSync(file, renderInitFile(shell, factsFor(home, data)));
    files[shell] = file;
  }
});
afterAll(() => fs.rmSync(base, { recursive: true, force: true }));

function startArgs(shell: ShellName): string[] {
  return { bash: ['--norc', '--noprofile', '-c'], zsh: ['-f', '-c'], fish: ['--no-config', '-c'] }[shell];
}

async function inShell(shell: ShellName, script: string) {
  return execa(shell, [...startArgs(shell), script], {
    env: { PATH: '/usr/bin:/bin', HOME: home, LANG: 'C.UTF-8', INIT: files[shell]! },
    extendEnv: false,
    reject: false,
  });
}

describe('rendered init files', () => {
  it('are the same text for the same facts, and run no program at start-up', () => {
    for (const shell of SHELLS) {
      const text = renderInitFile(shell, factsFor(home, data));
      expect(renderInitFile(shell, factsFor(home, data))).toBe(text);
      // No command substitution of any kind in the code a shell reads at start
      // (the data dir's name holds backticks, quoted: those are text).
      const code = text
        .split('\n')
        .filter((line) => !/^\s*#/.test(line))
        .join('\n')
        .replace(/'[^']*'/g, "''");
      expect(code).not.toMatch(/\$\(|`|\(\s*command\s/);
      expect(code).not.toMatch(/\bpython3? -|\bnode\b/);
    }
  });

  for (const shell of SHELLS) {
    describeWith(shells[shell], shell)(shell, () => {
      itWith(shells[shell], shell)('passes the shell\'s own syntax check', async () => {
        const [cmd, ...args] = adapterFor(shell).syntaxCheckArgv(files[shell]!);
        const result = await execa(cmd!, args, { reject: false });
        expect(result.stderr).toBe('');
        expect(result.exitCode).toBe(0);
      });

      itWith(shells[shell], shell)('puts bin on PATH once, however often it is sourced, silently', async () => {
        const src = shell === 'fish' ? 'source "$INIT"' : '. "$INIT"';
        const print = shell === 'fish' ? 'printf "%s\\n" $PATH' : 'printf "%s\\n" "$PATH" | tr : "\\n"';
        const result = await inShell(shell, `${src}; ${src}; ${src}; ${print}`);
        expect(result.stderr).toBe('');
        const dirs = result.stdout.split('\n');
        expect(dirs.filter((d) => d === path.join(data, 'bin'))).toHaveLength(1);
        expect(dirs[0]).toBe(path.join(data, 'bin'));
      });

      itWith(shells[shell], shell)('starts on the default line and switches with pyshim use', async () => {
        const src = shell === 'fish' ? 'source "$INIT"' : '. "$INIT"';
        const show = 'printf "%s|%s|%s\\n" "$PYSHIM_LINE" "$WORKON_HOME" "$VIRTUALENVWRAPPER_VIRTUALENV"';
        const result = await inShell(shell, `${src}; ${show}; pyshim use 2.7; ${show}; pyshim use 9.9; echo "rc=${shell === 'fish' ? '$status' : '$?'}"`);
        const [first, second, third] = result.stdout.split('\n');
        expect(first).toBe(`3.12|${home}/.virtualenvs312|${data}/bin/virtualenv-3.12`);
        expect(second).toBe(`2.7|${home}/.virtualenvs27|${data}/bin/virtualenv-2.7`);
        expect(third).toBe('rc=1');
        expect(result.stderr).toContain('pyshim: 9.9 is not a registered line (registered: 2.7, 3.11, 3.12)');
        expect(result.stderr).toContain('pyshim list');
      });
    });
  }

  itWith(shells.shellcheck, 'shellcheck')('init.bash and the lazy loader pass shellcheck', async () => {
    const result = await execa('shellcheck', ['-s', 'bash', files.bash!, lazyLoader], { reject: false });
    expect(result.stdout).toBe('');
    expect(result.exitCode).toBe(0);
  });

  it('the lazy loader restores exactly the stubs the init files define', () => {
    const stubs = (text: string) => [...text.matchAll(/^\s*([a-z0-9]+)\(\) \{ _pyshim_vew_run \1 "\$@"; \}$/gm)].map((m) => m[1]).sort();
    const init = stubs(renderInitFile('bash', factsFor(home, data)));
    expect(init.length).toBeGreaterThan(15);
    expect(stubs(fs.readFileSync(lazyLoader, 'utf8'))).toEqual(init);
    expect(stubs(renderInitFile('zsh', factsFor(home, data)))).toEqual(init);
  });

  for (const shell of ['bash', 'zsh'] as const) {
    itWith(shells[shell], shell)(`${shell}: a line without virtualenvwrapper says so with the fix`, async () => {
      const result = await inShell(shell, '. "$INIT"; pyshim use 3.11; mkvirtualenv x; echo "rc=$?"');
      expect(result.stdout.trim()).toBe('rc=1');
      expect(result.stderr).toContain('no virtualenvwrapper.sh was found for the 3.11 line');
      expect(result.stderr).toContain('pyshim bootstrap 3.11 --with virtualenvwrapper');
    });
  }

  it('an empty registry still renders valid files', async () => {
    for (const shell of SHELLS) {
      const text = renderInitFile(shell, { ...factsFor(home, data), lines: [], defaultLine: undefined });
      expect(text).toContain('registered: none');
      if (!shells[shell]) continue;
      const file = path.join(base, `empty.${shell}`);
      fs.writeFileSync(file, text);
      const [cmd, ...args] = adapterFor(shell).syntaxCheckArgv(file);
      expect((await execa(cmd!, args, { reject: false })).exitCode).toBe(0);
    }
  });
});
