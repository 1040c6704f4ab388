import fs from 'node:fs';
import path from 'node:path';
import { capture, measureGroup } from '../lib/measure.js';

/**
 * Group 2: a hot shim against its floor (baseline): a minimal `#!/bin/sh`
 * script that only execs the same interpreter, written beside the shim. Any
 * shim that is not the interpreter itself costs at least that (a symlink
 * would put pyshim's path into sys.executable and into every environment
 * made from it); what pyshim's shim adds over it is its own cost. Beside
 * them: the interpreter exec'd directly and pyenv's shim. pipXY likewise
 * against a script that only execs `pythonX.Y -m pip`.
 *
 * @param {any} ctx
 * @param {import('../lib/fixtures.js').PyshimHome} home
 * @param {{ version: string, python: string }} line the registered line to use
 * @param {{ skipped: string[], problems: string[] }} report
 */
export function hotShims(ctx, home, line, report) {
  const suffix = line.version.replace('.', '');
  const env = { HOME: home.home, PATH: ctx.basePath, LANG: 'C.UTF-8', PIP_DISABLE_PIP_VERSION_CHECK: '1', PIP_NO_INPUT: '1' };
  const pyenvVersion = pyenvVersionOf(ctx, line);
  const pyenvEnv = pyenvVersion ? { ...env, PYENV_ROOT: ctx.pyenvRoot, PYENV_VERSION: pyenvVersion } : undefined;
  const pyenvShim = (name) => {
    const file = ctx.pyenvRoot && path.join(ctx.pyenvRoot, 'shims', name);
    return pyenvEnv && file && fs.existsSync(file) ? file : undefined;
  };

  const groups = [];
  const version = 'import sys; sys.stdout.write("%d.%d" % sys.version_info[:2])';
  const floors = path.join(home.home, 'floor');
  const python = [
    { name: `floor: \`#!/bin/sh\` + exec ${path.basename(line.python)}`, file: floorScript(floors, `python${line.version}`, [line.python]), args: ['-S', '-c', 'pass'], env },
    { name: `pyshim shim python${line.version}`, file: path.join(home.bin, `python${line.version}`), args: ['-S', '-c', 'pass'], env },
    { name: `${path.basename(line.python)} exec'd directly`, file: line.python, args: ['-S', '-c', 'pass'], env },
  ];
  if (!fs.existsSync(python[1].file)) {
    report.skipped.push(`hot shim: pyshim wrote no python${line.version} shim (python${line.version} on PATH is already that interpreter); the pip${suffix} figure stands for the shims`);
    python.splice(1, 1);
  }
  const pyenvPython = pyenvShim(`python${line.version}`);
  if (pyenvPython) python.push({ name: `pyenv shim python${line.version}`, file: pyenvPython, args: ['-S', '-c', 'pass'], env: pyenvEnv });
  else if (ctx.pyenv) report.skipped.push(`hot shim: pyenv has no ${line.version} install to compare with`);
  const pythonOk = python.filter((v) => checks(v, ['-c', version], (out) => out === line.version, report));
  if (pythonOk.length > 1 && pythonOk[0] === python[0]) {
    groups.push({ title: `\`python${line.version} -S -c pass\``, kind: 'python', rows: measureGroup(pythonOk, { ...ctx.settings.shims, seed: ctx.seed + 7 }) });
  }

  const pip = [
    { name: `floor: \`#!/bin/sh\` + exec python${line.version} -m pip`, file: floorScript(floors, `pip${suffix}`, [line.python, '-m', 'pip']), args: ['--version'], env },
    { name: `pyshim shim pip${suffix}`, file: path.join(home.bin, `pip${suffix}`), args: ['--version'], env },
    { name: `python${line.version} -m pip direct`, file: line.python, args: ['-m', 'pip', '--version'], env },
  ];
  const pipOk = pip.filter((v) => checks(v, v.args, (out) => out.includes(`(python ${line.version})`), report));
  if (pipOk.length > 1 && pipOk[0] === pip[0]) {
    groups.push({ title: '`pip --version`', kind: 'pip', rows: measureGroup(pipOk, { ...ctx.settings.pip, seed: ctx.seed + 11 }) });
  } else {
    report.skipped.push(`hot shim: \`pip --version\` could not be compared (no working pip for ${line.version})`);
  }
  return groups;
}

/**
 * The floor for a shim: `#!/bin/sh` and one `exec` of the command with the
 * caller's arguments, nothing else (no check, no comment for sh to skip).
 */
export function floorScript(dir, name, command) {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  const quoted = command.map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ');
  fs.writeFileSync(file, `#!/bin/sh\nexec ${quoted} "$@"\n`, { mode: 0o755 });
  return file;
}

/** The pyenv version name (3.12.1) for a line, when pyenv has that X.Y. */
function pyenvVersionOf(ctx, line) {
  if (!ctx.pyenv) return undefined;
  const inside = path.relative(path.join(ctx.pyenv.root, 'versions'), line.python).split(path.sep)[0];
  if (inside && ctx.pyenv.versions.includes(inside)) return inside;
  return ctx.pyenv.versions.filter((v) => v.startsWith(`${line.version}.`)).sort((a, b) => Number(b.split('.')[2]) - Number(a.split('.')[2]))[0];
}

function checks(variant, args, expect, report) {
  const run = capture(variant, args);
  const ok = run.status === 0 && expect(run.stdout.trim());
  if (!ok) {
    const why = run.error?.message ?? `exit ${run.status}: ${(run.stderr || run.stdout).trim().split('\n').pop()}`;
    const message = `${variant.name}: does not run as expected (${why})`;
    if (variant.name.startsWith('pyshim')) report.problems.push(`hot shim ${message}`);
    else report.skipped.push(`hot shim ${message}`);
  }
  return ok;
}
