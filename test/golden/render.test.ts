import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { contextFrom } from '../../src/context.js';
import type { Backend } from '../../src/envs/backend.js';
import { gatherInitFacts } from '../../src/init/facts.js';
import { renderEnvFile, renderInitFiles } from '../../src/init/render.js';
import { runtimeSources } from '../../src/runtime-files.js';
import { profileBlockBody } from '../../src/init/write.js';
import { packageRoot } from '../../src/paths.js';
import { blockText } from '../../src/profile/block.js';
import { emptyRegistry, type Line, type Registry } from '../../src/registry/registry.js';
import { SHELLS } from '../../src/shell/adapter.js';
import { planShims, type VirtualenvwrapperChoice } from '../../src/shims/plan.js';
import { fakeInterpreter } from '../helpers/interpreter.js';
import { makeSandbox } from '../helpers/sandbox.js';

/**
 * Golden files: every file pyshim generates (init and lazy files, every kind
 * of shim, the profile blocks, the completion scripts), rendered for one fixed
 * fake registry and compared byte for byte with the files under test/golden/.
 * A change to generated shell text is then a diff to review. After an
 * intended change: `npx vitest run test/golden -u`, and read the diff.
 * Paths are fixed (HOME /home/user, PYSHIM_HOME ~/.pyshim), and the package's
 * own root, wherever it appears, is written as PACKAGE below. The files are
 * under test/golden/files/, by the path they stand for.
 */
const HOME = '/home/user';
const PACKAGE = '/usr/lib/node_modules/pyshim';
const ctx = contextFrom({ HOME, PYSHIM_HOME: `${HOME}/.pyshim`, PATH: '/usr/bin:/bin' });
const DEBIAN_VEW = '/usr/share/virtualenvwrapper/virtualenvwrapper.sh';

/** One registered line and what its shims are rendered from. */
interface FakeLine {
  line: Line;
  version: string;
  backend: Backend;
  virtualenvwrapper?: VirtualenvwrapperChoice;
  /** `pythonX.Y` on PATH already is this interpreter (so no pythonX.Y shim). */
  pythonNameOnPath: boolean;
  externallyManaged?: string;
}

function fake(version: string, python: string, source: Line['source'], rest: Omit<FakeLine, 'line' | 'version'> & { workonHome?: string }): FakeLine {
  const line = version.split('.').slice(0, 2).join('.');
  const { workonHome, ...facts } = rest;
  return {
    line: { version: line, python, fullVersion: version, source, ...(workonHome ? { workonHome } : {}), virtualenvwrapper: rest.virtualenvwrapper ?? null },
    version,
    ...facts,
  };
}

