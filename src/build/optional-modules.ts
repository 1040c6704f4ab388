import { atLeast, compareVersions } from '../version.js';

/**
 * The optional extension modules a CPython build skips silently when a
 * library's headers are missing, and the packages that provide those headers.
 * Pure data plus pure functions; the import check runs elsewhere.
 */
export interface OptionalModule {
  /** The extension module's name, as CPython's build reports it. */
  name: string;
  /** What to import to prove it built (the name differs on Python 2 for some). */
  importName: string;
  /** What a user loses without it. */
  needed: string;
  /** Headers (relative to an include directory) whose presence means its library's headers are installed: any one. */
  headers: string[];
  debian: string;
  fedora: string;
  /** Homebrew formula, or '' when macOS itself provides the library. */
  homebrew: string;
  since?: string;
  /** First version without this module. */
  until?: string;
}

const TABLE: OptionalModule[] = [
  { name: '_ssl', importName: '_ssl', needed: 'https, pip downloads', headers: ['openssl/ssl.h'], debian: 'libssl-dev', fedora: 'openssl-devel', homebrew: 'openssl@3' },
  { name: '_hashlib', importName: '_hashlib', needed: 'hashlib with OpenSSL', headers: ['openssl/evp.h'], debian: 'libssl-dev', fedora: 'openssl-devel', homebrew: 'openssl@3' },
  { name: 'zlib', importName: 'zlib', needed: 'gzip, zip files, pip', headers: ['zlib.h'], debian: 'zlib1g-dev', fedora: 'zlib-devel', homebrew: 'zlib' },
  { name: '_ctypes', importName: '_ctypes', needed: 'ctypes', headers: ['ffi.h'], debian: 'libffi-dev', fedora: 'libffi-devel', homebrew: 'libffi' },
  { name: '_sqlite3', importName: '_sqlite3', needed: 'sqlite3', headers: ['sqlite3.h'], debian: 'libsqlite3-dev', fedora: 'sqlite-devel', homebrew: 'sqlite' },
  { name: '_bz2', importName: '_bz2', needed: 'bz2 archives', headers: ['bzlib.h'], debian: 'libbz2-dev', fedora: 'bzip2-devel', homebrew: 'bzip2', since: '3.0' },
  { name: 'bz2', importName: 'bz2', needed: 'bz2 archives', headers: ['bzlib.h'], debian: 'libbz2-dev', fedora: 'bzip2-devel', homebrew: 'bzip2', until: '3.0' },
  { name: '_lzma', importName: '_lzma', needed: 'xz archives', headers: ['lzma.h'], debian: 'liblzma-dev', fedora: 'xz-devel', homebrew: 'xz', since: '3.3' },
  { name: 'readline', importName: 'readline', needed: 'line editing and history in the REPL', headers: ['readline/readline.h'], debian: 'libreadline-dev', fedora: 'readline-devel', homebrew: 'readline' },
  { name: '_curses', importName: '_curses', needed: 'curses', headers: ['ncurses.h', 'curses.h'], debian: 'libncurses-dev', fedora: 'ncurses-devel', homebrew: 'ncurses' },
  { name: '_uuid', importName: '_uuid', needed: 'fast uuid', headers: ['uuid/uuid.h'], debian: 'uuid-dev', fedora: 'libuuid-devel', homebrew: '', since: '3.7' },
  { name: '_gdbm', importName: '_gdbm', needed: 'dbm.gnu', headers: ['gdbm.h'], debian: 'libgdbm-dev', fedora: 'gdbm-devel', homebrew: 'gdbm', since: '3.0' },
  { name: 'gdbm', importName: 'gdbm', needed: 'gdbm', headers: ['gdbm.h'], debian: 'libgdbm-dev', fedora: 'gdbm-devel', homebrew: 'gdbm', until: '3.0' },
  { name: '_dbm', importName: '_dbm', needed: 'dbm.ndbm', headers: ['gdbm-ndbm.h', 'ndbm.h'], debian: 'libgdbm-compat-dev', fedora: 'gdbm-devel', homebrew: 'gdbm', since: '3.0' },
  { name: '_tkinter', importName: '_tkinter', needed: 'tkinter, IDLE', headers: ['tk.h', 'tcl8.6/tk.h'], debian: 'tk-dev', fedora: 'tk-devel', homebrew: 'tcl-tk' },
];

