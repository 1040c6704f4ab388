import type { Context } from '../context.js';
import { discover } from '../discovery/discover.js';
import type { Interpreter, ProbeFailure } from '../discovery/interpreter.js';
import fs from 'node:fs';
import { lineProblem, type LineProblem } from '../registry/line-state.js';
import { loadRegistry, sortedLines, type Line, type Registry } from '../registry/registry.js';
import { fitTable, wrapText, type ColumnSpec } from '../util/columns.js';
import { out, outputWidth, style, tildify } from '../util/ui.js';
import { compareVersions, lineOf, releaseName } from '../version.js';

export interface ListOptions {
  json?: boolean;
}

function tools(i: Interpreter): string {
  const names: string[] = [];
  if (i.modules.pip) names.push('pip');
  if (i.modules.venv) names.push('venv');
  if (i.modules.virtualenv) names.push('virtualenv');
  if (i.modules.virtualenvwrapper) names.push('virtualenvwrapper');
  return names.join(',') || '-';
}

function notes(i: Interpreter): string {
  const n: string[] = [];
  if (i.externallyManaged) n.push('externally managed (PEP 668)');
  if (!i.userSiteEnabled) n.push('no user site');
  if (i.inVirtualenv) n.push('virtual environment');
  if (i.implementation !== 'cpython') n.push(i.implementation);
  return n.join('; ');
}

/**
 * The table's columns, and what goes first when the terminal is narrow
 * (ui.ts's outputWidth): NOTES wraps in its place; then VIRTUALENV-X.Y goes
 * (set only for registered lines, and doctor says it too); then NOTES goes
 * under its row (few rows have notes); then SOURCE (the path mostly tells it),
 * then TOOLS; narrowest, PATH goes under its row too, and SOURCE and TOOLS
 * come back where they fit. The marker, VERSION and LINE always stay.
 */
const COLUMNS: ColumnSpec[] = [
  { title: '' },
  { title: 'VERSION' },
  { title: 'SOURCE', drop: 3 },
  { title: 'LINE' },
  { title: 'PATH', below: 5 },
  { title: 'TOOLS', drop: 4 },
  { title: 'VIRTUALENV-X.Y', drop: 1 },
  { title: 'NOTES', below: 2, wrap: true },
];

/** The version of `pyshim list --json`'s shape (docs/json.md): raised when a field goes or changes meaning. */
export const LIST_JSON_SCHEMA = 1;

/** `pyshim list --json`: every field named here, so what it holds is what docs/json.md says. */
function listJson(interpreters: Interpreter[], failures: ProbeFailure[], registry: Registry, problems: LineProblems) {
  const lineFor = new Map(sortedLines(registry).map((line) => [line.python, line]));
  return {
    schema: LIST_JSON_SCHEMA,
    interpreters: interpreters.map((i) => ({
      version: i.version,
      release: releaseName(i.version, i.releaselevel, i.serial),
      releaselevel: i.releaselevel ?? null,
      serial: i.serial ?? null,
      implementation: i.implementation,
      executable: i.executable,
      prefix: i.prefix,
      basePrefix: i.basePrefix,
      inVirtualenv: i.inVirtualenv,
      userBase: i.userBase,
      userSite: i.userSite,
      userSiteEnabled: i.userSiteEnabled,
      sitePackages: i.sitePackages,
      modules: {
        pip: i.modules.pip,
        venv: i.modules.venv,
        ensurepip: i.modules.ensurepip,
        virtualenv: i.modules.virtualenv,
        virtualenvwrapper: i.modules.virtualenvwrapper,
      },
      externallyManaged: i.externallyManaged,
      path: i.path,
      names: i.names,
      source: i.source,
      line: lineFor.get(i.path)?.version ?? null,
    })),
    lines: sortedLines(registry).map((line) => ({
      version: line.version,
      python: line.python,
      link: line.link ?? null,
      fullVersion: line.fullVersion,
      source: line.source,
      default: registry.default === line.version,
      present: interpreters.some((i) => i.path === line.python),
      problem: problems.get(line.version)?.kind ?? null,
      backend: line.backend ?? null,
      workonHome: line.workonHome ?? null,
      virtualenvwrapper: line.virtualenvwrapper ? { script: line.virtualenvwrapper.script, hookPython: line.virtualenvwrapper.hookPython } : null,
    })),
    default: registry.default ?? null,
    failures: failures.map((f) => ({ path: f.path, source: f.source, reason: f.reason })),
  };
}

/** What is wrong with each registered line (doctor's rule, registry/line-state.ts), by X.Y; fine lines absent. */
export type LineProblems = Map<string, LineProblem>;

function lineProblems(registry: Registry, interpreters: Interpreter[], home: string): LineProblems {
  const problems: LineProblems = new Map();
  for (const line of sortedLines(registry)) {
    const problem = lineProblem(line, interpreters.find((i) => i.path === line.python), home, fs.existsSync);
    if (problem) problems.set(line.version, problem);
  }
  return problems;
}

