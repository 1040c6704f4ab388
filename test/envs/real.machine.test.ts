import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { discover } from '../../src/discovery/discover.js';
import type { Interpreter } from '../../src/discovery/interpreter.js';
import { backendCandidates, backendLabel, type Backend } from '../../src/envs/backend.js';
import { decideBackend } from '../../src/envs/decide.js';
import { runTrial } from '../../src/envs/trial.js';
import { resolvePaths } from '../../src/paths.js';
import { lineOf } from '../../src/version.js';
import { describeWith, pyenvPythons, requireOnMachine, systemPython3 } from '../helpers/machine.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { interpreterAt as found, writeShim as writeBackendShim } from './shim.js';
import { buildWheel } from './wheel.js';

/**
 * For every interpreter on this machine: choose its backend, write the
 * `virtualenv-X.Y` shim, make real environments with it offline, and check
 * what a user would: the python is X.Y, pip installs a wheel, the common
 * options are honoured or refused with the backend named.
 */
interface Target {
  what: string;
  path: string;
}
const targets: Target[] = [
  ...pyenvPythons.map((p) => ({ what: `pyenv ${p.version}`, path: p.path })),
  ...(systemPython3 ? [{ what: 'Debian /usr/bin/python3', path: systemPython3 }] : []),
];
const lineIn = (from: string, to: string) =>
  pyenvPythons.find((p) => Number(p.line.split('.')[1]) >= Number(from) && Number(p.line.split('.')[1]) <= Number(to) && p.line.startsWith('3.'));

let sandbox: Sandbox;
let interpreters: Interpreter[] = [];
let wheel: ReturnType<typeof buildWheel>;
let runEnv: Record<string, string>;
const timings: string[] = [];

beforeAll(async () => {
  sandbox = makeSandbox();
  // Offline, and blind to this machine's pip configuration (its local index).
  runEnv = { ...sandbox.env, PIP_CONFIG_FILE: '/dev/null', PIP_NO_INDEX: '1', PIP_NO_PYTHON_VERSION_WARNING: '1' };
  delete runEnv.PIP_FIND_LINKS;
  ({ interpreters } = await discover(runEnv, resolvePaths(runEnv)));
  const dir = path.join(sandbox.home, 'wheels');
  fs.mkdirSync(dir);
  wheel = buildWheel(dir);
});

afterAll(() => {
  if (timings.length) process.stdout.write(`\nvirtualenv-X.Y beside python -m venv (not asserted):\n${timings.join('\n')}\n`);
  sandbox?.cleanup();
});

const interpreterAt = (file: string): Interpreter => found(interpreters, file);
const writeShim = (backend: Backend, line: string, dir: string): string => writeBackendShim(backend, line, dir, seedsRoot());
const seedsRoot = () => path.join(sandbox.home, 'seeds');

/** Every entry under `dir`: its path, and its link target or mode and content (paths in it made relative). */
function tree(dir: string, at = ''): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(dir, at), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const rel = path.join(at, entry.name);
    const file = path.join(dir, rel);
    if (entry.isSymbolicLink()) out.push(`${rel} -> ${fs.readlinkSync(file)}`);
    else if (entry.isDirectory()) out.push(`${rel}/`, ...tree(dir, rel));
    else out.push(`${rel} ${(fs.statSync(file).mode & 0o777).toString(8)} ${fs.readFileSync(file, 'latin1').split(path.dirname(dir)).join('<work>')}`);
  }
  return out;
}

/** Where pip's __init__.py lies in an environment (lib/pythonX.Y/site-packages). */
function pipInit(env: string): string {
  const lib = path.join(env, 'lib');
  const dir = fs.readdirSync(lib).find((d) => d.startsWith('python'));
  return path.join(lib, dir ?? 'python', 'site-packages', 'pip', '__init__.py');
}

const run = (file: string, args: string[], cwd?: string) =>
  execa(file, args, { env: runEnv, extendEnv: false, reject: false, cwd, all: true, stdin: 'ignore' });

async function seconds<T>(work: () => Promise<T>): Promise<[T, string]> {
  const start = process.hrtime.bigint();
  const result = await work();
  return [result, `${(Number(process.hrtime.bigint() - start) / 1e9).toFixed(2)} s`];
}

function pyvenvCfg(env: string): string {
  return fs.readFileSync(path.join(env, 'pyvenv.cfg'), 'utf8');
}

