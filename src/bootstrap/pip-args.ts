/**
 * How pip should reach packages, from `bootstrap`'s options, and what its
 * failures mean. Pure.
 *
 * API
 *   pipInstallArgs(pkg, options, run?)   argv after the interpreter: `-m pip install --user …` (run.pip: another way to run pip)
 *   notAvailable(output)                 pip said the index has nothing for this Python
 *   unreachableIndex(output, debugLog, pkg)  the URL pip could not reach, when that is why it failed
 */
export interface IndexOptions {
  findLinks?: string;
  indexUrl?: string;
  offline?: boolean;
  breakSystemPackages?: boolean;
}

/** How one pip run is made to fail fast and say why. */
export interface PipRunOptions {
  /** pip's --log: a verbose log of this run, where it names every URL it could not fetch. */
  logFile?: string;
  /** pip's --retries; undefined leaves pip's own setting. */
  retries?: number;
  /** The words that run the line's pip (Line.pip): ['-m', 'pip'] unless decided otherwise. */
  pip?: string[];
  /** More of install's options, before the package (--ignore-installed). */
  flags?: string[];
}

export function pipInstallArgs(pkg: string, options: IndexOptions, run: PipRunOptions = {}): string[] {
  const args = [...(run.pip ?? ['-m', 'pip']), 'install', '--user', '--disable-pip-version-check', '--no-input', ...(run.flags ?? [])];
  if (options.offline) args.push('--no-index');
  if (options.findLinks) args.push('--find-links', options.findLinks);
  if (options.indexUrl && !options.offline) args.push('--index-url', options.indexUrl);
  if (options.breakSystemPackages) args.push('--break-system-packages');
  if (run.retries !== undefined) args.push('--retries', String(run.retries));
  if (run.logFile) args.push('--log', run.logFile);
  args.push(pkg);
  return args;
}

/** pip's ways of saying "the index has nothing for this Python". */
export function notAvailable(output: string): boolean {
  // Older pips (3.6's) do not skip releases whose Requires-Python excludes
  // them when the index does not declare it; they pick one and then refuse.
  return /No matching distribution found|Could not find a version that satisfies|requires Python '[^']*' but the running Python is|requires a different Python: /.test(output);
}

// The ways a request fails before any answer: refused, no route, no name, timed out, TLS, a proxy.
const CONNECTION_FAILURE = /NewConnectionError|ConnectTimeoutError|ReadTimeoutError|ProxyError|SSLError|Connection refused|Network is unreachable|Name or service not known|Temporary failure in name resolution|timed out/;

function canonicalName(pkg: string): string {
  return pkg.toLowerCase().replace(/[-_.]+/g, '-');
}

/** An index URL from the project page pip asked for: https://pypi.org/simple/virtualenv/ → https://pypi.org/simple. */
function indexUrlOf(url: string, pkg: string): string {
  const page = `/${canonicalName(pkg)}/`;
  return url.endsWith(page) ? url.slice(0, -page.length) : url.replace(/\/+$/, '');
}

/**
 * The package index pip could not reach, when that is why installing `pkg`
 * failed; undefined when it failed for another reason (the index answered
 * and had nothing for this Python, a build failed, …).
 *
 * `debugLog` is what pip wrote to --log: pip names each index page it could
 * not fetch there ("Could not fetch URL U: connection error: …") and, run
 * with --retries 0, nowhere else. `output` is what it printed: the verdict
 * (no matching distribution) and a download that failed after the index
 * answered (`HTTPSConnectionPool(host='files.pythonhosted.org', port=443) …`).
 * A connection failure counts only when pip then found nothing, or when the
 * failure is in the output itself: with several sources, one unreachable
 * index does not stop an install another source satisfied or broke otherwise.
 */
export function unreachableIndex(output: string, debugLog: string, pkg: string): string | undefined {
  const page = [...debugLog.matchAll(/Could not fetch URL (\S+?): (.*)$/gm)].find((m) => CONNECTION_FAILURE.test(m[2]!) || /ssl certificate/i.test(m[2]!));
  if (page && notAvailable(output)) return indexUrlOf(page[1]!, pkg);
  const pool = /(https?)ConnectionPool\(host='([^']+)', port=(\d+)\)[^\n]*/i.exec(output);
  if (pool && CONNECTION_FAILURE.test(pool[0])) {
    const [, scheme, host, port] = pool;
    const standard = (scheme!.toLowerCase() === 'https' && port === '443') || (scheme!.toLowerCase() === 'http' && port === '80');
    return `${scheme!.toLowerCase()}://${host}${standard ? '' : `:${port}`}`;
  }
  return undefined;
}
