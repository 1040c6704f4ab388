/**
 * `--source DIR` is only read: pyshim builds from a copy (a build writes
 * into its source tree: byte-code, and 2.6's Lib/plat-linuxN), and an old
 * setup.py gets the multiarch directories through configure's LDFLAGS and
 * CPPFLAGS. Shown with a source tree whose configure writes into its own
 * tree, reports what it was given, and fails — so no compiler runs.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snapshot } from '../discovery/fixtures.js';
import { itWith } from '../helpers/need.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';

const multiarch = (() => {
  try {
    return execFileSync('gcc', ['-print-multiarch'], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
})();

/** A 2.6-shaped tree: its setup.py knows no multiarch; configure writes where 2.6's make altinstall does, then fails. */
function oldTree(root: string): string {
  fs.mkdirSync(path.join(root, 'Include'), { recursive: true });
  fs.mkdirSync(path.join(root, 'Lib'), { recursive: true });
  fs.mkdirSync(path.join(root, '.git'), { recursive: true });
  fs.writeFileSync(path.join(root, '.git', 'HEAD'), 'ref: refs/heads/main\n');
  fs.writeFileSync(path.join(root, 'Include', 'patchlevel.h'), '#define PY_VERSION "2.6rc2"\n');
  fs.writeFileSync(path.join(root, 'setup.py'), "lib_dirs = ['/lib64', '/usr/lib64', '/lib', '/usr/lib']\n");
  fs.writeFileSync(
    path.join(root, 'configure'),
    [
      '#!/bin/sh',
      'here=$(dirname "$0")',
      'mkdir -p "$here/Lib/plat-linux6" && : > "$here/Lib/plat-linux6/IN.py" && : > "$here/Lib/os.pyc"',
      'echo "configure saw LDFLAGS=$LDFLAGS CPPFLAGS=$CPPFLAGS"',
      '[ -L "$here/.git" ] && echo "configure saw .git linked to $(readlink "$here/.git")"',
      'exit 1',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  return root;
}

describe('an old source directory', () => {
  let s: Sandbox;
  let tree: string;
  let before: Record<string, string>;
  let run: Awaited<ReturnType<Sandbox['pyshim']>>;
  let log: string;
  beforeAll(async () => {
    s = makeSandbox();
    tree = oldTree(path.join(s.home, 'src', 'python2.6'));
    before = snapshot(tree);
    run = await s.pyshim(['python', 'build', '2.6', '--source', tree, '--no-bootstrap']);
    const logs = path.join(s.pyshimHome, 'logs');
    log = fs.readFileSync(path.join(logs, fs.readdirSync(logs).find((f) => f.startsWith('build-'))!), 'utf8');
  });
  afterAll(() => s.cleanup());

  it('is built from a copy: what its build writes lands in the copy, and the directory stays as it was', () => {
    expect(run.exitCode).toBe(1);
    expect(String(run.stderr)).toMatch(/✓ copy the source: from ~\/src\/python2\.6, which stays as it was/);
    expect(String(run.stderr)).toContain('configure failed for Python 2.6rc2; nothing was installed');
    expect(snapshot(tree)).toEqual(before);
    // The copy's .git is the source's, linked: git only reads it.
    expect(log).toContain(`configure saw .git linked to ${path.join(tree, '.git')}`);
    // And the copy is gone with the build tree.
    expect(fs.readdirSync(path.join(s.pyshimHome, 'cache', 'build'))).toEqual([]);
  });

  it('X.Y.Z with --source: the source must be that release', async () => {
    const r = await s.pyshim(['python', 'build', '2.6.0', '--source', tree, '--no-bootstrap']);
    expect(r.exitCode).toBe(1);
    expect(String(r.stderr).trim().split('\n').slice(-2)).toEqual([
      'pyshim: error: ~/src/python2.6 is the source of Python 2.6rc2, not 2.6.0',
      '  build it as what it is: pyshim python build 2.6.0rc2 --source ~/src/python2.6',
    ]);
    expect(snapshot(tree)).toEqual(before);
  });

  itWith(multiarch && fs.existsSync(`/usr/lib/${multiarch}`), 'gcc with a multiarch library directory')('configure gets the multiarch directories its setup.py does not search', () => {
    expect(log).toContain(`configure saw LDFLAGS=-L/usr/lib/${multiarch} CPPFLAGS=-I/usr/include/${multiarch}`);
    expect(log).toContain(`pyshim: LDFLAGS=-L/usr/lib/${multiarch} (this source's setup.py does not search ${multiarch}'s library directories`);
  });
});
