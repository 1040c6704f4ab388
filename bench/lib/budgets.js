// DESIGN.md "Performance budgets", checked against one run's figures. Pure.

export const BUDGETS = {
  startup: { bash: 0.5, zsh: 0.5, fish: 2 },
  shim: 0.5,
  listWarmRatio: 1.5,
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
  const pythonFigure = 'a hot shim (`pythonX.Y -S -c pass`) over exec\'ing the interpreter directly';
  if (python?.vsBaseline) {
    const d = python.vsBaseline;
    verdicts.push({ group: 'shims', figure: pythonFigure, measured: `${ms(d.diff)} (95% CI ${ms(d.low)} … ${ms(d.high)})`, limit: `≤ ${BUDGETS.shim} ms`, status: d.diff <= BUDGETS.shim ? 'ok' : 'over' });
  } else {
    verdicts.push({ group: 'shims', figure: pythonFigure, measured: '—', limit: `≤ ${BUDGETS.shim} ms`, status: 'unmeasured', detail: 'not measured (see Skipped)' });
  }

  // pip's own start-up varies by more than the budget, so only a difference
  // whose whole confidence interval lies above the budget counts as over.
  const pip = results.shims.find((g) => g.kind === 'pip')?.rows.find((r) => r.name.startsWith('pyshim'));
  const pipFigure = 'a hot shim (`pipXY --version`) over `pythonX.Y -m pip --version`';
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

/** DESIGN.md: a cold `list` probes in parallel — its probing takes clearly less than the same probes in series. */
export function checkParallel(parallel) {
  const figure = 'cold `pyshim list` probes interpreters in parallel';
  const limit = 'probing < 0.9× the probes in series';
  if (!parallel || !Number.isFinite(parallel.probing)) return { group: 'list', figure, measured: '—', limit, status: 'unmeasured', detail: 'not measured (see Skipped)' };
  if (parallel.count < 2) return { group: 'list', figure, measured: '—', limit, status: 'unmeasured', detail: 'only one interpreter on this machine: nothing to run in parallel' };
  const share = parallel.probing / parallel.serial;
  return {
    group: 'list',
    figure,
    measured: `cold − warm = ${parallel.probing.toFixed(0)} ms vs ${parallel.serial.toFixed(0)} ms for the ${parallel.count} probes in series (${share.toFixed(2)}×)`,
    limit,
    status: share < 0.9 ? 'ok' : 'over',
  };
}
