import fs from 'node:fs';
import path from 'node:path';

/**
 * Fixtures shared by the discovery, command and shim tests. Fake installs are
 * symlinks to the machine's real interpreters, so they probe for real.
 */

/** Symlink `target` at `home/rel`, creating the directories on the way. */
export function linkInto(home: string, rel: string, target: string): string {
  const file = path.join(home, rel);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.symlinkSync(target, file);
  return file;
}

/**
 * An executable sh script *without* a `#!` line. Discovery skips `#!`
 * wrappers (pyenv's shims), but the kernel refuses this file with ENOEXEC and
 * the caller's execvp falls back to /bin/sh, so it runs like a binary would:
 * a fake interpreter that logs each start and then execs a real one.
 */
export function writeFakeBinary(file: string, body: string): string {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `: fake interpreter written by a pyshim test\n${body}\n`, { mode: 0o755 });
  return file;
}

/** Single-quote for sh (fixtures only; the product's quoting is tested elsewhere). */
export function sq(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** A fake interpreter that appends one line to `log` per run, then becomes `real`. */
export function loggingPython(file: string, real: string, log: string): string {
  return writeFakeBinary(file, `printf '%s\\n' run >> ${sq(log)}\nexec ${sq(real)} "$@"`);
}

export function countLines(file: string): number {
  try {
    return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).length;
  } catch {
    return 0;
  }
}

/** Every file under `dir` (relative path → mode + bytes), for before/after comparisons. */
export function snapshot(dir: string, options: { exclude?: (rel: string) => boolean } = {}): Record<string, string> {
  const result: Record<string, string> = {};
  function walk(current: string): void {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const full = path.join(current, entry.name);
      const rel = path.relative(dir, full);
      if (options.exclude?.(rel)) continue;
      const stat = fs.lstatSync(full);
      if (entry.isDirectory()) {
        result[rel + '/'] = `dir ${(stat.mode & 0o7777).toString(8)}`;
        walk(full);
      } else if (entry.isSymbolicLink()) {
        result[rel] = `link ${fs.readlinkSync(full)}`;
      } else {
        result[rel] = `file ${(stat.mode & 0o7777).toString(8)} ${fs.readFileSync(full).toString('base64')}`;
      }
    }
  }
  walk(dir);
  return result;
}

/** PATH without pyenv's directories, so a test decides which interpreters exist. */
export function pathWithoutPyenv(pathValue = process.env.PATH ?? ''): string {
  return pathValue
    .split(path.delimiter)
    .filter((dir) => dir && !dir.includes('.pyenv'))
    .join(path.delimiter);
}

/**
 * A working copy of a real interpreter at `root/bin/pythonX.Y`: its own file
 * (its real path is `root/…`, not pyenv's), with the standard library linked
 * in so that Python finds its prefix at `root`.
 */
export function copyInterpreter(root: string, real: string, line: string): string {
  const prefix = path.dirname(path.dirname(fs.realpathSync(real)));
  const file = path.join(root, 'bin', `python${line}`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.copyFileSync(fs.realpathSync(real), file);
  fs.chmodSync(file, 0o755);
  fs.mkdirSync(path.join(root, 'lib'), { recursive: true });
  fs.symlinkSync(path.join(prefix, 'lib', `python${line}`), path.join(root, 'lib', `python${line}`));
  return file;
}
