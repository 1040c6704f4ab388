import type { Interpreter } from '../discovery/interpreter.js';
import { compareVersions } from '../version.js';
import type { EnvFacts } from './facts.js';

/**
 * How `virtualenv-X.Y` makes an environment for one line. Chosen when shims
 * are written, by what works for that interpreter (docs/DESIGN.md "Virtual
 * environments across versions"), never by a table of versions.
 *
 * `seedWheels` are the target's own ensurepip wheels (pip first, then
 * setuptools where its ensurepip has it): python/mkenv.py makes the
 * environment without pip and puts these in from pyshim's seed cache
 * (python/seed.py), which is what makes an environment take a fraction of a
 * second. Empty where the target has none (then virtualenv seeds as usual).
 */
export type Backend =
  /**
   * The stdlib venv, run in mkenv.py, seeded from the cache. When the line
   * also has its own virtualenv, the options venv has no way to honour go
   * to it (`virtualenvVersion`).
   */
  | { kind: 'venv'; python: string; seedWheels: string[]; virtualenvVersion: string | null }
  /** The line's own virtualenv module (a line without venv, such as 2.7 with the recipe's toolchain). */
  | { kind: 'own-virtualenv'; python: string; virtualenvVersion: string; seedWheels: string[] }
  /** Another interpreter's virtualenv run with -p. */
  | { kind: 'host-virtualenv'; python: string; host: string; virtualenvVersion: string; seedWheels: string[] }
  | { kind: 'none'; python: string; reasons: string[] };

export type BackendKind = Backend['kind'];

/** Facts about the target and the interpreters that could host a virtualenv for it. */
export interface BackendFacts {
  /** envfacts.py reports, by interpreter path (the target's is required). */
  env: Map<string, EnvFacts>;
  /** Outcome of a real trial environment per host-backend key (see trialKey); absent = not tried yet. */
  trials: Map<string, TrialOutcome>;
}

export type TrialOutcome = { ok: true } | { ok: false; reason: string };

/** The identity of a host-virtualenv candidate, for trials and their cache. */
export function trialKey(backend: Extract<Backend, { kind: 'host-virtualenv' }>): string {
  return [backend.host, backend.virtualenvVersion, backend.python, backend.seedWheels.join(',')].join('\0');
}

function usableVirtualenv(facts: EnvFacts | undefined): string | undefined {
  const v = facts?.virtualenv;
  return v && !v.error && v.version ? v.version : undefined;
}

/**
 * Every backend that the cheap facts allow, best first: venv with the
 * target's ensurepip wheels to seed from (the fastest way; the line's own
 * virtualenv, if any, takes the options venv lacks), then the line's own
 * virtualenv, then each other interpreter's virtualenv (which still needs a
 * trial: whether a virtualenv can make environments for an older or newer
 * Python is only known by trying). Pure.
 */
export function backendCandidates(target: Interpreter, all: Interpreter[], facts: BackendFacts): Backend[] {
  const own = facts.env.get(target.path);
  const candidates: Backend[] = [];
  if (!own) return candidates;
  const ownVirtualenv = usableVirtualenv(own);
  const seedWheels = own.ensurepip.pip ? [own.ensurepip.pip, ...(own.ensurepip.setuptools ? [own.ensurepip.setuptools] : [])] : [];
  if (own.venv && own.ensurepip.pip) {
    candidates.push({ kind: 'venv', python: target.path, seedWheels, virtualenvVersion: ownVirtualenv ?? null });
  }
  if (ownVirtualenv) candidates.push({ kind: 'own-virtualenv', python: target.path, virtualenvVersion: ownVirtualenv, seedWheels });
  const hosts = all
    .filter((i) => i.path !== target.path && !i.inVirtualenv && usableVirtualenv(facts.env.get(i.path)))
    // The distribution's virtualenv first (it is maintained with the machine), then newest Python.
    .sort((a, b) => Number(b.source === 'system') - Number(a.source === 'system') || compareVersions(b.version, a.version));
  for (const host of hosts) {
    candidates.push({
      kind: 'host-virtualenv',
      python: target.path,
      host: host.path,
      virtualenvVersion: usableVirtualenv(facts.env.get(host.path)) as string,
      seedWheels,
    });
  }
  return candidates;
}

/** Why each way is closed, for the `none` backend's message and `pyshim doctor`. */
function reasonsAgainst(target: Interpreter, facts: BackendFacts, tried: Backend[]): string[] {
  const own = facts.env.get(target.path);
  if (!own) return [`${target.path} could not be asked what it has`];
  const reasons: string[] = [];
  if (own.virtualenv?.error) reasons.push(`its virtualenv does not import (${own.virtualenv.error})`);
  else if (!own.virtualenv) reasons.push('it has no virtualenv of its own');
  if (!own.venv) reasons.push('it has no venv module');
  else if (!own.ensurepip.pip) reasons.push(`its venv cannot seed pip: ${own.ensurepip.reason ?? 'no ensurepip'}`);
  for (const b of tried) {
    if (b.kind !== 'host-virtualenv') continue;
    const outcome = facts.trials.get(trialKey(b));
    if (outcome && !outcome.ok) reasons.push(`virtualenv ${b.virtualenvVersion} of ${b.host} failed a trial: ${outcome.reason}`);
  }
  if (!tried.some((b) => b.kind === 'host-virtualenv')) reasons.push('no other Python on this machine has virtualenv');
  return reasons;
}

/**
 * The backend for `target`: the first candidate that needs no trial or whose
 * trial passed. A host whose trial has not run yet is skipped here, so the
 * caller (decideBackend) runs trials in order and asks again. Pure.
 */
export function chooseBackend(target: Interpreter, all: Interpreter[], facts: BackendFacts): Backend {
  const candidates = backendCandidates(target, all, facts);
  for (const c of candidates) {
    if (c.kind !== 'host-virtualenv') return c;
    if (facts.trials.get(trialKey(c))?.ok) return c;
  }
  return { kind: 'none', python: target.path, reasons: reasonsAgainst(target, facts, candidates) };
}

/** What `pyshim list` and `add` show for a backend. */
export function backendLabel(backend: Backend): string {
  switch (backend.kind) {
    case 'own-virtualenv':
      return `virtualenv ${backend.virtualenvVersion} (own)${backend.seedWheels.length ? ' + ensurepip seed' : ''}`;
    case 'venv':
      return `venv + ensurepip seed${backend.virtualenvVersion ? `; virtualenv ${backend.virtualenvVersion} (own) for other options` : ''}`;
    case 'host-virtualenv':
      return `virtualenv ${backend.virtualenvVersion} via ${backend.host}${backend.seedWheels.length ? ' + ensurepip seed' : ''}`;
    case 'none':
      return 'none';
  }
}
