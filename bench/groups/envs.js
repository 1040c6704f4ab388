import fs from 'node:fs';
import path from 'node:path';
import { capture, measureGroup, timeWithCpu } from '../lib/measure.js';
import { floorScript } from './shims.js';
import { summarize } from '../lib/stats.js';

/**
 * Group 5: a new environment, per registered line. pyshim's
 * `virtualenv-X.Y DEST` (pip inside) against its floor, `pythonX.Y -m venv
 * --without-pip DEST` on the same interpreter (baseline: an environment
 * without pip cannot cost less), `pythonX.Y -m venv DEST` (pip by
 * ensurepip) and the machine's virtualenv run with `-p` where it can make
 * that line's environments. Python 2.7 has no venv: its floor is the
 * machine's virtualenv with `--no-seed`, the fastest way this machine has to
 * make a 2.7 environment without pip. Every run makes a fresh DEST (the old
 * one is removed untimed).
 *
 * Then each line's first environment: the seed cache of that line emptied
 * before each (untimed), so the time holds unpacking and compiling pip;
 * beside the wall time its CPU time (user + sys of every process it waited
 * for), which a busy machine does not stretch.
 *
 * Last, `mkvirtualenv NAME` in bash for the default line: sourcing the
 * line's virtualenvwrapper-X.Y.sh, with pyshim's virtualenv-X.Y, against the
 * same with VIRTUALENVWRAPPER_VIRTUALENV pointed at a script that runs
 * `venv --without-pip`: virtualenvwrapper's own cost (loading, its hooks
 * run by Python) is the same in both and drops out of the difference.
 *
 * @param {any} ctx
 * @param {import('../lib/fixtures.js').PyshimHome} home a home with every line registered
 * @param {{ skipped: string[], problems: string[], notes: Set<string> }} report
 */
export function environments(ctx, home, report, settings) {
  const lines = (home.listJson().lines ?? []).slice().sort((a, b) => compareLines(a.version, b.version));
  const host = machineVirtualenv(ctx, home);
  if (!host) report.skipped.push('environments: no Python on this machine imports virtualenv; its column is empty');
  const work = ctx.scratch.home('envs');
  const groups = [];
  const first = [];
  const started = Date.now();
  for (const line of lines) {
    const shim = path.join(home.bin, `virtualenv-${line.version}`);
    const dest = (name) => path.join(work, `${line.version}-${name}`);
    const variant = (name, file, args, where) => ({ name, file, args: [...args, dest(where)], env: home.env, cwd: work, before: () => fs.rmSync(dest(where), { recursive: true, force: true }) });
    const hasVenv = capture({ file: line.python, args: ['-c', 'import venv'], env: home.env }).status === 0;
    const variants = [];
    if (hasVenv) variants.push(variant(`python${line.version} -m venv --without-pip`, line.python, ['-m', 'venv', '--without-pip'], 'floor'));
    else if (host) variants.push(variant(`virtualenv ${host.version} --no-seed -p ${line.version} (no venv in ${line.version})`, host.python, ['-m', 'virtualenv', '-q', '--no-seed', '-p', line.python], 'floor'));
    else {
      report.skipped.push(`environments ${line.version}: no venv and no virtualenv to compare with`);
      continue;
    }
    variants.push(variant(`pyshim virtualenv-${line.version} (${line.backend ?? '?'})`, shim, ['-q'], 'pyshim'));
    if (hasVenv) variants.push(variant(`python${line.version} -m venv (ensurepip)`, line.python, ['-m', 'venv'], 'ensurepip'));
    if (host) variants.push(variant(`virtualenv ${host.version} -p ${line.version} (${path.basename(host.python)})`, host.python, ['-m', 'virtualenv', '-q', '-p', line.python], 'virtualenv'));
    const usable = variants.filter((v, i) => works(v, line, i === 1, report));
    if (usable[0] !== variants[0] || usable[1] !== variants[1]) continue;
    // The pyshim row runs warm: its first run (which may build the seed) is the warm-up's.
    const left = Math.max(2_000, settings.deadlineMs - (Date.now() - started));
    const rows = measureGroup(usable, { ...settings, deadlineMs: left / Math.max(1, lines.length - groups.length), seed: ctx.seed + 17 + groups.length });
    groups.push({ line: line.version, backend: line.backend, rows });

    const seeds = path.join(home.pyshimHome, 'cache', 'seeds');
    const cold = { ...variants[1], name: `pyshim virtualenv-${line.version}, first environment (seed cache emptied)`, before: () => { variants[1].before(); fs.rmSync(seeds, { recursive: true, force: true }); } };
    const runs = [];
    for (let i = 0; i < settings.firstRuns; i++) runs.push(timeWithCpu(cold));
    const cpu = runs.map((r) => r.cpuMs).filter((ms) => ms !== undefined);
    first.push({ line: line.version, summary: summarize(runs.map((r) => r.ms)), cpu: cpu.length === runs.length ? summarize(cpu) : undefined });
  }
  const mkvirtualenv = mkvirtualenvRows(ctx, home, lines, work, report, settings);
  return { groups, first, mkvirtualenv };
}

