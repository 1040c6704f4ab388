import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, python, requireOnMachine } from '../helpers/machine.js';
import { ROOT, makeSandbox, type Sandbox } from '../helpers/sandbox.js';

/**
 * Building a seed (python/seed.py with mkenv_main's workers), run by real
 * interpreters: the wheels' files are unpacked and compiled by the target
 * Python in one worker per core, and every .py gets the target's bytecode —
 * also when the helper runs on another Python than the target (a 2.7 line's
 * environments are made by a Python 3 host). A broken wheel gives one
 * SeedError and leaves nothing behind: no seed, no half-built folder.
 */
const py27 = python('2.7');
const py3 = ['3.13', '3.12', '3.11', '3.10'].map(python).find(Boolean);
requireOnMachine(py27, 'CPython 2.7', 'seed-build');
requireOnMachine(py3, 'a CPython 3.10+', 'seed-build');

// The driver: build_all with mkenv_main's unpacker, its result as JSON (2.6+ syntax).
const DRIVER = `
import json, sys
sys.path.insert(0, sys.argv[1])
import seed, mkenv_main
root, tag, target, major, minor = sys.argv[2:7]
try:
    made = seed.build_all(root, tag, sys.argv[7:], (int(major), int(minor)), mkenv_main.unpacker(target), lambda m: None)
    sys.stdout.write(json.dumps({"seeds": made}))
except seed.SeedError:
    sys.stdout.write(json.dumps({"error": str(sys.exc_info()[1])}))
`;

// Names of the wheel's files (|-separated), then those whose bytes under SITE differ.
const SAME_AS_WHEEL = `
import os, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = sorted(n for n in z.namelist() if not n.endswith("/"))
def differs(n):
    try:
        return open(os.path.join(sys.argv[2], n), "rb").read() != z.read(n)
    except IOError:
        return True
sys.stdout.write("|".join(names) + "\\n" + "|".join(n for n in names if not n.endswith("/RECORD") and differs(n)))
`;

let sb: Sandbox;
beforeAll(() => {
  sb = makeSandbox();
});
afterAll(() => sb?.cleanup());

const ask = (py: string, code: string): string => execFileSync(py, ['-c', code], { encoding: 'utf8' }).trim();

function build(host: string, target: string, root: string, wheels: string[]): { seeds?: string[]; error?: string } {
  const [major, minor] = ask(target, 'import sys; sys.stdout.write("%d %d" % sys.version_info[:2])').split(' ');
  const out = execFileSync(host, ['-S', '-c', DRIVER, path.join(ROOT, 'python'), root, `t-${major}${minor}`, target, major!, minor!, ...wheels], { encoding: 'utf8' });
  return JSON.parse(out) as { seeds?: string[]; error?: string };
}

const bundled = (py: string): string[] => {
  const dir = ask(py, 'import ensurepip, os, sys; sys.stdout.write(os.path.join(os.path.dirname(ensurepip.__file__), "_bundled"))');
  return fs.readdirSync(dir).filter((f) => f.endsWith('.whl')).sort().map((f) => path.join(dir, f));
};

/** Every file under `dir`, relative, sorted. */
function tree(dir: string): string[] {
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();
}

/** A wheel (stored zip) holding `files`, written by the target's zipfile. */
function wheelOf(py: string, file: string, files: Record<string, string>): string {
  const code = 'import json, sys, zipfile\nz = zipfile.ZipFile(sys.argv[1], "w")\nfor k, v in sorted(json.loads(sys.argv[2]).items()): z.writestr(k, v)\nz.close()';
  execFileSync(py, ['-c', code, file, JSON.stringify(files)]);
  return file;
}

