import path from 'node:path';
import type { Interpreter } from '../discovery/interpreter.js';
import { compareVersions } from '../version.js';
import type { EnvFacts } from './facts.js';

/**
 * How `virtualenv-X.Y` makes an environment for one line. Chosen when shims
 * are written, by what works for that interpreter (docs/DESIGN.md "Virtual
 * environments across versions"), never by a table of versions.
 *
 * `seedWheels` are the target's own ensurepip wheels (pip first, then
 * setuptools where its ensurepip has it; `keptSeed`: the wheels pyshim kept
 * from the line's bootstrap instead, src/envs/seeds.ts): python/mkenv.py makes the
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
  /**
   * The line's own virtualenv module (a line without venv, such as 2.7 with the recipe's toolchain).
   * `runner`: another Python that runs pyshim's helper, for a line too old to run it (2.6 has no
   * argparse); the line's virtualenv still makes the environment.
   */
  | { kind: 'own-virtualenv'; python: string; virtualenvVersion: string; seedWheels: string[]; runner?: string; keptSeed?: true }
  /**
   * Another interpreter's virtualenv run with -p. `noUserSite`: the host runs with -s, for the
   * virtualenv its user site hides (the distribution's, under one bootstrapped into the user site).
   */
  | { kind: 'host-virtualenv'; python: string; host: string; virtualenvVersion: string; seedWheels: string[]; noUserSite?: true; keptSeed?: true }
  | { kind: 'none'; python: string; reasons: string[] };

export type BackendKind = Backend['kind'];

/** Facts about the target and the interpreters that could host a virtualenv for it. */
export interface BackendFacts {
  /** envfacts.py reports, by interpreter path (the target's is required). */
  env: Map<string, EnvFacts>;
  /**
   * pip (and setuptools) wheels pyshim keeps for the target's X.Y (src/envs/seeds.ts), for a
   * line whose ensurepip has none: what its environments get when its virtualenv cannot seed pip.
   */
  keptWheels?: string[];
  /** Outcome of a real trial environment per backend key (see trialKey); absent = not tried yet. */
  trials: Map<string, TrialOutcome>;
}

export type TrialOutcome = { ok: true } | { ok: false; reason: string };

/** The backends that prove themselves in a trial environment before they are chosen (all but venv). */
export type TrialBackend = Extract<Backend, { kind: 'own-virtualenv' | 'host-virtualenv' }>;

export function needsTrial(backend: Backend): backend is TrialBackend {
  return backend.kind === 'own-virtualenv' || backend.kind === 'host-virtualenv';
}

/** The identity of a candidate, for trials and their cache. */
export function trialKey(backend: TrialBackend): string {
  const runner = backend.kind === 'host-virtualenv' ? backend.host + (backend.noUserSite ? ' -s' : '') : `own ${backend.runner ?? ''}`;
  return [runner, backend.virtualenvVersion, backend.python, backend.seedWheels.join(',')].join('\0');
}

function usable(v: EnvFacts['virtualenv'] | undefined): string | undefined {
  return v && !v.error && v.version ? v.version : undefined;
}

function usableVirtualenv(facts: EnvFacts | undefined): string | undefined {
  return usable(facts?.virtualenv);
}

/**
 * The virtualenvs a host can run: the one it imports, then the one its user
 * site hides (-s), if different. A virtualenv of the host's own (not in its
 * user site) is run with -s too: the user site is shared by every Python of
 * that X.Y, and a later `pip install --user virtualenv` by another (a pyenv
 * 3.11's bootstrap beside Debian's 3.11) would otherwise replace it under the
 * shim with a release the trial never saw.
 */
function hostVirtualenvs(facts: EnvFacts | undefined): { version: string; noUserSite?: true }[] {
  const found: { version: string; noUserSite?: true }[] = [];
  const own = usable(facts?.virtualenv);
  if (own) found.push({ version: own, ...(facts?.virtualenv?.userSite === false ? { noUserSite: true as const } : {}) });
  const system = usable(facts?.systemVirtualenv);
  if (system && facts?.systemVirtualenv?.file !== facts?.virtualenv?.file) found.push({ version: system, noUserSite: true });
  return found;
}

/**
 * The Python that runs pyshim's helper for a line too old to run it (before
 * 2.7: no argparse): the distribution's, else the newest. Pure.
 */
export function helperRunnerFor(target: Interpreter, all: Interpreter[]): string | undefined {
  if (compareVersions(target.version, '2.7') >= 0) return undefined;
  const able = all.filter((i) => i.path !== target.path && !i.inVirtualenv && compareVersions(i.version, '2.7') >= 0);
  able.sort((a, b) => Number(b.source === 'system') - Number(a.source === 'system') || compareVersions(b.version, a.version));
  return able[0]?.path;
}

