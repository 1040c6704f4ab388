import fs from 'node:fs';
import path from 'node:path';
import { envKey, mtimeOf } from '../discovery/cache.js';
import { runPythonScript } from '../discovery/probe.js';
import { pythonScript, type Env, type Paths } from '../paths.js';
import { writeFileAtomic } from '../util/atomic.js';

/** What python/envfacts.py reports: how one interpreter can make environments. */
export interface EnvFacts {
  version: string;
  /** The stdlib venv module is importable (3.3+). */
  venv: boolean;
  ensurepip: {
    /** The pip wheel ensurepip would install, when it really lies on disk. */
    pip: string | null;
    pipVersion: string | null;
    /** The setuptools wheel ensurepip installs beside pip (none from 3.12). */
    setuptools: string | null;
    /** Why ensurepip cannot seed pip, when it cannot. */
    reason: string | null;
  };
  /** The virtualenv this interpreter imports (its own install or the distribution's), or null. */
  virtualenv: VirtualenvFacts | null;
  /**
   * The virtualenv it imports without its user site (`python -s`), reported
   * only when the one above lies in the user site and so hides it (a
   * virtualenv bootstrapped into 3.11's user site over Debian's); else null.
   */
  systemVirtualenv?: VirtualenvFacts | null;
}

export interface VirtualenvFacts {
  version: string | null;
  file: string | null;
  error: string | null;
  /** It was imported from the user site (shared by every interpreter of this X.Y), not the interpreter's own. */
  userSite?: boolean;
}

/** Run envfacts.py with one interpreter (see EnvFactsCache for when it need not run). */
export async function readEnvFacts(python: string, env: Env): Promise<EnvFacts | { error: string }> {
  const run = await runPythonScript(python, pythonScript('envfacts.py'), env);
  if (!run.ok) return { error: `envfacts.py with ${python}: ${run.reason}` };
  try {
    return JSON.parse(run.stdout) as EnvFacts;
  } catch {
    return { error: `envfacts.py printed something that is not its report (${python})` };
  }
}

/** What must be unchanged for a report to hold: files and directories with their mtimes (null: absent). */
type Stamp = Record<string, number | null>;

interface CacheFile {
  schema: 2;
  entries: Record<string, { envKey: string; stamp: Stamp; facts: EnvFacts }>;
}

/**
 * envfacts.py's reports, kept in the cache dir while nothing they depend on
 * has changed: the interpreter file, the site directories (a package
 * installed or removed there, by a bootstrap or by hand, changes their
 * mtime), the directory the reported virtualenv was imported from, and the
 * ensurepip wheels. Importing virtualenv to prove it works costs a few
 * hundred ms per interpreter; a re-run `add` need not pay it again.
 *
 * `watch` names the site directories discovery found for the interpreter.
 */
export class EnvFactsCache {
  private dirty = false;

  private constructor(
    private readonly file: string,
    private readonly data: CacheFile,
  ) {}

  static file(paths: Paths): string {
    return path.join(paths.cache, 'env-facts.json');
  }

  static load(paths: Paths): EnvFactsCache {
    const file = EnvFactsCache.file(paths);
    try {
      const data = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheFile;
      if (data.schema === 2 && data.entries && typeof data.entries === 'object') return new EnvFactsCache(file, data);
    } catch {
      // absent or damaged: start empty, it is only a cache
    }
    return new EnvFactsCache(file, { schema: 2, entries: {} });
  }

  get(python: string, env: Env): EnvFacts | undefined {
    const entry = this.data.entries[python];
    if (!entry || entry.envKey !== envKey(env)) return undefined;
    for (const [file, mtime] of Object.entries(entry.stamp)) if (mtimeOf(file) !== mtime) return undefined;
    return entry.facts;
  }

  set(python: string, env: Env, facts: EnvFacts, watch: (string | null)[]): void {
    const virtualenvSite = facts.virtualenv?.file ? path.dirname(path.dirname(facts.virtualenv.file)) : null;
    const files = [python, ...watch, virtualenvSite, facts.ensurepip.pip, facts.ensurepip.setuptools].filter((f): f is string => Boolean(f));
    this.data.entries[python] = { envKey: envKey(env), stamp: Object.fromEntries(files.map((f) => [f, mtimeOf(f)])), facts };
    this.dirty = true;
  }

  forget(python: string): void {
    if (python in this.data.entries) {
      delete this.data.entries[python];
      this.dirty = true;
    }
  }

  save(): void {
    if (!this.dirty) return;
    try {
      writeFileAtomic(this.file, JSON.stringify(this.data));
      this.dirty = false;
    } catch {
      // an unwritable cache costs an envfacts run next time, nothing more
    }
  }
}

/**
 * envfacts.py's report for `python`, from the cache when it still holds,
 * else by running it (and remembering the answer). `watch`: the
 * interpreter's site directories.
 */
export async function cachedEnvFacts(python: string, env: Env, paths: Paths, watch: (string | null)[]): Promise<EnvFacts | { error: string }> {
  const cache = EnvFactsCache.load(paths);
  const known = cache.get(python, env);
  if (known) return known;
  const report = await readEnvFacts(python, env);
  if ('error' in report) return report;
  // Loaded again: another interpreter's report may have landed meanwhile (they run in parallel).
  const latest = EnvFactsCache.load(paths);
  latest.set(python, env, report, watch);
  latest.save();
  return report;
}