// Between them the lines use every kind of shim: each virtualenv backend,
// virtualenvwrapper found or not, a pythonX.Y shim or none, PEP 668 or not.
const LINES: FakeLine[] = [
  fake('2.6.9', `${HOME}/.pyshim/pythons/2.6.9/bin/python2.6`, 'pyshim', {
    backend: { kind: 'none', python: `${HOME}/.pyshim/pythons/2.6.9/bin/python2.6`, reasons: ['it has no venv module', "no other Python's virtualenv can make 2.6 environments"] },
    pythonNameOnPath: false,
  }),
  fake('2.7.18', `${HOME}/.pyenv/versions/2.7.18/bin/python2.7`, 'pyenv', {
    backend: {
      kind: 'host-virtualenv',
      python: `${HOME}/.pyenv/versions/2.7.18/bin/python2.7`,
      host: '/usr/bin/python3.11',
      virtualenvVersion: '20.17.1',
      seedWheels: [`${HOME}/.pyenv/versions/2.7.18/lib/python2.7/ensurepip/_bundled/pip-20.3.4-py2.py3-none-any.whl`, `${HOME}/.pyenv/versions/2.7.18/lib/python2.7/ensurepip/_bundled/setuptools-44.0.0-py2.py3-none-any.whl`],
    },
    virtualenvwrapper: { script: DEBIAN_VEW, hookPython: '/usr/bin/python3.11' },
    pythonNameOnPath: true,
  }),
  fake('3.6.15', `${HOME}/.pyenv/versions/3.6.15/bin/python3.6`, 'pyenv', {
    backend: {
      kind: 'venv',
      python: `${HOME}/.pyenv/versions/3.6.15/bin/python3.6`,
      seedWheels: [`${HOME}/.pyenv/versions/3.6.15/lib/python3.6/ensurepip/_bundled/pip-18.1-py2.py3-none-any.whl`, `${HOME}/.pyenv/versions/3.6.15/lib/python3.6/ensurepip/_bundled/setuptools-40.6.2-py2.py3-none-any.whl`],
      virtualenvVersion: null,
    },
    pythonNameOnPath: false,
  }),
  fake('3.11.2', '/usr/bin/python3.11', 'system', {
    backend: { kind: 'venv', python: '/usr/bin/python3.11', seedWheels: ['/usr/share/python-wheels/pip-23.0.1-py3-none-any.whl'], virtualenvVersion: null },
    virtualenvwrapper: { script: DEBIAN_VEW, hookPython: '/usr/bin/python3.11' },
    pythonNameOnPath: true,
    externallyManaged: '/usr/lib/python3.11/EXTERNALLY-MANAGED',
  }),
  fake('3.12.1', `${HOME}/.pyenv/versions/3.12.1/bin/python3.12`, 'pyenv', {
    backend: { kind: 'own-virtualenv', python: `${HOME}/.pyenv/versions/3.12.1/bin/python3.12`, virtualenvVersion: '20.26.6', seedWheels: [] },
    virtualenvwrapper: { script: `${HOME}/.local/bin/virtualenvwrapper.sh`, hookPython: `${HOME}/.pyenv/versions/3.12.1/bin/python3.12` },
    pythonNameOnPath: false,
    // A WORKON_HOME of the user's choosing, with the characters quoting must carry.
    workonHome: `${HOME}/envs/it's 3.12`,
  }),
];

// Each line records its virtualenvwrapper choice (null: none), as `add` leaves
// it: gathering the init facts then asks no interpreter (no discovery).
// Shared homes (searched by name): one outside HOME with the characters quoting must carry, one that is a line's home already (listed once).
const REGISTRY: Registry = {
  schema: 1,
  default: '3.12',
  lines: Object.fromEntries(LINES.map((l) => [l.line.version, l.line])),
  sharedHomes: ["/srv/team envs/it's $shared", `${HOME}/.virtualenvs27`],
};

/** Text as a golden file holds it: the package root, wherever it appears, as PACKAGE. */
function stable(text: string): string {
  return text.split(packageRoot()).join(PACKAGE);
}

/** Shim name → mode, per line. */
const modes = new Map<string, Map<string, number>>();
/** The shim templates read while rendering (shells/shims/…). */
const shimTemplatesRead = new Set<string>();

