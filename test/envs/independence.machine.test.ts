import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { contextFrom } from '../../src/context.js';
import { profileBlockBody } from '../../src/init/write.js';
import { describeWith, python, shells, systemPython3 } from '../helpers/machine.js';
import { CLI, makeSandbox, type Sandbox } from '../helpers/sandbox.js';
import { buildWheel } from './wheel.js';

/**
 * Environments made through pyshim hold links or copies of its seed cache,
 * never references into pyshim's files: after `pyshim remove` and
 * `pyshim uninstall` (which delete the shims, the runtime helper and the
 * seed cache), their pip still runs and installs. Made the ways users make
 * them: `virtualenv-X.Y DEST` and virtualenvwrapper's `mkvirtualenv` in an
 * interactive bash, for a venv line (3.12) and a line whose environments
 * another Python's virtualenv makes (2.7).
 */
const py312 = python('3.12');
const py27 = python('2.7');
const vewScript = '/usr/share/virtualenvwrapper/virtualenvwrapper.sh';
const machine = py312 && py27 && systemPython3 && shells.bash && fs.existsSync(vewScript);

let sb: Sandbox;
let wheel: ReturnType<typeof buildWheel>;
const envs: Record<string, string> = {};

const run = (file: string, args: string[], extra: Record<string, string> = {}) => execa(file, args, { env: { ...sb.env, ...extra }, extendEnv: false, reject: false, all: true, stdin: 'ignore' });
const seeds = () => path.join(sb.pyshimHome, 'cache', 'seeds');

/** Every symbolic link under `dir`, with where it points (resolved). */
function links(dir: string): { link: string; target: string }[] {
  const out: { link: string; target: string }[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) out.push({ link: file, target: path.resolve(dir, fs.readlinkSync(file)) });
    else if (entry.isDirectory()) out.push(...links(file));
  }
  return out;
}

async function pipWorks(env: string, line: string): Promise<void> {
  const pip = await run(path.join(env, 'bin', 'pip'), ['install', '--no-index', wheel.file]);
  expect(pip.exitCode, pip.all).toBe(0);
  const imported = await run(path.join(env, 'bin', 'python'), ['-c', `import sys, ${wheel.name}; sys.stdout.write("%d.%d %s" % (sys.version_info[0], sys.version_info[1], ${wheel.name}.MARKER))`]);
  expect(imported.stdout).toBe(`${line} ${wheel.marker}`);
}

