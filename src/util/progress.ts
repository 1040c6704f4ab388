import { style } from './ui.js';

/**
 * Long work shown as steps: each step's name when it starts, and how it
 * ended with its time. Output goes to stderr so stdout stays for results.
 */
export class Progress {
  private started = 0;
  private current = '';

  constructor(private readonly stream: NodeJS.WriteStream = process.stderr) {}

  start(step: string): void {
    this.current = step;
    this.started = performance.now();
    this.stream.write(`${style.dim('→', this.stream)} ${step} …\n`);
  }

  private elapsed(): string {
    const ms = performance.now() - this.started;
    return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
  }

  done(detail: string): void {
    this.stream.write(`${style.green('✓', this.stream)} ${this.current}: ${detail} (${this.elapsed()})\n`);
  }

  warn(detail: string): void {
    this.stream.write(`${style.yellow('!', this.stream)} ${this.current}: ${detail} (${this.elapsed()})\n`);
  }

  fail(detail: string): void {
    this.stream.write(`${style.red('✗', this.stream)} ${this.current}: ${detail} (${this.elapsed()})\n`);
  }
}
