/**
 * What an old CPython source needs to build on a new system, decided from
 * the source's own files and the compiler — never by telling configure
 * something that breaks its detection (MACHDEP=linux2, say).
 *
 * - The multiarch library directory (/usr/lib/x86_64-linux-gnu): a setup.py
 *   that predates multiarch (2.6, 2.7 before 2.7.3, 3.x before 3.2.3) finds
 *   no library there, builds no zlib, _ssl or _sqlite3 — and 2.6's setup.py
 *   crashes with an AttributeError when it finds sqlite3.h without its
 *   library. setup.py adds the -L and -I directories of LDFLAGS and CPPFLAGS
 *   (as configure recorded them) to its search, so pyshim gives configure
 *   those. gcc already searches them when it compiles and links.
 *
 * (A source directory is never built in place: build.ts builds from a copy,
 * since every build writes into its source — byte-code from the new
 * interpreter, and 2.6 also Lib/plat-linux6 and its grammar files.)
 *
 * API
 *   multiarchFlags(facts)        pure: the variables to add, and why (empty when none are needed)
 *   compilerMultiarch(env)       `CC -print-multiarch`, or ''
 *   adaptSource(srcdir, env, ma) multiarchFlags with the facts read from the tree and the compiler
 */
import fs from 'node:fs';
import path from 'node:path';

export interface Adaptation {
  variable: 'LDFLAGS' | 'CPPFLAGS';
  /** The whole value configure gets (the user's own value first). */
  value: string;
  why: string;
}

export interface SourceFacts {
  /** `CC -print-multiarch`: x86_64-linux-gnu, or '' where there is none (Fedora, macOS). */
  multiarch: string;
  /** The source's setup.py, or undefined when it has none (3.12 and later build modules from the Makefile). */
  setupPy?: string;
  /** Directories that exist, of those asked about. */
  existing: (dir: string) => boolean;
  /** The user's LDFLAGS and CPPFLAGS, kept ahead of what pyshim adds. */
  env: Record<string, string | undefined>;
}

/** LDFLAGS and CPPFLAGS with the multiarch directories, when this source's setup.py would not search them. */
export function multiarchFlags(facts: SourceFacts): Adaptation[] {
  if (!facts.multiarch || facts.setupPy === undefined || facts.setupPy.includes('multiarch')) return [];
  const why = `this source's setup.py does not search ${facts.multiarch}'s library directories (gcc -print-multiarch)`;
  const wanted: [Adaptation['variable'], string][] = [
    ['LDFLAGS', `-L/usr/lib/${facts.multiarch}`],
    ['CPPFLAGS', `-I/usr/include/${facts.multiarch}`],
  ];
  const added: Adaptation[] = [];
  for (const [variable, flag] of wanted) {
    const dir = flag.slice(2);
    const own = facts.env[variable]?.trim() ?? '';
    if (!facts.existing(dir) || own.split(/\s+/).includes(flag)) continue;
    added.push({ variable, value: own ? `${own} ${flag}` : flag, why });
  }
  return added;
}

/** `CC -print-multiarch` (x86_64-linux-gnu), or '' where the compiler has no such notion. */
export async function compilerMultiarch(env: Record<string, string | undefined>): Promise<string> {
  const { execa } = await import('execa');
  const cc = (env.CC ?? '').trim().split(/\s+/)[0] || 'gcc';
  const asked = await execa(cc, ['-print-multiarch'], { env, extendEnv: false, reject: false, stdin: 'ignore' }).catch(() => undefined);
  return asked?.exitCode === 0 ? String(asked.stdout).trim() : '';
}

/** What this source needs added to build here, read from its setup.py and the compiler. */
export async function adaptSource(srcdir: string, env: Record<string, string | undefined>, multiarch: string): Promise<Adaptation[]> {
  let setupPy: string | undefined;
  try {
    setupPy = fs.readFileSync(path.join(srcdir, 'setup.py'), 'utf8');
  } catch {
    setupPy = undefined;
  }
  return multiarchFlags({ multiarch, setupPy, existing: (dir) => fs.existsSync(dir), env });
}
