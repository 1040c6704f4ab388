import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { sourceIfReadable } from './rc.js';

/**
 * Temporary homes: every variant gets its own HOME under one directory in
 * the system temp dir, removed at the end. Nothing is written to the real
 * home, nor to the real PYENV_ROOT.
 */
export class Scratch {
  constructor() {
    this.base = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-bench-'));
    this.count = 0;
  }

  /** A fresh empty HOME named for what it holds. */
  home(name) {
    const dir = path.join(this.base, `${String(++this.count).padStart(2, '0')}-${name.replace(/[^A-Za-z0-9._-]+/g, '_')}`);
    fs.mkdirSync(dir, { recursive: true });
    return dir;
  }

  cleanup() {
    fs.rmSync(this.base, { recursive: true, force: true });
  }
}

/** Where each shell reads its interactive rc file, relative to HOME. */
export const RC_FILE = { bash: '.bashrc', zsh: '.zshrc', fish: '.config/fish/config.fish' };

/** Write `text` as the rc file of `shell` in `home` (an empty file for a bare shell). */
export function writeRc(home, shell, text) {
  const file = path.join(home, RC_FILE[shell]);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return file;
}

/**
 * A PYENV_ROOT of our own that shares the real one's versions (and plugins,
 * for their hooks) through symlinks, with its own shims directory: `pyenv
 * init -` rehashes into it at every shell start, as it would for a user,
 * without rewriting the real ~/.pyenv/shims under other running programs.
 */
export function privatePyenvRoot(scratch, pyenv) {
  const root = path.join(scratch.base, 'pyenv-root');
  fs.mkdirSync(path.join(root, 'shims'), { recursive: true });
  for (const name of ['versions', 'plugins']) {
    const real = path.join(pyenv.root, name);
    if (fs.existsSync(real)) fs.symlinkSync(real, path.join(root, name));
  }
  return root;
}

/**
 * The real user's pip configuration file, if any: a temporary HOME hides it,
 * and with it the package index (or local mirror) the user has set up.
 */
export function realPipConfig() {
  const home = os.homedir();
  return [process.env.PIP_CONFIG_FILE, path.join(home, '.config', 'pip', 'pip.conf'), path.join(home, '.pip', 'pip.conf')].find((f) => f && fs.existsSync(f));
}

/**
 * pyshim as a user has it: lines registered with the built CLI in a
 * temporary HOME (PYSHIM_HOME inside it), the default line set.
 */
export class PyshimHome {
  /**
   * @param {{ cli: string, home: string, basePath: string, pyenvRoot?: string, pipConfig?: string }} options
   */
  constructor(options) {
    this.cli = options.cli;
    this.home = options.home;
    this.pyshimHome = path.join(options.home, '.pyshim');
    this.env = {
      HOME: options.home,
      PYSHIM_HOME: this.pyshimHome,
      PATH: options.basePath,
      LANG: 'C.UTF-8',
      TERM: 'dumb',
      NO_COLOR: '1',
      PIP_DISABLE_PIP_VERSION_CHECK: '1',
      ...(options.pyenvRoot ? { PYENV_ROOT: options.pyenvRoot } : {}),
      ...(options.pipConfig ? { PIP_CONFIG_FILE: options.pipConfig } : {}),
    };
  }

  get bin() {
    return path.join(this.pyshimHome, 'bin');
  }

  /** Run the built CLI; returns { status, stdout, stderr }. */
  run(args) {
    const run = spawnSync(process.execPath, [this.cli, ...args], { env: this.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    return { status: run.status, stdout: run.stdout ?? '', stderr: run.stderr ?? '' };
  }

  /** `pyshim list --json`, parsed; throws with pyshim's own message when it fails. */
  listJson() {
    const run = this.run(['list', '--json']);
    if (run.status !== 0) throw new Error(`pyshim list --json failed (${run.status}): ${run.stderr.trim()}`);
    return JSON.parse(run.stdout);
  }

  /** Register `lines` (X.Y), the last one as the default. */
  register(lines) {
    lines.forEach((line, i) => {
      const args = ['add', line, '--no-bootstrap', ...(i === lines.length - 1 ? ['--default'] : [])];
      const run = this.run(args);
      if (run.status !== 0) throw new Error(`pyshim ${args.join(' ')} failed (${run.status}): ${run.stderr.trim()}`);
    });
  }

  /**
   * What goes in the rc file: the profile block `pyshim init SHELL` prints;
   * until that command exists, a line sourcing the init file pyshim wrote,
   * if it wrote one. Nothing else needs changing when `init` arrives.
   *
   * @returns {{ text: string, how: string } | { skipped: string }}
   */
  profileBlock(shell) {
    const init = this.run(['init', shell]);
    if (init.status === 0 && init.stdout.trim()) return { text: init.stdout, how: `\`pyshim init ${shell}\`` };
    const file = path.join(this.pyshimHome, `init.${shell}`);
    if (fs.existsSync(file)) return { text: sourceIfReadable(shell, file), how: `sourcing ${path.basename(file)} (\`pyshim init\` is not available yet)` };
    const why = init.stderr.trim().split('\n')[0] || `exit ${init.status}`;
    return { skipped: `pyshim has no \`init ${shell}\` yet (${why}) and wrote no init.${shell}: the shell integration (issue 3) is not built` };
  }
}

/**
 * The X.Y lines this machine can register, newest first, from what pyshim
 * itself discovers.
 */
export function availableLines(listing) {
  const lines = new Set();
  for (const i of listing.interpreters ?? []) {
    const m = /^(\d+)\.(\d+)/.exec(String(i.version));
    if (m && i.userSiteEnabled !== false && !i.inVirtualenv) lines.add(`${m[1]}.${m[2]}`);
  }
  return [...lines].sort((a, b) => {
    const [am, an] = a.split('.').map(Number);
    const [bm, bn] = b.split('.').map(Number);
    return bm - am || bn - an;
  });
}

/**
 * Which `count` lines to register: the default line (3.12 where there is
 * one, else the newest), the recipe's 2.7 where there is one, then the
 * newest others. The default comes last (it is registered with --default).
 */
export function chooseLines(available, count) {
  const first = available.includes('3.12') ? '3.12' : available[0];
  if (!first) return [];
  const rest = available.filter((l) => l !== first);
  const ordered = [...(rest.includes('2.7') ? ['2.7'] : []), ...rest.filter((l) => l !== '2.7')];
  return [...ordered.slice(0, Math.max(0, count - 1)), first];
}
