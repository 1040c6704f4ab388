import { capture, measureGroup } from '../lib/measure.js';
import { startup } from './startup.js';

/**
 * Group 4: how start-up and a warm `list` grow with the number of
 * registered lines. Each count has its own HOME; all are timed side by side.
 *
 * @param {any} ctx
 * @param {{ label: string, home: import('../lib/fixtures.js').PyshimHome, line: string, count: number }[]} homes
 * @param {{ skipped: string[], problems: string[], notes: Set<string> }} report
 */
export function scaling(ctx, homes, report) {
  const shells = [];
  for (const shell of ctx.shellNames) {
    const group = startup(ctx, shell, homes, false, report, ctx.settings.scaling);
    if (group) shells.push(group);
  }
  const base = homes[0]?.home;
  let list;
  if (base) {
    const variants = [
      { name: 'node -e 0', file: process.execPath, args: ['-e', '0'], env: base.env },
      ...homes.map(({ label, home }) => ({ name: `pyshim list, ${label.replace(/^pyshim, /, '')}`, file: process.execPath, args: [home.cli, 'list'], env: home.env })),
    ].filter((v) => capture(v).status === 0);
    if (variants.length > 1) list = measureGroup(variants, { ...ctx.settings.scaling, seed: ctx.seed + 23 });
  }
  return { shells, list };
}
