/**
 * What a build pyshim made records about itself, in a file at its prefix
 * beside bin/ and lib/. Its presence is how `pyshim python uninstall` knows a
 * directory under pythons/ is pyshim's to delete.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Adaptation } from './old-sources.js';
import type { MissingWhy } from './optional-modules.js';
import { parseSourceVersion } from './patchlevel.js';
import type { ChecksumOrigin } from './releases.js';

export const BUILD_MARKER = '.pyshim-build.json';

export interface BuildRecord {
  /** PY_VERSION as the source declared it (3.12.4, 3.13.0rc1, 3.14.0a1+). */
  version: string;
  /** --source as given: a directory, a tarball or a URL. */
  source: string;
  /** The SHA-256 the source was checked against, when it was. */
  sha256?: string;
  /** Where that checksum came from: the table pyshim ships, --sha256, or none (a directory, an unchecked download). */
  checksum?: ChecksumOrigin;
  configureArgs: string[];
  /** What pyshim gave configure so that an old source builds on this toolchain (LDFLAGS, CPPFLAGS), and why. */
  adaptations?: Adaptation[];
  /** Why the build ran from a copy of the source directory, when it did. */
  copiedBecause?: string;
  /** Optional modules that did not build, and why (optional-modules.ts). */
  missing?: { name: string; why: MissingWhy }[];
  /** ISO 8601. */
  builtAt: string;
  /** The build's log file. */
  log: string;
}

export function writeBuildRecord(prefix: string, record: BuildRecord): void {
  fs.writeFileSync(path.join(prefix, BUILD_MARKER), JSON.stringify(record, null, 2) + '\n');
}

/**
 * The record of the build at `prefix`, or undefined when there is none that
 * names this build: no file (or not a regular one), not JSON, or a version
 * whose release is not the directory's name (a copy or a rename is not what
 * pyshim made).
 */
export function readBuildRecord(prefix: string): BuildRecord | undefined {
  const file = path.join(prefix, BUILD_MARKER);
  try {
    if (!fs.lstatSync(file).isFile()) return undefined;
    const record = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<BuildRecord> | null;
    if (typeof record?.version !== 'string' || parseSourceVersion(record.version)?.release !== path.basename(prefix)) return undefined;
    return record as BuildRecord;
  } catch {
    return undefined;
  }
}
