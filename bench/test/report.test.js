import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkAdd, checkBudgets, checkEnvironments, checkParallel } from '../lib/budgets.js';
import { chooseLines } from '../lib/fixtures.js';
import { fq, sq } from '../lib/rc.js';
import { markdown } from '../lib/report.js';
import { niceStep, startupSvg, wrap } from '../lib/svg.js';

const row = (name, median, diff) => ({
  name,
  summary: { n: 10, median, min: median - 1, max: median + 1, p25: median - 0.5, p75: median + 0.5 },
  stride: 1,
  byRound: [],
  vsBaseline: diff === undefined ? undefined : { pairs: 10, diff, low: diff - 0.1, high: diff + 0.1 },
  ratio: diff === undefined ? undefined : (median + diff) / median,
});

function results(bashAdded, fishAdded) {
  return {
    startup: [
      { shell: 'bash', rows: [row('bare (empty rc)', 3), row('pyshim (5 lines)', 3.2, bashAdded)] },
      { shell: 'fish', rows: [row('bare (empty rc)', 10), row('pyshim (5 lines)', 11, fishAdded)] },
    ],
    shims: [{ kind: 'python', rows: [row('floor: #!/bin/sh + exec python3.12', 20), row('pyshim shim python3.12', 20.05, 0.05)] }],
    list: { rows: [row('node -e 0', 40), { ...row('pyshim list (warm cache)', 70, 30), ratio: 1.75 }] },
  };
}

test('budgets: over, ok and unmeasured are told apart', () => {
  const verdicts = checkBudgets(results(0.6, 0.4), ['bash', 'fish']);
  const by = (text) => verdicts.find((v) => v.figure.includes(text));
  assert.equal(by('`bash -i').status, 'over');
  assert.equal(by('`fish -i').status, 'ok');
  assert.equal(by('`zsh -i').status, 'unmeasured');
  assert.match(by('`zsh -i').detail, /not installed/);
  assert.equal(by('-S -c pass').status, 'ok');
  assert.equal(by('pipXY').status, 'unmeasured');
  assert.equal(by('pyshim list').status, 'over');
  assert.equal(checkBudgets(results(0.4, 0.6), ['bash', 'fish']).find((v) => v.figure.includes('`fish -i')).status, 'over');
});

test('a hot shim is judged against its floor script, within 0.1 ms', () => {
  const over = results(0.4, 1.5);
  over.shims[0].rows[1] = row('pyshim shim python3.12', 20.3, 0.3);
  assert.equal(checkBudgets(over, ['bash', 'fish']).find((v) => v.figure.includes('-S -c pass')).status, 'over');
  assert.match(checkBudgets(over, ['bash', 'fish']).find((v) => v.figure.includes('-S -c pass')).figure, /floor/);
});

test('parallel probing: judged by probes alive at once, whatever the timing says', () => {
  // A busy machine: no faster than in series, yet four probes ran at once.
  assert.equal(checkParallel({ count: 10, serial: 800, cold: 1300, probing: 900, maxAtOnce: 4, seen: 10 }).status, 'ok');
  assert.equal(checkParallel({ count: 10, serial: 800, cold: 500, probing: 400, maxAtOnce: 1, seen: 10 }).status, 'over');
  assert.equal(checkParallel({ count: 10, serial: 800, cold: 500, probing: 400, maxAtOnce: 0, seen: 0 }).status, 'unmeasured');
  assert.equal(checkParallel(undefined).status, 'unmeasured');
  assert.equal(checkParallel({ count: 1, serial: 60, cold: 400, probing: 300, maxAtOnce: 1, seen: 1 }).status, 'unmeasured');
});

test('environments: the ratio to an environment without pip per line, and each first environment', () => {
  const envs = {
    groups: [
      { line: '3.12', rows: [row('python3.12 -m venv --without-pip', 100), { ...row('pyshim virtualenv-3.12', 150, 50), ratio: 1.5 }] },
      { line: '3.6', rows: [row('python3.6 -m venv --without-pip', 100), { ...row('pyshim virtualenv-3.6', 250, 150), ratio: 2.5 }] },
    ],
    first: [{ line: '3.12', summary: { n: 2, median: 2500, min: 2400, max: 2600 } }, { line: '3.6', summary: { n: 2, median: 3500, min: 3400, max: 3600 } }],
  };
  const verdicts = checkEnvironments(envs);
  assert.deepEqual(verdicts.map((v) => v.status), ['ok', 'over', 'ok', 'over']);
  // mkvirtualenv: virtualenvwrapper's 900 ms are in both rows; pyshim adds 80 ms to a 100 ms environment.
  const mk = { line: '3.12', rows: [row('mkvirtualenv with venv --without-pip', 1000), row("mkvirtualenv with pyshim's virtualenv-3.12", 1080, 80)] };
  const withMk = checkEnvironments({ ...envs, mkvirtualenv: mk }).find((v) => v.figure.includes('mkvirtualenv'));
  assert.equal(withMk.status, 'ok');
  assert.match(withMk.measured, /^1\.80×/);
  mk.rows[1] = row("mkvirtualenv with pyshim's virtualenv-3.12", 1150, 150);
  assert.equal(checkEnvironments({ ...envs, mkvirtualenv: mk }).find((v) => v.figure.includes('mkvirtualenv')).status, 'over');
  assert.equal(checkEnvironments(undefined)[0].status, 'unmeasured');
});

