import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BEGIN_MARKER, BrokenMarkersError, END_MARKER, blockText, findBlocks, insertBlock, removeBlocks } from '../../src/profile/block.js';

const B = (s: string) => Buffer.from(s, 'latin1');
const BODY = '[ -r "$HOME/.pyshim/init.bash" ] && . "$HOME/.pyshim/init.bash"\n';
const BLOCK = blockText(BODY);
const hasMarkers = (bytes: Uint8Array) => {
  const found = findBlocks(bytes);
  return !found.ok || found.blocks.length > 0;
};

// Profiles built from pieces that stress the editor: line endings, marker look-alikes,
// other tools' blocks, NUL and non-UTF-8 bytes, plus arbitrary bytes.
const piece = fc.oneof(
  fc.constantFrom(
    '\n', '\r\n', '\r', ' ', '\t', '#', 'pyshim', 'export PATH=x', '\0', '\xff\xfe', '\xc3\xa9',
    BEGIN_MARKER, END_MARKER, `${BEGIN_MARKER} \r`, '# >>> conda initialize >>>', '# <<< conda initialize <<<',
    '# pyshim was here', ` ${BEGIN_MARKER}`,
  ),
  fc.uint8Array({ maxLength: 8 }).map((a) => Buffer.from(a).toString('latin1')),
);
const byPieces = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(''));
// Whole lines, so that well-formed blocks between other lines are common too.
const byLines = fc
  .tuple(
    fc.array(fc.oneof(fc.constantFrom(BEGIN_MARKER, END_MARKER, '', 'x'), fc.array(piece, { maxLength: 4 }).map((p) => p.join('').replace(/\n/g, ''))), { maxLength: 12 }),
    fc.constantFrom('\n', '\r\n'),
    fc.boolean(),
  )
  .map(([lines, eol, final]) => lines.join(eol) + (final && lines.length > 0 ? eol : ''));