/** Golden file name (relative to test/golden/files) → the text pyshim generates for it; all but the completion scripts. */
async function renderAll(): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const read = vi.spyOn(fs, 'readFileSync');
  try {
    for (const fake of LINES) {
      const probe = fakeInterpreter(fake.line.python, fake.version, { source: fake.line.source, externallyManaged: fake.externallyManaged ?? null });
      const files = planShims({
        line: fake.line,
        probe,
        binDir: ctx.paths.bin,
        home: ctx.paths.home,
        ...(fake.virtualenvwrapper ? { virtualenvwrapper: fake.virtualenvwrapper } : {}),
        pythonNameOnPath: fake.pythonNameOnPath,
        backend: fake.backend,
      });
      modes.set(fake.line.version, new Map(files.map((f) => [f.name, f.mode])));
      for (const file of files) out.set(`shims/${fake.line.version}/${file.name}`, stable(file.content));
    }
    for (const call of read.mock.calls) {
      const file = String(call[0]);
      if (file.startsWith(path.join(packageRoot(), 'shells', 'shims') + path.sep)) shimTemplatesRead.add(path.basename(file));
    }
  } finally {
    read.mockRestore();
  }
  for (const [dir, registry] of [['init', REGISTRY], ['init-empty', emptyRegistry()]] as const) {
    const facts = await gatherInitFacts(ctx, registry);
    for (const shell of SHELLS) {
      for (const { name, text } of renderInitFiles(shell, facts)) {
        // fish's autoload files that do not depend on the registry stand once, under init/.
        if (dir === 'init-empty' && name.startsWith('fish/') && out.get(`init/${name}`) === stable(text)) continue;
        out.set(`${dir}/${name}`, stable(text));
      }
    }
    const env = renderEnvFile(facts);
    out.set(`${dir}/${env.name}`, stable(env.text));
  }
  for (const shell of SHELLS) out.set(`blocks/${shell}`, stable(blockText(profileBlockBody(ctx.paths, shell))));
  // Every kind of block setup writes (src/shell/targets.ts): login files, ~/.profile shared with sh, .zshenv.
  out.set('blocks/bash-login', stable(blockText(profileBlockBody(ctx.paths, 'bash', { kind: 'login' }))));
  out.set('blocks/bash-login-shared-with-sh', stable(blockText(profileBlockBody(ctx.paths, 'bash', { kind: 'login', sharedWithSh: true }))));
  out.set('blocks/bash-login-created', stable(blockText(profileBlockBody(ctx.paths, 'bash', { kind: 'login', sharedWithSh: true, readsBashrc: true }))));
  out.set('blocks/bash-env-shared-with-sh', stable(blockText(profileBlockBody(ctx.paths, 'bash', { kind: 'env', sharedWithSh: true }))));
  out.set('blocks/zsh-env', stable(blockText(profileBlockBody(ctx.paths, 'zsh', { kind: 'env' }))));
  return out;
}

const rendered = await renderAll();
const completions = SHELLS.map((shell) => `completion/pyshim.${shell}`);

/** Every file under `dir`, relative to it. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((rel) => fs.statSync(path.join(dir, rel)).isFile());
}

const GOLDEN = path.join(import.meta.dirname, 'files');

describe('generated files match their golden copies', () => {
  it('render every kind of shim (every template under shells/shims/ is used, but the runtime file python/copies.py renders)', () => {
    const byPython = runtimeSources().map((f) => path.basename(f.source)).filter((name) => name.endsWith('.sh'));
    const templates = fs.readdirSync(path.join(packageRoot(), 'shells', 'shims')).filter((name) => !byPython.includes(name));
    expect([...shimTemplatesRead].sort()).toEqual(templates.sort());
  });

  it('each line gets the shims its facts call for: no pythonX.Y where PATH has it; virtualenvwrapper-X.Y.sh is sourced, not run', () => {
    expect(Object.fromEntries(modes.get('2.7') ?? [])).toEqual({ pip27: 0o755, install27: 0o755, 'virtualenv-2.7': 0o755, 'virtualenvwrapper-2.7.sh': 0o644 });
    expect(Object.fromEntries(modes.get('3.12') ?? [])).toEqual({ pip312: 0o755, install312: 0o755, 'virtualenv-3.12': 0o755, 'python3.12': 0o755, 'virtualenvwrapper-3.12.sh': 0o644 });
  });

  it.each([...rendered.keys()])('%s', async (name) => {
    await expect(rendered.get(name)).toMatchFileSnapshot(path.join(GOLDEN, name));
  });

  // The completion scripts as users get them: from the built CLI.
  it.each(SHELLS)('completion/pyshim.%s', async (shell) => {
    const sandbox = makeSandbox();
    try {
      const run = await sandbox.pyshim(['completion', shell], { stripFinalNewline: false });
      expect(run.exitCode, String(run.stderr)).toBe(0);
      await expect(stable(String(run.stdout))).toMatchFileSnapshot(path.join(GOLDEN, `completion/pyshim.${shell}`));
    } finally {
      sandbox.cleanup();
    }
  });

  // Last: a first run writes the golden files above (under CI=true a missing one fails instead).
  it('no golden file is left over from a file pyshim no longer generates', () => {
    const expected = [...rendered.keys(), ...completions].sort();
    expect(filesUnder(GOLDEN).sort(), `remove from ${GOLDEN} what is not generated any more`).toEqual(expected);
  });
});
