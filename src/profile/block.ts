/**
 * The pyshim block in a shell profile, as a pure transform over bytes.
 *
 * API
 *   BEGIN_MARKER, END_MARKER        the marker lines (without newline)
 *   blockText(body)                 exactly what `pyshim init SHELL` prints and `setup` appends:
 *                                   "\n# >>> pyshim >>>\n" + body + "# <<< pyshim <<<\n"
 *   findBlocks(bytes)               { ok: true, blocks } | BrokenMarkers (1-based line numbers)
 *   insertBlock(bytes, body)        append the block, or refresh the first one in place (keeping its
 *                                   line endings) and drop the others; idempotent
 *   removeBlocks(bytes)             drop every block with the newline it brought;
 *                                   removeBlocks(insertBlock(x, b)) equals x byte for byte, also
 *                                   after a line-ending conversion c of both:
 *                                   removeBlocks(c(insertBlock(x, b))) equals c(x)
 *   BrokenMarkersError              thrown by insertBlock / removeBlocks; carries the BrokenMarkers
 *
 * Bytes are handled as latin1 strings (one code unit per byte, both ways), so
 * CRLF, NUL and non-UTF-8 bytes outside the block come back exactly as they
 * were. Nothing here decodes UTF-8.
 */

export const BEGIN_MARKER = '# >>> pyshim >>>';
export const END_MARKER = '# <<< pyshim <<<';

/**
 * The begin line of a block appended to a file whose last line ends in a
 * backslash and no newline: the shell joins that line with the next one, so
 * the block brings an empty line for it to join, and says so here — which is
 * how removal knows to take that line too.
 */
export const CONTINUED_BEGIN_MARKER = `${'# >>> pyshim >>>'} (after a line that ends in a backslash)`;

// Whole lines only; trailing blanks and a CR (a file edited on Windows) are
// tolerated when finding, never written.
const BEGIN_LINE = /^# >>> pyshim >>>( \(after a line that ends in a backslash\))?[ \t\r]*$/;
const CONTINUED = / \(after a line that ends in a backslash\)/;

/** Does the text end inside a line continuation (an odd run of backslashes, no newline)? */
function endsContinued(text: string): boolean {
  const run = /\\+$/.exec(text)?.[0].length ?? 0;
  return run % 2 === 1;
}
const END_LINE = /^# <<< pyshim <<<[ \t\r]*$/;

export interface Block {
  /** 1-based line numbers of the marker lines. */
  beginLine: number;
  endLine: number;
  /** Byte offsets: start of the begin line; just past the end line's newline (or end of input). */
  start: number;
  end: number;
}

export type MarkerProblem =
  | { kind: 'begin-without-end'; line: number }
  | { kind: 'end-without-begin'; line: number }
  | { kind: 'nested-begin'; line: number; outerLine: number };

export interface BrokenMarkers {
  ok: false;
  problems: MarkerProblem[];
}

export type FoundBlocks = { ok: true; blocks: Block[] } | BrokenMarkers;

export class BrokenMarkersError extends Error {
  constructor(readonly broken: BrokenMarkers) {
    super(describeProblems(broken.problems));
    this.name = 'BrokenMarkersError';
  }
}

/** "line 3: begin marker without an end marker; line 9: …" */
export function describeProblems(problems: MarkerProblem[]): string {
  return problems
    .map((p) => {
      switch (p.kind) {
        case 'begin-without-end':
          return `line ${p.line}: "${BEGIN_MARKER}" has no "${END_MARKER}" after it`;
        case 'end-without-begin':
          return `line ${p.line}: "${END_MARKER}" has no "${BEGIN_MARKER}" before it`;
        case 'nested-begin':
          return `line ${p.line}: "${BEGIN_MARKER}" inside the block begun on line ${p.outerLine}`;
      }
    })
    .join('; ');
}

const toText = (bytes: Uint8Array): string => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
const toBytes = (text: string): Buffer => Buffer.from(text, 'latin1');

function checkBody(body: string): string {
  const text = body === '' || body.endsWith('\n') ? body : body + '\n';
  for (const line of text.split('\n')) {
    // A marker inside the body would make the result unreadable as one block.
    if (BEGIN_LINE.test(line) || END_LINE.test(line)) throw new Error('a pyshim block body must not contain marker lines');
  }
  return text;
}

/** The text `pyshim init SHELL` prints: the leading newline belongs to the block. */
export function blockText(body: string): string {
  return `\n${BEGIN_MARKER}\n${checkBody(body)}${END_MARKER}\n`;
}

// The body is text (a HOME may be non-ASCII): its UTF-8 bytes, seen as latin1.
function blockLatin1(body: string, leadingNewline: boolean): string {
  const text = Buffer.from(blockText(body), 'utf8').toString('latin1');
  return leadingNewline ? text : text.slice(1);
}

function continued(block: string): string {
  return block.replace(BEGIN_MARKER, CONTINUED_BEGIN_MARKER);
}

