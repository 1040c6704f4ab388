import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWith, pyenvPythons, python } from '../helpers/machine.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { buildWheel } from '../envs/wheel.js';
import { writeUserSiteVew } from '../helpers/vew.js';

interface RegistryFile {
  default?: string;
  lines: Record<string, { python: string; virtualenvwrapper?: { script: string; hookPython: string } | null }>;
  profiles?: Record<string, string[]>;
  record?: { files: string[]; dirs: string[] };
}

const readRegistry = (s: Sandbox): RegistryFile => JSON.parse(fs.readFileSync(path.join(s.pyshimHome, 'registry.json'), 'utf8')) as RegistryFile;
const blocksIn = (file: string): number => (fs.readFileSync(file, 'utf8').match(/^# >>> pyshim >>>$/gm) ?? []).length;

// Nine lines to add at once need nine X.Y; fewer still make a race, just a smaller one.
const racers = pyenvPythons.slice(0, 9);

describeWith(racers.length >= 4 && python('3.12') && python('3.11'), 'pyenv CPythons (3.11, 3.12 and two more)')('one transaction per change', () => {
  let s: Sandbox;
  const rcFiles: string[] = [];
  const before = new Map<string, Buffer>();
  beforeAll(async () => {
    s = makeSandbox();
    // Registered before the race: 3.12 (the default), 3.11 (made default in the race), and one the race removes.
    const removed = racers.find((p) => !['3.11', '3.12'].includes(p.line))!;
    for (const v of ['3.12', '3.11', removed.line]) expect((await s.pyshim(['add', v, '--no-bootstrap'])).exitCode).toBe(0);
    const adds = racers.filter((p) => !['3.11', '3.12', removed.line].includes(p.line)).map((p) => ['add', p.line, '--no-bootstrap']);
    // Twenty commands: the adds, a default, a remove, and setups for the rest.
    for (let n = 0; n < 20 - adds.length - 2; n += 1) {
      const file = path.join(s.home, `.rc${n}`);
      // Every kind of ending: a final newline, none, CRLF.
      fs.writeFileSync(file, n % 3 === 0 ? `alias a${n}=ls\n` : n % 3 === 1 ? `export N=${n}` : `alias b${n}=ls\r\n`);
      before.set(file, fs.readFileSync(file));
      rcFiles.push(file);
    }
    const commands = [
      ...adds,
      ...rcFiles.map((file) => ['setup', '--shell', 'bash', '--rc-file', file]),
      ['default', '3.11'],
      ['remove', removed.line],
    ];
    expect(commands).toHaveLength(20);
    // All started before any finishes.
    const runs = await Promise.all(commands.map((args) => s.pyshim(args)));
    runs.forEach((run, n) => expect(run.exitCode, `${commands[n]!.join(' ')}: ${String(run.stderr)}`).toBe(0));
    (s as Sandbox & { expectedLines?: string[] }).expectedLines = ['3.11', '3.12', ...adds.map((a) => a[1]!)].sort();
  });
  afterAll(() => s?.cleanup());

  it('loses nothing: every line, every profile, the default, and the removal are in the registry', () => {
    const registry = readRegistry(s);
    const expected = (s as Sandbox & { expectedLines?: string[] }).expectedLines!;
    expect(Object.keys(registry.lines).sort()).toEqual(expected);
    expect(registry.default).toBe('3.11');
    expect([...(registry.profiles?.bash ?? [])].sort()).toEqual([...rcFiles].sort());
    for (const file of rcFiles) expect(blocksIn(file), file).toBe(1);
  });

  it('has exactly the shims of the registered lines, each recorded', () => {
    const registry = readRegistry(s);
    const lines = Object.keys(registry.lines);
    for (const name of fs.readdirSync(s.bin)) {
      const owner = lines.find((v) => name === `pip${v.replace('.', '')}` || name === `install${v.replace('.', '')}` || name.includes(`-${v}`) || name === `python${v}`);
      expect(owner, `${name} belongs to no registered line`).toBeDefined();
      expect(registry.record?.files).toContain(path.join(s.bin, name));
    }
    for (const v of lines) expect(fs.existsSync(path.join(s.bin, `pip${v.replace('.', '')}`)), v).toBe(true);
  });

  it('leaves init files that match the registry (doctor finds them current)', async () => {
    const run = await s.pyshim(['doctor', '--json']);
    const report = JSON.parse(String(run.stdout)) as { findings: { subject: string; ok: boolean; message: string }[] };
    const generated = report.findings.filter((f) => f.subject === 'pyshim');
    expect(generated.length).toBeGreaterThan(0);
    expect(generated.filter((f) => !f.ok)).toEqual([]);
    const init = fs.readFileSync(path.join(s.pyshimHome, 'lazy.bash'), 'utf8');
    for (const v of Object.keys(readRegistry(s).lines)) expect(init).toContain(`virtualenvs${v.replace('.', '')}`);
  });

  it('uninstall then gives every profile back byte for byte', async () => {
    const run = await s.pyshim(['uninstall']);
    expect(run.exitCode, String(run.stderr)).toBe(0);
    for (const [file, bytes] of before) expect(fs.readFileSync(file).equals(bytes), file).toBe(true);
  });
});

describeWith(python('3.12'), 'pyenv CPython 3.12')('a bootstrap rewrites the init files like any change', () => {
  let s: Sandbox;
  beforeAll(() => {
    s = makeSandbox();
  });
  afterAll(() => s?.cleanup());

  it('follows a virtualenvwrapper that appeared in the line\'s user site', async () => {
    expect((await s.pyshim(['add', '3.12', '--no-bootstrap'])).exitCode).toBe(0);
    const init = () => fs.readFileSync(path.join(s.pyshimHome, 'lazy.bash'), 'utf8');
    const own = path.join(s.home, '.local/bin/virtualenvwrapper.sh');
    expect(init()).not.toContain('.local/bin/virtualenvwrapper.sh');
    // What `pip install --user virtualenvwrapper` leaves (the index here has none to install).
    writeUserSiteVew({ userBase: path.join(s.home, '.local'), userSite: path.join(s.home, '.local/lib/python3.12/site-packages'), version: '99.0', script: '# virtualenvwrapper.sh stand-in\n' });
    const wheels = fs.mkdtempSync(path.join(s.home, 'wheels-'));
    const run = await s.pyshim(['bootstrap', '3.12', '--offline', '--find-links', wheels]);
    expect(run.exitCode, String(run.stderr)).toBe(0);
    expect(init()).toContain('"$HOME"/.local/bin/virtualenvwrapper.sh');
    expect(readRegistry(s).lines['3.12']?.virtualenvwrapper?.script).toBe(own);
    expect(fs.readFileSync(path.join(s.bin, 'virtualenvwrapper-3.12.sh'), 'utf8')).toContain(own);
  });
});

describeWith(python('3.12'), 'pyenv CPython 3.12')('the walk of one pyshim add', () => {
  let s: Sandbox;
  beforeAll(() => {
    s = makeSandbox({ extraEnv: { PYSHIM_TRACE: '1' } });
  });
  afterAll(() => s?.cleanup());

  /** One `add 3.12` offline, pip finding only what lies in `wheels`: its trace lines, counted. */
  async function walk(wheels: string): Promise<{ stdout: string; count: (line: string) => number; envfacts: Map<string, number> }> {
    const env = { ...s.env, PIP_CONFIG_FILE: '/dev/null', PIP_NO_INDEX: '1', PIP_FIND_LINKS: wheels };
    const added = await s.pyshim(['add', '3.12'], { env });
    expect(added.exitCode, String(added.stderr)).toBe(0);
    const trace = String(added.stderr).split('\n').filter((l) => l.startsWith('pyshim-trace: '));
    const envfacts = new Map<string, number>();
    for (const l of trace.filter((t) => t.startsWith('pyshim-trace: envfacts '))) envfacts.set(l, (envfacts.get(l) ?? 0) + 1);
    return { stdout: String(added.stdout), count: (line) => trace.filter((l) => l.startsWith(line)).length, envfacts };
  }

  it('discovers once and asks each interpreter envfacts.py at most once; a bootstrap that installed nothing probes nothing again', async () => {
    expect((await s.pyshim(['add', '3.12', '--no-bootstrap'])).exitCode).toBe(0);
    const { stdout, count, envfacts } = await walk(fs.mkdtempSync(path.join(s.home, 'no-wheels-')));
    expect(stdout).toMatch(/pyshim: 3\.12 bootstrapped \(nothing to install/);
    expect(count('pyshim-trace: discover')).toBe(1);
    expect(envfacts.size).toBeGreaterThan(0);
    for (const [l, n] of envfacts) expect(n, l).toBe(1);
    expect(count('pyshim-trace: reprobe ')).toBe(0);
  });

  it('asks the bootstrapped interpreter again, once, after it installed something', async () => {
    const wheels = fs.mkdtempSync(path.join(s.home, 'wheels-'));
    // A stand-in named like the tool: what pip installs is all the walk needs.
    buildWheel(wheels, 'virtualenvwrapper', '99.0');
    const { stdout, count, envfacts } = await walk(wheels);
    expect(stdout).toMatch(/pyshim: 3\.12 bootstrapped \(installed virtualenvwrapper/);
    expect(count('pyshim-trace: discover')).toBe(1);
    const target = `pyshim-trace: envfacts ${readRegistry(s).lines['3.12']!.python}`;
    expect(envfacts.get(target)).toBe(2);
    for (const [l, n] of envfacts) if (l !== target) expect(n, l).toBe(1);
    expect(count('pyshim-trace: reprobe ')).toBe(1);
  });
});
