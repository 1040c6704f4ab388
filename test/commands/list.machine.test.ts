import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { describeWith, pyenvPythons, python, systemPython3 } from '../helpers/machine.js';
import { copyInterpreter, writeFakeBinary } from '../discovery/fixtures.js';

const FIELDS = ['version', 'implementation', 'prefix', 'userBase', 'userSite', 'userSiteEnabled', 'modules', 'externallyManaged', 'source', 'path', 'names', 'line'];

describeWith(pyenvPythons.length >= 3 && python('3.12'), 'pyenv CPythons (2.7, 3.12 and one more 3.x)')('pyshim list', () => {
  let s: Sandbox;
  let copy: string;
  beforeAll(async () => {
    s = makeSandbox();
    copy = copyInterpreter(path.join(s.home, 'gone'), python('3.12')?.path ?? '', '3.12');
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
    expect(data.lines.map((l) => [l.version, l.present, l.default])).toEqual([
      ['2.7', true, false],
      ['3.12', false, true],
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
    expect(star).toHaveLength(1);
    expect(star[0]).toMatch(/^\*\s+2\.7\.18\s+pyenv\s+2\.7(\s\(default\))?\s+\/.*\s+(virtualenv|venv)/);
    if (systemPython3) expect(body.find((r) => r.includes('/usr/bin/python3'))).toContain('externally managed (PEP 668)');
    expect(String(run.stdout).includes('\u001b[')).toBe(false);
  });

  it('names a registered interpreter that is gone, without failing', async () => {
    fs.rmSync(path.join(s.home, 'gone'), { recursive: true });
    const run = await s.pyshim(['list']);
    expect(run.exitCode).toBe(0);
    expect(String(run.stdout)).toContain('! 3.12 line: its interpreter ~/gone/bin/python3.12 is gone (run: pyshim doctor)');
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
