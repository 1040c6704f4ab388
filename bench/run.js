#!/usr/bin/env node
// pyshim's benchmark: `npm run bench` (full) or `npm run bench -- --quick`.
// Measures what this machine has, side by side, and checks DESIGN.md's
// performance budgets: exits 1 and names each figure over its budget.
// Never touches the real home: every variant runs with a temporary HOME.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { checkAdd, checkBudgets, checkEnvironments, checkParallel } from './lib/budgets.js';
import { PyshimHome, Scratch, availableLines, chooseLines, privatePyenvRoot, realPipConfig } from './lib/fixtures.js';
import { basePath, describeMachine, findPyenv, findShells, findVirtualenvwrapper } from './lib/machine.js';
import { findMise } from './lib/mise.js';
import { markdown } from './lib/report.js';
import { startupSvg } from './lib/svg.js';
import { adding } from './groups/add.js';
import { environments } from './groups/envs.js';
import { listing } from './groups/list.js';
import { scaling } from './groups/scaling.js';
import { hotShims } from './groups/shims.js';
import { startup } from './groups/startup.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const GROUPS = ['startup', 'shims', 'list', 'scaling', 'envs', 'add'];

const USAGE = `usage: npm run bench [-- OPTIONS]

  --quick          fewer rounds (a few minutes); figures are rougher
  --only G,...     run only these groups: ${GROUPS.join(', ')}
  --no-install     do not fetch mise from the npm registry when it is not on PATH
  --strict         also fail when a budget could not be measured
  --seed N         seed of the run order (default 1)
  --keep           keep the temporary homes (their path is printed)

Writes bench/out/results.md, results.json and startup.svg; a full run of all
groups also copies the chart to docs/bench-startup.svg.
Exit status: 0 all measured budgets met, 1 a budget is over (or pyshim misbehaved), 2 usage.`;

/**
 * Rounds per group. A group stops at its round count, or past its deadline
 * once every variant has `floor` samples: a full run stays near ten
 * minutes on 2 busy cores (half of it making environments, with ensurepip
 * and virtualenv beside pyshim), a quick one near two. Environments run 30
 * rounds: pyshim and its floor (50–100 ms) every round, so their ratio rests
 * on some 25 pairs per line, while ensurepip (seconds) runs only twice.
 */
const SETTINGS = {
  full: {
    startup: { rounds: 200, warmup: 5, minSamples: 25, deadlineMs: 35_000, floor: 10 },
    shims: { rounds: 200, warmup: 10, minSamples: 40, deadlineMs: 20_000, floor: 20 },
    pip: { rounds: 30, warmup: 3, minSamples: 30, deadlineMs: 20_000, floor: 8 },
    list: { rounds: 60, warmup: 3, minSamples: 12, deadlineMs: 35_000, floor: 6 },
    scaling: { rounds: 120, warmup: 3, minSamples: 25, deadlineMs: 12_000, floor: 10 },
    envs: { rounds: 30, warmup: 1, minSamples: 2, deadlineMs: 240_000, floor: 2, firstRuns: 3 },
    add: { rounds: 8, warmup: 1, minSamples: 5, deadlineMs: 40_000, floor: 3 },
  },
  quick: {
    startup: { rounds: 40, warmup: 2, minSamples: 8, deadlineMs: 8_000, floor: 5 },
    shims: { rounds: 60, warmup: 3, minSamples: 20, deadlineMs: 5_000, floor: 10 },
    pip: { rounds: 8, warmup: 1, minSamples: 8, deadlineMs: 5_000, floor: 3 },
    list: { rounds: 15, warmup: 1, minSamples: 4, deadlineMs: 8_000, floor: 3 },
    scaling: { rounds: 30, warmup: 1, minSamples: 10, deadlineMs: 4_000, floor: 5 },
    envs: { rounds: 4, warmup: 1, minSamples: 1, deadlineMs: 40_000, floor: 1, firstRuns: 1 },
    add: { rounds: 3, warmup: 1, minSamples: 2, deadlineMs: 15_000, floor: 2 },
  },
};