/**
 * Every backend that the cheap facts allow, best first: venv with the
 * target's ensurepip wheels to seed from (the fastest way; the line's own
 * virtualenv, if any, takes the options venv lacks), then the line's own
 * virtualenv, then — where its ensurepip has no wheels but pyshim keeps some
 * — the line's own virtualenv making an environment without pip and pip put
 * in from those wheels (for a virtualenv whose own seeding fails: 15.2 on
 * 2.6rc2), then each other interpreter's virtualenv, also the one its user
 * site hides. All but venv still need a trial: whether a virtualenv makes
 * working environments for a Python is only known by trying. Pure.
 */
export function backendCandidates(target: Interpreter, all: Interpreter[], facts: BackendFacts): Backend[] {
  const own = facts.env.get(target.path);
  const candidates: Backend[] = [];
  if (!own) return candidates;
  const ownVirtualenv = usableVirtualenv(own);
  const ensurepipWheels = own.ensurepip.pip ? [own.ensurepip.pip, ...(own.ensurepip.setuptools ? [own.ensurepip.setuptools] : [])] : [];
  const kept = facts.keptWheels ?? [];
  const seedWheels = ensurepipWheels.length ? ensurepipWheels : kept;
  if (own.venv && own.ensurepip.pip) {
    candidates.push({ kind: 'venv', python: target.path, seedWheels, virtualenvVersion: ownVirtualenv ?? null });
  }
  if (ownVirtualenv) {
    candidates.push({ kind: 'own-virtualenv', python: target.path, virtualenvVersion: ownVirtualenv, seedWheels: ensurepipWheels });
    const runner = helperRunnerFor(target, all);
    const runnable = runner !== undefined || compareVersions(target.version, '2.7') >= 0;
    if (!ensurepipWheels.length && kept.length && runnable) {
      candidates.push({ kind: 'own-virtualenv', python: target.path, virtualenvVersion: ownVirtualenv, seedWheels: kept, ...(runner ? { runner } : {}), keptSeed: true });
    }
  }
  const hosts = all
    .filter((i) => i.path !== target.path && !i.inVirtualenv && hostVirtualenvs(facts.env.get(i.path)).length)
    // The distribution's virtualenv first (it is maintained with the machine), then newest Python.
    .sort((a, b) => Number(b.source === 'system') - Number(a.source === 'system') || compareVersions(b.version, a.version));
  for (const host of hosts) {
    for (const v of hostVirtualenvs(facts.env.get(host.path))) {
      candidates.push({
        kind: 'host-virtualenv',
        python: target.path,
        host: host.path,
        virtualenvVersion: v.version,
        seedWheels,
        ...(v.noUserSite ? { noUserSite: true as const } : {}),
        ...(!ensurepipWheels.length && kept.length ? { keptSeed: true as const } : {}),
      });
    }
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
    if (!needsTrial(b)) continue;
    const outcome = facts.trials.get(trialKey(b));
    if (outcome && !outcome.ok) reasons.push(`${trialLabel(b)} failed a trial: ${outcome.reason}`);
  }
  if (!tried.some((b) => b.kind === 'host-virtualenv')) reasons.push('no other Python on this machine has virtualenv');
  return reasons;
}

/**
 * The backend for `target`: the first candidate that needs no trial or whose
 * trial passed. A candidate whose trial has not run yet is skipped here, so the
 * caller (decideBackend) runs trials in order and asks again. Pure.
 */
export function chooseBackend(target: Interpreter, all: Interpreter[], facts: BackendFacts): Backend {
  const candidates = backendCandidates(target, all, facts);
  for (const c of candidates) {
    if (!needsTrial(c) || facts.trials.get(trialKey(c))?.ok) return c;
  }
  return { kind: 'none', python: target.path, reasons: reasonsAgainst(target, facts, candidates) };
}

function trialLabel(b: TrialBackend): string {
  if (b.kind === 'host-virtualenv') return `virtualenv ${b.virtualenvVersion} of ${b.host}${b.noUserSite ? ' -s' : ''}`;
  return `its own virtualenv ${b.virtualenvVersion}${seedLabel(b)}`;
}

function seedLabel(b: TrialBackend): string {
  if (!b.seedWheels.length) return '';
  return b.keptSeed ? ` + seed of ${b.seedWheels.map((w) => path.basename(w, '.whl').split('-').slice(0, 2).join(' ')).join(', ')}` : ' + ensurepip seed';
}

/** What `pyshim list` and `add` show for a backend. */
export function backendLabel(backend: Backend): string {
  switch (backend.kind) {
    case 'own-virtualenv':
      return `virtualenv ${backend.virtualenvVersion} (own)${seedLabel(backend)}`;
    case 'venv':
      return `venv + ensurepip seed${backend.virtualenvVersion ? `; virtualenv ${backend.virtualenvVersion} (own) for other options` : ''}`;
    case 'host-virtualenv':
      return `virtualenv ${backend.virtualenvVersion} via ${backend.host}${backend.noUserSite ? ' -s' : ''}${seedLabel(backend)}`;
    case 'none':
      return 'none';
  }
}
