import { describe, expect, it } from 'vitest';
import type { Interpreter } from '../../src/discovery/interpreter.js';
import { backendCandidates, backendLabel, chooseBackend, trialKey, type BackendFacts } from '../../src/envs/backend.js';
import type { EnvFacts } from '../../src/envs/facts.js';
import { helperCommand, renderVirtualenvShim } from '../../src/envs/render.js';
import { fakeInterpreter } from '../helpers/interpreter.js';

// chooseBackend is pure: these facts are what envfacts.py reports (shapes
// copied from real runs); the real interpreters are exercised in real.test.ts.
function interpreter(path: string, version: string, extra: Partial<Interpreter> = {}): Interpreter {
  return fakeInterpreter(path, version, { source: 'pyenv', userSite: null, ...extra });
}

function facts(version: string, extra: Partial<EnvFacts> = {}): EnvFacts {
  return {
    version,
    venv: !version.startsWith('2.'),
    ensurepip: { pip: `/w/${version}/pip-19-py3-none-any.whl`, pipVersion: '19', setuptools: `/w/${version}/setuptools-41-py3-none-any.whl`, reason: null },
    virtualenv: null,
    ...extra,
  };
}

const noEnsurepip: EnvFacts['ensurepip'] = { pip: null, pipVersion: null, setuptools: null, reason: 'ensurepip cannot be imported' };
const debianVirtualenv = { version: '20.17.1+ds', file: '/usr/lib/python3/dist-packages/virtualenv/__init__.py', error: null };

const py27 = interpreter('/py/2.7', '2.7.18', { modules: { pip: true, venv: false, ensurepip: true, virtualenv: false, virtualenvwrapper: false } });
const py36 = interpreter('/py/3.6', '3.6.15');
const sys311 = interpreter('/usr/bin/python3.11', '3.11.2', { source: 'system' });
const py312 = interpreter('/py/3.12', '3.12.1');
const all = [py27, py36, sys311, py312];

function machine(overrides: Record<string, Partial<EnvFacts>> = {}): BackendFacts {
  const env = new Map<string, EnvFacts>([
    [py27.path, facts('2.7.18', overrides[py27.path])],
    [py36.path, facts('3.6.15', overrides[py36.path])],
    [sys311.path, facts('3.11.2', { virtualenv: debianVirtualenv, ...overrides[sys311.path] })],
    [py312.path, facts('3.12.1', overrides[py312.path])],
  ]);
  return { env, trials: new Map() };
}

