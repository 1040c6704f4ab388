import { runPythonScript } from '../discovery/probe.js';
import { pythonScript, type Env } from '../paths.js';

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
  virtualenv: { version: string | null; file: string | null; error: string | null } | null;
}

/**
 * Run envfacts.py with one interpreter. Not cached on purpose: what it reports
 * changes when a package lands in a user site (bootstrap), which the
 * interpreter's own mtime does not show; it runs only when shims are written.
 */
export async function readEnvFacts(python: string, env: Env): Promise<EnvFacts | { error: string }> {
  const run = await runPythonScript(python, pythonScript('envfacts.py'), env);
  if (!run.ok) return { error: `envfacts.py with ${python}: ${run.reason}` };
  try {
    return JSON.parse(run.stdout) as EnvFacts;
  } catch {
    return { error: `envfacts.py printed something that is not its report (${python})` };
  }
}
