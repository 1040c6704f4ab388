// DESIGN.md "Performance budgets", checked against one run's figures. Pure.

export const BUDGETS = {
  startup: { bash: 0.5, zsh: 0.5, fish: 0.5 },
  /** ms a shim adds over its floor: a `#!/bin/sh` script that only execs the same command. */
  shim: 0.1,
  listWarmRatio: 1.5,
  /** × `pythonX.Y -m venv --without-pip DEST` on the same interpreter, warm. */
  envRatio: 2,
  /** ms for a line's first environment (the seed cache being built). */
  firstEnvMs: 3000,
  /** ms for `pyshim add X.Y` of a line whose tools are already in its user site, bootstrap included. */
  addMs: 2000,
};

/**
 * @typedef {{ group: string, figure: string, measured: string, limit: string, status: 'ok' | 'over' | 'unmeasured', detail?: string }} Verdict
 * @param {any} results
 * @returns {Verdict[]}
 */
export function checkBudgets(results, shellsPresent) {
  /** @type {Verdict[]} */
  const verdicts = [];
  const ms = (x) => `${x >= 0 ? '+' : ''}${x.toFixed(2)} ms`;

  for (const shell of ['bash', 'zsh', 'fish']) {
    const limit = BUDGETS.startup[shell];
    const figure = `pyshim's block + init file added to \`${shell} -i -c exit\` (5 lines, default line)`;
    const group = results.startup.find((g) => g.shell === shell);
    const row = group?.rows.find((r) => r.name.startsWith('pyshim'));
    if (!row?.vsBaseline) {
      verdicts.push({ group: 'startup', figure, measured: '—', limit: `≤ ${limit} ms`, status: 'unmeasured', detail: shellsPresent.includes(shell) ? 'pyshim variant not measured (see Skipped)' : `${shell} is not installed` });
      continue;
    }
    const d = row.vsBaseline;
    verdicts.push({ group: 'startup', figure, measured: `${ms(d.diff)} (95% CI ${ms(d.low)} … ${ms(d.high)})`, limit: `≤ ${limit} ms`, status: d.diff <= limit ? 'ok' : 'over' });
  }

  const python = results.shims.find((g) => g.kind === 'python')?.rows.find((r) => r.name.startsWith('pyshim'));
  const pythonFigure = 'a hot shim (`pythonX.Y -S -c pass`) over its floor, a `#!/bin/sh` script that only execs the interpreter';
  if (python?.vsBaseline) {
    const d = python.vsBaseline;
    verdicts.push({ group: 'shims', figure: pythonFigure, measured: `${ms(d.diff)} (95% CI ${ms(d.low)} … ${ms(d.high)})`, limit: `≤ ${BUDGETS.shim} ms`, status: d.diff <= BUDGETS.shim ? 'ok' : 'over' });
  } else {
    verdicts.push({ group: 'shims', figure: pythonFigure, measured: '—', limit: `≤ ${BUDGETS.shim} ms`, status: 'unmeasured', detail: 'not measured (see Skipped)' });
  }

  // pip's own start-up varies by more than the budget, so only a difference
  // whose whole confidence interval lies above the budget counts as over.
  const pip = results.shims.find((g) => g.kind === 'pip')?.rows.find((r) => r.name.startsWith('pyshim'));
  const pipFigure = 'a hot shim (`pipXY --version`) over its floor, a `#!/bin/sh` script that only execs `pythonX.Y -m pip`';
  if (pip?.vsBaseline) {
    const d = pip.vsBaseline;
    const status = d.low > BUDGETS.shim ? 'over' : 'ok';
    verdicts.push({
      group: 'shims',
      figure: pipFigure,
      measured: `${ms(d.diff)} (95% CI ${ms(d.low)} … ${ms(d.high)})`,
      limit: `≤ ${BUDGETS.shim} ms`,
      status,
      detail: status === 'ok' && d.high > BUDGETS.shim ? 'within the noise of pip\'s own start-up; over only when the whole interval is' : undefined,
    });
  } else {
    verdicts.push({ group: 'shims', figure: pipFigure, measured: '—', limit: `≤ ${BUDGETS.shim} ms`, status: 'unmeasured', detail: 'not measured (see Skipped)' });
  }

  const warm = results.list?.rows.find((r) => r.name.startsWith('pyshim list (warm'));
  const listFigure = '`pyshim list` with a warm cache, against `node -e 0`';
  if (warm?.ratio !== undefined) {
    verdicts.push({ group: 'list', figure: listFigure, measured: `${warm.ratio.toFixed(2)}×`, limit: `≤ ${BUDGETS.listWarmRatio}×`, status: warm.ratio <= BUDGETS.listWarmRatio ? 'ok' : 'over' });
  } else {
    verdicts.push({ group: 'list', figure: listFigure, measured: '—', limit: `≤ ${BUDGETS.listWarmRatio}×`, status: 'unmeasured', detail: 'not measured (see Skipped)' });
  }
  return verdicts;
}

/**
 * DESIGN.md: a cold `list` asks interpreters in parallel. Seen directly: at
 * least two probes alive at once during a cold run (lib/overlap.js), which a
 * busy machine does not hide. The timing (cold − warm against the probes in
 * series) is shown beside it; it can only show a gain when cores are idle.
 */