describe('chooseBackend', () => {
  it('prefers venv seeded from ensurepip\'s wheels, with the line\'s own virtualenv for the options venv lacks', () => {
    const b = chooseBackend(sys311, all, machine());
    expect(b).toEqual({ kind: 'venv', python: sys311.path, seedWheels: ['/w/3.11.2/pip-19-py3-none-any.whl', '/w/3.11.2/setuptools-41-py3-none-any.whl'], virtualenvVersion: '20.17.1+ds' });
    expect(backendLabel(b)).toBe('venv + ensurepip seed; virtualenv 20.17.1+ds (own) for other options');
  });

  it('uses venv alone when ensurepip really has its pip wheel and there is no virtualenv of its own', () => {
    const b = chooseBackend(py36, all, machine());
    expect(b).toEqual({ kind: 'venv', python: py36.path, seedWheels: ['/w/3.6.15/pip-19-py3-none-any.whl', '/w/3.6.15/setuptools-41-py3-none-any.whl'], virtualenvVersion: null });
    expect(backendLabel(b)).toBe('venv + ensurepip seed');
    const noSetuptools = chooseBackend(py312, all, machine({ [py312.path]: { ensurepip: { pip: '/w/p.whl', pipVersion: '23', setuptools: null, reason: null } } }));
    expect(noSetuptools).toMatchObject({ kind: 'venv', seedWheels: ['/w/p.whl'] });
  });

  it('uses the line\'s own virtualenv where it has no venv (Python 2.7 with the recipe\'s toolchain), seeding from ensurepip, once its trial passed', () => {
    const f = machine({ [py27.path]: { virtualenv: { version: '20.15.1', file: '/x', error: null } } });
    const [own] = backendCandidates(py27, all, f);
    expect(own).toEqual({ kind: 'own-virtualenv', python: py27.path, virtualenvVersion: '20.15.1', seedWheels: ['/w/2.7.18/pip-19-py3-none-any.whl', '/w/2.7.18/setuptools-41-py3-none-any.whl'] });
    if (own?.kind !== 'own-virtualenv') throw new Error('no own virtualenv');
    // Untried, it is not chosen: like any other virtualenv, it proves itself first.
    expect(chooseBackend(py27, all, f).kind).toBe('none');
    f.trials.set(trialKey(own), { ok: true });
    const b = chooseBackend(py27, all, f);
    expect(b).toEqual(own);
    expect(backendLabel(b)).toBe('virtualenv 20.15.1 (own) + ensurepip seed');
    const unseeded = machine({ [py27.path]: { ensurepip: noEnsurepip, virtualenv: { version: '20.15.1', file: '/x', error: null } } });
    const [plain] = backendCandidates(py27, all, unseeded);
    expect(plain && backendLabel(plain)).toBe('virtualenv 20.15.1 (own)');
  });

  it('falls back, when the line\'s own virtualenv fails its trial, to it without pip plus pip from the wheels pyshim kept (2.6, run by another Python)', () => {
    const py26 = interpreter('/py/2.6', '2.6.0', { modules: { pip: true, venv: false, ensurepip: false, virtualenv: true, virtualenvwrapper: false } });
    const kept = ['/data/wheels/2.6/pip-9.0.3-py2.py3-none-any.whl', '/data/wheels/2.6/setuptools-36.8.0-py2.py3-none-any.whl'];
    const f = machine();
    f.env.set(py26.path, facts('2.6.0', { venv: false, ensurepip: noEnsurepip, virtualenv: { version: '15.2.0', file: '/u/virtualenv.py', error: null } }));
    f.keptWheels = kept;
    const withAll = [py26, ...all];
    const [plain, fallback] = backendCandidates(py26, withAll, f);
    expect(plain).toEqual({ kind: 'own-virtualenv', python: py26.path, virtualenvVersion: '15.2.0', seedWheels: [] });
    // 2.6 cannot run pyshim's helper (no argparse): the distribution's Python runs it.
    expect(fallback).toEqual({ kind: 'own-virtualenv', python: py26.path, virtualenvVersion: '15.2.0', seedWheels: kept, runner: sys311.path, keptSeed: true });
    if (plain?.kind !== 'own-virtualenv' || fallback?.kind !== 'own-virtualenv') throw new Error('no own virtualenv');
    f.trials.set(trialKey(plain), { ok: false, reason: 'OSError: Command ENV/bin/python2.6 - setuptools<37 pip wheel<0.30 failed with error code 1' });
    expect(chooseBackend(py26, withAll, f).kind).toBe('none');
    f.trials.set(trialKey(fallback), { ok: true });
    const chosen = chooseBackend(py26, withAll, f);
    expect(chosen).toEqual(fallback);
    expect(backendLabel(chosen)).toBe('virtualenv 15.2.0 (own) + seed of pip 9.0.3, setuptools 36.8.0');
    // Without kept wheels there is no fallback, and the reasons name the failed trial.
    f.keptWheels = [];
    const none = chooseBackend(py26, withAll, f);
    if (none.kind !== 'none') throw new Error('expected none');
    expect(none.reasons).toContain('its own virtualenv 15.2.0 failed a trial: OSError: Command ENV/bin/python2.6 - setuptools<37 pip wheel<0.30 failed with error code 1');
  });

  it('offers a host\'s virtualenv that its user site hides (-s) after the one it imports', () => {
    const userSite = { version: '21.14.1', file: '/home/u/.local/lib/python3.11/site-packages/virtualenv/__init__.py', error: null };
    const f = machine({ [sys311.path]: { virtualenv: userSite, systemVirtualenv: debianVirtualenv } });
    const hosts = backendCandidates(py27, all, f).filter((b) => b.kind === 'host-virtualenv');
    expect(hosts).toEqual([
      expect.objectContaining({ host: sys311.path, virtualenvVersion: '21.14.1' }),
      expect.objectContaining({ host: sys311.path, virtualenvVersion: '20.17.1+ds', noUserSite: true }),
    ]);
    const [first, second] = hosts;
    if (first?.kind !== 'host-virtualenv' || second?.kind !== 'host-virtualenv') throw new Error('no hosts');
    expect(trialKey(first)).not.toBe(trialKey(second));
    f.trials.set(trialKey(first), { ok: false, reason: 'older than the minimum 3.6 python-discovery can query' });
    f.trials.set(trialKey(second), { ok: true });
    const chosen = chooseBackend(py27, all, f);
    expect(chosen).toEqual(second);
    expect(backendLabel(chosen)).toBe('virtualenv 20.17.1+ds via /usr/bin/python3.11 -s + ensurepip seed');
    // A user-site virtualenv that does not import still leaves the hidden one.
    const broken = machine({ [sys311.path]: { virtualenv: { version: null, file: null, error: "ModuleNotFoundError: No module named 'packaging'" }, systemVirtualenv: debianVirtualenv } });
    expect(backendCandidates(py27, all, broken).filter((b) => b.kind === 'host-virtualenv')).toEqual([expect.objectContaining({ host: sys311.path, noUserSite: true })]);
  });

  it('runs a host\'s own virtualenv (not in its user site) with -s, so another Python\'s bootstrap into the shared user site cannot replace it', () => {
    const own = { version: '20.17.1+ds', file: '/usr/lib/python3/dist-packages/virtualenv/__init__.py', error: null };
    const kinds = (userSite: boolean | undefined) =>
      backendCandidates(py27, all, machine({ [sys311.path]: { virtualenv: { ...own, ...(userSite === undefined ? {} : { userSite }) } } })).filter((b) => b.kind === 'host-virtualenv');
    expect(kinds(false)).toEqual([expect.objectContaining({ host: sys311.path, virtualenvVersion: '20.17.1+ds', noUserSite: true })]);
    // One from the user site needs the user site; a report without the field keeps the plain run.
    expect(kinds(true)).toEqual([expect.not.objectContaining({ noUserSite: true })]);
    expect(kinds(undefined)).toEqual([expect.not.objectContaining({ noUserSite: true })]);
  });

  it('does not use venv when ensurepip cannot seed pip (a stripped distribution Python)', () => {
    const f = machine({ [py312.path]: { ensurepip: noEnsurepip } });
    const candidates = backendCandidates(py312, all, f);
    expect(candidates.map((c) => c.kind)).toEqual(['host-virtualenv']);
    // Untried host: not chosen yet; the reasons say why nothing else works.
    const none = chooseBackend(py312, all, f);
    expect(none.kind).toBe('none');
    if (none.kind === 'none') expect(none.reasons.join('\n')).toContain('its venv cannot seed pip: ensurepip cannot be imported');
  });

  it('borrows another Python\'s virtualenv only after its trial passed, seeding from the target\'s ensurepip wheels', () => {
    const f = machine();
    const [host] = backendCandidates(py27, all, f);
    expect(host).toMatchObject({ kind: 'host-virtualenv', host: sys311.path, seedWheels: ['/w/2.7.18/pip-19-py3-none-any.whl', '/w/2.7.18/setuptools-41-py3-none-any.whl'] });
    expect(chooseBackend(py27, all, f).kind).toBe('none');
    if (host?.kind !== 'host-virtualenv') throw new Error('no host');
    f.trials.set(trialKey(host), { ok: true });
    const chosen = chooseBackend(py27, all, f);
    expect(chosen).toEqual(host);
    expect(backendLabel(chosen)).toBe('virtualenv 20.17.1+ds via /usr/bin/python3.11 + ensurepip seed');
  });

  it('lets the host\'s virtualenv seed when the target has no ensurepip wheels', () => {
    const f = machine({ [py27.path]: { ensurepip: noEnsurepip } });
    const [host] = backendCandidates(py27, all, f);
    expect(host).toMatchObject({ kind: 'host-virtualenv', seedWheels: [] });
    if (host?.kind === 'host-virtualenv') expect(backendLabel(host)).toBe('virtualenv 20.17.1+ds via /usr/bin/python3.11');
  });

  it('tries the next host after a failed trial, and reports the failure when all fail', () => {
    const f = machine({ [py312.path]: { virtualenv: { version: '21.14.1', file: '/x', error: null } } });
    const hosts = backendCandidates(py27, all, f);
    expect(hosts.map((h) => (h.kind === 'host-virtualenv' ? h.host : h.kind))).toEqual([sys311.path, py312.path]);
    for (const h of hosts) if (h.kind === 'host-virtualenv') f.trials.set(trialKey(h), { ok: false, reason: 'no creator for 2.7' });
    const none = chooseBackend(py27, all, f);
    expect(none.kind).toBe('none');
    if (none.kind === 'none') expect(none.reasons.filter((r) => r.includes('failed a trial: no creator for 2.7'))).toHaveLength(2);
    const [first, second] = hosts;
    if (second?.kind === 'host-virtualenv' && first?.kind === 'host-virtualenv') {
      f.trials.set(trialKey(second), { ok: true });
      expect(chooseBackend(py27, all, f)).toEqual(second);
    }
  });

  it('ignores a virtualenv that does not import, and interpreters inside virtual environments', () => {
    const venvPython = interpreter('/env/bin/python', '3.12.1', { inVirtualenv: true });
    const f = machine({ [sys311.path]: { virtualenv: { version: null, file: null, error: 'SyntaxError: bad' } } });
    f.env.set(venvPython.path, facts('3.12.1', { virtualenv: debianVirtualenv }));
    expect(backendCandidates(py27, [...all, venvPython], f)).toEqual([]);
    const none = chooseBackend(py27, [...all, venvPython], f);
    if (none.kind !== 'none') throw new Error('expected none');
    expect(none.reasons).toContain('no other Python on this machine has virtualenv');
    expect(chooseBackend(sys311, all, f)).toMatchObject({ kind: 'venv', virtualenvVersion: null });
  });
});

