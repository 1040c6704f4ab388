import type { BlockFiles, ProfileBlockOptions } from './adapter.js';
import { PosixAdapter } from './posix.js';

export class ZshAdapter extends PosixAdapter {
  readonly initFileName = 'init.zsh';

  /**
   * The init file is read in zsh's own emulation, whatever the user's rc set
   * before the block (`emulate sh`, `setopt no_multi_func_def`): the functions
   * it defines keep that emulation (they are "sticky"), so they work too.
   */
  override profileBlockBody(files: BlockFiles, home: string, options: ProfileBlockOptions = {}): string {
    // .zshenv: an interactive zsh gets the PATH part from .zshrc's init file; read env.sh only otherwise.
    if (options.kind === 'env') return `[[ -o interactive ]] || { ${super.profileBlockBody(files, home, options)}; }`;
    if ((options.kind ?? 'rc') !== 'rc') return super.profileBlockBody(files, home, options);
    const init = this.homePath(files.init, home);
    return this.sourceIfReadable(init, `_pyshim_init=${init} builtin emulate zsh -c 'builtin . $_pyshim_init'`);
  }
}
