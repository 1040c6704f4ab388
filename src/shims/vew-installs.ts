/**
 * The installed virtualenvwrappers on this machine, read from the file
 * system (no Python runs): which distribution each interpreter imports, and
 * which install wrote each virtualenvwrapper.sh — proven by the content hash
 * its install record holds (a wheel's RECORD, Debian's md5sums), so that a
 * script in a shared ~/.local/bin is told apart from the one another
 * interpreter's `pip install --user` wrote there before. The choice among
 * them is pure: vew-pair.ts.
 *
 * API
 *   gatherVewFacts(interpreters, { onPath, usual }, options?)  → VewFacts (vew-pair.ts)
 *   distIn(site)      the virtualenvwrapper distribution in a site directory, or undefined
 *   siteDirs(i)       where an interpreter imports from, in order (as far as the probe tells)
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Interpreter } from '../discovery/interpreter.js';
import { DPKG, type VewFacts, type VewImport, type VewScript } from './vew-pair.js';
import { isFile, listDir, readText } from '../util/files.js';

/** One virtualenvwrapper distribution's metadata in a site directory. */
export interface VewDist {
  version: string;
  /** The site directory that holds it (and the package). */
  site: string;
  /** Where its install record says virtualenvwrapper.sh went, with the content it wrote (undefined: listed without a hash). */
  scripts: { path: string; hash?: { algorithm: 'sha256' | 'md5'; digest: string } }[];
}



/** The `Version:` header of METADATA / PKG-INFO. */
function metadataVersion(text: string | undefined): string | undefined {
  return text ? /^Version:[ \t]*(\S+)/m.exec(text)?.[1] : undefined;
}

const DIST_NAME = /^virtualenvwrapper-[^-]+(?:-py\d[\d.]*)?\.(?:dist-info|egg-info)$/i;

/**
 * The virtualenvwrapper distribution in a site directory: a wheel install's
 * `.dist-info` (RECORD: paths relative to the site directory, sha256 in
 * urlsafe base64) or a setuptools `.egg-info` (installed-files.txt: paths
 * relative to the egg-info directory, no hashes; Debian's has neither).
 */
export function distIn(site: string): VewDist | undefined {
  const name = listDir(site).find((n) => DIST_NAME.test(n));
  if (!name) return undefined;
  const meta = path.join(site, name);
  const wheel = name.toLowerCase().endsWith('.dist-info');
  const version = metadataVersion(readText(path.join(meta, wheel ? 'METADATA' : 'PKG-INFO')) ?? readText(meta));
  if (!version) return undefined;
  const scripts: VewDist['scripts'] = [];
  if (wheel) {
    for (const row of (readText(path.join(meta, 'RECORD')) ?? '').split('\n')) {
      const [file = '', hash = ''] = row.split(',');
      if (path.basename(file) !== 'virtualenvwrapper.sh') continue;
      const digest = /^sha256=(.+)$/.exec(hash)?.[1];
      scripts.push({ path: path.resolve(site, file), ...(digest ? { hash: { algorithm: 'sha256' as const, digest } } : {}) });
    }
  } else {
    for (const file of (readText(path.join(meta, 'installed-files.txt')) ?? '').split('\n')) {
      if (path.basename(file.trim()) === 'virtualenvwrapper.sh') scripts.push({ path: path.resolve(meta, file.trim()) });
    }
  }
  return { version, site, scripts };
}

/**
 * The site directories an interpreter imports from, in sys.path order as far
 * as the probe tells: the user site (before site-packages), site-packages,
 * then a distribution's shared directories for a Python under /usr (Debian's
 * /usr/lib/python3/dist-packages; Fedora's and Arch's /usr/lib{,64}/pythonX.Y/site-packages).
 */
export function siteDirs(i: Interpreter): string[] {
  const xy = i.version.split('.').slice(0, 2).join('.');
  const dirs = [
    ...(i.userSiteEnabled && i.userSite ? [i.userSite] : []),
    ...(i.sitePackages ? [i.sitePackages] : []),
    ...(i.prefix === '/usr' && !i.inVirtualenv ? ['/usr/lib/python3/dist-packages', `/usr/lib/python${xy}/site-packages`, `/usr/lib64/python${xy}/site-packages`] : []),
  ];
  return [...new Set(dirs)];
}

