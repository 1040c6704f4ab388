import type { Context } from './context.js';
import type { Interpreter } from './discovery/interpreter.js';
import type { Line } from './registry/registry.js';
import { findVirtualenvwrapper, pythonNameOnPath } from './shims/facts.js';
import { shimNames } from './shims/names.js';
import { chooseBackend, planShims, type Backend, type ShimFile } from './shims/plan.js';
import { writeShims } from './shims/write.js';

export interface WrittenShims {
  files: ShimFile[];
  backend: Backend;
  virtualenvwrapper?: { script: string; hookPython: string };
}

/** Gather the facts for a line's shims from the machine and render them (writes nothing). */
export function planLineShims(ctx: Context, line: Line, interpreter: Interpreter, all: Interpreter[]): WrittenShims {
  const vew = findVirtualenvwrapper(line.python, interpreter, all, ctx.env, ctx.paths.bin);
  const files = planShims({
    line,
    probe: interpreter,
    binDir: ctx.paths.bin,
    home: ctx.paths.home,
    virtualenvwrapper: vew,
    pythonNameOnPath: pythonNameOnPath(shimNames(line.version).python, line.python, ctx.env, ctx.paths.bin),
  });
  return { files, backend: chooseBackend(interpreter), virtualenvwrapper: vew };
}

/** Gather the facts for a line's shims from the machine, then write them. */
export function writeLineShims(ctx: Context, line: Line, interpreter: Interpreter, all: Interpreter[]): WrittenShims {
  const planned = planLineShims(ctx, line, interpreter, all);
  writeShims(ctx.paths.bin, line.version, planned.files);
  return planned;
}

/** The registered line's interpreter as discovery sees it now (probing it again if it changed). */
export async function lineInterpreter(ctx: Context, line: Line): Promise<{ interpreter?: Interpreter; all: Interpreter[] }> {
  const { discover } = await import('./discovery/discover.js');
  const { interpreters } = await discover(ctx.env, ctx.paths, [{ path: line.python, source: line.source }]);
  return { interpreter: interpreters.find((i) => i.path === line.python), all: interpreters };
}
