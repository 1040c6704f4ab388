import fs from 'node:fs';
import path from 'node:path';

/** One log file per long run (a build, a bootstrap): every command and all its output, which a failure names. */
export class RunLog {
  readonly file: string;
  private readonly fd: number;

  constructor(dir: string, name: string) {
    fs.mkdirSync(dir, { recursive: true });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    this.file = path.join(dir, `${name}-${stamp}.log`);
    this.fd = fs.openSync(this.file, 'a');
  }

  write(text: string | Uint8Array): void {
    if (typeof text === 'string') fs.writeSync(this.fd, text);
    else fs.writeSync(this.fd, text);
  }

  line(text: string): void {
    this.write(`${text}\n`);
  }

  close(): void {
    try {
      fs.closeSync(this.fd);
    } catch {
      // already closed
    }
  }

  /** The last `count` non-empty lines, indented for an error message. */
  tail(count = 15): string {
    return lastLines(fs.readFileSync(this.file, 'utf8'), count);
  }
}

export function lastLines(text: string, count: number): string {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '')
    .slice(-count)
    .map((l) => `    ${l}`)
    .join('\n');
}
