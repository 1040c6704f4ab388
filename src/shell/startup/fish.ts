import type { ShellStartup } from './types.js';

/**
 * Every fish (interactive, login, `fish -c`) reads every conf.d/*.fish in
 * name order, then config.fish, both from its config folder
 * (XDG_CONFIG_HOME/fish, else ~/.config/fish). pyshim's block is a file of
 * its own in conf.d; the user's other snippets are read before or after it
 * by name. Listed with pyshim's file first, then the rest of conf.d.
 */
export const FISH: ShellStartup = {
  shell: 'fish',
  namedLike: /\.fish$/,
  files: [
    {
      name: 'pyshim.fish',
      dir: 'conf.d',
      readBy: ['interactive', 'login', 'non-interactive', 'ssh'],
      // One kind of block: every fish reads it, so the init file holds it all.
      edit: { kind: 'rc', owned: true, why: 'fish sources every file in conf.d at start-up; pyshim owns this one' },
    },
    // A snippet exists only to be sourced: one holding nothing but a block (`pyshim init fish > FILE`) is
    // deleted once the block is out.
    { name: '*.fish', dir: 'conf.d', readBy: ['interactive', 'login', 'non-interactive', 'ssh'], settings: 'by name' },
    // Read after every conf.d file: settings there come after pyshim's block, and win.
    { name: 'config.fish', dir: 'fish', readBy: ['interactive', 'login', 'non-interactive', 'ssh'], settings: 'after' },
  ],
};
