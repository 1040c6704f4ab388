import type { Context } from '../context.js';
import { homesOf } from '../shims/homes.js';
import { scanHomes, type ScannedHome } from '../envs/scan.js';
import { loadRegistry, type Registry } from '../registry/registry.js';
import { fitTable, wrapText, type ColumnSpec } from '../util/columns.js';
import { out, outputWidth, style, tildify } from '../util/ui.js';

export interface EnvsOptions {
  json?: boolean;
}

/** The version of `pyshim envs --json`'s shape (docs/json.md): raised when a field goes or changes meaning. */
export const ENVS_JSON_SCHEMA = 1;

/** The table: PATH goes under its row first when narrow; NAME, VERSION and LINE always stay. */
const COLUMNS: ColumnSpec[] = [{ title: 'NAME' }, { title: 'VERSION' }, { title: 'LINE' }, { title: 'PATH', below: 1 }];

/** An environment's line: the registered line of its X.Y, if any. */
function lineOf(registry: Registry, version: string | undefined): string | undefined {
  return version !== undefined && registry.lines[version] ? version : undefined;
}

/** `pyshim envs --json`: every field named here, so what it holds is what docs/json.md says. Pure. */
export function envsJson(scanned: ScannedHome[], registry: Registry) {
  return {
    schema: ENVS_JSON_SCHEMA,
    homes: scanned.map((s) => ({ path: s.home.dir, line: s.home.line ?? null, exists: s.exists })),
    environments: scanned.flatMap((s) =>
      s.environments.map((e) => ({
        name: e.name,
        version: e.version ?? null,
        fullVersion: e.fullVersion ?? null,
        line: lineOf(registry, e.version) ?? null,
        home: s.home.dir,
        path: e.path,
      })),
    ),
  };
}

/**
 * `pyshim envs`'s text: one row per environment (home by home, in search
 * order; by name within a home), then the homes searched. VERSION is the full
 * version when pyvenv.cfg says it, else X.Y, else `?`; LINE is `-` when no
 * line is registered for it. Pure; paths inside `home` as ~/….
 */
export function envsText(scanned: ScannedHome[], registry: Registry, home: string, width?: number): string[] {
  const rows = scanned.flatMap((s) =>
    s.environments.map((e) => [e.name, e.fullVersion ?? e.version ?? '?', lineOf(registry, e.version) ?? '-', tildify(e.path, home)]),
  );
  const lines = rows.length ? fitTable(COLUMNS, rows, width).lines : ['No environments.'];
  const homes = scanned.map((s) => `${tildify(s.home.dir, home)}${s.home.line ? ` (${s.home.line})` : ''}${s.exists ? '' : ' (missing)'}`);
  const searched = `Searched: ${homes.join(', ') || 'no home (register a line: pyshim add X.Y)'}`;
  lines.push(...(width === undefined ? [searched] : wrapText(searched, width, '  ')));
  return lines;
}

/** Every environment in every home (docs/DESIGN.md, "Homes"); runs no Python. */
export function envs(ctx: Context, options: EnvsOptions): void {
  const registry = loadRegistry(ctx.paths);
  const scanned = scanHomes(homesOf(registry, ctx.paths.home));
  if (options.json) {
    out(JSON.stringify(envsJson(scanned, registry), null, 2));
    return;
  }
  const lines = envsText(scanned, registry, ctx.paths.home, outputWidth(ctx.env));
  // One write for the whole answer; the table's header bold.
  const header = scanned.some((s) => s.environments.length) ? 0 : -1;
  out(lines.map((l, n) => (n === header ? style.bold(l) : l)).join('\n'));
}