describeWith(machine, 'pyenv 3.12 and 2.7, bash, Debian python3 with virtualenv and virtualenvwrapper')('environments outlive pyshim', () => {
  beforeAll(async () => {
    sb = makeSandbox();
    // Offline, blind to the machine's pip configuration: nothing may come from an index.
    sb.env.PIP_CONFIG_FILE = '/dev/null';
    sb.env.PIP_NO_INDEX = '1';
    const tools = path.join(path.dirname(sb.home), 'tools');
    fs.mkdirSync(tools);
    fs.symlinkSync(CLI, path.join(tools, 'pyshim'));
    sb.env.PATH = `${sb.bin}:${tools}:${sb.env.PATH}`;
    for (const line of ['2.7', '3.12']) {
      const added = await sb.pyshim(['add', line, '--no-bootstrap', ...(line === '3.12' ? ['--default'] : [])]);
      expect(added.exitCode, String(added.stderr)).toBe(0);
    }
    fs.writeFileSync(path.join(sb.home, '.bashrc'), `# >>> pyshim >>>\n${profileBlockBody(contextFrom(sb.env).paths, 'bash')}\n# <<< pyshim <<<\n`);
    fs.mkdirSync(path.join(sb.home, 'wheels'));
    wheel = buildWheel(path.join(sb.home, 'wheels'));
  });
  afterAll(() => sb?.cleanup());

  it('makes environments with virtualenv-X.Y and mkvirtualenv, pip linked in from the seed cache', async () => {
    for (const line of ['3.12', '2.7']) {
      const env = path.join(sb.home, `direct-${line}`);
      const made = await run(path.join(sb.bin, `virtualenv-${line}`), [env]);
      expect(made.exitCode, made.all).toBe(0);
      envs[`virtualenv-${line}`] = env;
    }
    const shell = await execa('bash', ['-i', '-c', ['pyshim use 2.7 >/dev/null', 'mkvirtualenv old >/dev/null 2>&1; echo "mk27=$?"', 'deactivate', 'pyshim use 3.12 >/dev/null', 'mkvirtualenv new >/dev/null 2>&1; echo "mk312=$?"'].join('\n')], {
      env: sb.env,
      extendEnv: false,
      reject: false,
      cwd: sb.home,
    });
    expect(shell.stdout, String(shell.stderr)).toContain('mk27=0');
    expect(shell.stdout, String(shell.stderr)).toContain('mk312=0');
    envs['mkvirtualenv 2.7'] = path.join(sb.home, '.virtualenvs27', 'old');
    envs['mkvirtualenv 3.12'] = path.join(sb.home, '.virtualenvs312', 'new');
    expect(fs.readdirSync(path.join(seeds(), 'v1')).sort()).toEqual(['cpython-27', 'cpython-312', 'skeletons']);
    for (const [how, env] of Object.entries(envs)) {
      const pipInit = path.join(env, 'lib', how.endsWith('2.7') ? 'python2.7' : 'python3.12', 'site-packages', 'pip', '__init__.py');
      expect(fs.statSync(pipInit).nlink, `${how}: pip linked from the seed cache`).toBeGreaterThan(1);
      const intoPyshim = links(env).filter((l) => l.target.startsWith(sb.pyshimHome + path.sep));
      expect(intoPyshim, `${how}: no link into pyshim's files`).toEqual([]);
    }
  });

  it('keeps its helper compiled in its own runtime dir under PYTHONDONTWRITEBYTECODE', async () => {
    const cache = path.join(sb.pyshimHome, 'runtime', '__pycache__');
    fs.rmSync(cache, { recursive: true, force: true });
    const env = path.join(sb.home, 'no-bytecode');
    const made = await run(path.join(sb.bin, 'virtualenv-3.12'), [env], { PYTHONDONTWRITEBYTECODE: '1' });
    expect(made.exitCode, made.all).toBe(0);
    // Without these, every environment would compile pyshim's helper again (10–15 ms each).
    expect(fs.readdirSync(cache).sort()).toEqual(['mkenv_main.cpython-312.pyc', 'seed.cpython-312.pyc', 'virtualenv_args.cpython-312.pyc']);
    fs.rmSync(env, { recursive: true });
  });

  it('keeps them working after pyshim remove 3.12', async () => {
    const removed = await sb.pyshim(['remove', '3.12']);
    expect(removed.exitCode, String(removed.stderr)).toBe(0);
    expect(fs.existsSync(path.join(sb.bin, 'virtualenv-3.12'))).toBe(false);
    await pipWorks(envs['virtualenv-3.12']!, '3.12');
    await pipWorks(envs['mkvirtualenv 3.12']!, '3.12');
  });

  it('keeps them working after pyshim uninstall, which deletes the seed cache and the helper', async () => {
    const gone = await sb.pyshim(['uninstall']);
    expect(gone.exitCode, String(gone.stderr)).toBe(0);
    expect(fs.existsSync(seeds())).toBe(false);
    expect(fs.existsSync(path.join(sb.pyshimHome, 'runtime'))).toBe(false);
    for (const [how, env] of Object.entries(envs)) {
      const version = await run(path.join(env, 'bin', 'pip'), ['--version']);
      expect(version.exitCode, `${how}: ${version.all}`).toBe(0);
      await pipWorks(env, how.endsWith('2.7') ? '2.7' : '3.12');
    }
  });
});
