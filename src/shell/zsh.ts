import { PosixAdapter } from './posix.js';

export class ZshAdapter extends PosixAdapter {
  readonly name = 'zsh' as const;
  readonly initFileName = 'init.zsh';
}
