import { quote as shellQuote } from 'shell-quote';

/** One word for sh, bash and zsh: the value comes back byte for byte. */
export function quotePosix(value: string): string {
  if (value === '') return "''";
  return shellQuote([value]);
}

/**
 * One word for fish. fish is not POSIX: inside single quotes only `\\` and
 * `\'` are escapes, and everything else (newlines, `$`, `*`) is literal.
 */
export function quoteFish(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * A path for sh/bash/zsh that stays relative to `$HOME` when it lies inside
 * `home`, so generated text survives being synced to another machine.
 */
export function posixHomePath(file: string, home: string): string {
  const rest = relativeToHome(file, home);
  if (rest === undefined) return quotePosix(file);
  return rest === '' ? '"$HOME"' : `"$HOME"/${quotePosix(rest)}`;
}

/** The same for fish. */
export function fishHomePath(file: string, home: string): string {
  const rest = relativeToHome(file, home);
  if (rest === undefined) return quoteFish(file);
  return rest === '' ? '"$HOME"' : `"$HOME"/${quoteFish(rest)}`;
}

function relativeToHome(file: string, home: string): string | undefined {
  const base = home.replace(/\/+$/, '');
  if (!base) return undefined;
  if (file === base) return '';
  if (file.startsWith(base + '/')) return file.slice(base.length + 1);
  return undefined;
}