export function checkParallel(parallel) {
  const figure = 'cold `pyshim list` probes interpreters in parallel';
  const limit = '≥ 2 probes alive at once';
  if (!parallel || !Number.isFinite(parallel.probing)) return { group: 'list', figure, measured: '—', limit, status: 'unmeasured', detail: 'not measured (see Skipped)' };
  if (parallel.count < 2) return { group: 'list', figure, measured: '—', limit, status: 'unmeasured', detail: 'only one interpreter on this machine: nothing to run in parallel' };
  const timing = `cold − warm = ${parallel.probing.toFixed(0)} ms vs ${parallel.serial.toFixed(0)} ms for the ${parallel.count} probes in series (${(parallel.probing / parallel.serial).toFixed(2)}×)`;
  if (!Number.isFinite(parallel.maxAtOnce) || !parallel.seen) {
    return { group: 'list', figure, measured: timing, limit, status: 'unmeasured', detail: 'no probe was seen running (no /proc?)' };
  }
  return {
    group: 'list',
    figure,
    measured: `up to ${parallel.maxAtOnce} of ${parallel.count} probes at once (${parallel.seen} seen); ${timing}`,
    limit,
    status: parallel.maxAtOnce >= 2 ? 'ok' : 'over',
  };
}

/** DESIGN.md: a new environment with pip inside within 2× an environment without pip; a line's first within 3 s. */
export function checkEnvironments(envs) {
  if (!envs || envs.groups.length === 0) {
    return [{ group: 'envs', figure: '`virtualenv-X.Y DEST` with pip inside, against `pythonX.Y -m venv --without-pip DEST`', measured: '—', limit: `≤ ${BUDGETS.envRatio}×`, status: 'unmeasured', detail: 'not measured (see Skipped)' }];
  }
  const verdicts = [];
  for (const g of envs.groups) {
    const [floor, pyshim] = g.rows;
    const figure = `\`virtualenv-${g.line} DEST\` with pip inside, against \`${floor.name}\``;
    verdicts.push({
      group: 'envs',
      figure,
      measured: `${pyshim.ratio.toFixed(2)}× (${pyshim.summary.median.toFixed(0)} ms vs ${floor.summary.median.toFixed(0)} ms)`,
      limit: `≤ ${BUDGETS.envRatio}×`,
      status: pyshim.ratio <= BUDGETS.envRatio ? 'ok' : 'over',
    });
  }
  const mk = envs.mkvirtualenv;
  const floorGroup = mk && envs.groups.find((g) => g.line === mk.line);
  if (mk && floorGroup) {
    // virtualenvwrapper's own cost drops out: what pyshim adds, over one environment without pip.
    const added = mk.rows[1].vsBaseline.diff;
    const venv = floorGroup.rows[0].summary.median;
    const ratio = 1 + added / venv;
    verdicts.push({
      group: 'envs',
      figure: `\`mkvirtualenv NAME\` (bash, ${mk.line}) with pip inside, against \`venv --without-pip\`, virtualenvwrapper's own cost left out`,
      measured: `${ratio.toFixed(2)}× (pyshim adds ${added.toFixed(0)} ms to an environment without pip of ${venv.toFixed(0)} ms)`,
      limit: `≤ ${BUDGETS.envRatio}×`,
      status: ratio <= BUDGETS.envRatio ? 'ok' : 'over',
      // The literal reading (the whole mkvirtualenv against venv alone) no tool could meet: say why.
      detail: `virtualenvwrapper's own hooks alone make \`mkvirtualenv\` with \`venv --without-pip\` ${(mk.rows[0].summary.median / venv).toFixed(1)}× \`venv --without-pip\` (${mk.rows[0].summary.median.toFixed(0)} ms vs ${venv.toFixed(0)} ms), which no virtualenv could undo: pyshim's part is what is checked`,
    });
  }
  for (const f of envs.first) {
    verdicts.push({
      group: 'envs',
      figure: `the first \`virtualenv-${f.line}\` environment (seed cache built: pip unpacked and compiled)`,
      measured: `${f.summary.median.toFixed(0)} ms (${f.summary.n} run${f.summary.n === 1 ? '' : 's'}, max ${f.summary.max.toFixed(0)}${f.cpu ? `; CPU ${f.cpu.median.toFixed(0)} ms` : ''})`,
      limit: `≤ ${BUDGETS.firstEnvMs} ms`,
      status: f.summary.median <= BUDGETS.firstEnvMs ? 'ok' : 'over',
    });
  }
  return verdicts;
}

/** DESIGN.md: `pyshim add X.Y` of a line whose tools are in its user site, bootstrap included, within 2 s. */
export function checkAdd(add) {
  const figure = '`pyshim add X.Y` of a line whose tools are already in its user site, bootstrap included';
  const row = add?.rows.find((r) => r.name.includes('(bootstrap'));
  if (!row) return { group: 'add', figure, measured: '—', limit: `≤ ${BUDGETS.addMs} ms`, status: 'unmeasured', detail: 'not measured (see Skipped)' };
  return {
    group: 'add',
    figure: figure.replace('X.Y', add.line),
    measured: `${row.summary.median.toFixed(0)} ms (max ${row.summary.max.toFixed(0)})`,
    limit: `≤ ${BUDGETS.addMs} ms`,
    status: row.summary.median <= BUDGETS.addMs ? 'ok' : 'over',
    detail: add.complete ? undefined : 'not every tool could be put in place: the figure includes pip asking the index (see Notes)',
  };
}
