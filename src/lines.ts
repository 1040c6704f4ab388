/**
 * A line's shims: the facts gathered from the command's Machine, rendered
 * (planLineShims, which writes nothing: doctor compares with it) and written
 * inside a transaction (writeLineShims).
 */
import type { Context } from './context.js';
import type { Interpreter } from './discovery/interpreter.js';
import type { Line } from './registry/registry.js';
import { findVirtualenvwrapper, pythonNameOnPath } from './shims/facts.js';
import { runtimeCopies } from './shims/copies.js';
import { shimNames } from './shims/names.js';
import { removeShims, writeShims } from './shims/write.js';
import type { Version } from './version.js';
import { planShims, type ShimFile } from './shims/plan.js';
import { backendLabel, type Backend } from './envs/backend.js';
import { decideBackend } from './envs/decide.js';
import { seedsDir } from './envs/seeds.js';
import type { Machine } from './state/machine.js';
import { runtimeFile } from './runtime-files.js';
import type { Transaction } from './state/transaction.js';

export interface WrittenShims {
  files: ShimFile[];
  backend: Backend;
  /** For people: "venv", "virtualenv 20.17 via /usr/bin/python3.11 + ensurepip seed". */
  label: string;
  virtualenvwrapper?: { script: string; hookPython: string };
}

/** Gather the facts for a line's shims from the machine and render them (writes nothing). */
export async function planLineShims(ctx: Context, line: Line, interpreter: Interpreter, machine: Machine): Promise<WrittenShims> {
  // A trial environment's pip runs as the line's does (Line.pip).
  const context = { env: machine.env, paths: machine.paths, envFacts: machine.envFacts, ...(line.pip ? { pip: line.pip.module } : {}) };
  const decided = (await decideBackend(interpreter, machine.interpreters, context)).backend;
  // The shim runs the line's stable link, as every other shim does; the choice was made on what it points at.
  const backend = line.link && decided.python === line.python ? { ...decided, python: line.link } : decided;
  const vew = findVirtualenvwrapper(line.python, interpreter, machine.interpreters, ctx.env, ctx.paths.bin);
  const files = planShims({
    line,
    probe: interpreter,
    binDir: ctx.paths.bin,
    home: ctx.paths.home,
    virtualenvwrapper: vew,
    pythonNameOnPath: pythonNameOnPath(shimNames(line.version).python, line.python, ctx.env, ctx.paths.bin),
    backend,
    helper: runtimeFile(ctx.paths, 'mkenv.py'),
    copies: runtimeCopies(ctx.paths),
    seeds: seedsDir(ctx.paths),
    toggle: runtimeFile(ctx.paths, 'virtualenvwrapper-toggle.sh'),
  });
  return { files, backend, label: backendLabel(backend), virtualenvwrapper: vew };
}

/**
 * Write a line's shims (deleting those it no longer has) inside a transaction,
 * which records them. The line remembers its backend and virtualenvwrapper.
 */
export async function writeLineShims(tx: Transaction, line: Line, interpreter: Interpreter): Promise<WrittenShims> {
  const { ctx } = tx;
  const planned = await planLineShims(ctx, line, interpreter, await tx.machine());
  writeShims(tx, ctx.paths.bin, line.version, planned.files);
  line.backend = planned.label;
  line.virtualenvwrapper = planned.virtualenvwrapper ?? null;
  return planned;
}

/** Delete a line's shims (those pyshim wrote) inside a transaction. Returns their paths. */
export function removeLineShims(tx: Transaction, version: Version): string[] {
  return removeShims(tx, tx.ctx.paths.bin, version);
}
