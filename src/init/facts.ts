import fs from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import type { Interpreter } from '../discovery/interpreter.js';
import { sortedLines, type Registry } from '../registry/registry.js';
import { findVirtualenvwrapper } from '../shims/facts.js';
import { shimNames, virtualenvCommand } from '../shims/names.js';
import { workonHome, type VirtualenvwrapperChoice } from '../shims/plan.js';
import { pathsToCarry, type Env } from '../paths.js';
import { runtimeFile } from '../runtime-files.js';
import { homesOf } from '../shims/homes.js';
import type { InitFacts, InitLine } from './render.js';



function realOf(file: string): string | undefined {
  try {
    return fs.realpathSync(file);
  } catch {
    return undefined;
  }
}

/**
 * The directory of the `pyshim` command that is running now, as users run
 * it: a `pyshim` on PATH, in ~/.local/bin (install.sh) or beside node (npm
 * i -g), that leads to this very program. New shells get it on PATH; without
 * it the in-shell `pyshim` function would find no program.
 */
export function commandDir(env: Env, home: string): string | undefined {
  const self = process.argv[1] ? realOf(process.argv[1]) : undefined;
  if (!self) return undefined;
  const dirs = [...(env.PATH ?? '').split(path.delimiter).filter((d) => path.isAbsolute(d)), path.join(home, '.local', 'bin'), path.dirname(process.execPath)];
  return dirs.find((dir) => realOf(path.join(dir, 'pyshim')) === self);
}

/**
 * Which virtualenvwrapper each line uses: what the registry recorded when the
 * line's shims were written, and for a line registered before that was
 * recorded, the same choice the shims writer makes, from the command's
 * discovery (`interpreters`, asked for only then).
 */
export async function gatherInitFacts(ctx: Context, registry: Registry, interpreters?: () => Promise<Interpreter[]>): Promise<InitFacts> {
  const lines = sortedLines(registry);
  const out: InitLine[] = [];
  for (const line of lines) {
    let choice: VirtualenvwrapperChoice | undefined;
    if (line.virtualenvwrapper !== undefined || !interpreters) choice = line.virtualenvwrapper ?? undefined;
    else {
      const all = await interpreters();
      const probe = all.find((i) => i.path === line.python);
      choice = probe ? findVirtualenvwrapper(line.python, probe, all, ctx.env, ctx.paths.bin) : undefined;
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
    searchedHomes: homesOf(registry, ctx.paths.home).filter((h) => h.line === undefined).map((h) => h.dir),
    ...(registry.default && registry.lines[registry.default] ? { defaultLine: registry.default } : {}),
    // The data dir's copies, never the package's: an install that moves must not break a shell.
    selfDir: commandDir(ctx.env, ctx.paths.home),
    travel: pathsToCarry(ctx.env),
    lazyLoader: runtimeFile(ctx.paths, 'virtualenvwrapper-lazy.sh'),
    fishVirtualenvwrapper: runtimeFile(ctx.paths, 'virtualenvwrapper.fish'),
  };
}
