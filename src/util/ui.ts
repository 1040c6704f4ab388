import path from 'node:path';

/** Colour only for a person at a terminal, and never under NO_COLOR. */
export function useColor(stream: NodeJS.WriteStream = process.stdout): boolean {
  return Boolean(stream.isTTY) && !('NO_COLOR' in process.env) && process.env.TERM !== 'dumb';
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

export function out(text = ''): void {
  process.stdout.write(text + '\n');
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