/** The optional modules a given CPython version can have. */
export function optionalModulesFor(version: string): OptionalModule[] {
  return TABLE.filter((m) => (!m.since || atLeast(version, m.since)) && (!m.until || compareVersions(version, m.until) < 0));
}

/**
 * A script that imports each module and prints the ones that fail, one per
 * line. Runs on every CPython from 2.6 on (no f-strings, no print function).
 */
export function importCheckScript(modules: OptionalModule[]): string {
  const names = modules.map((m) => `'${m.importName}'`).join(', ');
  return [
    'import sys',
    `for name in [${names}]:`,
    '    try:',
    '        __import__(name)',
    '    except Exception:',
    "        sys.stdout.write(name + '\\n')",
  ].join('\n');
}

export interface MissingReport {
  /** One line per missing module: name, what it is for. */
  modules: string[];
  /** One install command per platform, each package once. */
  commands: { platform: string; command: string }[];
}

function unique(values: string[]): string[] {
  return [...new Set(values.filter(Boolean))];
}

/** What to tell a user about the modules that did not build. Empty when none are missing. */
export function missingReport(missing: OptionalModule[]): MissingReport {
  if (missing.length === 0) return { modules: [], commands: [] };
  const commands: { platform: string; command: string }[] = [];
  const debian = unique(missing.map((m) => m.debian));
  const fedora = unique(missing.map((m) => m.fedora));
  const brew = unique(missing.map((m) => m.homebrew));
  commands.push({ platform: 'Debian/Ubuntu', command: `sudo apt-get install ${debian.join(' ')}` });
  commands.push({ platform: 'Fedora', command: `sudo dnf install ${fedora.join(' ')}` });
  if (brew.length) commands.push({ platform: 'macOS (Homebrew)', command: `brew install ${brew.join(' ')}` });
  return { modules: missing.map((m) => `${m.name} (${m.needed})`), commands };
}

/** What make said, at its end, about the modules it did not build: their bits not found, or their compilation failed. */
export interface SetupSummary {
  notFound: string[];
  failed: string[];
}

// setup.py (2.6 to 3.11) and 3.12's check_extension_modules.py print the same headings.
const NOT_FOUND = /^(?:Failed to find the necessary bits to build these modules|The necessary bits to build these optional modules were not found):\s*$/;
const FAILED = /^(?:Failed to build these modules|Following modules built successfully but were removed because they could not be imported):\s*$/;

/** Read the summary from make's output (the build log). Pure. */
export function parseSetupSummary(text: string): SetupSummary {
  const summary: SetupSummary = { notFound: [], failed: [] };
  let into: string[] | undefined;
  for (const line of text.split('\n')) {
    if (NOT_FOUND.test(line.trim())) into = summary.notFound;
    else if (FAILED.test(line.trim())) into = summary.failed;
    else if (!into) continue;
    else if (line.trim() === '' || /^(To find|\[|make|gcc|running|\$ )/.test(line.trim())) into = undefined;
    else into.push(...line.trim().split(/\s+/));
  }
  return { notFound: [...new Set(summary.notFound)], failed: [...new Set(summary.failed)] };
}

/**
 * Why a module the new interpreter cannot import did not build:
 * 'failed' — make tried and it did not compile (or import): headers will not help;
 * 'not detected' — make did not try, though its headers are installed (an old
 *   source that does not recognise a new library, such as 2.6 and OpenSSL 3);
 * 'headers missing' — make did not try, and the headers are not installed.
 */
export type MissingWhy = 'failed' | 'not detected' | 'headers missing';

export function whyMissing(module: OptionalModule, summary: SetupSummary, hasHeader: (relative: string) => boolean): MissingWhy {
  if (summary.failed.includes(module.name)) return 'failed';
  return module.headers.some(hasHeader) ? 'not detected' : 'headers missing';
}
