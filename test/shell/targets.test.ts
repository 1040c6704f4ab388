import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { setupTargets, uninstallCandidates, type TargetFacts } from '../../src/shell/targets.js';

function facts(files: Record<string, string>, extra: Partial<TargetFacts> = {}): TargetFacts {
  return {
    home: '/h',
    exists: (f) => f in files,
    read: (f) => files[f],
    ...extra,
  };
}

describe('which profiles setup edits', () => {
  const pick = (t: ReturnType<typeof setupTargets>) => t.map((x) => [x.file, x.kind, Boolean(x.sharedWithSh)]);

  it('bash: ~/.bashrc, and a login block in ~/.profile whatever it sources (Debian: it reads ~/.bashrc, which returns early)', () => {
    const t = setupTargets('bash', facts({ '/h/.profile': 'if [ -f "$HOME/.bashrc" ]; then\n    . "$HOME/.bashrc"\nfi\n' }));
    expect(pick(t)).toEqual([['/h/.bashrc', 'rc', false], ['/h/.profile', 'login', true]]);
  });

  it('bash: the first login file bash reads gets the login block, and ~/.profile beside it the PATH part for sh', () => {
    const t = setupTargets('bash', facts({ '/h/.bash_profile': 'export X=1\n', '/h/.profile': '. ~/.bashrc\n' }));
    expect(pick(t)).toEqual([['/h/.bashrc', 'rc', false], ['/h/.bash_profile', 'login', false], ['/h/.profile', 'env', true]]);
    // bash reads ~/.bash_login only without ~/.bash_profile.
    expect(pick(setupTargets('bash', facts({ '/h/.bash_login': '', '/h/.profile': '' })))[1]).toEqual(['/h/.bash_login', 'login', false]);
  });

  it('bash: with no login file at all, creates ~/.profile (never a ~/.bash_profile) that reads ~/.bashrc in bash', () => {
    const t = setupTargets('bash', facts({}));
    expect(pick(t)).toEqual([['/h/.bashrc', 'rc', false], ['/h/.profile', 'login', true]]);
    expect(t[1]?.readsBashrc).toBe(true);
  });

  it('zsh: .zshrc where zsh resolved ZDOTDIR, and the PATH part in the .zshenv every zsh reads', () => {
    expect(pick(setupTargets('zsh', facts({}, { zdotdir: '/h/.config/zsh' })))).toEqual([['/h/.config/zsh/.zshrc', 'rc', false], ['/h/.zshenv', 'env', false]]);
    expect(pick(setupTargets('zsh', facts({})))).toEqual([['/h/.zshrc', 'rc', false], ['/h/.zshenv', 'env', false]]);
    // ZDOTDIR already in the environment: zsh reads .zshenv from there.
    expect(setupTargets('zsh', facts({}, { zdotdir: '/z', zdotdirFromEnv: '/z' }))[1]?.file).toBe('/z/.zshenv');
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
