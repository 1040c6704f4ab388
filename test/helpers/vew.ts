import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';

/**
 * What `pythonX.Y -m pip install --user virtualenvwrapper` leaves, written
 * directly (the package index here has no virtualenvwrapper): the package in
 * the user site, its `.dist-info` with METADATA, entry points and a RECORD
 * holding each file's sha256 (paths relative to the site, the script's as
 * `../../../bin/virtualenvwrapper.sh`), and the script in USER_BASE/bin —
 * overwriting the one another line's install put there, as pip does.
 */
export interface UserSiteVew {
  userBase: string;
  userSite: string;
  version: string;
  /** The script's text. */
  script: string;
  /** Files below the site directory (package and its dependencies), path → text. */
  files?: Record<string, string>;
  entryPoints?: string;
}

export function writeUserSiteVew(v: UserSiteVew): string {
  const distInfo = `virtualenvwrapper-${v.version}.dist-info`;
  const scriptPath = path.join(v.userBase, 'bin', 'virtualenvwrapper.sh');
  const inSite: [string, string][] = [
    ['virtualenvwrapper/__init__.py', ''],
    ...Object.entries(v.files ?? {}),
    [`${distInfo}/METADATA`, `Metadata-Version: 2.1\nName: virtualenvwrapper\nVersion: ${v.version}\n`],
    [`${distInfo}/INSTALLER`, 'pip\n'],
    ...(v.entryPoints ? ([[`${distInfo}/entry_points.txt`, v.entryPoints]] as [string, string][]) : []),
  ];
  const rows: string[] = [];
  const write = (file: string, text: string, recordAs: string) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    rows.push(`${recordAs},sha256=${createHash('sha256').update(text).digest('base64url')},${Buffer.byteLength(text)}`);
  };
  for (const [name, text] of inSite) write(path.join(v.userSite, name), text, name);
  write(scriptPath, v.script, path.relative(v.userSite, scriptPath));
  fs.writeFileSync(path.join(v.userSite, distInfo, 'RECORD'), [...rows, `${distInfo}/RECORD,,`].join('\n') + '\n');
  return scriptPath;
}

const DEBIAN_SITE = '/usr/lib/python3/dist-packages';
export const DEBIAN_SCRIPT = '/usr/share/virtualenvwrapper/virtualenvwrapper.sh';

/** Every .py below a directory of Debian's dist-packages, as path (relative to the site) → text. */
function pyFiles(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of fs.readdirSync(path.join(DEBIAN_SITE, dir), { withFileTypes: true })) {
    const rel = path.join(dir, entry.name);
    if (entry.isDirectory() && entry.name !== '__pycache__' && entry.name !== 'tests') Object.assign(out, pyFiles(rel));
    else if (entry.isFile() && entry.name.endsWith('.py')) out[rel] = fs.readFileSync(path.join(DEBIAN_SITE, rel), 'utf8');
  }
  return out;
}

/**
 * A real virtualenvwrapper to install into a sandbox's user site: Debian's
 * package (virtualenvwrapper 4.8.4 and the stevedore it loads hooks with) and
 * script, read from this machine at test time. `mark` is appended to the
 * script as a comment, so that two installs of it differ as two releases'
 * scripts do. Undefined when the machine lacks Debian's virtualenvwrapper.
 */
export function debianVew(): ((mark: string) => Pick<UserSiteVew, 'script' | 'files' | 'entryPoints'>) | undefined {
  const egg = path.join(DEBIAN_SITE, 'virtualenvwrapper-4.8.4.egg-info', 'entry_points.txt');
  if (![DEBIAN_SCRIPT, egg, path.join(DEBIAN_SITE, 'stevedore')].every((f) => fs.existsSync(f))) return undefined;
  const files = { ...pyFiles('virtualenvwrapper'), ...pyFiles('stevedore') };
  const script = fs.readFileSync(DEBIAN_SCRIPT, 'utf8');
  const entryPoints = fs.readFileSync(egg, 'utf8');
  return (mark) => ({ script: `${script}# ${mark}\n`, files, entryPoints });
}
