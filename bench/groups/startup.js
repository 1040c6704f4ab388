import path from 'node:path';
import { capture, measureGroup } from '../lib/measure.js';
import { RC_FILE, writeRc } from '../lib/fixtures.js';
import { hasFunction, miseRc, pyenvRc, virtualenvwrapperRc } from '../lib/rc.js';

/**
 * An interactive shell that reads `rc` from its own HOME, timed on `-i -c
 * exit`, and a check (run once, untimed) that the rc really did its job.
 *
 * @typedef {{ variant: import('../lib/measure.js').Variant, check: string, expect: (out: string) => boolean, what: string, pyshim?: boolean }} ShellCase
 */
function shellCase(ctx, shell, name, home, rc, check, expect, what) {
  if (rc !== undefined) writeRc(home, shell, rc);
  return {
    variant: {
      name,
      file: ctx.shells[shell].path,
      args: ['-i', '-c', 'exit'],
      env: { HOME: home, PYSHIM_HOME: path.join(home, '.pyshim'), PATH: ctx.basePath, LANG: 'C.UTF-8', TERM: 'dumb' },
      cwd: home,
    },
    check,
    expect,
    what,
  };
}

/** Lines of stderr that the bare shell does not print too (its job-control and terminal warnings). */
function newNoise(stderr, bareStderr) {
  const known = new Set(bareStderr.split('\n').map((l) => l.replace(/\(\d+\)/g, '')));
  return stderr
    .split('\n')
    .filter((l) => l.trim() && !known.has(l.replace(/\(\d+\)/g, '')));
}

/**
 * Keep the cases whose check passes; the others are reported (a broken
 * pyshim block is a failure of the run, a broken alternative a skip).
 */
function verified(cases, report) {
  // A first start may set things up (virtualenvwrapper writes its hook
  // scripts, fish its universal variables): that start is not checked.
  for (const c of cases) capture(c.variant);
  const bare = cases[0];
  const bareRun = capture(bare.variant, ['-i', '-c', bare.check]);
  const ok = [];
  for (const c of cases) {
    const run = c === bare ? bareRun : capture(c.variant, ['-i', '-c', c.check]);
    const noise = newNoise(run.stderr, bareRun.stderr);
    const problem =
      run.error ? run.error.message
      : run.status !== 0 ? `exit ${run.status}: ${run.stderr.trim().split('\n').pop()}`
      : !c.expect(run.stdout.trim()) ? `${c.what} — got ${JSON.stringify(run.stdout.trim().slice(0, 120))}`
      : noise.length ? `prints on start-up: ${noise.slice(0, 2).join(' / ')}`
      : undefined;
    if (!problem) ok.push(c);
    else if (c.pyshim) report.problems.push(`${c.variant.name} in ${path.basename(c.variant.file)}: ${problem}`);
    else report.skipped.push(`${path.basename(c.variant.file)}: ${c.variant.name} — its set-up did not work here (${problem})`);
  }
  return ok;
}

/** The pyshim variants of a shell: one per PyshimHome, rc = its profile block. */
function pyshimCases(ctx, shell, homes, report) {
  const cases = [];
  for (const { label, home, line } of homes) {
    const block = home.profileBlock(shell);
    if ('skipped' in block) {
      report.skipped.push(`${shell}: ${label} — ${block.skipped}`);
      continue;
    }
    report.notes.add(`pyshim's rc text came from ${block.how.replace(shell, 'SHELL')}.`);
    const pip = `pip${line.replace('.', '')}`;
    const c = shellCase(ctx, shell, label, home.home, block.text, `command -v ${pip}`, (out) => out === path.join(home.bin, pip), `${pip} should resolve to pyshim's shim`);
    c.pyshim = true;
    cases.push(c);
  }
  return cases;
}

/**
 * Group 1 (with `alternatives`) and group 4 (without): start-up of one
 * shell, bare first (the baseline), then pyshim, then what else is here.
 *
 * @param {any} ctx the run's context (see run.js)
 * @param {'bash'|'zsh'|'fish'} shell
 * @param {{ label: string, home: import('../lib/fixtures.js').PyshimHome, line: string }[]} homes
 * @param {boolean} alternatives
 * @param {{ skipped: string[], problems: string[], notes: Set<string> }} report
 * @param {{ rounds: number, warmup: number, minSamples: number, deadlineMs?: number }} settings
 */
export function startup(ctx, shell, homes, alternatives, report, settings) {
  const posix = shell !== 'fish';
  const cases = [shellCase(ctx, shell, 'bare (empty rc)', ctx.scratch.home(`${shell}-bare`), '', 'echo ok', (o) => o === 'ok', 'should echo')];
  cases.push(...pyshimCases(ctx, shell, homes, report));

  if (alternatives) {
    if (ctx.pyenv) {
      const p = { root: ctx.pyenvRoot, binDir: ctx.pyenv.binDir };
      cases.push(shellCase(ctx, shell, 'pyenv init', ctx.scratch.home(`${shell}-pyenv`), pyenvRc(shell, p), 'echo "$PYENV_SHELL"', (o) => o === shell, 'PYENV_SHELL should be set'));
      if (ctx.pyenv.virtualenvInit) {
        cases.push(shellCase(ctx, shell, 'pyenv init + virtualenv-init', ctx.scratch.home(`${shell}-pyenv-venv`), pyenvRc(shell, { ...p, virtualenvInit: true }), 'echo "$PYENV_VIRTUALENV_INIT"', (o) => o === '1', 'PYENV_VIRTUALENV_INIT should be 1'));
      }
    }
    if (ctx.vew && posix) {
      cases.push(shellCase(ctx, shell, 'virtualenvwrapper.sh', ctx.scratch.home(`${shell}-vew`), virtualenvwrapperRc(shell, ctx.vew, false), hasFunction('virtualenvwrapper_verify_workon_home'), (o) => o === 'yes', 'virtualenvwrapper should be loaded'));
      if (ctx.vew.lazy) {
        cases.push(shellCase(ctx, shell, 'virtualenvwrapper_lazy.sh', ctx.scratch.home(`${shell}-vew-lazy`), virtualenvwrapperRc(shell, ctx.vew, true), hasFunction('workon', 'virtualenvwrapper_verify_workon_home'), (o) => o === 'yes', 'workon should be a lazy stub'));
      }
    }
    if (ctx.mise) {
      cases.push(shellCase(ctx, shell, 'mise activate', ctx.scratch.home(`${shell}-mise`), miseRc(shell, ctx.mise.exe), 'echo "$MISE_SHELL"', (o) => o === shell, 'MISE_SHELL should be set'));
    }
  }

  const ok = verified(cases, report);
  if (ok.length < 2 || ok[0] !== cases[0]) return undefined;
  const rows = measureGroup(ok.map((c) => c.variant), { ...settings, seed: ctx.seed });
  return { shell, rcFile: RC_FILE[shell], rows };
}
