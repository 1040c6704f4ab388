import fs from 'node:fs';
import type { Env } from '../paths.js';
import { writeFileAtomic } from '../util/atomic.js';
import type { ProbeResult } from './interpreter.js';
import type { ResolvedFile } from './resolve.js';

/**
 * Probe results keyed by real path, valid while the interpreter file has the
 * same mtime and size, the environment that decides the user site is the
 * same, and the site directories it reported have not changed (a package
 * installed there changes what is importable).
 */
interface Entry {
  mtimeMs: number;
  size: number;
  envKey: string;
  watched: Record<string, number | null>;
  /** What the probe learned, or why it failed: a broken file stays broken until it changes. */
  result?: ProbeResult;
  failure?: string;
}

export type CachedOutcome = { ok: true; result: ProbeResult } | { ok: false; reason: string };

interface CacheFile {
  schema: 1;
  entries: Record<string, Entry>;
}

export function envKey(env: Env): string {
  return [env.HOME ?? '', env.PYTHONUSERBASE ?? '', env.PYTHONNOUSERSITE ?? ''].join('\0');
}

export function mtimeOf(dir: string): number | null {
  try {
    // A user site that does not exist yet is common: no exception for it.
    return fs.statSync(dir, { throwIfNoEntry: false })?.mtimeMs ?? null;
  } catch {
    return null;
  }
}

export class ProbeCache {
  private entries: Record<string, Entry>;
  private dirty = false;

  private constructor(
    private readonly file: string,
    entries: Record<string, Entry>,
    /** false: learn, but write nothing (see paths.ts mayWriteCache). */
    private readonly persist = true,
  ) {
    this.entries = entries;
  }

  static load(file: string, persist = true): ProbeCache {
    try {
      const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as CacheFile;
      if (parsed.schema === 1 && parsed.entries && typeof parsed.entries === 'object') {
        return new ProbeCache(file, parsed.entries, persist);
      }
    } catch {
      // A missing or damaged cache is only a slower start.
    }
    return new ProbeCache(file, {}, persist);
  }

  /** Was this very file (same mtime and size) probed as an interpreter before? */
  knows(file: string, mtimeMs: number, size: number): boolean {
    const entry = this.entries[file];
    return Boolean(entry?.result) && entry?.mtimeMs === mtimeMs && entry?.size === size;
  }

  get(resolved: ResolvedFile, env: Env): CachedOutcome | undefined {
    const entry = this.entries[resolved.path];
    if (!entry) return undefined;
    if (entry.mtimeMs !== resolved.mtimeMs || entry.size !== resolved.size || entry.envKey !== envKey(env)) return undefined;
    for (const [dir, mtime] of Object.entries(entry.watched)) {
      if (mtimeOf(dir) !== mtime) return undefined;
    }
    if (entry.result) return { ok: true, result: entry.result };
    if (typeof entry.failure === 'string') return { ok: false, reason: entry.failure };
    return undefined;
  }

  set(resolved: ResolvedFile, env: Env, outcome: CachedOutcome): void {
    const watched: Record<string, number | null> = {};
    if (outcome.ok) {
      for (const dir of [outcome.result.userSite, outcome.result.sitePackages]) {
        if (dir) watched[dir] = mtimeOf(dir);
      }
    }
    const base = { mtimeMs: resolved.mtimeMs, size: resolved.size, envKey: envKey(env), watched };
    this.entries[resolved.path] = outcome.ok ? { ...base, result: outcome.result } : { ...base, failure: outcome.reason };
    this.dirty = true;
  }

  /** What the last probe of this real path learned, however old (for messages, never for decisions). */
  peek(realPath: string): ProbeResult | undefined {
    return this.entries[realPath]?.result;
  }

  forget(realPath: string): void {
    if (realPath in this.entries) {
      delete this.entries[realPath];
      this.dirty = true;
    }
  }

  save(): void {
    if (!this.dirty || !this.persist) return;
    const data: CacheFile = { schema: 1, entries: this.entries };
    try {
      writeFileAtomic(this.file, JSON.stringify(data));
      this.dirty = false;
    } catch {
      // The cache is an optimisation; a read-only cache dir must not fail a command.
    }
  }
}