describeWith(py27 && py3, 'CPython 2.7 and 3.10+')('the seed cache, built by real interpreters', () => {
  const cases = () => [
    { what: `${py3!.line} by itself`, host: py3!.path, target: py3!.path },
    { what: '2.7 by itself', host: py27!.path, target: py27!.path },
    { what: `2.7 from a ${py3!.line} helper`, host: py3!.path, target: py27!.path },
  ];

  it('unpacks every file of the wheels and compiles each module with the target Python', () => {
    for (const c of cases()) {
      const root = path.join(sb.home, 'seeds', c.what.replace(/\W+/g, '-'));
      const wheels = bundled(c.target);
      const made = build(c.host, c.target, root, wheels);
      expect(made.error, c.what).toBeUndefined();
      const tag = ask(c.target, 'import sys; sys.stdout.write(getattr(sys, "implementation", None) and sys.implementation.cache_tag or "")');
      const magic = ask(c.target, 'import binascii, sys\ntry:\n    from importlib.util import MAGIC_NUMBER as m\nexcept ImportError:\n    import imp; m = imp.get_magic()\nsys.stdout.write(binascii.hexlify(m).decode())');
      for (const [i, seed] of (made.seeds ?? []).entries()) {
        expect(fs.existsSync(path.join(seed, 'manifest.txt')), `${c.what}: ${seed} complete`).toBe(true);
        const site = path.join(seed, 'site');
        const files = tree(site);
        // The wheel's files, byte for byte (its RECORD the seed rewrites; INSTALLER and REQUESTED are pip's additions).
        const [names, differing] = execFileSync(c.target, ['-c', SAME_AS_WHEEL, wheels[i]!, site], { encoding: 'utf8' }).split('\n');
        const listed = names!.split('|');
        expect(differing, `${c.what}: files that differ from ${path.basename(wheels[i]!)}`).toBe('');
        const modules = listed.filter((n) => n.endsWith('.py'));
        expect(modules.length, `${c.what}: ${path.basename(seed)} has modules`).toBeGreaterThan(20);
        for (const module of modules) {
          const pyc = tag ? path.join(path.dirname(module), '__pycache__', `${path.basename(module, '.py')}.${tag}.pyc`) : `${module}c`;
          expect(files, `${c.what}: bytecode of ${module}`).toContain(pyc);
          expect(fs.readFileSync(path.join(site, pyc)).subarray(0, 4).toString('hex'), `${c.what}: ${pyc} is the target's`).toBe(magic);
        }
      }
      // Nothing half-built is left beside the seeds.
      expect(fs.readdirSync(path.dirname(made.seeds![0]!)).filter((n) => n.includes('.building-'))).toEqual([]);
    }
  });

  it('refuses a wheel with an unsafe path and leaves nothing behind', () => {
    const dir = path.join(sb.home, 'bad');
    fs.mkdirSync(dir, { recursive: true });
    const wheel = wheelOf(py3!.path, path.join(dir, 'evil-1.0-py3-none-any.whl'), { 'evil-1.0.dist-info/METADATA': 'Name: evil\n', '../outside.py': 'x = 1\n' });
    const root = path.join(sb.home, 'seeds-unsafe');
    const made = build(py3!.path, py3!.path, root, [wheel]);
    expect(made.error).toMatch(/unsafe path: \.\.\/outside\.py/);
    expect(fs.existsSync(path.join(root, 'outside.py'))).toBe(false);
    expect(tree(root)).toEqual([]);
  });

  it('gives one error when a worker fails (a damaged member), and publishes no seed', () => {
    for (const c of cases()) {
      const dir = path.join(sb.home, 'damaged', c.what.replace(/\W+/g, '-'));
      fs.mkdirSync(dir, { recursive: true });
      const wheel = wheelOf(c.target, path.join(dir, 'dmg-1.0-py2.py3-none-any.whl'), { 'dmg-1.0.dist-info/METADATA': 'Name: dmg\n', 'dmg.py': `VALUE = ${JSON.stringify('x'.repeat(64))}\n` });
      // One byte of the stored module changed: its CRC no longer matches, which only extracting finds.
      const bytes = fs.readFileSync(wheel);
      const at = bytes.indexOf('xxxxxxxx');
      bytes[at] = 'y'.charCodeAt(0);
      fs.writeFileSync(wheel, bytes);
      const root = path.join(dir, 'seeds');
      const made = build(c.host, c.target, root, [wheel]);
      expect(made.error, c.what).toMatch(/^unpacking the seed failed: .*(CRC|crc)/);
      expect(tree(root), c.what).toEqual([]);
    }
  });
});