function scan(text: string): FoundBlocks {
  const blocks: Block[] = [];
  const problems: MarkerProblem[] = [];
  let open: { line: number; start: number } | undefined;
  let offset = 0;
  let lineNo = 0;
  while (offset < text.length) {
    lineNo += 1;
    const nl = text.indexOf('\n', offset);
    const lineEnd = nl === -1 ? text.length : nl;
    const next = nl === -1 ? text.length : nl + 1;
    const line = text.slice(offset, lineEnd);
    if (BEGIN_LINE.test(line)) {
      if (open) problems.push({ kind: 'nested-begin', line: lineNo, outerLine: open.line });
      else open = { line: lineNo, start: offset };
    } else if (END_LINE.test(line)) {
      if (open) {
        blocks.push({ beginLine: open.line, endLine: lineNo, start: open.start, end: next });
        open = undefined;
      } else {
        problems.push({ kind: 'end-without-begin', line: lineNo });
      }
    }
    offset = next;
  }
  if (open) problems.push({ kind: 'begin-without-end', line: open.line });
  if (problems.length > 0) return { ok: false, problems: problems.sort((a, b) => a.line - b.line) };
  return { ok: true, blocks };
}

export function findBlocks(bytes: Uint8Array): FoundBlocks {
  return scan(toText(bytes));
}

function blocksOrThrow(text: string): Block[] {
  const found = scan(text);
  if (!found.ok) throw new BrokenMarkersError(found);
  return found.blocks;
}

/**
 * A block whose lines end in CRLF: the file was converted (unix2dos, an
 * editor on Windows) after the block was written. Its newlines, the one it
 * brought before its begin line included, are then "\r\n".
 */
function isCrlfBlock(text: string, block: Block): boolean {
  return text[text.indexOf('\n', block.start) - 1] === '\r';
}

/**
 * Where a block's removal starts: the newline before its begin line goes with
 * it when the block brought it — always when the block was appended (by
 * `setup` or by `pyshim init >> FILE`). It stays only when removing it would
 * glue the previous line onto the text after the block, or when it ends the
 * block before (`floor`), which is not ours to take. That newline is "\r\n"
 * when the block's own lines end so (converted after setup), else "\n" — a
 * CR the user left before an LF block is the user's.
 */
function removalStart(text: string, block: Block, floor: number): number {
  if (block.start <= floor || text[block.start - 1] !== '\n') return block.start;
  const crlf = isCrlfBlock(text, block) && block.start - 2 >= floor && text[block.start - 2] === '\r';
  const newline = crlf ? '\r\n' : '\n';
  // A continued block brought the empty line the user's last line joins, and the newline before it.
  if (CONTINUED.test(text.slice(block.start, text.indexOf('\n', block.start)))) {
    const both = block.start - 2 * newline.length;
    if (both >= floor && text.slice(both, block.start) === newline + newline) return both;
  }
  const lineStart = block.start - (crlf ? 2 : 1);
  const previousLineEmpty = lineStart === 0 || text[lineStart - 1] === '\n';
  const atEnd = block.end === text.length;
  return previousLineEmpty || atEnd ? lineStart : block.start;
}

/**
 * Cut blocks (in file order) out of text, each with the newline it brought.
 * Last first: whether a block is at the end of the text depends on the ones
 * after it being gone already, and earlier offsets stay valid.
 */
function cut(text: string, blocks: Block[], floor = 0): string {
  for (let i = blocks.length - 1; i >= 0; i -= 1) {
    const block = blocks[i]!;
    const start = removalStart(text, block, i > 0 ? blocks[i - 1]!.end : floor);
    text = text.slice(0, start) + text.slice(block.end);
  }
  return text;
}

/**
 * The profile with exactly one pyshim block holding `body`: appended (after a
 * newline of its own) when there is none, else the first refreshed in place
 * and any later ones removed. Throws BrokenMarkersError.
 */
export function insertBlock(bytes: Uint8Array, body: string, at: 'start' | 'end' = 'end'): Buffer {
  const text = toText(bytes);
  const blocks = blocksOrThrow(text);
  const first = blocks[0];
  // First in the file: the block's own lines, then every byte that was there (removal takes exactly those lines).
  if (!first && at === 'start') return toBytes(blockLatin1(body, false) + text);
  if (!first && endsContinued(text)) return toBytes(`${text}\n\n${continued(blockLatin1(body, false))}`);
  if (!first) return toBytes(text + blockLatin1(body, true));
  const collapsed = cut(text, blocks.slice(1), first.end);
  // A block converted to CRLF stays CRLF, so that removing it later takes its "\r\n" too.
  // So does a continued block's begin line, which its removal reads.
  const plain = blockLatin1(body, false);
  const fresh = CONTINUED.test(text.slice(first.start, text.indexOf('\n', first.start))) ? continued(plain) : plain;
  const block = isCrlfBlock(text, first) ? fresh.replace(/\n/g, '\r\n') : fresh;
  return toBytes(collapsed.slice(0, first.start) + block + collapsed.slice(first.end));
}

/** The profile without any pyshim block. Throws BrokenMarkersError. */
export function removeBlocks(bytes: Uint8Array): Buffer {
  const text = toText(bytes);
  return toBytes(cut(text, blocksOrThrow(text)));
}

/** The block alone, for a file pyshim creates and owns (no blank line to start it). */
export function ownedFileText(body: string): Buffer {
  return toBytes(blockLatin1(body, false));
}