/** Debian: the md5sums of the package `virtualenvwrapper` (its scripts) and its upstream version from dpkg's status. */
function dpkgRecords(dpkg: string): { version: string; scripts: VewDist['scripts'] } | undefined {
  const sums = readText(path.join(dpkg, 'info', 'virtualenvwrapper.md5sums')) ?? readText(path.join(dpkg, 'info', 'virtualenvwrapper:all.md5sums'));
  if (!sums) return undefined;
  const status = readText(path.join(dpkg, 'status')) ?? '';
  const paragraph = status.split(/\n\n+/).find((p) => /^Package: virtualenvwrapper$/m.test(p) && /^Status: .* installed$/m.test(p));
  // [epoch:]upstream[-debian revision]: the upstream part is the one Python's metadata carries.
  const version = paragraph ? /^Version: (?:\d+:)?(.+?)(?:-[^-]+)?$/m.exec(paragraph)?.[1] : undefined;
  if (!version) return undefined;
  const scripts = sums
    .split('\n')
    .map((row) => /^([0-9a-f]{32})\s+(\S.*)$/.exec(row.trim()))
    .filter((m): m is RegExpExecArray => Boolean(m) && path.basename(m![2]!) === 'virtualenvwrapper.sh')
    .map((m) => ({ path: `/${m[2]}`, hash: { algorithm: 'md5' as const, digest: m[1]! } }));
  return { version, scripts };
}

function digestOf(file: string, algorithm: 'sha256' | 'md5'): string | undefined {
  try {
    const hash = createHash(algorithm).update(fs.readFileSync(file));
    return algorithm === 'sha256' ? hash.digest('base64url') : hash.digest('hex');
  } catch {
    return undefined;
  }
}


export interface GatherOptions {
  /** dpkg's database (tests point it elsewhere). */
  dpkg?: string;
}

/**
 * What the pairing rule needs: each interpreter's imported virtualenvwrapper
 * (the first of its site directories holding one) and every
 * virtualenvwrapper.sh found, in order of preference — on PATH (`onPath`),
 * then those a user-site install record names, then other records, then the
 * usual places (`usual`) — each with the versions whose record matches its content.
 */
export function gatherVewFacts(interpreters: Interpreter[], candidates: { onPath: string[]; usual: string[] }, options: GatherOptions = {}): VewFacts {
  const dists = new Map<string, VewDist | undefined>();
  const distAt = (site: string) => {
    if (!dists.has(site)) dists.set(site, distIn(site));
    return dists.get(site);
  };
  const imports: Record<string, VewImport> = {};
  const userSites = new Set<string>();
  for (const i of interpreters) {
    if (i.inVirtualenv || !i.modules.virtualenvwrapper) continue;
    if (i.userSite) userSites.add(i.userSite);
    const dist = siteDirs(i).map(distAt).find(Boolean);
    imports[i.path] = dist ? { version: dist.version, site: dist.site } : {};
  }
  const records: { version: string; site: string; script: VewDist['scripts'][number] }[] = [];
  for (const dist of dists.values()) for (const script of dist?.scripts ?? []) records.push({ version: dist!.version, site: dist!.site, script });
  const debian = dpkgRecords(options.dpkg ?? '/var/lib/dpkg');
  for (const script of debian?.scripts ?? []) records.push({ version: debian!.version, site: DPKG, script });

  const system = systemPython(interpreters);
  const recorded = (user: boolean) => records.filter((r) => userSites.has(r.site) === user).map((r) => r.script.path);
  const ordered = [...new Set([...candidates.onPath, ...recorded(true), ...recorded(false), ...candidates.usual])].filter(isFile);
  return {
    imports,
    scripts: ordered.map((file): VewScript => {
      const versions = new Set<string>();
      const installedBy = new Set<string>();
      for (const r of records) {
        const { hash } = r.script;
        // Content decides; a record without a hash (installed-files.txt) only by the very path.
        if (hash ? digestOf(file, hash.algorithm) !== hash.digest : r.script.path !== file) continue;
        versions.add(r.version);
        if (r.script.path === file) installedBy.add(r.site);
      }
      return { path: file, versions: [...versions], installedBy: [...installedBy] };
    }),
    ...(system ? { system } : {}),
  };
}

/** The distribution's own python3 (/usr/bin/python3), which Debian's virtualenvwrapper package is for. */
function systemPython(interpreters: Interpreter[]): string | undefined {
  let real: string | undefined;
  try {
    real = fs.realpathSync('/usr/bin/python3');
  } catch {
    real = undefined;
  }
  return interpreters.find((i) => !i.inVirtualenv && (i.names.includes('/usr/bin/python3') || i.path === real))?.path;
}