function parseArgs(argv) {
  const options = { quick: false, only: [...GROUPS], install: true, strict: false, seed: 1, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${arg} needs a value`);
      return v;
    };
    if (arg === '--quick') options.quick = true;
    else if (arg === '--no-install') options.install = false;
    else if (arg === '--strict') options.strict = true;
    else if (arg === '--keep') options.keep = true;
    else if (arg === '--seed') options.seed = Number(value());
    else if (arg === '--only') options.only = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (arg === '-h' || arg === '--help') {
      process.stdout.write(`${USAGE}\n`);
      process.exit(0);
    } else usage(`unknown option ${arg}`);
  }
  const unknown = options.only.filter((g) => !GROUPS.includes(g));
  if (unknown.length) usage(`unknown group ${unknown.join(', ')} (groups: ${GROUPS.join(', ')})`);
  if (!Number.isInteger(options.seed)) usage('--seed needs an integer');
  return options;
}

function usage(message) {
  process.stderr.write(`bench: ${message}\n${USAGE}\n`);
  process.exit(2);
}

const log = (line) => process.stderr.write(`${line}\n`);

/** The whole run's time: later stages shorten their deadlines to stay within it. */
const TOTAL_MS = { full: 460_000, quick: 130_000 };

/**
 * A group's settings, its deadline cut to its share of the time left, so a
 * busy machine shortens the run instead of stretching it past five minutes.
 */
function budgeted(settings, started, total, stagesLeft) {
  const left = total - (Date.now() - started);
  const share = Math.max(2_000, left / Math.max(1, stagesLeft));
  return { ...settings, deadlineMs: Math.min(settings.deadlineMs, share) };
}

/** Run one stage, logging how long it took. */
function stage(title, work, report) {
  const t = Date.now();
  log(`bench: ${title} …`);
  try {
    return work();
  } catch (error) {
    // One group failing (a program that stopped working mid-run) must not lose the others.
    report.problems.push(`${title}: ${error instanceof Error ? error.message : String(error)}`);
    return undefined;
  } finally {
    log(`bench:   done in ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
}

/** The bundle is what users run; warn when src/ has changed since it was built. */
function builtCli(report) {
  const cli = path.join(ROOT, 'dist', 'pyshim.cjs');
  if (!fs.existsSync(cli)) {
    report.skipped.push('pyshim itself: dist/pyshim.cjs does not exist (run `npm run build` first); only the alternatives were measured');
    return undefined;
  }
  const built = fs.statSync(cli).mtimeMs;
  const newer = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (fs.statSync(file).mtimeMs > built) newer.push(path.relative(ROOT, file));
    }
  };
  for (const dir of ['src', 'shells', 'python']) if (fs.existsSync(path.join(ROOT, dir))) walk(path.join(ROOT, dir));
  if (newer.length) report.notes.add(`dist/pyshim.cjs is older than ${newer.length} source file(s) (${newer.slice(0, 3).join(', ')}${newer.length > 3 ? ', …' : ''}): run \`npm run build\` to measure the current code.`);
  return cli;
}

/** Set up one PyshimHome per count of lines; returns them with their labels. */
function pyshimHomes(ctx, cli, report) {
  const probe = new PyshimHome({ cli, home: ctx.scratch.home('pyshim-discovery'), basePath: ctx.basePath, pyenvRoot: ctx.pyenv?.root });
  let available;
  try {
    available = availableLines(probe.listJson());
  } catch (error) {
    report.problems.push(String(error.message ?? error));
    return [];
  }
  if (available.length === 0) {
    report.skipped.push('pyshim: no usable Python interpreter on this machine, so no line could be registered');
    return [];
  }
  const counts = [...new Set([1, Math.min(5, available.length), available.length])].sort((a, b) => a - b);
  const homes = [];
  for (const count of counts) {
    const lines = chooseLines(available, count);
    const home = new PyshimHome({ cli, home: ctx.scratch.home(`pyshim-${count}-lines`), basePath: ctx.basePath, pyenvRoot: ctx.pyenv?.root });
    try {
      home.register(lines);
    } catch (error) {
      report.problems.push(String(error.message ?? error));
      continue;
    }
    const line = lines[lines.length - 1];
    const byVersion = [...lines].sort((a, b) => a.split('.').map(Number).reduce((d, n, i) => d || n - Number(b.split('.')[i]), 0));
    homes.push({ label: `pyshim, ${count} line${count === 1 ? '' : 's'} (${byVersion.join(' ')})`, home, line, count, lines });
  }
  return { homes, available };
}

