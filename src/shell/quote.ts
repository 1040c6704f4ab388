/**
 * Quoting for generated shell text. POSIX shells (sh, bash, zsh) and fish
 * quote differently, so each has its own function; both are proven by running
 * the real shells on adversarial strings (test/shell/quote.test.ts).
 */

// Words left bare: nothing here is special to sh, bash or zsh in any position.
// `~` and `=` are left out (tilde expansion; zsh's `=cmd` expansion), and so is
// anything non-ASCII, so a word never depends on the reader's locale.
const POSIX_BARE = /^[A-Za-z0-9_./:@%+,-]+$/;

/**
 * One word for sh, bash and zsh: the value comes back byte for byte. Single
 * quotes, with `'` written as `'\''`: inside single quotes nothing is special,
 * not even `!` to an interactive bash or zsh (double quotes would need `\!`,
 * which bash keeps as two characters).
 */
export function quotePosix(value: string): string {
  if (POSIX_BARE.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
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
