import type { Interpreter } from '../discovery/interpreter.js';
import { mapLimit } from '../discovery/probe.js';
import type { Env, Paths } from '../paths.js';
import { lineOf } from '../version.js';
import type { PipModule } from '../pip-run.js';
import { backendCandidates, chooseBackend, needsTrial, trialKey, type Backend, type BackendFacts } from './backend.js';
import { readEnvFacts, type EnvFacts } from './facts.js';
import { keptWheels, seedsDir } from './seeds.js';
import { runTrial, TrialCache } from './trial.js';

export interface DecideContext {
  env: Env;
  paths: Paths;
  /** envfacts.py's report for an interpreter; a command's Machine memoizes it (default: run it). */
  envFacts?: (python: string) => Promise<EnvFacts | { error: string }>;
  /** How the line runs pip (Line.pip), which a trial environment's pip is run by; unknown: tried. */
  pip?: PipModule;
}

export interface Decision {
  backend: Backend;
  facts: BackendFacts;
}

/**
 * Choose the backend for `target` on this machine (the file-system and
 * process edge around the pure chooseBackend): ask the target and every
 * interpreter that has virtualenv what they can do, then, unless venv will
 * do, try each candidate for real — the line's own virtualenv, then every
 * host's — best first, until one works.
 */
export async function decideBackend(target: Interpreter, all: Interpreter[], context: DecideContext): Promise<Decision> {
  const asked = [target, ...all.filter((i) => i.path !== target.path && i.modules.virtualenv && !i.inVirtualenv)];
  const ask = context.envFacts ?? ((python: string) => readEnvFacts(python, context.env));
  const reports = await mapLimit(asked, 8, (i) => ask(i.path));
  const env = new Map<string, EnvFacts>();
  asked.forEach((i, n) => {
    const report = reports[n];
    if (report && !('error' in report)) env.set(i.path, report);
  });
  const line = lineOf(target.version);
  const facts: BackendFacts = { env, trials: new Map(), keptWheels: keptWheels(context.paths, line) };
  const cache = TrialCache.load(context.paths);
  for (const candidate of backendCandidates(target, all, facts)) {
    if (!needsTrial(candidate)) break;
    let outcome = cache.get(candidate);
    if (!outcome) {
      outcome = await runTrial(candidate, line, context.env, { seeds: seedsDir(context.paths), pip: context.pip });
      cache.set(candidate, outcome);
    }
    facts.trials.set(trialKey(candidate), outcome);
    if (outcome.ok) break;
  }
  return { backend: chooseBackend(target, all, facts), facts };
}
