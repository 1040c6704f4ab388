import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { execa } from 'execa';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeSandbox, ROOT, type Sandbox } from './helpers/sandbox.js';
import { describeWith } from './helpers/machine.js';

/**
 * pyshim as npm users get it: `npm pack` of a fresh copy of this checkout
 * (its prepare script builds), `npm i -g` of the tarball into a temporary
 * prefix, then every kind of command run from there, with a temporary HOME
 * and no way to reach this checkout's node_modules; and the README's route
 * from a git URL, `npm i -g git+URL`. The tarball bundles pyshim's runtime
 * packages; the git route needs the npm registry for pyshim's dev tools.
 */
const npm = ['/usr/bin/npm', '/usr/local/bin/npm', path.join(path.dirname(process.execPath), 'npm')].find((f) => fs.existsSync(f));
/** How this machine reaches the registry (its CA, a proxy): the only part of the real environment npm gets. */
const REACH = /^(NODE_EXTRA_CA_CERTS|SSL_CERT_FILE|SSL_CERT_DIR|https?_proxy|HTTPS?_PROXY|no_proxy|NO_PROXY|npm_config_(registry|cafile|proxy|https_proxy))$/;
const quiet = ['--no-audit', '--no-fund', '--no-update-notifier', '--loglevel=error'];
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; dependencies: Record<string, string> };

let base: string;
let s: Sandbox;
let npmEnv: Record<string, string>;

