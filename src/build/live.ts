/**
 * A status that changes while a step runs: rewritten in place on a terminal,
 * and on anything else (a CI log, a pipe) printed as a plain line no more
 * often than every `intervalMs`, so logs stay readable.
 */
export class LiveStatus {
  private lastPlain = 0;
  private lastDrawn = 0;
  private shown = false;

  constructor(
    private readonly stream: NodeJS.WriteStream = process.stderr,
    private readonly intervalMs = 10_000,
  ) {}

  get tty(): boolean {
    return Boolean(this.stream.isTTY) && process.env.TERM !== 'dumb';
  }

  /** Show `text`; `force` prints a plain line even inside the interval (a milestone). */
  update(text: string, force = false): void {
    const now = performance.now();
    if (this.tty) {
      if (!force && now - this.lastDrawn < 100) return;
      this.lastDrawn = now;
      const width = (this.stream.columns || 80) - 1;
      this.stream.write(`\r\u001b[K  ${text.slice(0, width - 2)}`);
      this.shown = true;
      return;
    }
    if (!force && now - this.lastPlain < this.intervalMs) return;
    this.lastPlain = now;
    this.stream.write(`  ${text}\n`);
  }

  /** Remove the in-place line before the step's result is printed. */
  clear(): void {
    if (this.tty && this.shown) this.stream.write('\r\u001b[K');
    this.shown = false;
    this.lastPlain = performance.now();
  }
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
}

/** "[#####-----]  45%  11.9 of 26.4 MiB" — or, without a total, the bytes so far. */
export function downloadBar(received: number, total: number | undefined, width = 24): string {
  if (!total) return `${formatBytes(received)} so far`;
  const fraction = Math.min(1, received / total);
  const filled = Math.round(fraction * width);
  return `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}%  ${formatBytes(received)} of ${formatBytes(total)}`;
}

/** The 10% step `received` is in, for the plain percentage lines off a terminal. */
export function percentStep(received: number, total: number | undefined): number | undefined {
  return total ? Math.floor(Math.min(1, received / total) * 10) * 10 : undefined;
}

/**
 * Counts what make has compiled, from its output, line by line (a chunk may
 * end mid-line): a C compilation is a line with `-c` and `-o something.o`.
 */
export class CompileCounter {
  count = 0;
  private rest = '';

  feed(chunk: string): void {
    const text = this.rest + chunk;
    const lines = text.split('\n');
    this.rest = lines.pop() ?? '';
    for (const line of lines) if (isCompileLine(line)) this.count++;
  }
}

export function isCompileLine(line: string): boolean {
  return /(^|\s)-c(\s|$)/.test(line) && /\s-o\s+\S+\.o(\s|$)/.test(line);
}
