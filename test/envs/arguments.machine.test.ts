import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { discover } from '../../src/discovery/discover.js';
import type { Interpreter } from '../../src/discovery/interpreter.js';
import { decideBackend } from '../../src/envs/decide.js';
import { resolvePaths } from '../../src/paths.js';
import { describeWith, python, systemPython3 } from '../helpers/machine.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { interpreterAt, writeShim } from './shim.js';

/**
 * `virtualenv-X.Y` reads its arguments as virtualenv does (issue: two
 * destinations on the venv backend made two environments, and
 * virtualenvwrapper's `mktmpenv NAME` relies on the refusal). Each case runs
 * through the shim and through a real virtualenv with the same arguments
 * (`--no-seed`, to keep it quick; seeding changes no refusal): the machine's
 * Debian virtualenv 20.x, and the package mirror's virtualenv for 3.10+
 * installed into a temporary directory. Both must refuse (exit 2) or both
 * make the same directories.
 */
interface Case {
  args: string[];
  /** What to check in a made environment, beyond its existence. */
  check?: (env: string) => void;
}
const cfg = (env: string) => fs.readFileSync(path.join(env, 'pyvenv.cfg'), 'utf8');
const cases: Case[] = [
  { args: ['one', 'two'] }, // two destinations
  { args: [] }, // none
  { args: ['--no-such-option', 'one'] },
  { args: ['-v', '-q', 'one'] }, // mutually exclusive
  { args: ['--symlinks', '--copies', 'one'] },
  { args: ['--download', '--no-download', 'one'] },
  { args: ['one:two'] }, // the path separator would break activation scripts
  { args: ['a-file'] }, // an existing file
  { args: ['--prompt'] }, // an option without its value
  { args: ['--no-p', 'one'] }, // ambiguous: --no-pip, --no-periodic-update
  { args: ['one', '--clear', '--system'], check: (env) => expect(cfg(env)).toMatch(/include-system-site-packages = true/) },
  { args: ['-qq', '--prompt=hello', 'one'], check: (env) => expect(fs.readFileSync(path.join(env, 'bin', 'activate'), 'utf8')).toContain('hello') },
  { args: ['--without-pip', '--', 'one'] },
];

type Runner = (args: string[], cwd: string) => Promise<{ exitCode: number | undefined; output: string }>;

let sandbox: Sandbox;
let interpreters: Interpreter[] = [];
let env: Record<string, string>;

beforeAll(async () => {
  sandbox = makeSandbox();
  env = { ...sandbox.env, PIP_NO_PYTHON_VERSION_WARNING: '1' };
  ({ interpreters } = await discover(env, resolvePaths(env)));
});
afterAll(() => sandbox?.cleanup());

function runner(command: string, prefix: string[], extraEnv: Record<string, string> = {}): Runner {
  return async (args, cwd) => {
    const r = await execa(command, [...prefix, ...args], { env: { ...env, ...extraEnv }, extendEnv: false, reject: false, cwd, all: true, stdin: 'ignore' });
    return { exitCode: r.exitCode, output: String(r.all ?? '') };
  };
}

/** A fresh directory holding only `a-file`, for one run of one case. */
function workDir(label: string): string {
  const dir = fs.mkdtempSync(path.join(sandbox.home, `${label}-`));
  fs.writeFileSync(path.join(dir, 'a-file'), 'not a directory\n');
  return dir;
}

const made = (dir: string) => fs.readdirSync(dir).filter((n) => n !== 'a-file').sort();

async function compare(ours: Runner, theirs: Runner, c: Case, label: string): Promise<void> {
  const mine = workDir(`ours-${label}`);
  const ref = workDir(`ref-${label}`);
  const [a, b] = [await ours(c.args, mine), await theirs(c.args, ref)];
  const shown = `virtualenv-X.Y ${c.args.join(' ')}:\n--- ours\n${a.output}\n--- virtualenv\n${b.output}`;
  expect(a.exitCode === 0 ? 0 : a.exitCode, shown).toBe(b.exitCode === 0 ? 0 : b.exitCode);
  expect(made(mine), shown).toEqual(made(ref));
  if (a.exitCode === 0) {
    for (const dir of made(mine)) c.check?.(path.join(mine, dir));
    for (const dir of made(ref)) c.check?.(path.join(ref, dir));
  }
}

/** The shim for a line, as pyshim would write it on this machine. */
async function shimFor(file: string, line: string): Promise<string> {
  const target = interpreterAt(interpreters, file);
  const { backend } = await decideBackend(target, interpreters, { env, paths: resolvePaths(env) });
  return writeShim(backend, line, fs.mkdtempSync(path.join(sandbox.home, `bin-${line}-`)), path.join(sandbox.home, 'seeds'));
}

const debian = systemPython3;
const py312 = python('3.12');
const py27 = python('2.7');

/** The shim against Debian's virtualenv run with -p the same Python. */
function againstDebian(target: typeof py312, line: string, backend: string): void {
  describeWith(debian && target, `Debian's virtualenv and Python ${line}`)(`virtualenv-${line} (${backend}) against Debian's virtualenv 20`, () => {
    let ours: Runner;
    let theirs: Runner;
    beforeAll(async () => {
      ours = runner(await shimFor(target!.path, line), []);
      theirs = runner(debian!, ['-m', 'virtualenv', '--no-seed', '-p', target!.path]);
    });
    it.each(cases)('$args', (c) => compare(ours, theirs, c, line));
  });
}

againstDebian(py312, '3.12', 'venv backend');
againstDebian(py27, '2.7', "another Python's virtualenv");

describeWith(py312, 'Python 3.12')('virtualenv-3.12 against the package mirror\'s virtualenv for 3.10+', () => {
  let ours: Runner;
  let theirs: Runner | undefined;
  let why = '';
  beforeAll(async () => {
    ours = runner(await shimFor(py312!.path, '3.12'), []);
    const target = path.join(sandbox.home, 'mirror-virtualenv');
    const pip = await execa(py312!.path, ['-m', 'pip', 'install', '--quiet', '--target', target, 'virtualenv'], { env, extendEnv: false, reject: false, all: true });
    if (pip.exitCode === 0) theirs = runner(py312!.path, ['-m', 'virtualenv', '--no-seed'], { PYTHONPATH: target });
    else why = String(pip.all).trim().split('\n').pop() ?? '';
  });
  it('installs from the mirror', () => expect(theirs, `pip install virtualenv: ${why}`).toBeDefined());
  it.each(cases)('$args', async (c) => {
    if (!theirs) return;
    await compare(ours, theirs, c, 'mirror');
  });
});