function mkvirtualenvRows(ctx, home, lines, work, report, settings) {
  const line = lines.find((l) => l.version === home.listJson().default) ?? lines[lines.length - 1];
  const bash = ctx.shells.bash?.path;
  const wrapper = line && path.join(home.bin, `virtualenvwrapper-${line.version}.sh`);
  if (!bash || !line || !fs.existsSync(wrapper) || !ctx.vew) {
    report.skipped.push('environments: mkvirtualenv not measured (needs bash, virtualenvwrapper and the default line\'s virtualenvwrapper-X.Y.sh)');
    return undefined;
  }
  const workon = path.join(work, 'workon');
  const floor = floorScript(path.join(work, 'floor'), `venv-without-pip-${line.version}`, [line.python, '-m', 'venv', '--without-pip']);
  const variant = (name, setVirtualenv) => ({
    name,
    file: bash,
    args: ['-c', `. "$1" >/dev/null || exit 1; WORKON_HOME="$2"; ${setVirtualenv ? 'VIRTUALENVWRAPPER_VIRTUALENV="$3"; ' : ''}mkvirtualenv bench >/dev/null 2>&1 && test -x "$WORKON_HOME/bench/bin/python"`, 'bash', wrapper, workon, floor],
    env: home.env,
    cwd: work,
    before: () => fs.rmSync(path.join(workon, 'bench'), { recursive: true, force: true }),
  });
  const variants = [variant(`mkvirtualenv with \`venv --without-pip\` (${line.version})`, true), variant(`mkvirtualenv with pyshim's virtualenv-${line.version}`, false)];
  fs.mkdirSync(workon, { recursive: true });
  for (const v of variants) {
    v.before();
    const run = capture(v);
    if (run.status !== 0) {
      report.skipped.push(`environments: ${v.name} fails (exit ${run.status}: ${(run.stderr || run.stdout).trim().split('\n').pop() ?? ''})`);
      return undefined;
    }
  }
  return { line: line.version, rows: measureGroup(variants, { ...settings, rounds: Math.max(settings.rounds, 4), deadlineMs: 30_000, seed: ctx.seed + 29 }) };
}

/** Run a variant once and check what it made: a python of the line, and pip where pip is promised. */
function works(variant, line, isPyshim, report) {
  variant.before();
  const run = capture(variant);
  const dir = variant.args[variant.args.length - 1];
  const python = path.join(dir, 'bin', 'python');
  let why = run.status === 0 ? '' : `exit ${run.status}: ${(run.stderr || run.stdout).trim().split('\n').pop()}`;
  if (!why) {
    const asked = capture({ file: python, args: ['-c', 'import sys; sys.stdout.write("%d.%d" % sys.version_info[:2])'], env: variant.env });
    if (asked.stdout !== line.version) why = `its python reports ${asked.stdout || 'nothing'}`;
  }
  if (!why && isPyshim) {
    const pip = capture({ file: python, args: ['-m', 'pip', '--version'], env: { ...variant.env, PIP_DISABLE_PIP_VERSION_CHECK: '1' } });
    if (pip.status !== 0) why = `its pip does not run: ${(pip.stderr || pip.stdout).trim().split('\n').pop()}`;
  }
  if (why) {
    const message = `environments ${line.version}: ${variant.name} does not work (${why})`;
    if (isPyshim) report.problems.push(message);
    else report.skipped.push(message);
  }
  return !why;
}

/** A Python on this machine whose virtualenv runs (the distribution's first). */
function machineVirtualenv(ctx, home) {
  const candidates = [...new Set(['/usr/bin/python3', ctx.vew?.python].filter(Boolean))];
  for (const python of candidates) {
    const run = capture({ file: python, args: ['-m', 'virtualenv', '--version'], env: home.env });
    const m = /virtualenv (\S+)/.exec(run.stdout);
    if (run.status === 0 && m) return { python, version: m[1] };
  }
  return undefined;
}

function compareLines(a, b) {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am - bm || an - bn;
}
