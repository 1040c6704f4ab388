/**
 * What spoils a profile's own commands for its shell, from its bytes alone:
 * a byte-order mark glued to the first command, or Windows line endings that
 * hand every command a stray carriage return. (pyshim's block, written with
 * plain line endings, runs all the same.) Pure.
 *
 * API
 *   readingProblem(bytes) → string | undefined   one line for the user, naming the fix (FILE stands for the path)
 */
export function readingProblem(bytes: Uint8Array): string | undefined {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  if (text.startsWith('\xef\xbb\xbf')) return 'starts with a byte-order mark, which the shell reads as part of the first command (fix: sed -i \'1s/^\\xEF\\xBB\\xBF//\' FILE)';
  const lines = text.split('\n').length - 1;
  const crlf = text.split('\r\n').length - 1;
  if (lines > 0 && crlf * 2 > lines) return 'has Windows (CRLF) line endings: the shell reads a stray carriage return at the end of every command (fix: dos2unix FILE)';
  return undefined;
}
