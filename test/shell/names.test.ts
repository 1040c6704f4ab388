import { describe, expect, it } from 'vitest';
import { parseShell, parseShells, shellNamed, shellOf } from '../../src/shell/names.js';
import { refusal } from '../helpers/errors.js';

const usage = refusal;

describe('shell names', () => {
  it('a typed name: one of the three, else a usage error whose hint names the command with each shell', () => {
    expect(parseShell('fish', 'init')).toBe('fish');
    const e = usage(() => parseShell('tcsh', 'completion'));
    expect(e.exitCode).toBe(2);
    expect(e.message).toBe("unknown shell 'tcsh' (pyshim supports bash, zsh, fish)");
    expect(e.hint).toBe('run one of: pyshim completion bash, pyshim completion zsh, pyshim completion fish');
  });

  it('a login shell path or a bare name; anything else is not a shell pyshim sets up', () => {
    expect(shellNamed('/usr/bin/zsh')).toBe('zsh');
    expect(shellNamed('bash')).toBe('bash');
    expect(shellNamed('/bin/tcsh')).toBeUndefined();
    expect(shellNamed('/opt/fish/bin/fish-3')).toBeUndefined();
    expect(shellNamed(undefined)).toBeUndefined();
  });

  it('--shell: a comma list, trimmed, duplicates dropped, in the order given', () => {
    expect(parseShells(' zsh,bash ,zsh', undefined)).toEqual(['zsh', 'bash']);
    expect(parseShells(undefined, '/usr/local/bin/fish')).toEqual(['fish']);
  });

  it('--shell: an unknown name, an empty list or an unknown login shell is a usage error naming --shell', () => {
    expect(usage(() => parseShells('bash,ksh', undefined))).toMatchObject({ message: expect.stringContaining("unknown shell 'ksh'"), exitCode: 2 });
    expect(usage(() => parseShells(',', undefined)).exitCode).toBe(2);
    const login = usage(() => parseShells(undefined, '/bin/tcsh'));
    expect(login.message).toContain("your login shell '/bin/tcsh' is not bash, zsh or fish");
    expect(login.hint).toBe('name them: pyshim setup --shell bash,zsh,fish');
    expect(usage(() => parseShells(undefined, undefined)).message).toContain('$SHELL is not set');
  });

  it('the shell that checks a profile: sh for ~/.profile, which sh reads too', () => {
    expect(shellOf('/h/.config/fish/conf.d/pyshim.fish')).toBe('fish');
    expect(shellOf('/h/.zshrc')).toBe('zsh');
    expect(shellOf('/h/zdot/.zprofile')).toBe('zsh');
    expect(shellOf('/h/.profile')).toBe('sh');
    expect(shellOf('/h/.bash_profile')).toBe('bash');
    expect(shellOf('/h/dotfiles/bashrc')).toBe('bash');
  });
});