function main() {
  const options = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const mode = options.quick ? 'quick' : 'full';
  const report = { skipped: [], problems: [], notes: new Set() };
  const scratch = new Scratch();
  const cleanup = () => (options.keep ? log(`bench: kept the temporary homes in ${scratch.base}`) : scratch.cleanup());
  process.on('SIGINT', () => {
    cleanup();
    process.exit(130);
  });

  try {
    const shells = findShells();
    const shellNames = /** @type {('bash'|'zsh'|'fish')[]} */ (['bash', 'zsh', 'fish'].filter((s) => shells[s]));
    for (const s of ['bash', 'zsh', 'fish']) if (!shells[s]) report.skipped.push(`${s}: not installed`);
    const machine = describeMachine(shells);
    log(`bench: ${mode} run on ${machine.cpu} (${machine.cores} cores), load ${machine.load}`);
    const load = Number(machine.load.split(' ')[0]);
    if (load > machine.cores / 2) {
      report.notes.add(`The machine was busy when the run started (load average ${machine.load} on ${machine.cores} cores): absolute times are inflated and noisy; the side-by-side differences and ratios are what to read.`);
      log('bench: warning: the machine is busy; figures will be noisy');
    }

    const pyenv = findPyenv();
    if (!pyenv) report.skipped.push('pyenv: not found (PYENV_ROOT, PATH, ~/.pyenv)');
    else if (!pyenv.virtualenvInit) report.skipped.push('pyenv-virtualenv: not installed');
    const vew = findVirtualenvwrapper();
    if (!vew) report.skipped.push('virtualenvwrapper: no virtualenvwrapper.sh with a Python that can import it');
    else if (!vew.lazy) report.skipped.push('virtualenvwrapper_lazy.sh: not found beside virtualenvwrapper.sh');
    if (vew && shells.fish) report.notes.add('virtualenvwrapper does not support fish; it has no fish row.');
    let mise;
    if (options.only.includes('startup')) {
      const found = findMise({ install: options.install, log });
      if ('skipped' in found) report.skipped.push(`mise: ${found.skipped}`);
      else mise = found;
    }

    // Each read of ctx.settings.X is one timed group; its deadline is its share of the time left.
    let groupsLeft = (options.only.includes('startup') ? shellNames.length : 0) + (options.only.includes('shims') ? 2 : 0)
      + (options.only.includes('list') ? 1 : 0) + (options.only.includes('scaling') ? shellNames.length + 1 : 0)
      + (options.only.includes('envs') ? 1 : 0) + (options.only.includes('add') ? 1 : 0);
    const settings = {};
    for (const name of Object.keys(SETTINGS[mode])) {
      Object.defineProperty(settings, name, {
        get: () => budgeted(SETTINGS[mode][name], started, TOTAL_MS[mode], groupsLeft--),
      });
    }
    const ctx = { root: ROOT, shells, shellNames, basePath: basePath(shells), scratch, pyenv, pyenvRoot: undefined, vew, mise, seed: options.seed, settings };
    if (pyenv) {
      ctx.pyenvRoot = privatePyenvRoot(scratch, pyenv);
      spawnSync(pyenv.exe, ['rehash'], { env: { HOME: scratch.base, PATH: `${pyenv.binDir}${path.delimiter}${ctx.basePath}`, PYENV_ROOT: ctx.pyenvRoot }, stdio: 'ignore' });
      report.notes.add(`pyenv runs with a private PYENV_ROOT whose versions/ and plugins/ link to ${pyenv.root}; its \`pyenv init -\` rehashes into its own shims/ at every start, as a user's does.`);
    }

    const cli = builtCli(report);
    const { homes = [], available = [] } = cli ? stage('registering pyshim lines in temporary homes', () => pyshimHomes(ctx, cli, report), report) ?? {} : {};
    const five = homes.find((h) => h.count === Math.min(5, available.length));
    if (five && five.count < 5) report.notes.add(`only ${five.count} distinct X.Y lines exist here, so "5 lines" means ${five.count}.`);

    const results = {
      date: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
      command: options.quick ? 'npm run bench -- --quick' : 'npm run bench',
      mode,
      seed: options.seed,
      machine,
      tools: Object.fromEntries([
        pyenv && ['pyenv', pyenv.version],
        vew && ['virtualenvwrapper', `${vew.version} (${vew.script}, hooks run by ${vew.python})`],
        mise && ['mise', `${mise.version} (${mise.origin})`],
      ].filter(Boolean)),
      startup: [],
      shims: [],
      list: undefined,
      scaling: { shells: [], list: undefined, note: '' },
      envs: undefined,
      add: undefined,
    };

    if (options.only.includes('startup')) {
      for (const shell of shellNames) {
        const group = stage(`1. start-up of ${shell}`, () => startup(ctx, shell, five ? [{ ...five, label: `pyshim (${five.count} lines, default ${five.line})` }] : [], true, report, ctx.settings.startup), report);
        if (group) results.startup.push(group);
      }
    }
    if (options.only.includes('shims')) {
      if (five) {
        const listing5 = five.home.listJson();
        const line = (listing5.lines ?? []).find((l) => l.version === five.line);
        if (line) results.shims = stage('2. hot shims', () => hotShims(ctx, five.home, line, report), report) ?? [];
        else report.problems.push(`pyshim list --json does not show the registered ${five.line} line`);
      } else report.skipped.push('2. hot shims: no pyshim lines registered');
    }
    if (options.only.includes('list')) {
      if (five) {
        results.list = stage('3. pyshim list', () => listing(ctx, five.home, report), report);
      } else report.skipped.push('3. pyshim list: pyshim is not built');
    }
    if (options.only.includes('scaling')) {
      if (homes.length > 1) {
        results.scaling = { ...stage(`4. growth with ${homes.map((h) => h.count).join(', ')} lines`, () => scaling(ctx, homes, report), report) ?? { shells: [], list: undefined }, note: '' };
      } else report.skipped.push('4. growth: fewer than two line counts could be registered');
      results.scaling.note = scalingNote(homes, available, results.scaling);
    }
    if (options.only.includes('envs')) {
      const all = homes.find((h) => h.count === available.length);
      if (all) results.envs = stage(`5. a new environment, ${all.count} lines`, () => environments(ctx, all.home, report, ctx.settings.envs), report);
      else report.skipped.push('5. environments: no pyshim lines registered');
    }
    if (options.only.includes('add')) {
      if (cli && five) {
        const home = new PyshimHome({ cli, home: ctx.scratch.home('pyshim-add'), basePath: ctx.basePath, pyenvRoot: ctx.pyenv?.root, pipConfig: realPipConfig() });
        results.add = stage(`6. pyshim add ${five.line}`, () => adding(ctx, home, five.line, report, ctx.settings.add), report);
      } else report.skipped.push('6. pyshim add: pyshim is not built, or no line could be registered');
    }

    results.notes = [...report.notes];
    results.skipped = report.skipped;
    results.problems = report.problems;
    const budgets = [...checkBudgets(results, shellNames), checkParallel(results.list?.parallel), ...checkEnvironments(results.envs), checkAdd(results.add)].filter((b) => options.only.includes(b.group));
    results.budgets = budgets;
    results.durationS = (Date.now() - started) / 1000;

    const text = markdown(results);
    const outDir = path.join(ROOT, 'bench', 'out');
    fs.mkdirSync(outDir, { recursive: true });
    fs.writeFileSync(path.join(outDir, 'results.md'), text);
    fs.writeFileSync(path.join(outDir, 'results.json'), JSON.stringify(results, (k, v) => (k === 'byRound' ? undefined : v), 2));
    process.stdout.write(`${text}\n`);
    if (results.startup.length) {
      const caption = `${machine.cpu}, ${machine.cores} cores; ${machine.os}; ` + shellNames.map((s) => `${s} ${machine.shells[s]}`).join(', ') + `; load ${machine.load.split(' ')[0]}; ${results.date.slice(0, 10)} (${mode} run)`;
      const pyshimShown = results.startup.some((g) => g.rows.some((r) => r.name.startsWith('pyshim')));
      const svg = startupSvg(results.startup, caption, pyshimShown ? '' : 'pyshim: not measured in this run (see bench/out/results.md).');
      fs.writeFileSync(path.join(outDir, 'startup.svg'), svg);
      if (mode === 'full' && options.only.length === GROUPS.length) {
        fs.mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
        fs.writeFileSync(path.join(ROOT, 'docs', 'bench-startup.svg'), svg);
        log('bench: chart copied to docs/bench-startup.svg');
      }
    }
    log(`bench: wrote bench/out/results.md, results.json${results.startup.length ? ', startup.svg' : ''} in ${results.durationS.toFixed(0)} s`);

    const over = budgets.filter((b) => b.status === 'over');
    const unmeasured = budgets.filter((b) => b.status === 'unmeasured');
    for (const b of over) log(`bench: OVER BUDGET: ${b.figure}: ${b.measured} (budget ${b.limit})`);
    for (const b of unmeasured) log(`bench: not measured: ${b.figure}${b.detail ? ` (${b.detail})` : ''}`);
    for (const p of report.problems) log(`bench: PROBLEM: ${p}`);
    const failed = over.length > 0 || report.problems.length > 0 || (options.strict && unmeasured.length > 0);
    log(failed ? 'bench: FAILED' : `bench: all ${budgets.length - unmeasured.length} measured budgets met`);
    return failed ? 1 : 0;
  } finally {
    cleanup();
  }
}

