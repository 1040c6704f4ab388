/**
 * Tables that fit a width: pure text in, lines out (the width comes from
 * ui.ts's outputWidth). Without a width the table is printed whole, one line
 * a row, as a script reading it expects. With one, a table too wide for it
 * gives up, step by step, in the order of the columns' ranks: a `drop` column
 * is left out; a `below` column leaves the row for lines of its own under it
 * (and then the columns dropped before come back where they fit). A `wrap`
 * column that is last in the row wraps in its place before anything goes.
 * What still does not fit (one long path) runs over: the terminal wraps it,
 * and nothing is cut.
 */

export interface ColumnSpec {
  title: string;
  /** Its step when the table is too wide (lower first): left out. A column with neither rank always stays. */
  drop?: number;
  /** Its step when the table is too wide (lower first): its text goes under its row, indented. */
  below?: number;
  /** When last in the row, it may wrap within its place. */
  wrap?: boolean;
}

export interface FittedTable {
  /** The header line first, then each row (a row may take several lines). */
  lines: string[];
  /** Titles of the columns left out for the width, in their table order. */
  hidden: string[];
}

const GAP = '  ';
/** The narrowest the last column may wrap to before it is given up instead. */
const MIN_WRAP = 16;
/** Indent of the lines a row's `below` columns take. */
const BELOW = '    ';

function len(text: string): number {
  return [...text].length;
}

function pad(text: string, width: number): string {
  return text + ' '.repeat(Math.max(0, width - len(text)));
}

/**
 * Words of `text` in lines of at most `width` characters (the indent
 * counted): the lines after the first start with `indent`, and the first too
 * when `indentFirst`. A word longer than a line stands alone on its line, whole.
 */
export function wrapText(text: string, width: number, indent = '', indentFirst = false): string[] {
  const lines: string[] = [];
  const lead = (n: number) => (n > 0 || indentFirst ? indent : '');
  let line = '';
  for (const word of text.split(' ').filter(Boolean)) {
    if (line && len(lead(lines.length)) + len(line) + 1 + len(word) > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  lines.push(line);
  return lines.map((l, n) => lead(n) + l);
}

/** Each column's width: its widest cell, the title included. */
function widths(table: string[][]): number[] {
  const w: number[] = [];
  for (const row of table) row.forEach((cell, i) => (w[i] = Math.max(w[i] ?? 0, len(cell))));
  return w;
}

/** Each row of cells as its lines, in padded columns (the last not padded), the last column wrapped to `lastWidth` when given. */
function render(table: string[][], lastWidth?: number): string[][] {
  const w = widths(table);
  const last = w.length - 1;
  const start = w.slice(0, last).reduce((sum, n) => sum + n + GAP.length, 0);
  return table.map((row) => {
    const head = row.slice(0, last).map((cell, i) => pad(cell, w[i]!) + GAP).join('');
    const tail = lastWidth === undefined ? [row[last] ?? ''] : wrapText(row[last] ?? '', lastWidth);
    return tail.map((piece, i) => ((i ? ' '.repeat(start) : head) + piece).trimEnd());
  });
}

function naturalWidth(table: string[][]): number {
  const w = widths(table);
  return w.reduce((sum, n) => sum + n, 0) + GAP.length * (w.length - 1);
}

/**
 * `rows` (cells in the order of `columns`) under the columns' titles, fitted
 * to `width` characters as the module comment says; undefined: no limit.
 */
export function fitTable(columns: ColumnSpec[], rows: string[][], width?: number): FittedTable {
  const pick = (keep: number[]) => [columns.map((c) => c.title), ...rows].map((row) => keep.map((i) => row[i] ?? ''));
  const all = columns.map((_, i) => i);
  if (width === undefined) return { lines: render(pick(all)).flat(), hidden: [] };
  const byRank = (rank: (c: ColumnSpec) => number | undefined) =>
    all.filter((i) => rank(columns[i]!) !== undefined).sort((a, b) => rank(columns[a]!)! - rank(columns[b]!)!);
  const drops = byRank((c) => c.drop);
  const belows = byRank((c) => c.below);
  /** The room the last column of `keep` has when it wraps in its place, or undefined when it may not. */
  const wrapRoom = (keep: number[]) => {
    const last = keep.at(-1);
    if (last === undefined || keep.length < 2 || !columns[last]!.wrap) return undefined;
    const room = width - naturalWidth(pick(keep).map((row) => row.slice(0, -1))) - GAP.length;
    return room >= Math.max(MIN_WRAP, len(columns[last]!.title)) ? room : undefined;
  };

  // Each `below` step in turn (none first); before the next one, the drops ranked before it.
  for (let b = 0; b <= belows.length; b++) {
    const under = belows.slice(0, b).sort((x, y) => x - y);
    const next = belows[b];
    const allowed = drops.filter((i) => next === undefined || columns[i]!.drop! < columns[next]!.below!);
    let keep = all.filter((i) => !under.includes(i));
    for (let d = 0; ; d++) {
      const table = pick(keep);
      const fits = naturalWidth(table) <= width;
      const room = fits ? undefined : wrapRoom(keep);
      if (fits || room !== undefined) return layout(keep, under, room);
      const drop = allowed[d];
      if (drop === undefined) break;
      keep = keep.filter((i) => i !== drop);
    }
    if (next === undefined) return layout(keep, under, undefined);
  }
  return layout(all, [], undefined); // not reached: the last step returns

  function layout(keep: number[], under: number[], room: number | undefined): FittedTable {
    const [header = [], ...body] = render(pick(keep), room);
    const lines = [...header];
    body.forEach((rowLines, r) => {
      lines.push(...rowLines);
      for (const i of under) {
        const text = rows[r]![i] ?? '';
        if (text) lines.push(...wrapText(text, width!, BELOW, true));
      }
    });
    return { lines, hidden: columns.filter((_, i) => !keep.includes(i) && !under.includes(i)).map((c) => c.title) };
  }
}
