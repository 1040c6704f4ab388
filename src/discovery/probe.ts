import { pythonScript, type Env } from '../paths.js';
import type { ProbeResult } from './interpreter.js';
import { atLeast } from '../version.js';

export type ProbeOutcome = { ok: true; result: ProbeResult } | { ok: false; reason: string; timedOut?: boolean };

export type ScriptRun = { ok: true; stdout: string } | { ok: false; reason: string; timedOut?: boolean };

/**
 * Run one of pyshim's Python scripts (python/*.py) with an interpreter and
 * collect what it prints. Started with node's execFile (an argv, no shell)
 * rather than execa: importing execa costs ~160 ms, a third of a cold
 * `pyshim list`, whose probes the user is waiting for. Never throws.
 */
export async function runPythonScript(python: string, script: string, env: Env): Promise<ScriptRun> {
  // Required here, not at the top: node:child_process pulls in node:net and
  // streams (~5 ms), which a warm `pyshim list` never needs.
  const { execFile } = await import('node:child_process');
  return new Promise((resolve) => {
    execFile(
      python,
      [script],
      {
        env: { ...env, PYTHONDONTWRITEBYTECODE: '1', PYTHONIOENCODING: 'utf-8' },
        timeout: 30_000,
        maxBuffer: 1 << 20,
        encoding: 'utf8',
      },
      (error, stdout, stderr) => {
        if (!error) return resolve({ ok: true, stdout: String(stdout) });
        if (error.killed && error.signal === 'SIGTERM') return resolve({ ok: false, reason: 'it did not answer within 30 s', timedOut: true });
        const detail = String(stderr || error.message || '').trim().split('\n').pop() ?? '';
        resolve({ ok: false, reason: `it failed (exit ${typeof error.code === 'number' ? error.code : '?'}): ${detail}` });
      },
    ).stdin?.end();
  });
}

/** Run python/probe.py with one interpreter. Never throws: a broken Python is an outcome. */
export async function probe(python: string, env: Env): Promise<ProbeOutcome> {
  const run = await runPythonScript(python, pythonScript('probe.py'), env);
  if (!run.ok) {
    return run.timedOut
      ? { ok: false, reason: 'the probe did not answer within 30 s', timedOut: true }
      : { ok: false, reason: `the probe ${run.reason.slice('it '.length)}` };
  }
  const result = parseProbeReport(run.stdout.trim());
  return result ? { ok: true, result } : { ok: false, reason: 'the probe printed something that is not its report' };
}

const MODULES = ['pip', 'venv', 'ensurepip', 'virtualenv', 'virtualenvwrapper'] as const;

/**
 * Check the probe's JSON before anything trusts it. A Python older than 2.6
 * has no json module and reports only its version: it gets a report that
 * says it has nothing (no user site, no pip), so `list` can show it and
 * `add` can refuse it by its version, instead of either crashing on a field
 * that is not there.
 */
export function parseProbeReport(text: string): ProbeResult | undefined {
  let raw: Record<string, unknown>;
  try {
    raw = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (!raw || typeof raw !== 'object' || typeof raw.version !== 'string' || !/^\d+\.\d+\.\d+$/.test(raw.version)) return undefined;
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  const modules = (raw.modules && typeof raw.modules === 'object' ? raw.modules : {}) as Record<string, unknown>;
  if (!('modules' in raw) && !('userSiteEnabled' in raw)) {
    // Only a version: an interpreter too old to report more, or not our probe.
    if (atLeast(raw.version, '2.6')) return undefined;
    return {
      version: raw.version,
      implementation: 'cpython',
      executable: '',
      prefix: '',
      basePrefix: '',
      inVirtualenv: false,
      userBase: null,
      userSite: null,
      userSiteEnabled: false,
      sitePackages: null,
      modules: { pip: false, venv: false, ensurepip: false, virtualenv: false, virtualenvwrapper: false },
      externallyManaged: null,
    };
  }
  if (typeof raw.userSiteEnabled !== 'boolean' || typeof raw.implementation !== 'string') return undefined;
  if (!MODULES.every((m) => typeof modules[m] === 'boolean')) return undefined;
  return {
    version: raw.version,
    ...(typeof raw.releaselevel === 'string' ? { releaselevel: raw.releaselevel } : {}),
    ...(typeof raw.serial === 'number' ? { serial: raw.serial } : {}),
    implementation: raw.implementation,
    executable: str(raw.executable) ?? '',
    prefix: str(raw.prefix) ?? '',
    basePrefix: str(raw.basePrefix) ?? str(raw.prefix) ?? '',
    inVirtualenv: raw.inVirtualenv === true,
    userBase: str(raw.userBase),
    userSite: str(raw.userSite),
    userSiteEnabled: raw.userSiteEnabled,
    sitePackages: str(raw.sitePackages),
    modules: Object.fromEntries(MODULES.map((m) => [m, modules[m] === true])) as unknown as ProbeResult['modules'],
    externallyManaged: str(raw.externallyManaged),
  };
}

/** Run `task` over `items` with at most `limit` at once, keeping order. */
export async function mapLimit<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  async function worker(): Promise<void> {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}
