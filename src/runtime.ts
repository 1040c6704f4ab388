import { PyshimError } from './errors.js';

/**
 * What pyshim needs from the install it runs from: a Node.js new enough
 * (package.json's `engines`, checked before anything else runs, so an old
 * Node.js gets one line instead of a failure somewhere later), and the
 * packages the bundles leave to node_modules (build.mjs's externals).
 */

/** The oldest Node.js major version pyshim runs on: package.json's engines.node (">=20"). */
export const NODE_MAJOR = 20;

/**
 * The one line for a Node.js older than NODE_MAJOR, or undefined when
 * `version` (process.versions.node, such as "18.20.4") is new enough.
 * `node` names the executable, for the user with several.
 */
export function nodeTooOld(version: string, node: string): string | undefined {
  const major = /^v?(\d+)\./.exec(version)?.[1];
  if (major !== undefined && Number(major) >= NODE_MAJOR) return undefined;
  return `pyshim: error: pyshim needs Node.js ${NODE_MAJOR} or newer, and ${node} is ${version} (install a newer one, or put it first on PATH)`;
}

/** Say so on stderr and answer true when the running Node.js is too old (the caller exits 1). */
export function refuseOldNode(): boolean {
  const tooOld = nodeTooOld(process.versions.node, process.execPath);
  if (tooOld) process.stderr.write(`${tooOld}\n`);
  return tooOld !== undefined;
}

/**
 * A package the bundles require from node_modules that is not there (an
 * install copied without its node_modules, or a checkout before `npm ci`),
 * as a PyshimError; undefined for any other error.
 */
export function missingPackage(error: unknown): PyshimError | undefined {
  const e = error as { code?: unknown; message?: unknown } | undefined;
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' && e?.code !== 'MODULE_NOT_FOUND') return undefined;
  // Only a bare package name: a missing file of pyshim's own is a bug, with its trace.
  const name = /Cannot find (?:package|module) '((?:@[\w.-]+\/)?\w[\w.-]*)'/.exec(String(e.message))?.[1];
  if (!name) return undefined;
  return new PyshimError(
    `this pyshim install is incomplete: the package '${name}' is missing from its node_modules`,
    'reinstall pyshim: ./install.sh in its checkout, or npm install -g with its package',
  );
}
