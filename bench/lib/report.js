// The markdown report: pure, from the run's results.

/** Milliseconds with precision that suits their size. */
export function fmt(ms) {
  if (!Number.isFinite(ms)) return '—';
  const a = Math.abs(ms);
  return a < 10 ? ms.toFixed(2) : a < 100 ? ms.toFixed(1) : ms.toFixed(0);
}

function signed(ms) {
  return `${ms >= 0 ? '+' : '−'}${fmt(Math.abs(ms))}`;
}

function diffCell(row) {
  const d = row.vsBaseline;
  if (!d) return 'baseline';
  return `${signed(d.diff)} (${signed(d.low)} … ${signed(d.high)})`;
}

function ratioCell(row) {
  return row.ratio === undefined ? '1.00×' : `${row.ratio.toFixed(2)}×`;
}

function runsCell(row) {
  return row.stride > 1 ? `${row.summary.n} (1 in ${row.stride} rounds)` : String(row.summary.n);
}

function table(header, rows) {
  return [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}

function rowsTable(rows, first = []) {
  return rows.map((r) => [...first, r.name, fmt(r.summary.median), `${fmt(r.summary.min)} – ${fmt(r.summary.max)}`, diffCell(r), ratioCell(r), runsCell(r)]);
}

const HEAD = ['median ms', 'min – max ms', 'Δ vs baseline ms (95% CI)', '× baseline', 'runs'];

/** @param {any} r the run's results */
export function markdown(r) {
  const out = [];
  const m = r.machine;
  out.push('# pyshim benchmark', '');
  out.push(`Measured ${r.date} by \`${r.command}\` (${r.mode} run, ${r.durationS.toFixed(0)} s, seed ${r.seed}).`, '');
  out.push(`**Machine:** ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; ${m.os}; node ${m.node}; ` +
    ['bash', 'zsh', 'fish'].map((s) => `${s} ${m.shells[s] ?? 'absent'}`).join(', ') + `; load average at start ${m.load}.`);
  const tools = Object.entries(r.tools).map(([k, v]) => `${k} ${v}`).join(', ');
  if (tools) out.push('', `**Alternatives found:** ${tools}.`);
  out.push('', 'Every figure: variants run side by side in one run, after warm-up, alternating in a fresh random order each round; ' +
    'median with min – max over all runs; Δ is the median of per-round differences from the group\'s baseline (first row), ' +
    'with a bootstrap 95% interval. Each process is started from node with `spawnSync`, so every figure includes the same cost of spawning a process; the differences do not.', '');

  out.push('## Budgets (DESIGN.md)', '');
  out.push(table(['figure', 'measured', 'budget', 'verdict'], r.budgets.map((b) => [b.figure, b.measured, b.limit, (b.status === 'ok' ? 'ok' : b.status === 'over' ? '**OVER**' : 'not measured') + (b.detail ? ` — ${b.detail}` : '')])), '');

  out.push('## 1. Shell start-up: `SHELL -i -c exit`', '');
  if (r.startup.length) {
    out.push('Each variant has its own temporary HOME whose rc file holds only that tool\'s documented set-up; bare = empty rc. pyshim: five lines registered, a default line set.', '');
    out.push(table(['shell', 'rc file holds', ...HEAD], r.startup.flatMap((g) => rowsTable(g.rows, [g.shell]))), '');
    out.push('![shell start-up](startup.svg)', '');
  } else out.push('_Not measured (see Skipped)._', '');

  out.push('## 2. Hot shims', '');
  if (r.shims.length) {
    out.push(table(['command', 'via', ...HEAD], r.shims.flatMap((g) => rowsTable(g.rows, [g.title]))), '');
  } else out.push('_Not measured (see Skipped)._', '');

  out.push('## 3. `pyshim list`', '');
  if (r.list) {
    out.push(table(['command', ...HEAD], rowsTable(r.list.rows)), '');
    const p = r.list.parallel;
    if (p) {
      const seen = Number.isFinite(p.maxAtOnce) && p.seen ? `Watching the processes of three cold runs, up to ${p.maxAtOnce} of the ${p.count} probes were alive at once (${p.seen} seen in one run): the cold \`list\` ${p.maxAtOnce >= 2 ? 'probes in parallel' : '**does not** probe in parallel'}. ` : '';
      out.push(`${seen}Cold probing by time: a cold \`list\` spends ${fmt(p.probing)} ms more than a warm one; the same ${p.count} probes one after another take ${fmt(p.serial)} ms ` +
        `(measured in the same rounds; the cold − warm figure also holds the cold path's fixed costs, such as loading execa and writing the cache). ` +
        `Parallel probes finish sooner only where cores are idle, so on a busy machine the time comparison says little; the overlap is what the budget checks.`, '');
    }
  } else out.push('_Not measured (see Skipped)._', '');

  out.push('## 4. Growth with the number of registered lines', '');
  out.push(r.scaling.note, '');
  if (r.scaling.shells.length) out.push(table(['shell', 'rc file holds', ...HEAD], r.scaling.shells.flatMap((g) => rowsTable(g.rows, [g.shell]))), '');
  if (r.scaling.list) out.push(table(['command', ...HEAD], rowsTable(r.scaling.list)), '');
  if (!r.scaling.shells.length && !r.scaling.list) out.push('_Not measured (see Skipped)._', '');

  out.push('## 5. A new environment: `virtualenv-X.Y DEST`', '');
  if (r.envs?.groups.length) {
    out.push('Per line, on the same interpreter: the baseline is an environment without pip (`python -m venv --without-pip`; for 2.7, which has no venv, the machine\'s virtualenv with `--no-seed`); pyshim\'s shim puts pip (and setuptools where the line\'s ensurepip has it) in from its seed cache; then `python -m venv` with ensurepip and the machine\'s virtualenv with `-p`, where they work. Warm: the seed cache exists.', '');
    out.push(table(['line', 'command', ...HEAD], r.envs.groups.flatMap((g) => rowsTable(g.rows, [g.line]))), '');
    if (r.envs.first.length) {
      out.push('The first environment of each line, the seed cache emptied before each run (pip unpacked and compiled by the line\'s Python):', '');
      out.push(table(['line', 'median ms', 'min – max ms', 'CPU ms (user + sys)', 'runs'], r.envs.first.map((f) => [f.line, fmt(f.summary.median), `${fmt(f.summary.min)} – ${fmt(f.summary.max)}`, f.cpu ? fmt(f.cpu.median) : '—', String(f.summary.n)])), '');
      out.push('The CPU time is what the work costs whatever the load; with idle cores the wall time can be less than it (pip is compiled on every core).', '');
    }
    if (r.envs.mkvirtualenv) {
      out.push(`\`mkvirtualenv NAME\` in bash for the ${r.envs.mkvirtualenv.line} line, through its virtualenvwrapper-X.Y.sh; the baseline points VIRTUALENVWRAPPER_VIRTUALENV at a script running \`venv --without-pip\`, so virtualenvwrapper's own cost is in both rows:`, '');
      out.push(table(['command', ...HEAD], rowsTable(r.envs.mkvirtualenv.rows)), '');
    }
  } else out.push('_Not measured (see Skipped)._', '');

  out.push('## 6. `pyshim add X.Y` with every tool already in place', '');
  if (r.add) out.push(table(['command', ...HEAD], rowsTable(r.add.rows)), '');
  else out.push('_Not measured (see Skipped)._', '');

  if (r.problems.length) out.push('## Problems (pyshim did not do what it should)', '', ...r.problems.map((p) => `- ${p}`), '');
  out.push('## Skipped', '', ...(r.skipped.length ? r.skipped.map((s) => `- ${s}`) : ['- nothing']), '');
  if (r.notes.length) out.push('## Notes', '', ...r.notes.map((n) => `- ${n}`), '');
  return out.join('\n');
}