/** Say what the line counts were, and extrapolate (labelled as such) to 20. */
function scalingNote(homes, available, scalingResult) {
  if (homes.length === 0) return 'Not measured: no pyshim lines could be registered.';
  const counts = homes.map((h) => h.count);
  const max = Math.max(...counts);
  const parts = [
    `Line counts measured: ${counts.join(', ')}. pyshim registers one interpreter per X.Y line, and this machine has ${available.length} distinct X.Y (${available.join(', ')}), ` +
      `so ${max} is the most it can register; 20 lines would need 20 distinct X.Y interpreters, which no machine has today. ` +
      'Faking lines (wrapper scripts that report invented versions) would measure a registry pyshim cannot produce, so instead the growth per line is measured and extrapolated.',
  ];
  for (const g of scalingResult.shells) {
    const byCount = g.rows.filter((r) => r.vsBaseline).map((r) => ({ count: Number(/, (\d+) line/.exec(r.name)?.[1]), added: r.vsBaseline.diff }));
    const lo = byCount.find((b) => b.count === Math.min(...counts));
    const hi = byCount.find((b) => b.count === max);
    if (lo && hi && hi.count > lo.count) {
      const slope = (hi.added - lo.added) / (hi.count - lo.count);
      parts.push(`${g.shell}: ${slope >= 0 ? '+' : ''}${slope.toFixed(3)} ms per extra line; extrapolated to 20 lines: ${(lo.added + slope * (20 - lo.count)).toFixed(2)} ms added (an estimate, not a measurement).`);
    }
  }
  return parts.join(' ');
}

process.exitCode = main();
