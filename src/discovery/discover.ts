import os from 'node:os';
import { mayWriteCache, type Env, type Paths } from '../paths.js';
import { ProbeCache } from './cache.js';
import type { Interpreter, ProbeFailure } from './interpreter.js';
import { mapLimit, probe } from './probe.js';
import { resolveCandidates, type ResolvedFile } from './resolve.js';
import { allCandidates, type Candidate } from './sources.js';

export interface Discovery {
  interpreters: Interpreter[];
  failures: ProbeFailure[];
}

/** Probe each file (from the cache where it is still valid), in parallel. */
export async function probeFiles(files: ResolvedFile[], env: Env, paths: Paths, cache = ProbeCache.load(paths.probeCacheFile, mayWriteCache(paths))): Promise<Discovery> {
  const limit = Math.max(2, os.availableParallelism?.() ?? os.cpus().length) * 2;
  const outcomes = await mapLimit(files, limit, async (file) => {
    const cached = cache.get(file, env);
    if (cached) return { file, outcome: cached };
    const outcome = await probe(file.path, env);
    // A timeout may pass next time; anything else is a fact about this very file.
    if (outcome.ok || !outcome.timedOut) cache.set(file, env, outcome);
    return { file, outcome };
  });
  cache.save();
  const interpreters: Interpreter[] = [];
  const failures: ProbeFailure[] = [];
  for (const { file, outcome } of outcomes) {
    if (outcome.ok) {
      interpreters.push({ ...outcome.result, path: file.path, names: file.names, source: file.source });
    } else {
      failures.push({ path: file.path, source: file.source, reason: outcome.reason });
    }
  }
  return { interpreters, failures };
}

/**
 * Every interpreter on the machine, from every source, deduplicated by file.
 * `extra` (a path the user named) comes last, so an interpreter a source
 * knows keeps that source's label.
 */
export async function discover(env: Env, paths: Paths, extra: Candidate[] = []): Promise<Discovery> {
  const cache = ProbeCache.load(paths.probeCacheFile, mayWriteCache(paths));
  const files = resolveCandidates([...allCandidates({ env, paths }), ...extra], {
    knownInterpreter: (file, mtimeMs, size) => cache.knows(file, mtimeMs, size),
  });
  return probeFiles(files, env, paths, cache);
}

/** Probe one path the user named (which may be a wrapper script). */
export async function probeOne(file: string, env: Env, paths: Paths): Promise<Discovery> {
  const files = resolveCandidates([{ path: file, source: 'path' }], { allowScripts: true });
  return probeFiles(files, env, paths);
}