test('add: within 2 s, and says when a tool could not be put in place', () => {
  const add = (median, complete) => ({ line: '3.12', complete, rows: [row('pyshim add 3.12 --no-bootstrap', 900), row('pyshim add 3.12 (bootstrap: every tool already there)', median, median - 900)] });
  assert.equal(checkAdd(add(1500, true)).status, 'ok');
  assert.equal(checkAdd(add(2500, true)).status, 'over');
  assert.match(checkAdd(add(1500, false)).detail, /not every tool/);
  assert.equal(checkAdd(undefined).status, 'unmeasured');
});

test('chooseLines: the default line last, 2.7 kept, then the newest', () => {
  const available = ['3.13', '3.12', '3.11', '3.10', '2.7'];
  assert.deepEqual(chooseLines(available, 1), ['3.12']);
  assert.deepEqual(chooseLines(available, 3), ['2.7', '3.13', '3.12']);
  assert.deepEqual(chooseLines(available, 9), ['2.7', '3.13', '3.11', '3.10', '3.12']);
  assert.deepEqual(chooseLines(['3.9', '3.8'], 2), ['3.8', '3.9']);
  assert.deepEqual(chooseLines([], 5), []);
});

test('rc quoting survives quotes and backslashes', () => {
  assert.equal(sq("it's"), `'it'\\''s'`);
  assert.equal(fq("a'b\\c"), `'a\\'b\\\\c'`);
});

test('the chart has one bar per row and escapes names', () => {
  const groups = [
    { shell: 'bash', rows: [row('bare (empty rc)', 3), row('pyshim <5 lines>', 3.2, 0.2), row('pyenv init', 200, 197)] },
    { shell: 'zsh', rows: [row('bare (empty rc)', 9), row('pyenv init', 250, 241)] },
  ];
  const svg = startupSvg(groups, 'AMD & co');
  assert.equal((svg.match(/<rect [^>]*><title>/g) ?? []).length, 5);
  assert.ok(svg.includes('pyshim &lt;5 lines&gt;'));
  assert.ok(svg.includes('AMD &amp; co'));
  assert.ok(!/NaN|undefined/.test(svg));
  assert.equal(niceStep(480), 100);
  assert.equal(niceStep(9), 2);
});

test('a long machine caption wraps at its parts instead of running off the chart', () => {
  const caption = 'AMD EPYC, 2 cores; Debian GNU/Linux 12 (bookworm) (Linux 6.18.44); bash 5.2.15(1)-release, zsh 5.9, fish 3.6.0; load 0.23; 2026-11-26 (full run)';
  const lines = wrap(caption, 100);
  assert.ok(lines.length > 1);
  assert.ok(lines.every((l) => l.length <= 100));
  assert.equal(lines.join(' '), caption);
  assert.ok(caption.length > 130);
  const svg = startupSvg([{ shell: 'bash', rows: [row('bare (empty rc)', 3)] }], caption);
  const shown = [...svg.matchAll(/<text x="60" y="\d+" fill="#555">([^<]*)<\/text>/g)].map((m) => m[1]);
  assert.ok(shown.length > 1);
  assert.ok(shown.every((l) => l.length <= 130));
  assert.equal(shown.join(' '), caption);
});

test('the markdown names the machine, every budget and what was skipped', () => {
  const r = {
    ...results(0.2, 1),
    date: '2026-01-01T00:00:00Z', command: 'npm run bench', mode: 'full', seed: 1, durationS: 100,
    machine: { cpu: 'CPU X', cores: 2, memoryGiB: 8, os: 'Linux', node: 'v20', shells: { bash: '5.2', fish: '3.6' }, load: '0.1 0.1 0.1' },
    tools: { pyenv: '2.6' },
    scaling: { shells: [], list: undefined, note: 'note' },
    skipped: ['zsh: not installed'], problems: [], notes: [],
  };
  r.budgets = checkBudgets(r, ['bash', 'fish']);
  const text = markdown(r);
  assert.match(text, /CPU X, 2 cores/);
  assert.match(text, /zsh absent/);
  assert.match(text, /- zsh: not installed/);
  assert.equal((text.match(/^\| pyshim's block/gm) ?? []).length, 3);
  assert.match(text, /\| bash \| pyshim \(5 lines\) \| 3\.20 \|/);
});
