import path from 'node:path';
import type { Context } from '../context.js';
import { discover } from '../discovery/discover.js';
import type { Interpreter } from '../discovery/interpreter.js';
import { packageRoot } from '../paths.js';
import { sortedLines, type Registry } from '../registry/registry.js';
import { findVirtualenvwrapper } from '../shims/facts.js';
import { shimNames, virtualenvCommand } from '../shims/names.js';
import { workonHome, type VirtualenvwrapperChoice } from '../shims/plan.js';
import type { InitFacts, InitLine } from './render.js';



/**
 * Which virtualenvwrapper each line uses: what the registry recorded, and for
 * the rest the same choice the shims writer makes, from discovery (whose
 * probe cache is warm right after `add`).
 */
export async function gatherInitFacts(ctx: Context, registry: Registry): Promise<InitFacts> {
  const lines = sortedLines(registry);
  let interpreters: Interpreter[] | undefined;
  const out: InitLine[] = [];
  for (const line of lines) {
    let choice: VirtualenvwrapperChoice | undefined;
    if (line.virtualenvwrapper !== undefined) choice = line.virtualenvwrapper ?? undefined;
    else {
      interpreters ??= (await discover(ctx.env, ctx.paths, lines.map((l) => ({ path: l.python, source: l.source })))).interpreters;
      const probe = interpreters.find((i) => i.path === line.python);
      choice = probe ? findVirtualenvwrapper(line.python, probe, interpreters, ctx.env, ctx.paths.bin) : undefined;
    }
    out.push({
      version: line.version,
      hookPython: choice?.hookPython ?? line.python,
      virtualenv: virtualenvCommand(ctx.paths.bin, shimNames(line.version).virtualenv),
      workonHome: workonHome(line, ctx.paths.home),
      ...(choice ? { virtualenvwrapperScript: choice.script } : {}),
    });
  }
  return {
    home: ctx.paths.home,
    binDir: ctx.paths.bin,
    dataDir: ctx.paths.data,
    lines: out,
    ...(registry.default && registry.lines[registry.default] ? { defaultLine: registry.default } : {}),
    lazyLoader: path.join(packageRoot(), 'shells', 'posix', 'virtualenvwrapper-lazy.sh'),
    fishVirtualenvwrapper: path.join(packageRoot(), 'shells', 'fish', 'virtualenvwrapper.fish'),
  };
}