export async function list(ctx: Context, options: ListOptions): Promise<void> {
  const registry = loadRegistry(ctx.paths);
  // The lines' own interpreters too, as doctor does: one added by a path no source looks in is not gone.
  const lines: Line[] = sortedLines(registry);
  const { interpreters, failures } = await discover(ctx.env, ctx.paths, lines.map((l) => ({ path: l.python, source: l.source })));
  interpreters.sort((a, b) => compareVersions(b.version, a.version) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const problems = lineProblems(registry, interpreters, ctx.paths.home);
  if (options.json) {
    out(JSON.stringify(listJson(interpreters, failures, registry, problems), null, 2));
    return;
  }

  // One write for the whole answer: each write is a system call and a pass
  // through Node's fs binding, ~0.1 ms apiece on a cold start.
  const paint = { header: style.bold, row: (t: string) => t, gone: style.red, note: style.dim, plain: (t: string) => t };
  const text = listText(interpreters, failures, registry, ctx.paths.home, outputWidth(ctx.env), problems);
  out(text.map((l) => paint[l.kind](l.text)).join('\n'));
}

/** A line of `pyshim list`'s text, and what it is (which says its colour). */
export interface ListLine {
  kind: 'header' | 'row' | 'gone' | 'note' | 'plain';
  text: string;
}

/** A line's mark in NOTES: the problem in a word or two, and where it is explained. */
function problemNote(problem: LineProblem): string {
  return `${problem.kind === 'other version' ? 'another version now' : problem.kind}: run pyshim doctor`;
}

/**
 * `pyshim list`'s text: the table of `interpreters` (sorted already), fitted
 * to `width` characters (undefined: none), then what is missing or failed,
 * and the legend. A line with a problem (`problems`, by X.Y) is marked in
 * NOTES, on its interpreter's row or, where no interpreter answered, on a
 * row of its own from the registry, and explained under the table in
 * doctor's words (red). Pure; paths inside `home` as ~/….
 */
export function listText(interpreters: Interpreter[], failures: ProbeFailure[], registry: Registry, home: string, width?: number, problems: LineProblems = new Map()): ListLine[] {
  const lineFor = new Map(sortedLines(registry).map((line) => [line.python, line]));
  const lineText = (line: Line) => `${line.version}${registry.default === line.version ? ' (default)' : ''}`;
  // A line chosen through a stable link shows both: the name the shims run, and what it points at now.
  const where = (line: Line | undefined, file: string) => (line?.link ? `${tildify(line.link, home)} → ${tildify(file, home)}` : tildify(file, home));
  const marks = (line: Line | undefined, ...others: string[]) => {
    const problem = line && problems.get(line.version);
    return [...(problem ? [problemNote(problem)] : []), ...others].filter(Boolean).join('; ');
  };
  const rows: { version: string; cells: string[] }[] = interpreters.map((i) => {
    const line = lineFor.get(i.path);
    const cells = [line ? '*' : '', releaseName(i.version, i.releaselevel, i.serial), i.source, line ? lineText(line) : '', where(line, i.path), tools(i), line?.backend ?? '', marks(line, notes(i))];
    return { version: i.version, cells };
  });
  // A line whose interpreter did not answer (gone, or no longer runs) still has its row: the registry's facts.
  for (const line of sortedLines(registry)) {
    if (interpreters.some((i) => i.path === line.python)) continue;
    const row = { version: line.fullVersion, cells: ['*', line.fullVersion, line.source, lineText(line), where(line, line.python), '-', line.backend ?? '', marks(line)] };
    const at = rows.findIndex((r) => compareVersions(r.version, line.fullVersion) < 0);
    rows.splice(at < 0 ? rows.length : at, 0, row);
  }
  const table = fitTable(COLUMNS, rows.map((r) => r.cells), width);
  const lines: ListLine[] = table.lines.map((text, n) => ({ kind: n ? 'row' : 'header', text }));
  const note = (text: string, kind: ListLine['kind'] = 'note') => {
    for (const piece of width === undefined ? [text] : wrapText(text, width, '  ')) lines.push({ kind, text: piece });
  };
  for (const line of sortedLines(registry)) {
    const problem = problems.get(line.version);
    if (problem) note(`! ${line.version} line: ${problem.message} (run: pyshim doctor)`, 'gone');
  }
  for (const line of sortedLines(registry)) {
    if (line.workonHome) note(`${line.version} line: its environments go to ${tildify(line.workonHome, home)} (set with --workon-home)`);
  }
  for (const f of failures) note(`? ${tildify(f.path, home)}: ${f.reason}`);
  const hidden = table.hidden;
  if (hidden.length) {
    const names = hidden.length > 1 ? `${hidden.slice(0, -1).join(', ')} and ${hidden.at(-1)} are` : `${hidden[0]} is`;
    note(`(to fit ${width} columns, ${names} left out: COLUMNS=200 pyshim list shows all)`);
  }
  if (interpreters.length === 0) note('No Python interpreters found. Install one (pyenv, uv, your package manager), then: pyshim add X.Y', 'plain');
  else if (Object.keys(registry.lines).length === 0) {
    const newest = interpreters.find((i) => i.userSiteEnabled && !i.externallyManaged);
    note(`* = a registered line (VIRTUALENV-X.Y: how its virtualenv-X.Y makes environments). Register one: pyshim add ${newest ? lineOf(newest.version) : 'X.Y'}`);
  } else {
    note('* = a registered line (VIRTUALENV-X.Y: how its virtualenv-X.Y makes environments)');
  }
  return lines;
}
