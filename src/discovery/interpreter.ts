import type { Source } from './sources.js';

/** What the probe (python/probe.py) reports about one interpreter. */
export interface ProbeResult {
  version: string;
  releaselevel?: string;
  /** sys.version_info's serial: the 2 of 2.6.0rc2 (see releaseName in version.ts). */
  serial?: number;
  implementation: string;
  executable: string;
  prefix: string;
  basePrefix: string;
  inVirtualenv: boolean;
  userBase: string | null;
  userSite: string | null;
  userSiteEnabled: boolean;
  sitePackages: string | null;
  modules: {
    pip: boolean;
    venv: boolean;
    ensurepip: boolean;
    virtualenv: boolean;
    virtualenvwrapper: boolean;
  };
  /** Path of the PEP 668 EXTERNALLY-MANAGED marker, or null. */
  externallyManaged: string | null;
}

/** An interpreter on disk: its real path, the names that lead to it, and its probe. */
export interface Interpreter extends ProbeResult {
  path: string;
  /** Every path discovery found that is this same file (symlinks, hard links). */
  names: string[];
  source: Source;
}

/** A file that looked like a Python but could not be probed. */
export interface ProbeFailure {
  path: string;
  source: Source;
  reason: string;
}
