import type { ProfileBlockOptions } from './adapter.js';
import { PosixAdapter } from './posix.js';

export class BashAdapter extends PosixAdapter {
  readonly name = 'bash' as const;
  readonly initFileName = 'init.bash';

  /** In ~/.profile, which sh reads too, bash's init file only under bash. */
  protected override interactiveOnly(code: string, options: ProfileBlockOptions): string {
    if (options.readsBashrc) return `if [ -n "\${BASH_VERSION:-}" ] && [ -f "$HOME"/.bashrc ]; then builtin . "$HOME"/.bashrc; fi`;
    const interactive = super.interactiveOnly(code, options);
    return options.sharedWithSh ? `if [ -n "\${BASH_VERSION:-}" ]; then\n  ${interactive}\nfi` : interactive;
  }
}
