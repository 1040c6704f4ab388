import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupTargets, sourcesBashrc, uninstallCandidates, type TargetFacts } from '../../src/setup/targets.js';

function facts(files: Record<string, string>, extra: Partial<TargetFacts> = {}): TargetFacts {
  return {
    home: '/h',
    exists: (f) => f in files,
    read: (f) => files[f],
    ...extra,
  };
}

describe('which profiles setup edits', () => {
  it('bash: only ~/.bashrc when the login file already sources it (Debian default ~/.profile)', () => {
    const t = setupTargets('bash', facts({ '/h/.profile': 'if [ -f "$HOME/.bashrc" ]; then\n    . "$HOME/.bashrc"\nfi\n' }));
    expect(t.map((x) => x.file)).toEqual(['/h/.bashrc']);
  });

  it('bash: also the first login file bash reads when it does not source ~/.bashrc', () => {
    const t = setupTargets('bash', facts({ '/h/.bash_profile': 'export X=1\n', '/h/.profile': '. ~/.bashrc\n' }));
    expect(t.map((x) => x.file)).toEqual(['/h/.bashrc', '/h/.bash_profile']);
    expect(t[1]?.why).toMatch(/does not source/);
  });

  it('bash: never creates a login file (no ~/.bash_profile that would hide ~/.profile)', () => {
    expect(setupTargets('bash', facts({})).map((x) => x.file)).toEqual(['/h/.bashrc']);
  });

  it('bash: a commented-out source line does not count', () => {
    expect(sourcesBashrc('# . ~/.bashrc\n')).toBe(false);
    expect(sourcesBashrc('source ~/.bashrc\n')).toBe(true);
    expect(sourcesBashrc('[ -f ~/.bashrc ] && . ~/.bashrc\n')).toBe(true);
    expect(sourcesBashrc('echo .bashrc\n')).toBe(false);
  });

  it('zsh: ZDOTDIR as zsh resolved it', () => {
    expect(setupTargets('zsh', facts({}, { zdotdir: '/h/.config/zsh' }))[0]?.file).toBe('/h/.config/zsh/.zshrc');
    expect(setupTargets('zsh', facts({}))[0]?.file).toBe('/h/.zshrc');
  });

  it('fish: its own conf.d file, under XDG_CONFIG_HOME when set', () => {
    expect(setupTargets('fish', facts({}))[0]).toMatchObject({ file: '/h/.config/fish/conf.d/pyshim.fish', owned: true });
    expect(setupTargets('fish', facts({}, { xdgConfigHome: '/x' }))[0]?.file).toBe('/x/fish/conf.d/pyshim.fish');
  });

  it('uninstall also looks in every file bash, zsh and fish read at start, where users append `pyshim init` by hand', () => {
    const c = uninstallCandidates(facts({}, { zdotdir: '/z' }));
    const bash = ['.bashrc', '.bash_profile', '.bash_login', '.profile', '.bash_aliases'];
    const zsh = ['.zshenv', '.zprofile', '.zshrc', '.zlogin'];
    for (const f of [...bash, ...zsh].map((n) => path.join('/h', n))) expect(c).toContain(f);
    for (const f of zsh.map((n) => path.join('/z', n))) expect(c).toContain(f);
    expect(c).toContain('/h/.config/fish/config.fish');
    expect(c).toContain('/h/.config/fish/conf.d/pyshim.fish');
    expect(new Set(c).size).toBe(c.length);
  });

  it('uninstall looks at every *.fish file in fish\'s conf.d, and only those', () => {
    const listed: string[] = [];
    const c = uninstallCandidates(
      facts({}, {
        xdgConfigHome: '/x',
        listFiles: (dir) => {
          listed.push(dir);
          return ['b.fish', 'a.fish', 'notes.txt', 'pyshim.fish'];
        },
      }),
    );
    expect(listed).toEqual(['/x/fish/conf.d']);
    expect(c.filter((f) => f.startsWith('/x/fish/conf.d/'))).toEqual(['/x/fish/conf.d/pyshim.fish', '/x/fish/conf.d/a.fish', '/x/fish/conf.d/b.fish']);
  });
});
