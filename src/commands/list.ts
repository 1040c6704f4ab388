import type { Context } from '../context.js';
import { discover } from '../discovery/discover.js';
import type { Interpreter } from '../discovery/interpreter.js';
import { loadRegistry, sortedLines, type Line } from '../registry/registry.js';
import { out, style, table, tildify } from '../util/ui.js';
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

export async function list(ctx: Context, options: ListOptions): Promise<void> {
  const registry = loadRegistry(ctx.paths);
  const { interpreters, failures } = await discover(ctx.env, ctx.paths);
  interpreters.sort((a, b) => compareVersions(b.version, a.version) || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const lineFor = new Map<string, Line>();
  for (const line of sortedLines(registry)) lineFor.set(line.python, line);

  if (options.json) {
    out(
      JSON.stringify(
        {
          interpreters: interpreters.map((i) => ({ ...i, release: releaseName(i.version, i.releaselevel, i.serial), line: lineFor.get(i.path)?.version ?? null })),
          lines: sortedLines(registry).map((line) => {
            const found = interpreters.find((i) => i.path === line.python);
            return {
              ...line,
              default: registry.default === line.version,
              present: Boolean(found),
              backend: line.backend ?? null,
            };
          }),
          default: registry.default ?? null,
          failures,
        },
        null,
        2,
      ),
    );
    return;
  }

  const home = ctx.paths.home;
  const rows: string[][] = [['', 'VERSION', 'SOURCE', 'LINE', 'PATH', 'TOOLS', 'VIRTUALENV-X.Y', 'NOTES']];
  for (const i of interpreters) {
    const line = lineFor.get(i.path);
    const lineText = line ? `${line.version}${registry.default === line.version ? ' (default)' : ''}` : '';
    // A line chosen through a stable link shows both: the name the shims run, and what it points at now.
    const where = line?.link ? `${tildify(line.link, home)} → ${tildify(i.path, home)}` : tildify(i.path, home);
    rows.push([line ? '*' : '', releaseName(i.version, i.releaselevel, i.serial), i.source, lineText, where, tools(i), line?.backend ?? '', notes(i)]);
  }
  const printed = table(rows);
  // One write for the whole answer: each write is a system call and a pass
  // through Node's fs binding, ~0.1 ms apiece on a cold start.
  const lines = [style.bold(printed[0] ?? ''), ...printed.slice(1)];
  for (const line of sortedLines(registry)) {
    if (!interpreters.some((i) => i.path === line.python)) {
      lines.push(style.red(`! ${line.version} line: its interpreter ${tildify(line.python, home)} is gone (run: pyshim doctor)`));
    }
  }
  for (const f of failures) lines.push(style.dim(`? ${tildify(f.path, home)}: ${f.reason}`));
  if (interpreters.length === 0) lines.push('No Python interpreters found. Install one (pyenv, uv, your package manager), then: pyshim add X.Y');
  else if (Object.keys(registry.lines).length === 0) {
    const newest = interpreters.find((i) => i.userSiteEnabled && !i.externallyManaged);
    lines.push(style.dim(`* = a registered line (VIRTUALENV-X.Y: how its virtualenv-X.Y makes environments). Register one: pyshim add ${newest ? lineOf(newest.version) : 'X.Y'}`));
  } else {
    lines.push(style.dim('* = a registered line (VIRTUALENV-X.Y: how its virtualenv-X.Y makes environments)'));
  }
  out(lines.join('\n'));
}
