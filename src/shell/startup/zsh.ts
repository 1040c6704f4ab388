import type { ShellStartup } from './types.js';

/**
 * zsh reads, in this order: .zshenv (every zsh, `zsh -c` and ssh commands
 * too), .zprofile (login shells), .zshrc (interactive shells), .zlogin (login
 * shells). .zshenv comes from ZDOTDIR as the environment gives it, else HOME;
 * it may set ZDOTDIR, and the other three come from there (as zsh resolves
 * it, which only zsh can say: ../targets.ts asks it).
 */
export const ZSH: ShellStartup = {
  shell: 'zsh',
  namedLike: /^\.z/,
  files: [
    {
      name: '.zshenv',
      dir: 'zdotdir-env',
      readBy: ['interactive', 'login', 'non-interactive', 'ssh'],
      settings: 'before',
      // The PATH part for the shells that read no .zshrc (zsh -c, a login shell's script); an interactive
      // zsh gets it from .zshrc's init file.
      edit: { kind: 'env', why: 'every zsh reads it, zsh -c and login shells too (PATH only)' },
    },
    // Login shells, before .zshrc: settings there come before pyshim's block. .zshenv's block gave a login shell PATH already.
    { name: '.zprofile', dir: 'zdotdir', readBy: ['login'], settings: 'before' },
    {
      name: '.zshrc',
      dir: 'zdotdir',
      readBy: ['interactive'],
      settings: 'before',
      edit: { kind: 'rc', why: 'zsh reads it in every interactive shell', whyAway: (dir) => `zsh reads it from ZDOTDIR (${dir})` },
    },
    // Login shells, after .zshrc: settings there come after pyshim's block, and win.
    { name: '.zlogin', dir: 'zdotdir', readBy: ['login'], settings: 'after' },
  ],
};
