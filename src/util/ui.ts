import fs from 'node:fs';
import path from 'node:path';

const terminal = new Map<number, boolean>();

/**
 * Is this descriptor a terminal? A character device other than /dev/null.
 * (process.stdout.isTTY builds the stdout stream, and node:tty loads
 * node:net: 5–10 ms each, a fifth of `pyshim list`'s budget.)
 */
function isTerminal(fd: number): boolean {
  let answer = terminal.get(fd);
  if (answer === undefined) {
    try {
      const st = fs.fstatSync(fd);
      answer = st.isCharacterDevice() && st.rdev !== fs.statSync('/dev/null').rdev;
    } catch {
      answer = false;
    }
    terminal.set(fd, answer);
  }
  return answer;
}

/** Colour only for a person at a terminal, and never under NO_COLOR. */
export function useColor(stream?: NodeJS.WriteStream): boolean {
  const fd = stream ? ((stream as { fd?: number }).fd ?? 1) : 1;
  return isTerminal(fd) && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
}

function paint(code: string, text: string, stream?: NodeJS.WriteStream): string {
  return useColor(stream) ? `\u001b[${code}m${text}\u001b[0m` : text;
}

export const style = {
  bold: (t: string, s?: NodeJS.WriteStream) => paint('1', t, s),
  dim: (t: string, s?: NodeJS.WriteStream) => paint('2', t, s),
  red: (t: string, s?: NodeJS.WriteStream) => paint('31', t, s),
  green: (t: string, s?: NodeJS.WriteStream) => paint('32', t, s),
  yellow: (t: string, s?: NodeJS.WriteStream) => paint('33', t, s),
};

let stdoutStream = false;

/**
 * Write to stdout. A plain write(2) first: creating process.stdout loads
 * Node's stream machinery (~5 ms), a tenth of `pyshim list`'s budget. A
 * non-blocking pipe that is full (EAGAIN) falls back to the stream; a reader
 * that went away (`pyshim list | head`) ends the program quietly.
 */
export function print(text: string): void {
  let buffer = Buffer.from(text);
  while (!stdoutStream && buffer.length > 0) {
    try {
      const written = fs.writeSync(1, buffer);
      buffer = buffer.subarray(written);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') process.exit(process.exitCode ?? 0);
      if (code !== 'EAGAIN') throw error;
      stdoutStream = true;
      process.stdout.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
        throw e;
      });
    }
  }
  if (buffer.length > 0) process.stdout.write(buffer);
}

export function out(text = ''): void {
  print(text + '\n');
}

export function warn(text: string): void {
  process.stderr.write(`${style.yellow('pyshim: warning:', process.stderr)} ${text}\n`);
}

/** ~/x for paths inside the home, for messages a person reads. */
export function tildify(file: string, home: string): string {
  if (home && (file === home || file.startsWith(home.replace(/\/+$/, '') + path.sep))) {
    return '~' + file.slice(home.replace(/\/+$/, '').length);
  }
  return file;
}

/** Columns padded to their widest cell; the last column is not padded. */
export function table(rows: string[][]): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, [...cell].length)));
  return rows.map((row) =>
    row
      .map((cell, i) => (i === row.length - 1 ? cell : cell + ' '.repeat((widths[i] ?? 0) - [...cell].length)))
      .join('  ')
      .trimEnd(),
  );
}
