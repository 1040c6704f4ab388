/** How pip should reach packages, from `bootstrap`'s options. Pure. */
export interface IndexOptions {
  findLinks?: string;
  indexUrl?: string;
  offline?: boolean;
  breakSystemPackages?: boolean;
}

export function pipInstallArgs(pkg: string, options: IndexOptions): string[] {
  const args = ['-m', 'pip', 'install', '--user', '--disable-pip-version-check', '--no-input'];
  if (options.offline) args.push('--no-index');
  if (options.findLinks) args.push('--find-links', options.findLinks);
  if (options.indexUrl && !options.offline) args.push('--index-url', options.indexUrl);
  if (options.breakSystemPackages) args.push('--break-system-packages');
  args.push(pkg);
  return args;
}

/** pip's ways of saying "the index has nothing for this Python". */
export function notAvailable(output: string): boolean {
  // Older pips (3.6's) do not skip releases whose Requires-Python excludes
  // them when the index does not declare it; they pick one and then refuse.
  return /No matching distribution found|Could not find a version that satisfies|requires Python '[^']*' but the running Python is|requires a different Python: /.test(output);
}
