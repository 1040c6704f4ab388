import type { ProfileBlockOptions } from './adapter.js';
import { PosixAdapter } from './posix.js';

export class BashAdapter extends PosixAdapter {
  readonly name = 'bash' as const;
  readonly initFileName = 'init.bash';

  override profileBlockBody(initFile: string, home: string, options: ProfileBlockOptions = {}): string {
    const body = super.profileBlockBody(initFile, home);
    return options.sharedWithSh ? `if [ -n "\${BASH_VERSION:-}" ]; then\n  ${body}\nfi\n` : body;
  }
}
