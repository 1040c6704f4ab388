import type { BlockFiles, ProfileBlockOptions } from './adapter.js';
import { PosixAdapter } from './posix.js';

export class BashAdapter extends PosixAdapter {
  readonly initFileName = 'init.bash';

  /**
   * ~/.bashrc is also read, non-interactively, for a command sent over ssh:
   * that shell gets the PATH part alone, an interactive one the init file.
   */
  override profileBlockBody(files: BlockFiles, home: string, options: ProfileBlockOptions = {}): string {
    if ((options.kind ?? 'rc') !== 'rc') return super.profileBlockBody(files, home, options);
    const init = this.sourceIfReadable(this.homePath(files.init, home));
    const env = this.sourceIfReadable(this.homePath(files.env, home));
    return `case $- in\n  *i*) ${init} ;;\n  *) ${env} ;;\nesac`;
  }

  /** In ~/.profile, which sh reads too, bash's init file only under bash. */
  protected override interactiveOnly(code: string, options: ProfileBlockOptions): string {
    if (options.readsBashrc) return `if [ -n "\${BASH_VERSION:-}" ] && [ -f "$HOME"/.bashrc ]; then builtin . "$HOME"/.bashrc; fi`;
    const interactive = super.interactiveOnly(code, options);
    return options.sharedWithSh ? `if [ -n "\${BASH_VERSION:-}" ]; then\n  ${interactive}\nfi` : interactive;
  }
}