const anyProfile = fc.oneof(byPieces, byLines).map(B);
const markerFree = anyProfile.filter((x) => !hasMarkers(x));
const body = fc
  .array(fc.oneof(fc.string({ unit: 'binary', maxLength: 20 }), fc.constantFrom('\n', '$HOME', 'é', '"')), { maxLength: 6 })
  .map((a) => a.join(''))
  .filter((b) => !b.split('\n').some((l) => /^# (>>> pyshim >>>|<<< pyshim <<<)[ \t\r]*$/.test(l)));

describe('findBlocks', () => {
  it('finds whole marker lines, tolerating trailing blanks and CR, with 1-based line numbers', () => {
    const found = findBlocks(B(`a\n${BEGIN_MARKER} \r\nx\n${END_MARKER}\t\nb\n${BEGIN_MARKER}\n${END_MARKER}`));
    expect(found).toEqual({
      ok: true,
      blocks: [
        { beginLine: 2, endLine: 4, start: 2, end: 2 + BEGIN_MARKER.length + 3 + 2 + END_MARKER.length + 2 },
        expect.objectContaining({ beginLine: 6, endLine: 7 }),
      ],
    });
  });

  it('does not take mentions, indented markers or other tools\' blocks for markers', () => {
    const text = `# pyshim setup\n ${BEGIN_MARKER}\nx${END_MARKER}\n# >>> conda initialize >>>\n# <<< conda initialize <<<\n${BEGIN_MARKER}x\n`;
    expect(findBlocks(B(text))).toEqual({ ok: true, blocks: [] });
  });

  it('reports a begin without an end', () => {
    expect(findBlocks(B(`a\nb\n${BEGIN_MARKER}\nc\n`))).toEqual({ ok: false, problems: [{ kind: 'begin-without-end', line: 3 }] });
  });

  it('reports an end without a begin', () => {
    expect(findBlocks(B(`${BEGIN_MARKER}\n${END_MARKER}\nx\n${END_MARKER}\n`))).toEqual({ ok: false, problems: [{ kind: 'end-without-begin', line: 4 }] });
  });

  it('reports a begin nested inside a block', () => {
    expect(findBlocks(B(`x\n${BEGIN_MARKER}\n${BEGIN_MARKER}\n${END_MARKER}\n`))).toEqual({
      ok: false,
      problems: [{ kind: 'nested-begin', line: 3, outerLine: 2 }],
    });
  });

  it('insert and remove refuse broken markers with the line numbers in the message', () => {
    const broken = B(`a\n${BEGIN_MARKER}\nb\n`);
    expect(() => insertBlock(broken, BODY)).toThrow(BrokenMarkersError);
    expect(() => removeBlocks(broken)).toThrow(/line 2/);
  });
});

describe('insertBlock / removeBlocks, examples', () => {
  it('appends after a newline of its own', () => {
    expect(insertBlock(B('abc'), BODY).toString('latin1')).toBe(`abc\n${BEGIN_MARKER}\n${BODY}${END_MARKER}\n`);
    expect(insertBlock(B('abc\n'), BODY).toString('latin1')).toBe(`abc\n\n${BEGIN_MARKER}\n${BODY}${END_MARKER}\n`);
    expect(insertBlock(B(''), BODY).toString('latin1')).toBe(BLOCK);
  });

  it('writes the block with LF even into a CRLF file, and keeps the CRLF lines', () => {
    const crlf = B('a=1\r\nb=2\r\n');
    const out = insertBlock(crlf, BODY);
    expect(out.toString('latin1')).toBe(`a=1\r\nb=2\r\n\n${BEGIN_MARKER}\n${BODY}${END_MARKER}\n`);
    expect(removeBlocks(out)).toEqual(crlf);
  });

  it('keeps NUL and non-UTF-8 bytes', () => {
    const x = Buffer.from([0x61, 0x00, 0xff, 0xfe, 0xc3, 0x28, 0x0a, 0x80]);
    const out = insertBlock(x, BODY);
    expect(out.subarray(0, x.length)).toEqual(x);
    expect(removeBlocks(out)).toEqual(x);
  });

  it('writes a non-ASCII body as UTF-8', () => {
    const out = insertBlock(B('x\n'), '. "/home/Zoë/init"\n');
    expect(out.toString('utf8')).toContain('/home/Zoë/init');
  });

  it('refreshes the first block in place and keeps what surrounds it', () => {
    const x = B(`top\n${BEGIN_MARKER}\nold\n${END_MARKER}\nbottom\r\n`);
    expect(insertBlock(x, BODY).toString('latin1')).toBe(`top\n${BEGIN_MARKER}\n${BODY}${END_MARKER}\nbottom\r\n`);
  });

  it('collapses several blocks into the first', () => {
    const x = B(`a\n${BLOCK}b\n${BLOCK}${BLOCK}c`);
    const out = insertBlock(x, 'new\n').toString('latin1');
    expect(out).toBe(`a\n\n${BEGIN_MARKER}\nnew\n${END_MARKER}\nb\nc`);
  });

  it('leaves other tools\' blocks and lines that mention pyshim alone', () => {
    const x = B('# >>> conda initialize >>>\nconda stuff\n# <<< conda initialize <<<\n# pyshim is nice\n');
    const out = insertBlock(x, BODY);
    expect(out.subarray(0, x.length)).toEqual(x);
    expect(removeBlocks(out)).toEqual(x);
  });

  it('removes a block in the middle without gluing the lines around it', () => {
    expect(removeBlocks(B(`a\n${BEGIN_MARKER}\nx\n${END_MARKER}\nb\n`)).toString('latin1')).toBe('a\nb\n');
    expect(removeBlocks(B(`a\n\n${BEGIN_MARKER}\nx\n${END_MARKER}\nb\n`)).toString('latin1')).toBe('a\nb\n');
  });

  it('removes a block whose end marker has no final newline, and a block at the very start', () => {
    expect(removeBlocks(B(`a${BLOCK.slice(0, -1)}`)).toString('latin1')).toBe('a');
    expect(removeBlocks(B(`${BEGIN_MARKER}\n${END_MARKER}\nrest`)).toString('latin1')).toBe('rest');
  });

  it('insists on a body without marker lines', () => {
    expect(() => insertBlock(B(''), `${END_MARKER}\n`)).toThrow(/marker/);
  });

  it('adds the missing final newline of a body', () => {
    expect(insertBlock(B(''), 'x').toString('latin1')).toBe(`\n${BEGIN_MARKER}\nx\n${END_MARKER}\n`);
  });
});

describe('insertBlock / removeBlocks, properties', () => {
  const runs = { numRuns: 2000 };

  it('remove(insert(x)) = x for any profile without markers', () => {
    fc.assert(fc.property(markerFree, body, (x, b) => removeBlocks(insertBlock(x, b)).equals(x)), runs);
  });

  it('insert is idempotent, and leaves exactly one block, for any profile with well-formed blocks', () => {
    fc.assert(
      fc.property(anyProfile.filter((x) => findBlocks(x).ok), body, body, (x, b1, b2) => {
        const once = insertBlock(x, b1);
        const found = findBlocks(once);
        return insertBlock(once, b1).equals(once) && found.ok && found.blocks.length === 1 && insertBlock(insertBlock(x, b2), b1).equals(once);
      }),
      runs,
    );
  });

  const continuedLine = (x: Buffer) => (/(^|[^\\])(\\\\)*\\$/.test(x.toString('latin1')) ? 1 : 0) === 1;

  it('insert only appends to a profile without markers (the block text itself, unless the last line continues)', () => {
    fc.assert(
      fc.property(markerFree.filter((x) => !continuedLine(x)), body, (x, b) => insertBlock(x, b).equals(Buffer.concat([x, Buffer.from(blockText(b), 'utf8')]))),
      runs,
    );
  });

  it('a profile whose last line ends in a backslash gets the block on a line of its own, and back byte for byte', () => {
    // The user's text, cut before any backslashes it ends with, then an odd run of them.
    const cutTrailing = (x: Buffer) => B(x.toString('latin1').replace(/\\+$/, ''));
    const ending = fc.tuple(markerFree, fc.integer({ min: 0, max: 3 })).map(([x, n]) => Buffer.concat([cutTrailing(x), B('\\'.repeat(2 * n + 1))]));
    fc.assert(
      fc.property(ending, body, (x, b) => {
        const out = insertBlock(x, b).toString('latin1');
        // The shell joins the user's last line with the empty one the block brought; the marker line stands alone.
        expect(out.slice(x.length, x.length + 2)).toBe('\n\n');
        expect(removeBlocks(insertBlock(x, b)).equals(x)).toBe(true);
        // Refreshed, it is still taken back whole.
        expect(removeBlocks(insertBlock(insertBlock(x, b), 'other\n')).equals(x)).toBe(true);
      }),
      runs,
    );
  });

  it('remove(insert(x, at the start)) = x, and the block is the first line', () => {
    fc.assert(
      fc.property(markerFree, body, (x, b) => {
        const out = insertBlock(x, b, 'start');
        expect(out.toString('latin1').startsWith(`${BEGIN_MARKER}\n`)).toBe(true);
        return removeBlocks(out).equals(x);
      }),
      runs,
    );
  });

  it('refreshing a block never changes a byte before or after it', () => {
    const lineStart = markerFree.map((a) => (a.length === 0 || a.at(-1) === 0x0a ? a : Buffer.concat([a, B('\n')])));
    fc.assert(
      fc.property(lineStart, body, markerFree, body, (a, b1, c, b2) => {
        const marked = (b: string) => Buffer.from(blockText(b).slice(1), 'utf8');
        const x = Buffer.concat([a, marked(b1), c]);
        return insertBlock(x, b2).equals(Buffer.concat([a, marked(b2), c]));
      }),
      runs,
    );
  });

  it('text appended by hand with `pyshim init >> FILE`, once or twice, comes back out, directly or after setup', () => {
    fc.assert(
      fc.property(markerFree, body, body, fc.integer({ min: 1, max: 3 }), (x, hand, setup, times) => {
        const appended = Buffer.concat([x, ...Array.from({ length: times }, () => Buffer.from(blockText(hand), 'utf8'))]);
        return removeBlocks(appended).equals(x) && removeBlocks(insertBlock(appended, setup)).equals(x);
      }),
      runs,
    );
  });

  // Line-ending conversions a user may run on a profile after setup, as the tools do them.
  const conversions = {
    identity: (t: string) => t,
    unix2dos: (t: string) => t.replace(/(?<!\r)\n/g, '\r\n'),
    dos2unix: (t: string) => t.replace(/\r\n/g, '\n'),
  };
  const conversion = fc.constantFrom(...(Object.keys(conversions) as (keyof typeof conversions)[]));
  const convert = (name: keyof typeof conversions, x: Buffer) => B(conversions[name](x.toString('latin1')));
  // A profile whose last byte is a lone CR: after either conversion, that CR and the block's
  // leading LF are one CRLF, and which of the two brought it can no longer be told.
  const convertible = markerFree.filter((x) => x.at(-1) !== 0x0d);

  it('remove(c(insert(f))) = c(f) for any profile f and line-ending conversion c, also after a refresh of the converted block', () => {
    fc.assert(
      fc.property(convertible, body, body, conversion, (x, b1, b2, c) => {
        const converted = convert(c, insertBlock(x, b1));
        return removeBlocks(converted).equals(convert(c, x)) && removeBlocks(insertBlock(converted, b2)).equals(convert(c, x));
      }),
      runs,
    );
  });

  it('after unix2dos, a refresh keeps the block CRLF and changes nothing else', () => {
    const converted = convert('unix2dos', insertBlock(B('a=1\n'), 'old\n'));
    expect(insertBlock(converted, BODY).toString('latin1')).toBe(`a=1\r\n\r\n${BEGIN_MARKER}\r\n${BODY.replace('\n', '\r\n')}${END_MARKER}\r\n`);
  });

  it('a CR the user left before an appended LF block stays', () => {
    expect(removeBlocks(B(`x\r${BLOCK}`)).toString('latin1')).toBe('x\r');
    expect(removeBlocks(B(`x\r\n\r${BLOCK}`)).toString('latin1')).toBe('x\r\n\r');
  });

  it('remove leaves no markers and never glues two lines: every other line survives whole', () => {
    fc.assert(
      fc.property(anyProfile.filter((x) => findBlocks(x).ok), (x) => {
        const out = removeBlocks(x);
        // CRs at a line's end belong to its line break (a CRLF block brought "\r\n"), not to what it says.
        const lines = (t: Buffer) => t.toString('latin1').split('\n').map((l) => l.replace(/\r+$/, '')).filter((l) => l !== '');
        const found = findBlocks(out);
        const outsideBlocks = (() => {
          const f = findBlocks(x);
          if (!f.ok) return [];
          let t = x.toString('latin1');
          for (const blk of [...f.blocks].reverse()) t = t.slice(0, blk.start) + '\n' + t.slice(blk.end);
          return lines(B(t));
        })();
        return found.ok && found.blocks.length === 0 && JSON.stringify(lines(out)) === JSON.stringify(outsideBlocks);
      }),
      runs,
    );
  });
});
