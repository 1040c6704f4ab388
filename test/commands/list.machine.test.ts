import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { describeWith, pyenvPythons, python, systemPython3 } from '../helpers/machine.js';
import { copyInterpreter, writeFakeBinary } from '../discovery/fixtures.js';

/** A working copy of pyenv's 3.12 at ~/DIR/bin/python3.12, that directory put first on the sandbox's PATH. */
function copyOnPath(s: Sandbox, dir: string): string {
  const file = copyInterpreter(path.join(s.home, dir), python('3.12')?.path ?? '', '3.12');
  s.env.PATH = `${path.dirname(file)}:${s.env.PATH}`;
  return file;
}

const FIELDS = ['version', 'implementation', 'prefix', 'userBase', 'userSite', 'userSiteEnabled', 'modules', 'externallyManaged', 'source', 'path', 'names', 'line'];

describeWith(pyenvPythons.length >= 3 && python('3.12') && python('3.10') && python('2.7'), 'pyenv CPythons (2.7, 3.10 and 3.12)')('pyshim list', () => {
  let s: Sandbox;
  let copy: string;
  beforeAll(async () => {
    s = makeSandbox();
    // The 3.12 line is a copy of pyenv's, on PATH, so that list finds it (and tells it from pyenv's).
    copy = copyOnPath(s, 'copy');
    expect((await s.pyshim(['add', '3.12', '--python', copy, '--no-bootstrap'])).exitCode).toBe(0);
    expect((await s.pyshim(['add', '2.7', '--no-bootstrap'])).exitCode).toBe(0);
  });
  afterAll(() => s.cleanup());

  it('--json is valid JSON with the facts DESIGN.md lists, and marks registered lines', async () => {
    const run = await s.pyshim(['list', '--json']);
    expect(run.exitCode).toBe(0);
    const data = JSON.parse(String(run.stdout)) as {
      interpreters: Array<Record<string, unknown>>;
      lines: Array<Record<string, unknown>>;
      default: string;
    };
    for (const p of pyenvPythons) expect(data.interpreters.some((i) => i.path === fs.realpathSync(p.path))).toBe(true);
    for (const i of data.interpreters) {
      for (const f of FIELDS) expect(i, `${String(i.path)} ${f}`).toHaveProperty(f);
      expect(Object.keys(i.modules as object).sort()).toEqual(['ensurepip', 'pip', 'venv', 'virtualenv', 'virtualenvwrapper']);
    }
    const py27 = data.interpreters.find((i) => i.path === fs.realpathSync(python('2.7')?.path ?? ''));
    expect(py27?.line).toBe('2.7');
    expect(data.interpreters.find((i) => i.path === copy)?.line).toBe('3.12');
    // pyenv's own 3.12 is another interpreter: not the registered one.
    expect(data.interpreters.find((i) => i.path === fs.realpathSync(python('3.12')?.path ?? ''))?.line).toBeNull();
    expect(data.lines.map((l) => [l.version, l.present, l.default])).toEqual([
      ['2.7', true, false],
      ['3.12', true, true],
    ]);
    expect(data.default).toBe('3.12');
  });

  it('the table: a header, one aligned row per interpreter, registered lines starred', async () => {
    const run = await s.pyshim(['list']);
    expect(run.exitCode).toBe(0);
    const rows = String(run.stdout).split('\n');
    const header = rows[0] ?? '';
    expect(header.trim().split(/\s{2,}/)).toEqual(['VERSION', 'SOURCE', 'LINE', 'PATH', 'TOOLS', 'VIRTUALENV-X.Y', 'NOTES']);
    const col = header.indexOf('PATH');
    const body = rows.filter((r) => / \/|~\//.test(r) && !r.startsWith('!') && !r.startsWith('?'));
    expect(body.length).toBeGreaterThanOrEqual(pyenvPythons.length);
    // Every PATH cell starts under the PATH header.
    for (const r of body) expect([...r].slice(col, col + 1).join(''), r).toMatch(/[/~]/);
    const star = body.filter((r) => r.startsWith('*'));
    expect(star).toHaveLength(2);
    expect(star.find((r) => r.includes('~/copy/bin/python3.12'))).toMatch(/^\*\s+3\.12\.\d+\s+path\s+3\.12 \(default\)\s+~\/copy\/bin\/python3\.12\s/);
    expect(star.find((r) => !r.includes('~/copy/'))).toMatch(/^\*\s+2\.7\.18\s+pyenv\s+2\.7\s+\/.*\s+(virtualenv|venv)/);
    expect(String(run.stdout)).not.toContain('is gone');
    if (systemPython3) expect(body.find((r) => r.includes('/usr/bin/python3'))).toContain('externally managed (PEP 668)');
    expect(String(run.stdout).includes('\u001b[')).toBe(false);
  });

  it('names a registered interpreter that is gone, without failing', async () => {
    // A sandbox of its own: the other tests see the interpreters as they were.
    const t = makeSandbox();
    try {
      const gone = copyOnPath(t, 'gone');
      expect((await t.pyshim(['add', '3.12', '--python', gone, '--no-bootstrap'])).exitCode).toBe(0);
      const message = '! 3.12 line: its interpreter ~/gone/bin/python3.12 is gone (run: pyshim doctor)';
      expect(String((await t.pyshim(['list'])).stdout)).not.toContain(message);
      fs.rmSync(path.join(t.home, 'gone'), { recursive: true });
      const run = await t.pyshim(['list']);
      expect(run.exitCode).toBe(0);
      expect(String(run.stdout)).toContain(message);
    } finally {
      t.cleanup();
    }
  });

  it('marks a line whose interpreter, or the link it was chosen by, is gone: in NOTES (in doctor\'s words) and in --json', async () => {
    const t = makeSandbox();
    try {
      // A copy of pyenv's 3.12 and a link to pyenv's 3.10, in directories no source looks in, each added by its path.
      const copy = copyInterpreter(path.join(t.home, 'copied'), python('3.12')!.path, '3.12');
      const link = path.join(t.home, 'linked', 'python3.10');
      fs.mkdirSync(path.dirname(link));
      fs.symlinkSync(fs.realpathSync(python('3.10')!.path), link);
      for (const file of [copy, link]) {
        const added = await t.pyshim(['add', file, '--no-bootstrap']);
        expect(added.exitCode, String(added.stderr)).toBe(0);
      }
      const rowOf = (text: string, line: string) => text.split('\n').find((r) => r.startsWith('*') && r.includes(` ${line} `)) ?? '';
      const problems = async () => {
        const json = JSON.parse(String((await t.pyshim(['list', '--json'])).stdout)) as { lines: { version: string; present: boolean; problem: string | null }[] };
        return json.lines.map((l) => [l.version, l.present, l.problem]);
      };

      // Both present: listed as registered, nothing said to be gone (the copy is found though no source looks there).
      const before = String((await t.pyshim(['list'])).stdout);
      expect(rowOf(before, '3.12')).toMatch(/^\*\s+3\.12\.\d+\s+path\s+3\.12 \(default\)\s+~\/copied\/bin\/python3\.12\s+pip/);
      expect(rowOf(before, '3.10')).toContain('~/linked/python3.10 → ');
      expect(before).not.toMatch(/gone/);
      expect(await problems()).toEqual([
        ['3.10', true, null],
        ['3.12', true, null],
      ]);

      fs.rmSync(path.join(t.home, 'copied'), { recursive: true });
      fs.rmSync(link);
      const run = await t.pyshim(['list']);
      expect(run.exitCode).toBe(0);
      const after = String(run.stdout);
      // The copy's line keeps its row (from the registry), marked; the link's interpreter still runs, its row marked.
      expect(rowOf(after, '3.12')).toMatch(/^\*\s+3\.12\.\d+\s+path\s+3\.12 \(default\)\s+~\/copied\/bin\/python3\.12\s+-\s+.*\sgone: run pyshim doctor$/);
      expect(rowOf(after, '3.10')).toMatch(/~\/linked\/python3\.10 → .*\slink gone: run pyshim doctor$/);
      expect(after).toContain('! 3.12 line: its interpreter ~/copied/bin/python3.12 is gone (run: pyshim doctor)');
      expect(after).toContain(`! 3.10 line: its interpreter ~/linked/python3.10 is gone (it pointed at ${fs.realpathSync(python('3.10')!.path)}) (run: pyshim doctor)`);
      // doctor says the same.
      const doctor = String((await t.pyshim(['doctor'])).stdout);
      expect(doctor).toContain('✗ 3.12: its interpreter ~/copied/bin/python3.12 is gone');
      expect(doctor).toContain('✗ 3.10: its interpreter ~/linked/python3.10 is gone (it pointed at');
      expect(await problems()).toEqual([
        ['3.10', true, 'link gone'],
        ['3.12', false, 'gone'],
      ]);
    } finally {
      t.cleanup();
    }
  });

  it('an interpreter older than 2.6 on PATH is listed, not a crash', async () => {
    const dir = path.join(s.home, 'oldbin');
    writeFakeBinary(path.join(dir, 'python2.5'), `printf '%s\\n' '{"version": "2.5.6"}'`);
    const env = { ...s.env, PATH: `${dir}:${s.env.PATH}` };
    const run = await s.pyshim(['list'], { env });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
    expect(String(run.stdout)).toMatch(/2\.5\.6\s+path\s+~\/oldbin\/python2\.5\s+-\s+no user site/);
    const json = await s.pyshim(['list', '--json'], { env });
    expect(json.exitCode).toBe(0);
  });
});
