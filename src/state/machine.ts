/**
 * What one command learns about this machine's interpreters, learned once:
 * discovery runs at most once per command, envfacts.py at most once per
 * interpreter, and a bootstrapped interpreter is probed again on its own.
 *
 * API
 *   Machine.discover(ctx, extra?) → Machine   every source + `extra`, probed in parallel (cache-backed)
 *   machine.interpreters                      Interpreter[] as discovered (updated by reprobe)
 *   machine.find(path)                        the interpreter whose real path is `path`
 *   machine.envFacts(python)                  envfacts.py's report (memoized per command; kept in the
 *                                             cache dir while its files are unchanged: src/envs/facts.ts)
 *   machine.reprobe(python)                   probe one interpreter again after its user site changed
 *
 * PYSHIM_TRACE=1 prints one stderr line per discovery, probe-again and
 * envfacts run, so tests can count them.
 */
import type { Context } from '../context.js';
import { ProbeCache } from '../discovery/cache.js';
import { discover, probeFiles } from '../discovery/discover.js';
import { resolveCandidates } from '../discovery/resolve.js';
import type { Interpreter } from '../discovery/interpreter.js';
import type { Candidate } from '../discovery/sources.js';
import { cachedEnvFacts, type EnvFacts } from '../envs/facts.js';
import { mayWriteCache, type Env, type Paths } from '../paths.js';

export type EnvReport = EnvFacts | { error: string };

function trace(env: Env, what: string): void {
  if (env.PYSHIM_TRACE === '1') process.stderr.write(`pyshim-trace: ${what}\n`);
}

export class Machine {
  private readonly facts = new Map<string, Promise<EnvReport>>();

  private constructor(
    readonly env: Env,
    readonly paths: Paths,
    public interpreters: Interpreter[],
  ) {}

  static async discover(ctx: Context, extra: Candidate[] = []): Promise<Machine> {
    trace(ctx.env, 'discover');
    const { interpreters } = await discover(ctx.env, ctx.paths, extra);
    return new Machine(ctx.env, ctx.paths, interpreters);
  }

  /** A machine that knows only these interpreters (tests, and callers that discovered already). */
  static of(ctx: Context, interpreters: Interpreter[]): Machine {
    return new Machine(ctx.env, ctx.paths, interpreters);
  }

  /** Add interpreters discovery did not list (a path the user named), probing them. */
  async include(extra: Candidate[]): Promise<void> {
    const files = resolveCandidates(extra).filter((f) => !this.find(f.path));
    if (files.length === 0) return;
    trace(this.env, `probe ${files.map((f) => f.path).join(' ')}`);
    const { interpreters } = await probeFiles(files, this.env, this.paths);
    this.interpreters.push(...interpreters);
  }

  find(python: string): Interpreter | undefined {
    return this.interpreters.find((i) => i.path === python);
  }

  /** Bound, so the machine itself can be handed to decideBackend as its context. */
  readonly envFacts = (python: string): Promise<EnvReport> => {
    let report = this.facts.get(python);
    if (!report) {
      trace(this.env, `envfacts ${python}`);
      const known = this.find(python);
      report = cachedEnvFacts(python, this.env, this.paths, [known?.userSite ?? null, known?.sitePackages ?? null]);
      this.facts.set(python, report);
    }
    return report;
  };

  /**
   * Probe `python` again (what it can import changed: a bootstrap installed
   * into its user site) and forget what envfacts said about it.
   */
  async reprobe(python: string): Promise<Interpreter | undefined> {
    trace(this.env, `reprobe ${python}`);
    const old = this.find(python);
    const cache = ProbeCache.load(this.paths.probeCacheFile, mayWriteCache(this.paths));
    cache.forget(python);
    this.facts.delete(python);
    const files = resolveCandidates([{ path: python, source: old?.source ?? 'path' }]);
    const probed = (await probeFiles(files, this.env, this.paths, cache)).interpreters[0];
    const fresh = probed && old ? { ...probed, names: old.names, source: old.source } : probed;
    this.interpreters = this.interpreters.filter((i) => i.path !== python);
    if (fresh) this.interpreters.push(fresh);
    return fresh;
  }
}
