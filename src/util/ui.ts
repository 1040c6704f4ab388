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

/**
 * Whether to colour: FORCE_COLOR asks for it anywhere (any value but '', 0
 * and false; and it wins over NO_COLOR, as in Node.js), FORCE_COLOR=0 or
 * false and NO_COLOR (any value but '') refuse it; else colour for a terminal
 * whose TERM is not dumb.
 */
export function colorWanted(env: NodeJS.ProcessEnv, terminal: boolean): boolean {
  const force = env.FORCE_COLOR;
  if (force === '0' || force === 'false') return false;
  if (force) return true;
  if (env.NO_COLOR) return false;
  return terminal && env.TERM !== 'dumb';
}

/** Colour for the stream (stdout when none is named): see colorWanted. */
export function useColor(stream?: NodeJS.WriteStream): boolean {
  const fd = stream ? ((stream as { fd?: number }).fd ?? 1) : 1;
  return colorWanted(process.env, isTerminal(fd));
}

/**
 * The width stdout's text must fit, in characters: COLUMNS when it is a
 * whole number above 0, else the terminal's when stdout is one, else
 * undefined (no limit: a file or a pipe gets whole lines). Asking the
 * terminal creates process.stdout (~5 ms), so only a terminal pays for it.
 */
export function outputWidth(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const columns = Number(env.COLUMNS);
  if (env.COLUMNS && Number.isInteger(columns) && columns > 0) return columns;
  if (!isTerminal(1)) return undefined;
  return process.stdout.columns || undefined;
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
let stdoutGone = false;

/**
 * Write to stdout. A plain write(2) first: creating process.stdout loads
 * Node's stream machinery (~5 ms), a tenth of `pyshim list`'s budget. A
 * non-blocking pipe that is full (EAGAIN) falls back to the stream. A reader
 * that went away (`pyshim add 3.12 | head -1`) gets nothing more, and the
 * command goes on to its end: stopping there would leave a change half made.
 */
export function print(text: string): void {
  if (stdoutGone) return;
  let buffer = Buffer.from(text);
  while (!stdoutStream && buffer.length > 0) {
    try {
      const written = fs.writeSync(1, buffer);
      buffer = buffer.subarray(written);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EPIPE') {
        stdoutGone = true;
        return;
      }
      if (code !== 'EAGAIN') throw error;
      stdoutStream = true;
      process.stdout.on('error', (e: NodeJS.ErrnoException) => {
        if (e.code === 'EPIPE') stdoutGone = true;
        else throw e;
      });
    }
  }
  if (buffer.length > 0 && !stdoutGone) process.stdout.write(buffer);
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