beforeAll(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-pack-'));
  s = makeSandbox();
  npmEnv = {
    ...s.env,
    ...Object.fromEntries(Object.entries(process.env).filter(([k]) => REACH.test(k)) as [string, string][]),
    PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin`,
    // Outside the real home, and kept between runs: the git route downloads pyshim's dev tools (~120 MB).
    npm_config_cache: path.join(os.tmpdir(), 'pyshim-test-npm-cache'),
  };
});
afterAll(() => {
  s?.cleanup();
  if (base) fs.rmSync(base, { recursive: true, force: true });
});

/** Copy the files git would check out (tracked and new, not ignored): a fresh clone of the working tree. */
function freshCopy(to: string): void {
  const listed = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: ROOT, encoding: 'utf8' });
  for (const file of listed.split('\0').filter(Boolean)) {
    const from = path.join(ROOT, file);
    // Deleted in the working tree, or not a file (a worktree's node_modules link).
    if (!fs.lstatSync(from, { throwIfNoEntry: false })?.isFile()) continue;
    fs.mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    fs.copyFileSync(from, path.join(to, file));
    fs.chmodSync(path.join(to, file), fs.statSync(from).mode);
  }
  expect(fs.existsSync(path.join(to, 'dist'))).toBe(false);
}

/** Run npm in `cwd`; fails the test with npm's stderr. Returns stdout's last line (npm pack: the tarball's name). */
async function runNpm(args: string[], cwd: string): Promise<string> {
  const run = await execa(npm!, [...args, ...quiet], { cwd, env: npmEnv, extendEnv: false, reject: false });
  expect(run.exitCode, `npm ${args.join(' ')}: ${String(run.stderr)}`).toBe(0);
  return String(run.stdout).trim().split('\n').pop() ?? '';
}

/** `npm i -g` of a tarball into a new prefix; the installed pyshim, run by its name on PATH as a user would. */
async function installGlobally(tarball: string, name: string) {
  const prefix = path.join(base, name);
  await runNpm(['install', '--global', '--prefix', prefix, tarball], base);
  const pyshim = (args: string[], env: Record<string, string> = {}) =>
    execa('pyshim', args, {
      env: { ...s.env, PATH: `${path.join(prefix, 'bin')}:${path.dirname(process.execPath)}:/usr/bin:/bin`, ...env },
      extendEnv: false,
      reject: false,
      cwd: s.home,
    });
  return { prefix, pyshim };
}

describeWith(npm, 'npm')('npm pack of a fresh checkout, then npm i -g of the tarball', () => {
  let tarball: string;
  let installed: Awaited<ReturnType<typeof installGlobally>>;
  beforeAll(async () => {
    const checkout = path.join(base, 'checkout');
    freshCopy(checkout);
    // The dev tools the build needs, as `npm ci` would install them (here: this checkout's own).
    fs.symlinkSync(fs.realpathSync(path.join(ROOT, 'node_modules')), path.join(checkout, 'node_modules'));
    tarball = path.join(checkout, await runNpm(['pack'], checkout));
    installed = await installGlobally(tarball, 'prefix');
  });

  it('the tarball holds the built bundles, the templates, the probe scripts, the licence and the runtime packages, no dev tool', async () => {
    const list = (await execa('tar', ['tzf', tarball])).stdout.split('\n');
    for (const file of ['package/dist/pyshim.cjs', 'package/dist/commands/doctor.cjs', 'package/shells/bash/init.bash', 'package/python/probe.py', 'package/LICENSE', 'package/README.md']) {
      expect(list).toContain(file);
    }
    expect(list.filter((f) => /^package\/(src|test)\//.test(f))).toEqual([]);
    // Bundled (bundleDependencies: see scripts/prepare.mjs), with what they need and nothing else.
    for (const name of Object.keys(pkg.dependencies)) expect(list, name).toContain(`package/node_modules/${name}/package.json`);
    for (const dev of ['typescript', 'esbuild', 'vitest', 'diff', 'eslint']) expect(list.filter((f) => f.startsWith(`package/node_modules/${dev}/`)), dev).toEqual([]);
  });

  it('installs the runtime packages inside the install, and no dev tool', () => {
    const dir = path.join(installed.prefix, 'lib', 'node_modules', 'pyshim');
    expect(fs.lstatSync(dir).isDirectory()).toBe(true);
    for (const name of Object.keys(pkg.dependencies)) expect(fs.existsSync(path.join(dir, 'node_modules', name, 'package.json')), name).toBe(true);
    for (const dev of ['typescript', 'esbuild', 'vitest', 'diff']) expect(fs.existsSync(path.join(dir, 'node_modules', dev)), dev).toBe(false);
  });

  it('runs --version, list, doctor, setup --dry-run and init bash from the install, without an internal error', async () => {
    const { pyshim } = installed;
    const version = await pyshim(['--version']);
    expect(version.exitCode).toBe(0);
    expect(version.stdout).toBe(pkg.version);

    const list = await pyshim(['list']);
    expect(list.exitCode, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^\s*VERSION\s+SOURCE/m);

    const doctor = await pyshim(['doctor']);
    expect(doctor.stdout + doctor.stderr).toMatch(/pyshim add/);

    const setup = await pyshim(['setup', '--shell', 'bash', '--dry-run']);
    expect(setup.exitCode, setup.stderr).toBe(0);
    expect(setup.stdout).toContain('# >>> pyshim >>>');
    expect(setup.stdout).toContain('dry run');

    const init = await pyshim(['init', 'bash']);
    expect(init.exitCode, init.stderr).toBe(0);
    expect(init.stdout).toContain('init.bash');

    for (const run of [version, list, doctor, setup, init]) {
      expect(run.stderr).not.toMatch(/internal error|Cannot find|at .*\.cjs:\d+/);
    }
    // The dry run changed nothing in the home.
    expect(fs.existsSync(path.join(s.home, '.bashrc'))).toBe(false);
  });

  it('refuses an older Node.js in one line, before anything else runs', async () => {
    const older = path.join(base, 'node18.cjs');
    fs.writeFileSync(older, "Object.defineProperty(process.versions, 'node', { value: '18.20.4' });\n");
    for (const args of [['--version'], ['list'], ['doctor']]) {
      const run = await installed.pyshim(args, { NODE_OPTIONS: `--require ${older}` });
      expect(run.exitCode, args.join(' ')).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^pyshim: error: pyshim needs Node\.js 20 or newer, and \S+ is 18\.20\.4 \(.*\)$/);
    }
  });
});

describeWith(npm, 'npm')("from a git URL, the README's route: npm i -g git+URL", () => {
  let url: string;
  beforeAll(() => {
    // A repository holding this checkout's files (committed or not), as npm clones it.
    const work = path.join(base, 'git-work');
    freshCopy(work);
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=pyshim test', '-c', 'user.email=test@pyshim.invalid', ...args], { cwd: work, env: { ...npmEnv, GIT_CONFIG_NOSYSTEM: '1' } });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'pyshim');
    const bare = path.join(base, 'pyshim.git');
    git('clone', '-q', '--bare', work, bare);
    url = `git+file://${bare}`;
  });

  /** npm i -g git+URL into `prefix`, showing npm's warnings: npm 11 warns (TAR_ENTRY_ERROR) where it loses files. */
  async function installFromGit(prefix: string) {
    const run = await execa(npm!, ['install', '--global', '--prefix', prefix, url, ...quiet, '--loglevel=warn'], { cwd: base, env: npmEnv, extendEnv: false, reject: false });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/TAR_ENTRY_ERROR|ENOENT|ENOTDIR/);
    // A directory of its own, not a link into npm's temporary clone (npm/cli#6984).
    const dir = path.join(prefix, 'lib', 'node_modules', 'pyshim');
    expect(fs.lstatSync(dir).isDirectory()).toBe(true);
    for (const name of Object.keys(pkg.dependencies)) expect(fs.existsSync(path.join(dir, 'node_modules', name, 'package.json')), name).toBe(true);
    for (const dev of ['typescript', 'esbuild', 'vitest']) expect(fs.existsSync(path.join(dir, 'node_modules', dev)), dev).toBe(false);
  }

  /** prefix/bin/pyshim, by its path, in the sandbox's HOME. */
  const pyshimIn = (prefix: string) => (args: string[]) =>
    execa(path.join(prefix, 'bin', 'pyshim'), args, { env: { ...s.env, PATH: `${path.dirname(process.execPath)}:/usr/bin:/bin` }, extendEnv: false, reject: false, cwd: s.home });

  it('builds from the repository alone and installs a pyshim that runs --version, list, doctor and setup --dry-run; again over it (an upgrade)', async () => {
    const prefix = path.join(base, 'prefix-git');
    await installFromGit(prefix);
    const pyshim = pyshimIn(prefix);

    const version = await pyshim(['--version']);
    expect(version.stdout, version.stderr).toBe(pkg.version);
    const list = await pyshim(['list']);
    expect(list.exitCode, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/^\s*VERSION\s+SOURCE/m);
    const doctor = await pyshim(['doctor']);
    expect(doctor.stdout + doctor.stderr).toMatch(/pyshim add/);
    const setup = await pyshim(['setup', '--shell', 'bash', '--dry-run']);
    expect(setup.exitCode, setup.stderr).toBe(0);
    expect(setup.stdout).toContain('# >>> pyshim >>>');
    for (const run of [version, list, doctor, setup]) expect(run.stderr).not.toMatch(/internal error|Cannot find|at .*\.cjs:\d+/);
    expect(fs.existsSync(path.join(s.home, '.bashrc'))).toBe(false);

    // An upgrade: the same install over the first (over the link npm 11 leaves without
    // scripts/prepare.mjs's repair, that fails: ENOTDIR, npm/cli#6984).
    await installFromGit(prefix);
    expect((await pyshim(['--version'])).stdout).toBe(pkg.version);
  });
});
