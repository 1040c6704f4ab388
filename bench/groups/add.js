import fs from 'node:fs';
import path from 'node:path';
import { capture, measureGroup } from '../lib/measure.js';

/**
 * Group 6: `pyshim add X.Y` of a line whose tools are already in its user
 * site, bootstrap included: what a user meets re-running `add`, or adding a
 * line whose pip, virtualenv and virtualenvwrapper they had installed
 * before. Beside it: the same with `--no-bootstrap`, and `pyshim list`.
 *
 * The home first gets the line with a real bootstrap (virtualenv from the
 * machine's package index where it has one). A tool the index does not
 * have (virtualenvwrapper, on a machine whose mirror lacks it) is made
 * importable from the user site by a .pth naming a directory that links the
 * distribution's copy, so that every tool is in place as the figure assumes
 * (said in the report's notes).
 *
 * @param {any} ctx
 * @param {import('../lib/fixtures.js').PyshimHome} home an empty home
 * @param {string} line X.Y
 * @param {{ skipped: string[], problems: string[], notes: Set<string> }} report
 */
export function adding(ctx, home, line, report, settings) {
  const setup = home.run(['add', line, '--default']);
  if (setup.status !== 0) {
    report.problems.push(`pyshim add ${line} (setting up the add figure) failed: ${setup.stderr.trim().split('\n').pop()}`);
    return undefined;
  }
  const listed = home.listJson();
  const entry = (listed.lines ?? []).find((l) => l.version === line);
  const interpreter = (listed.interpreters ?? []).find((i) => i.path === entry?.python);
  if (!entry || !interpreter) {
    report.problems.push(`pyshim list --json does not show the ${line} line it just added`);
    return undefined;
  }
  const missing = ['pip', 'virtualenv', 'virtualenvwrapper'].filter((tool) => !interpreter.modules?.[tool]);
  const linked = [];
  for (const tool of missing) {
    if (tool === 'virtualenvwrapper' && linkDistributionCopy(ctx, home, interpreter, tool)) linked.push(tool);
  }
  if (linked.length) {
    report.notes.add(`add figure: the package index here has no ${linked.join(', ')} for Python ${line}; the bench made the distribution's copy importable from the temporary user site (a .pth), so every tool is in place as the budget assumes.`);
  }
  const variants = [
    { name: `pyshim add ${line} --no-bootstrap`, file: process.execPath, args: [home.cli, 'add', line, '--no-bootstrap'], env: home.env },
    { name: `pyshim add ${line} (bootstrap: every tool already there)`, file: process.execPath, args: [home.cli, 'add', line], env: home.env },
    { name: 'pyshim list', file: process.execPath, args: [home.cli, 'list'], env: home.env },
  ];
  const check = capture(variants[1]);
  const stillMissing = ['pip', 'virtualenv', 'virtualenvwrapper'].filter((tool) => !new RegExp(`✓ ${tool}: already there`).test(check.stderr));
  if (check.status !== 0) {
    report.problems.push(`pyshim add ${line} fails: ${check.stderr.trim().split('\n').pop()}`);
    return undefined;
  }
  if (stillMissing.length) report.notes.add(`add figure: ${stillMissing.join(', ')} could not be put in place for Python ${line}, so the figure includes pip asking the index for ${stillMissing.length === 1 ? 'it' : 'them'}.`);
  return { line, rows: measureGroup(variants, { ...settings, seed: ctx.seed + 23 }), complete: stillMissing.length === 0 };
}

/**
 * Make `tool` importable by `interpreter` from its user site: a directory in
 * the temporary home holding a link to the package another Python on this
 * machine imports, named by a .pth file in the user site.
 */
function linkDistributionCopy(ctx, home, interpreter, tool) {
  const python = ctx.vew?.python ?? '/usr/bin/python3';
  // A package's directory (virtualenvwrapper is a namespace package in Debian: no __file__).
  const found = capture({ file: python, args: ['-c', `import ${tool}; print(list(${tool}.__path__)[0])`], env: home.env });
  const source = found.stdout.trim();
  if (found.status !== 0 || !source || !interpreter.userSite) return false;
  const dir = path.join(home.home, `.bench-${tool}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.symlinkSync(source, path.join(dir, tool));
  fs.mkdirSync(interpreter.userSite, { recursive: true });
  fs.writeFileSync(path.join(interpreter.userSite, `bench-${tool}.pth`), `${dir}\n`);
  return true;
}
