import type { ShellStartup } from './types.js';

/**
 * bash reads one of two sets of files, by the kind of start: a login shell
 * reads the first of ~/.bash_profile, ~/.bash_login, ~/.profile that exists
 * (and, usually, ~/.bashrc because that file sources it); any other
 * interactive shell, and a command sent over ssh, reads ~/.bashrc. A plain
 * `bash -c` reads nothing (BASH_ENV aside). Listed as pyshim names them:
 * ~/.bashrc first, then the login files in the order bash tries them.
 */
export const BASH: ShellStartup = {
  shell: 'bash',
  files: [
    {
      name: '.bashrc',
      dir: 'home',
      readBy: ['interactive', 'ssh'],
      settings: 'before',
      // First in ~/.bashrc: before the `case $- in *i*)` return that keeps ssh commands from the end of it,
      // and before the user's own settings, which then win (WORKON_HOME, a later PATH, their own aliases).
      // Its block gives an ssh command the PATH part alone, an interactive shell the init file.
      edit: { kind: 'rc', at: 'start', why: 'bash reads it in every interactive shell, and for commands sent over ssh' },
    },
    // The login files: a login block (PATH for every login shell, interactive or not; the init file when
    // interactive). It does not depend on whether the login file reads ~/.bashrc: a ~/.bashrc that returns
    // early for non-interactive shells (as Debian's does) is no longer a trap. Settings there come before
    // the block: a login shell reads them before an interactive shell's ~/.bashrc, or passes them on.
    {
      name: '.bash_profile',
      dir: 'home',
      readBy: ['login'],
      firstOf: 'login',
      settings: 'before',
      edit: { kind: 'login', why: 'bash login shells read it first' },
    },
    {
      name: '.bash_login',
      dir: 'home',
      readBy: ['login'],
      firstOf: 'login',
      settings: 'before',
      edit: { kind: 'login', why: 'bash login shells read it first' },
    },
    {
      // sh reads it too, so its block must stay sh (no bash init file there, sh checks its syntax).
      // With no login file at all, it is the one created (never a ~/.bash_profile, which would hide it
      // from sh); beside a ~/.bash_profile, bash skips it but sh still reads it: the PATH part for sh.
      name: '.profile',
      dir: 'home',
      readBy: ['login'],
      alsoReadBy: 'sh',
      firstOf: 'login',
      settings: 'before',
      edit: {
        kind: 'login',
        why: 'bash and sh login shells read it',
        whenSkipped: { kind: 'env', why: 'sh login shells read it (PATH only)' },
        whenNoneExists: { why: 'no login file yet: created, so bash -l and sh -l get the shims (it reads ~/.bashrc in bash)', readsBashrc: true },
      },
    },
    // Debian's and Ubuntu's ~/.bashrc source it (after their early return): `pyshim init` may have been
    // appended there by hand, so uninstall looks at it; setup never writes there.
    { name: '.bash_aliases', dir: 'home', readBy: ['interactive'], sourcedBy: '.bashrc' },
  ],
};
