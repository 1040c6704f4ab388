import type { Context } from './context.js';
import { discover } from './discovery/discover.js';
import type { Interpreter } from './discovery/interpreter.js';
import type { Line } from './registry/registry.js';
import { findVirtualenvwrapper, pythonNameOnPath } from './shims/facts.js';
import { shimNames } from './shims/names.js';
import { planShims, type ShimFile } from './shims/plan.js';
import { backendLabel, type Backend } from './envs/backend.js';
import { decideBackend } from './envs/decide.js';
import { writeShims } from './shims/write.js';

export interface WrittenShims {
  files: ShimFile[];
  backend: Backend;
  /** For people: "venv", "virtualenv 20.17 via /usr/bin/python3.11 + ensurepip seed". */
  label: string;
  virtualenvwrapper?: { script: string; hookPython: string };
}

/** Gather the facts for a line's shims from the machine and render them (writes nothing). */
export async function planLineShims(ctx: Context, line: Line, interpreter: Interpreter, all: Interpreter[]): Promise<WrittenShims> {
  const { backend } = await decideBackend(interpreter, all, ctx);
  const vew = findVirtualenvwrapper(line.python, interpreter, all, ctx.env, ctx.paths.bin);
  const files = planShims({
    line,
    probe: interpreter,
    binDir: ctx.paths.bin,
    home: ctx.paths.home,
    virtualenvwrapper: vew,
    pythonNameOnPath: pythonNameOnPath(shimNames(line.version).python, line.python, ctx.env, ctx.paths.bin),
    backend,
  });
  return { files, backend, label: backendLabel(backend), virtualenvwrapper: vew };
}

/** Gather the facts for a line's shims from the machine, then write them. */
export async function writeLineShims(ctx: Context, line: Line, interpreter: Interpreter, all: Interpreter[]): Promise<WrittenShims> {
  const planned = await planLineShims(ctx, line, interpreter, all);
  writeShims(ctx.paths.bin, line.version, planned.files);
  line.backend = planned.label;
  line.virtualenvwrapper = planned.virtualenvwrapper ?? null;
  return planned;
}

/** The registered line's interpreter as discovery sees it now (probing it again if it changed). */
export async function lineInterpreter(ctx: Context, line: Line): Promise<{ interpreter?: Interpreter; all: Interpreter[] }> {
  const { interpreters } = await discover(ctx.env, ctx.paths, [{ path: line.python, source: line.source }]);
  return { interpreter: interpreters.find((i) => i.path === line.python), all: interpreters };
}
