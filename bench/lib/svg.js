// The start-up chart: bars grouped by shell, one bar per variant (median),
// a thin line from the 25th to the 75th percentile. Pure: results in, SVG out.

// pyshim keeps its green and the bare shell its grey whatever else is present.
const BARE = '#9e9e9e';
const PYSHIM = '#2e7d32';
const PALETTE = ['#1565c0', '#5e35b1', '#ef6c00', '#f9a825', '#c62828', '#00838f', '#6d4c41', '#ad1457'];

function esc(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A round step for about `count` grid lines up to `max`. */
export function niceStep(max, count = 5) {
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((f) => f * power).find((s) => s >= raw) ?? 10 * power;
  return step;
}

function label(ms) {
  return ms < 10 ? ms.toFixed(1) : ms.toFixed(0);
}

/** Lines of at most `max` characters, broken after "; " where it can (the caption's parts). */
export function wrap(text, max) {
  const lines = [];
  let line = '';
  for (const part of text.split(/(?<=; )/)) {
    if (line && (line + part).trimEnd().length > max) {
      lines.push(line.trimEnd());
      line = '';
    }
    line += part;
  }
  if (line) lines.push(line.trimEnd());
  return lines;
}

/**
 * @param {{ shell: string, rows: { name: string, summary: { median: number, p25: number, p75: number } }[] }[]} groups
 * @param {string} caption the machine, printed under the title
 * @param {string} [footnote] e.g. what was not measured
 */
export function startupSvg(groups, caption, footnote = '') {
  const names = [];
  for (const g of groups) for (const r of g.rows) if (!names.includes(r.name)) names.push(r.name);
  const others = names.filter((n) => !n.startsWith('bare') && !n.startsWith('pyshim'));
  const color = (name) => (name.startsWith('bare') ? BARE : name.startsWith('pyshim') ? PYSHIM : PALETTE[others.indexOf(name) % PALETTE.length]);

  const width = 960;
  const captionLines = wrap(caption, 130);
  const legendTop = 58 + (captionLines.length - 1) * 15;
  const legendRows = Math.ceil(names.length / 3);
  const top = legendTop + 12 + legendRows * 18;
  const plotHeight = 300;
  const height = top + plotHeight + 50;
  const left = 60;
  const right = 20;
  const plotWidth = width - left - right;
  const max = Math.max(1, ...groups.flatMap((g) => g.rows.map((r) => r.summary.p75)));
  const step = niceStep(max);
  const yMax = Math.ceil(max / step) * step;
  const y = (ms) => top + plotHeight - (ms / yMax) * plotHeight;

  const parts = [];
  parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`);
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(`<text x="${left}" y="24" font-size="16" font-weight="bold">Interactive shell start-up (SHELL -i -c exit), median ms — lower is better</text>`);
  captionLines.forEach((line, i) => parts.push(`<text x="${left}" y="${42 + i * 15}" fill="#555">${esc(line)}</text>`));
  names.forEach((name, i) => {
    const lx = left + (i % 3) * 300;
    const ly = legendTop + Math.floor(i / 3) * 18;
    parts.push(`<rect x="${lx}" y="${ly}" width="12" height="12" fill="${color(name)}"/><text x="${lx + 18}" y="${ly + 10}">${esc(name)}</text>`);
  });
  for (let v = 0; v <= yMax + 1e-9; v += step) {
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#e0e0e0"/>`);
    parts.push(`<text x="${left - 6}" y="${(y(v) + 4).toFixed(1)}" text-anchor="end" fill="#555">${label(v)}</text>`);
  }
  parts.push(`<text x="16" y="${top + plotHeight / 2}" transform="rotate(-90 16 ${top + plotHeight / 2})" text-anchor="middle" fill="#555">ms</text>`);

  const groupWidth = plotWidth / Math.max(1, groups.length);
  groups.forEach((g, gi) => {
    const x0 = left + gi * groupWidth;
    const bar = Math.min(40, (groupWidth - 30) / Math.max(1, g.rows.length));
    const start = x0 + (groupWidth - bar * g.rows.length) / 2;
    g.rows.forEach((r, i) => {
      const x = start + i * bar;
      const h = Math.max(1, top + plotHeight - y(r.summary.median));
      parts.push(`<rect x="${(x + 2).toFixed(1)}" y="${(top + plotHeight - h).toFixed(1)}" width="${(bar - 4).toFixed(1)}" height="${h.toFixed(1)}" fill="${color(r.name)}"><title>${esc(`${g.shell}: ${r.name} — median ${label(r.summary.median)} ms`)}</title></rect>`);
      const cx = (x + bar / 2).toFixed(1);
      parts.push(`<line x1="${cx}" x2="${cx}" y1="${y(r.summary.p25).toFixed(1)}" y2="${y(r.summary.p75).toFixed(1)}" stroke="#212121"/>`);
      parts.push(`<text x="${cx}" y="${(Math.min(y(r.summary.median), y(r.summary.p75)) - 4).toFixed(1)}" text-anchor="middle" font-size="10">${label(r.summary.median)}</text>`);
    });
    parts.push(`<text x="${(x0 + groupWidth / 2).toFixed(1)}" y="${top + plotHeight + 20}" text-anchor="middle" font-weight="bold">${esc(g.shell)}</text>`);
  });
  parts.push(`<text x="${left}" y="${height - 8}" fill="#777" font-size="10">${esc(`bar: median; line: 25th–75th percentile. Reproduce: npm run bench. ${footnote}`.trim())}</text>`);
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