// CI must prove the three kinds of line: each present one is a target below
// (its tests are the proof); a missing one is a test that says so.
requireOnMachine(pyenvPythons.find((p) => p.line === '2.7'), 'Python 2.7', 'an old Python 2 line');
requireOnMachine(lineIn('6', '9'), 'one of Python 3.6–3.9', 'an old Python 3 line');
requireOnMachine(lineIn('10', '99'), 'one of Python 3.10+', 'a current Python 3 line');

describe.each(targets)('virtualenv-X.Y for $what', (target) => {
  let interpreter: Interpreter;
  let line: string;
  let backend: Backend;
  let shim: string;
  let work: string;

  beforeAll(async () => {
    interpreter = interpreterAt(target.path);
    line = lineOf(interpreter.version);
    ({ backend } = await decideBackend(interpreter, interpreters, { env: runEnv, paths: resolvePaths(runEnv) }));
    work = fs.mkdtempSync(path.join(sandbox.home, `work-${line}-`));
    shim = writeShim(backend, line, path.join(work, 'bin'));
  });

  it('has a backend that can make environments', () => {
    expect(backend.kind, backend.kind === 'none' ? backend.reasons.join('; ') : '').not.toBe('none');
  });

  it('makes an environment whose python is X.Y and whose pip installs a wheel, with --prompt and --system-site-packages', async () => {
    const [made, took] = await seconds(() => run(shim, ['--prompt', `probe-${line}`, '--system-site-packages', 'env'], work));
    expect(made.exitCode, made.all).toBe(0);
    const env = path.join(work, 'env');
    const python = path.join(env, 'bin', 'python');
    const version = await run(python, ['-c', 'import sys; sys.stdout.write("%d.%d" % sys.version_info[:2])']);
    expect(version.stdout).toBe(line);
    expect(version.stderr).toBe(''); // nothing complains at start-up
    expect(pyvenvCfg(env)).toMatch(/include-system-site-packages = true/);
    // Older venvs keep the prompt only in the activate script; every backend writes it there.
    expect(fs.readFileSync(path.join(env, 'bin', 'activate'), 'utf8')).toContain(`probe-${line}`);
    expect(fs.existsSync(path.join(env, 'bin', 'pip')), 'the environment has its own pip script').toBe(true);
    // pip came from the seed cache, the version the line's ensurepip carries, linked on this one file system.
    const pipWheel = path.basename(backend.kind === 'none' ? '' : (backend.seedWheels[0] ?? ''));
    expect(fs.existsSync(path.join(seedsRoot(), 'v1')), 'the seed cache was filled').toBe(true);
    // Compiled once, when the seed was built (checked before pip first runs here and could write its own): every module of pip has its bytecode (pip/__pycache__, or beside it on 2.7).
    const pipFiles = (fs.readdirSync(path.dirname(pipInit(env)), { recursive: true }) as string[]).map(String);
    const sources = pipFiles.filter((f) => f.endsWith('.py')).length;
    expect(sources).toBeGreaterThan(100);
    expect(pipFiles.filter((f) => f.endsWith('.pyc')).length).toBe(sources);
    expect((await run(python, ['-m', 'pip', '--version'])).stdout).toContain(`pip ${pipWheel.split('-')[1]} from ${env}`);
    expect(fs.statSync(pipInit(env)).nlink).toBeGreaterThan(1);
    // pip's own naming for the line, not the names in the wheel (built by another Python).
    const [major] = line.split('.');
    const pips = fs.readdirSync(path.join(env, 'bin')).filter((n) => /^pip[\d.]*$/.test(n)).sort();
    expect(pips).toEqual(['pip', `pip${major}`, `pip${line}`].sort());
    const pip = await run(python, ['-m', 'pip', 'install', '--no-index', wheel.file]);
    expect(pip.exitCode, pip.all).toBe(0);
    const imported = await run(python, ['-c', `import ${wheel.name}, sys; sys.stdout.write(${wheel.name}.MARKER + " " + ${wheel.name}.__file__)`]);
    expect(imported.stdout).toContain(wheel.marker);
    expect(imported.stdout).toContain(path.join(env, 'lib')); // into the environment, not the base or user site
    let venv = 'no venv';
    if (interpreter.modules.venv) {
      const [plain, venvTook] = await seconds(() => run(interpreter.path, ['-m', 'venv', path.join(work, 'plain')]));
      venv = plain.exitCode === 0 ? `python -m venv ${venvTook}` : `python -m venv fails (exit ${plain.exitCode})`;
    }
    timings.push(`  ${target.what.padEnd(26)} ${backendLabel(backend).padEnd(62)} ${took.padStart(7)}   ${venv}`);
  });

  it('places a warm environment\'s seed beside venv (in a child process), with the same files as the first one', async () => {
    if (backend.kind !== 'venv') {
      // Only venv's layout is known before it runs: every other backend seeds after the environment is made.
      const made = await run(shim, ['-v', 'warm'], work);
      expect(made.exitCode, made.all).toBe(0);
      expect(made.stderr).not.toContain('linked beside venv');
      return;
    }
    const ownSeeds = path.join(seedsRoot(), 'v1', `cpython-${line.replace('.', '')}`);
    fs.rmSync(ownSeeds, { recursive: true, force: true });
    const cold = await run(shim, ['-v', 'cold'], work);
    expect(cold.exitCode, cold.all).toBe(0);
    expect(cold.stderr).not.toContain('linked beside venv');
    const warm = await run(shim, ['-v', 'warm'], work);
    expect(warm.exitCode, warm.all).toBe(0);
    expect(warm.stderr).toContain('linked beside venv');
    // The same tree, byte for byte once each environment's own path is taken out (#! lines, RECORD's hashes of them, activate).
    const tree = (env: string) =>
      Object.fromEntries(
        (fs.readdirSync(env, { recursive: true }) as string[]).map(String).map((rel) => {
          const file = path.join(env, rel);
          const st = fs.lstatSync(file);
          const kind = st.isSymbolicLink() ? `link ${fs.readlinkSync(file)}` : st.isDirectory() ? 'dir' : `file ${(st.mode & 0o777).toString(8)}`;
          const bytes = st.isFile() && !/RECORD$|activate/.test(rel) ? fs.readFileSync(file, 'latin1').split(env).join('ENV') : '';
          return [rel, `${kind} ${bytes}`];
        }),
      );
    expect(tree(path.join(work, 'warm'))).toEqual(tree(path.join(work, 'cold')));
    const pip = await run(path.join(work, 'warm', 'bin', 'pip'), ['--version']);
    expect(pip.stdout).toContain(`from ${path.join(work, 'warm')}`);
    const check = await run(path.join(work, 'warm', 'bin', 'python'), ['-m', 'pip', 'check']);
    expect(check.exitCode, check.all).toBe(0);
  });

  it('honours --no-pip and --clear', async () => {
    const env = path.join(work, 'bare');
    const made = await run(shim, ['--no-pip', '-q', 'bare'], work);
    expect(made.exitCode, made.all).toBe(0);
    const python = path.join(env, 'bin', 'python');
    expect((await run(python, ['-c', 'import pip'])).exitCode).not.toBe(0);
    expect(fs.existsSync(path.join(env, 'bin', 'pip'))).toBe(false);
    const leftover = path.join(env, 'leftover.txt');
    fs.writeFileSync(leftover, 'x');
    const again = await run(shim, ['--clear', '--no-pip', '-q', 'bare'], work);
    expect(again.exitCode, again.all).toBe(0);
    expect(fs.existsSync(leftover)).toBe(false);
    expect(fs.existsSync(python)).toBe(true);
  });

  it('refuses -p (the shim is for X.Y only) without making anything', async () => {
    const refused = await run(shim, ['-p', 'python3', 'other'], work);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain(`virtualenv-${line}: makes Python ${line} environments only`);
    expect(fs.existsSync(path.join(work, 'other'))).toBe(false);
  });

  // virtualenvwrapper users pass -p by habit (issue 13 item 6): the line's own Python, named as
  // virtualenv names it, is taken. On the 2.7 and 3.12 lines (each backend kind they get here).
  const pyenvLine = pyenvPythons.find((p) => p.path === target.path)?.line;
  if (pyenvLine === '2.7' || pyenvLine === '3.12') it('takes -p naming its own Python (-p pythonX.Y, --python=X.Y, -p PATH) and still refuses another line', async () => {
    // virtualenv's other spellings too: py312 after an abbreviated --python, -pcpythonX.Y.
    const forms = [['-p', `python${line}`], [`--python=${line}`], ['-p', target.path], ['--pyt', `py${line.replace('.', '')}`], [`-pcpython${line}`]];
    for (const [i, form] of forms.entries()) {
      const made = await run(shim, [...form, '-q', `withp${i}`], work);
      expect(made.exitCode, `${form.join(' ')}: ${made.all}`).toBe(0);
      const version = await run(path.join(work, `withp${i}`, 'bin', 'python'), ['-c', 'import sys; sys.stdout.write("%d.%d" % sys.version_info[:2])']);
      expect(version.stdout).toBe(line);
    }
    const other = line === '2.7' ? '3.12' : '3.11';
    const refused = await run(shim, ['-p', `python${other}`, 'otherp'], work);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain(`virtualenv-${line}: makes Python ${line} environments only; it does not take -p python${other}`);
    expect(fs.existsSync(path.join(work, 'otherp'))).toBe(false);
  });

  it('makes, where virtualenv makes the environment, exactly what virtualenv --no-seed writes there', async () => {
    if (backend.kind !== 'host-virtualenv' && backend.kind !== 'own-virtualenv') return;
    // The first run fills the skeleton cache; the second copies it, and that copy is compared.
    for (const name of ['twice', 'twice']) {
      fs.rmSync(path.join(work, name), { recursive: true, force: true });
      const made = await run(shim, ['--no-seed', '-q', name], work);
      expect(made.exitCode, made.all).toBe(0);
    }
    fs.renameSync(path.join(work, 'twice'), path.join(work, 'twice-ours'));
    const host = backend.kind === 'host-virtualenv' ? backend.host : backend.python;
    const theirs = await run(host, ['-m', 'virtualenv', '--no-seed', '-q', '-p', backend.python, 'twice'], work);
    expect(theirs.exitCode, theirs.all).toBe(0);
    expect(tree(path.join(work, 'twice-ours'))).toEqual(tree(path.join(work, 'twice')));
  });

  it('writes pip scripts that run from a path too long for a #! line', async () => {
    const deep = path.join(work, 'd'.repeat(60), 'e'.repeat(60), 'long');
    fs.mkdirSync(path.dirname(deep), { recursive: true });
    const made = await run(shim, ['-q', deep], work);
    expect(made.exitCode, made.all).toBe(0);
    expect(fs.readFileSync(path.join(deep, 'bin', 'pip'), 'utf8')).toMatch(/^#!\/bin\/sh\n/);
    const pip = await run(path.join(deep, 'bin', 'pip'), ['--version']);
    expect(pip.exitCode, pip.all).toBe(0);
    expect(pip.stdout).toContain(deep);
  });

  it('gives --copies files of its own, not links into the seed cache', async () => {
    const made = await run(shim, ['--copies', '-q', 'copied'], work);
    expect(made.exitCode, made.all).toBe(0);
    expect(fs.statSync(pipInit(path.join(work, 'copied'))).nlink).toBe(1);
    expect((await run(path.join(work, 'copied', 'bin', 'pip'), ['--version'])).exitCode).toBe(0);
    // --copies over an environment made with links: venv would copy python onto itself; the way out is named.
    expect((await run(shim, ['-q', 'relinked'], work)).exitCode).toBe(0);
    const over = await run(shim, ['--copies', '-q', 'relinked'], work);
    expect(over.stderr).not.toContain('Traceback');
    if (over.exitCode !== 0) expect(over.stderr).toMatch(/\n {2}it holds an environment whose python is a link; to make it again with copies: add --clear\n?$/);
    const again = await run(shim, ['--copies', '--clear', '-q', 'relinked'], work);
    expect(again.exitCode, again.all).toBe(0);
  });

  it('hands an option the fast way cannot honour to the line\'s own virtualenv, or refuses it naming the backend', async () => {
    if (backend.kind === 'none') return;
    if (backend.kind === 'own-virtualenv' || (backend.kind === 'venv' && backend.virtualenvVersion)) {
      // Only virtualenv writes a chosen set of activation scripts.
      const made = await run(shim, ['--activators', 'bash', '-q', 'activators'], work);
      expect(made.exitCode, made.all).toBe(0);
      expect(fs.existsSync(path.join(work, 'activators', 'bin', 'activate'))).toBe(true);
      expect(fs.existsSync(path.join(work, 'activators', 'bin', 'activate.fish'))).toBe(false);
      // virtualenv's defaults from the environment are its too.
      const configured = await execa(shim, ['-q', 'configured'], { env: { ...runEnv, VIRTUALENV_ACTIVATORS: 'bash' }, extendEnv: false, reject: false, cwd: work, all: true });
      expect(configured.exitCode, configured.all).toBe(0);
      expect(fs.existsSync(path.join(work, 'configured', 'bin', 'activate.fish'))).toBe(false);
      return;
    }
    const refused = await run(shim, ['--pip', '20.0', 'seeded'], work);
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain(`option --pip is not available with the ${backendLabel(backend)} backend`);
    expect(fs.existsSync(path.join(work, 'seeded'))).toBe(false);
  });
});

// The borrowed-virtualenv path also on a Python 3 line whose venv would do:
// Debian's virtualenv seeds a 3.6 environment from 3.6's own ensurepip wheels.
const old3 = pyenvPythons.find((p) => p.line === '3.6') ?? lineIn('7', '9');
describeWith(old3 && systemPython3, 'an old Python 3 and Debian python3 with virtualenv')('another Python\'s virtualenv for an old Python 3', () => {
  it('passes its trial and makes a working environment seeded from the target\'s ensurepip', async () => {
    const interpreter = interpreterAt(old3!.path);
    const line = lineOf(interpreter.version);
    const { facts } = await decideBackend(interpreter, interpreters, { env: runEnv, paths: resolvePaths(runEnv) });
    const host = backendCandidates(interpreter, interpreters, facts).find((b) => b.kind === 'host-virtualenv');
    expect(host, 'a host-virtualenv candidate').toBeTruthy();
    if (host?.kind !== 'host-virtualenv') return;
    expect(host.seedWheels[0]).toMatch(/pip-[\d.]+-.*\.whl$/);
    expect(await runTrial(host, line, runEnv)).toEqual({ ok: true });
    const work = fs.mkdtempSync(path.join(sandbox.home, `host-${line}-`));
    const shim = writeShim(host, line, path.join(work, 'bin'));
    const made = await run(shim, ['env'], work);
    expect(made.exitCode, made.all).toBe(0);
    expect(made.stdout).toContain(backendLabel(host));
    const pip = await run(path.join(work, 'env', 'bin', 'pip'), ['install', '--no-index', wheel.file]);
    expect(pip.exitCode, pip.all).toBe(0);
    const pipVersion = await run(path.join(work, 'env', 'bin', 'python'), ['-m', 'pip', '--version']);
    expect(pipVersion.stdout).toContain(`pip ${host.seedWheels[0]!.split('/').pop()!.split('-')[1]}`);
  });
});

// virtualenv-own.sh (the line's own virtualenv run as it is, no helper): Debian's python3 and its
// virtualenv 20, the one such line here. It takes -p naming the line's Python as the helper does.
describeWith(systemPython3, "Debian's python3 with virtualenv")('the line\'s own virtualenv run directly', () => {
  it('takes -p naming its own Python (-p pythonX.Y, --python=X.Y, -p PATH, -p a link to it) and still refuses another line', async () => {
    const interpreter = interpreterAt(systemPython3!);
    const line = lineOf(interpreter.version);
    // The backend a line whose own virtualenv seeds pip gets (no seed wheels of pyshim's).
    const own: Backend = { kind: 'own-virtualenv', python: interpreter.path, virtualenvVersion: '20', seedWheels: [] };
    const work = fs.mkdtempSync(path.join(sandbox.home, `own-${line}-`));
    const shim = writeShim(own, line, path.join(work, 'bin'));
    expect(fs.readFileSync(shim, 'utf8')).toContain('-m virtualenv "$@"');
    const link = path.join(work, 'python-link');
    fs.symlinkSync(interpreter.path, link);
    const forms = [['-p', `python${line}`], [`--python=${line}`], ['-p', interpreter.path], ['--python', link], ['--pyt', `py${line.replace('.', '')}`], [`-pcpython${line}`]];
    for (const [i, form] of forms.entries()) {
      const made = await run(shim, [...form, '--no-seed', '-q', `withp${i}`], work);
      expect(made.exitCode, `${form.join(' ')}: ${made.all}`).toBe(0);
      const version = await run(path.join(work, `withp${i}`, 'bin', 'python'), ['-c', 'import sys; sys.stdout.write("%d.%d" % sys.version_info[:2])']);
      expect(version.stdout).toBe(line);
    }
    for (const other of [['-p', 'python3.12'], ['--python=2.7'], ['-p', pyenvPythons[0]?.path ?? '/bin/sh']]) {
      const refused = await run(shim, [...other, 'otherp'], work);
      expect(refused.exitCode, other.join(' ')).toBe(2);
      expect(refused.stderr).toContain(`virtualenv-${line}: makes Python ${line} environments only; it does not take ${other.join(' ')}`);
      expect(fs.existsSync(path.join(work, 'otherp'))).toBe(false);
    }
  });
});
