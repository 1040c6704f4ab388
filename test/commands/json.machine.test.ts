import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeSandbox, ROOT, type Sandbox } from '../helpers/sandbox.js';
import { describeWith, python } from '../helpers/machine.js';
import { writeFakeBinary } from '../discovery/fixtures.js';

/**
 * docs/json.md against what `pyshim list --json`, `pyshim envs --json` and `pyshim doctor --json`
 * really print: every field printed is documented, every field documented is
 * printed (unless documented as absent at times, or under a null), and each
 * output's `schema` is the one its heading names.
 */
interface Documented {
  schema: number;
  fields: Map<string, string>;
}

function documented(command: 'list' | 'envs' | 'doctor'): Documented {
  const text = fs.readFileSync(path.join(ROOT, 'docs', 'json.md'), 'utf8');
  const sections = text.split(/^## /m);
  const section = sections.find((s) => s.startsWith(`\`pyshim ${command} --json\``));
  if (!section) throw new Error(`docs/json.md has no section for pyshim ${command} --json`);
  const schema = Number(/— schema (\d+)/.exec(section)?.[1]);
  const fields = new Map<string, string>();
  for (const m of section.matchAll(/^\| `([^`]+)` \| ([^|]+) \|/gm)) fields.set(m[1]!, m[2]!.trim());
  return { schema, fields };
}

/** Every key path in `value` (`a`, `a[]`-elements as `a[].b`), and those whose value was null. */
function paths(value: unknown, prefix = '', into = { all: new Set<string>(), nulls: new Set<string>() }) {
  if (Array.isArray(value)) {
    for (const item of value) if (item && typeof item === 'object') paths(item, `${prefix}[]`, into);
  } else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      const p = prefix ? `${prefix}.${key}` : key;
      into.all.add(p);
      if (child === null) into.nulls.add(p);
      paths(child, p, into);
    }
  }
  return into;
}

function check(output: Record<string, unknown>, doc: Documented): void {
  expect(output.schema).toBe(doc.schema);
  const { all, nulls } = paths(output);
  expect([...all].filter((p) => !doc.fields.has(p)), 'printed but not in docs/json.md').toEqual([]);
  const underNull = (p: string) => [...nulls].some((n) => p.startsWith(`${n}.`));
  const missing = [...doc.fields].filter(([p, type]) => !all.has(p) && !underNull(p) && !/absent when/.test(type)).map(([p]) => p);
  expect(missing, 'in docs/json.md but not printed').toEqual([]);
}

describeWith(python('3.12'), 'pyenv 3.12')('the --json outputs match docs/json.md', () => {
  let s: Sandbox;
  let env: Record<string, string>;
  beforeAll(async () => {
    s = makeSandbox();
    // A file that looks like a Python but fails when asked: a `failures` entry.
    const dir = path.join(s.home, 'broken');
    writeFakeBinary(path.join(dir, 'python3.99'), 'exit 3');
    env = { ...s.env, PATH: `${dir}:${s.env.PATH}` };
    const added = await s.pyshim(['add', '3.12', '--no-bootstrap', '--default'], { env });
    expect(added.exitCode, String(added.stderr)).toBe(0);
  });
  afterAll(() => s?.cleanup());

  it('pyshim list --json', async () => {
    const run = await s.pyshim(['list', '--json'], { env });
    expect(run.exitCode, String(run.stderr)).toBe(0);
    const output = JSON.parse(String(run.stdout)) as Record<string, unknown>;
    expect((output.failures as unknown[]).length).toBeGreaterThan(0);
    check(output, documented('list'));
  });

  it('pyshim envs --json, with an environment of a line, one of no line, and a home that is missing', async () => {
    for (const [dir, lib] of [['.virtualenvs312/a', 'python3.12'], ['.virtualenvs/b', 'python3.99']] as const) {
      fs.mkdirSync(path.join(s.home, dir, 'lib', lib), { recursive: true });
      fs.writeFileSync(path.join(s.home, dir, 'pyvenv.cfg'), 'home = /x\nversion = 3.12.1\n');
    }
    const registry = path.join(s.pyshimHome, 'registry.json');
    fs.writeFileSync(registry, JSON.stringify({ ...JSON.parse(fs.readFileSync(registry, 'utf8')), sharedHomes: [path.join(s.home, 'gone')] }));
    const run = await s.pyshim(['envs', '--json'], { env });
    expect(run.exitCode, String(run.stderr)).toBe(0);
    const output = JSON.parse(String(run.stdout)) as { environments: Array<{ line: string | null }>; homes: Array<{ exists: boolean }> };
    expect(output.environments.map((e) => e.line)).toEqual(['3.12', null]);
    expect(output.homes.map((h) => h.exists)).toEqual([true, true, false]);
    check(output as unknown as Record<string, unknown>, documented('envs'));
  });

  it('pyshim doctor --json, with a problem (so a finding has its fix)', async () => {
    fs.rmSync(path.join(s.bin, 'pip312'));
    const run = await s.pyshim(['doctor', '--json'], { env });
    expect(run.exitCode).toBe(1);
    const output = JSON.parse(String(run.stdout)) as { ok: boolean; findings: Array<{ ok: boolean; fix?: string }> };
    expect(output.ok).toBe(false);
    expect(output.findings.filter((f) => !f.ok).every((f) => typeof f.fix === 'string')).toBe(true);
    check(output as unknown as Record<string, unknown>, documented('doctor'));
  });

  it("pyshim doctor --json, with a WORKON_HOME of the user's: information (info, ok)", async () => {
    const run = await s.pyshim(['doctor', '--json'], { env: { ...env, WORKON_HOME: path.join(s.home, 'Envs') } });
    const output = JSON.parse(String(run.stdout)) as { findings: Array<{ ok: boolean; info?: boolean; subject: string }> };
    // ~/.virtualenvs holds b (made above; an environment by its pyvenv.cfg, the one rule of envs/scan.ts): reported too.
    expect(output.findings.filter((f) => f.info).map((f) => [f.subject, f.ok])).toEqual([['WORKON_HOME', true], ['environments', true]]);
    check(output as unknown as Record<string, unknown>, documented('doctor'));
  });
});
