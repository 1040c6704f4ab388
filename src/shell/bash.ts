import { PosixAdapter } from './posix.js';

export class BashAdapter extends PosixAdapter {
  readonly name = 'bash' as const;
  readonly initFileName = 'init.bash';

  syntaxCheckArgv(file: string): string[] {
    return ['bash', '-n', file];
  }
}