describe('helperCommand and the shim for the new ways', () => {
  it('runs a -s host with -s before the helper, in the command and in the shim', () => {
    const b = { kind: 'host-virtualenv' as const, python: '/py/2.7', host: '/usr/bin/python3.11', virtualenvVersion: '20.17.1+ds', seedWheels: ['/w/pip.whl'], noUserSite: true as const };
    const command = helperCommand(b, 'virtualenv-2.7', { helper: '/rt/mkenv.py' });
    expect(command.slice(0, 4)).toEqual(['/usr/bin/python3.11', '-S', '-s', '/rt/mkenv.py']);
    expect(command).toContain('virtualenv');
    expect(renderVirtualenvShim(b, { line: '2.7', name: 'virtualenv-2.7', helper: '/rt/mkenv.py' })).toContain('exec "$host" -S -s "$helper" --name virtualenv-2.7 ');
  });

  it('has an old line\'s helper run by its runner, making the environment with the line\'s own virtualenv older than 20', () => {
    const b = { kind: 'own-virtualenv' as const, python: '/py/2.6', virtualenvVersion: '15.2.0', seedWheels: ['/d/pip-9.0.3-py2.py3-none-any.whl'], runner: '/usr/bin/python3.11', keptSeed: true as const };
    const command = helperCommand(b, 'virtualenv-2.6', { helper: '/rt/mkenv.py' });
    expect(command.slice(0, 3)).toEqual(['/usr/bin/python3.11', '-S', '/rt/mkenv.py']);
    expect(command.slice(command.indexOf('--target'), command.indexOf('--target') + 2)).toEqual(['--target', '/py/2.6']);
    expect(command.slice(command.indexOf('--create'), command.indexOf('--create') + 2)).toEqual(['--create', 'old-virtualenv']);
    const shim = renderVirtualenvShim(b, { line: '2.6', name: 'virtualenv-2.6', helper: '/rt/mkenv.py' });
    expect(shim).toContain("host=/usr/bin/python3.11\n");
    expect(shim).toContain('exec "$host" -S "$helper" --name virtualenv-2.6 ');
  });
});
