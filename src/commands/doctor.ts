import fs from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import { parsePipVersion } from '../pip-run.js';
import type { Interpreter } from '../discovery/interpreter.js';
import { initFilePaths, renderAllInitFiles } from '../init/write.js';
import { planLineShims } from '../lines.js';
import { gatherUserSettings, settingShells, userReports } from '../vew-settings.js';
import { findBlocks } from '../profile/index.js';
import { describeProblems } from '../profile/block.js';
import { lineProblem } from '../registry/line-state.js';
import { loadRegistry, sortedLines, type Line, type Registry } from '../registry/registry.js';
import type { ShellName } from '../shell/adapter.js';
import { startsToCheck } from '../shell/startup/index.js';
import { machineVewFacts } from '../shims/facts.js';
import { shimNames } from '../shims/names.js';
import type { VirtualenvwrapperChoice } from '../shims/plan.js';
import { checkVewPair } from '../shims/vew-check.js';
import { ownedByPyshim } from '../shims/write.js';
import { Machine } from '../state/machine.js';
import { sameContent } from '../state/transaction.js';
import { runtimeFile, runtimeSources } from '../runtime-files.js';
import { out, style, tildify } from '../util/ui.js';
import { releaseName } from '../version.js';

export interface Finding {
  /** What was checked: "3.12", "bash ~/.bashrc". */
  subject: string;
  ok: boolean;
  /** One line: what is wrong, or what is fine. */
  message: string;
  /** The command that fixes it. */
  fix?: string;
  /** Information, not a check (a setting of the user's, what pyshim does with it): ok is true. */
  info?: true;
}

/** PATH as a new shell of that kind sees it after reading the user's profiles, and where it finds `pyshim`. */
async function freshShell(ctx: Context, shell: ShellName, flags: string[]): Promise<{ path: string; pyshim: string } | undefined> {
  const { execa } = await import('execa');
  // The program, not the in-shell function of the same name.
  const program = { bash: 'type -P pyshim', zsh: 'whence -p pyshim', fish: 'command -s pyshim' }[shell];
  const script = shell === 'fish' ? `string join : $PATH; ${program}; or echo` : `printf "%s\\n" "$PATH"; ${program} || echo`;
  const run = await execa(shell, [...flags, '-c', script], { env: ctx.env, extendEnv: false, reject: false, stdin: 'ignore', timeout: 20_000 });
  if (run.exitCode === undefined) return undefined;
  const [pathLine = '', pyshim = ''] = String(run.stdout).trim().split('\n').slice(-2);
  return { path: pathLine, pyshim: pyshim.trim() };
}

/** A line's interpreter, shims, backend and virtualenvwrapper. */
async function lineFindings(ctx: Context, line: Line, machine: Machine): Promise<Finding[]> {
  const findings: Finding[] = [];
  const home = ctx.paths.home;
  const subject = line.version;
  const where = tildify(line.python, home);
  const interpreter = machine.find(line.python);
  // The same rule list marks lines by (gone, its link gone, no longer runs, another version).
  const problem = lineProblem(line, interpreter, home, fs.existsSync);
  if (problem || !interpreter) return [{ subject, ok: false, message: problem?.message ?? `its interpreter ${where} no longer runs`, fix: `pyshim add ${line.version}` }];
  const planned = await planLineShims(ctx, line, interpreter, machine);
  const stale = planned.files.filter((f) => !sameContent(path.join(ctx.paths.bin, f.name), f.content));
  if (stale.length) {
    const missing = stale.filter((f) => !fs.existsSync(path.join(ctx.paths.bin, f.name))).map((f) => f.name);
    const what = missing.length ? `missing: ${missing.join(', ')}` : `out of date: ${stale.map((f) => f.name).join(', ')}`;
    findings.push({ subject, ok: false, message: `shims ${what}`, fix: `pyshim add ${line.version}` });
  } else {
    findings.push({ subject, ok: true, message: `${where} (${releaseName(interpreter.version, interpreter.releaselevel, interpreter.serial)}); shims current` });
  }
  const names = shimNames(line.version);
  if (planned.backend.kind === 'none') {
    findings.push({ subject, ok: false, message: `${names.virtualenv} has no way to make environments (${planned.backend.reasons.join('; ')})`, fix: `pyshim bootstrap ${line.version}` });
  } else {
    findings.push({ subject, ok: true, message: `${names.virtualenv} uses ${planned.label}` });
  }
  findings.push(await vewFinding(ctx, line, planned.virtualenvwrapper, machine));
  const pip = await pipFinding(ctx, line, interpreter);
  if (pip) findings.push(pip);
  if (interpreter.externallyManaged) {
    findings.push({ subject, ok: true, message: `externally managed (PEP 668): install${names.pip.slice(3)} and bootstrap are refused by pip; use virtual environments` });
  }
  return findings;
}

/**
 * The virtualenvwrapper the line's shims and init files use (as recorded when
 * they were written; else what would be written now): its script and the
 * package its hook Python imports must be one version (src/shims/vew-check.ts).
 * The fix re-pairs (`add`) when the rule now finds an agreeing pair.
 */
async function vewFinding(ctx: Context, line: Line, planned: VirtualenvwrapperChoice | undefined, machine: Machine): Promise<Finding> {
  const home = ctx.paths.home;
  const subject = line.version;
  const pair = line.virtualenvwrapper ?? planned;
  const install = `pyshim bootstrap ${line.version} --with virtualenvwrapper`;
  if (!pair) return { subject, ok: false, message: 'no virtualenvwrapper for this line', fix: install };
  const script = tildify(pair.script, home);
  const hook = tildify(pair.hookPython, home);
  const repair = planned && (planned.script !== pair.script || planned.hookPython !== pair.hookPython) ? `pyshim add ${line.version}` : install;
  const check = await checkVewPair(pair, machineVewFacts(machine.interpreters, ctx.env, ctx.paths.bin, [pair.script]), ctx.env);
  switch (check.kind) {
    case 'gone':
      return { subject, ok: false, message: `virtualenvwrapper: ${script} or its hook Python ${hook} is gone`, fix: repair };
    case 'no-import':
      return { subject, ok: false, message: `virtualenvwrapper: ${hook} cannot import virtualenvwrapper.hook_loader, so no hook of ${script} runs (${check.said})`, fix: repair };
    case 'mismatch':
      return {
        subject,
        ok: false,
        message: `virtualenvwrapper: ${script} is ${check.scriptVersions.join(' or ')}, but its hooks run by ${hook} with virtualenvwrapper ${check.hookVersion} (${tildify(check.hookSite, home)}): hooks fail`,
        fix: repair,
      };
    case 'agree':
      return { subject, ok: true, message: `virtualenvwrapper${check.version ? ` ${check.version}` : ''}: ${script} (hooks run by ${hook}${check.unknown ? `; cannot tell the versions agree: ${check.unknown}` : ', same version'})` };
  }
}

/**
 * The line's pip, run as a user runs it: `pipXY --version` through the shim
 * (outside any virtual environment). Undefined when the shim is not there
 * (the shims finding says so).
 */
async function pipFinding(ctx: Context, line: Line, interpreter: Interpreter): Promise<Finding | undefined> {
  const { pip } = shimNames(line.version);
  const shim = path.join(ctx.paths.bin, pip);
  const subject = line.version;
  if (!fs.existsSync(shim)) return undefined;
  if (!interpreter.modules.pip) {
    const wheels = interpreter.modules.ensurepip ? '' : ' --find-links DIR';
    return { subject, ok: false, message: `${pip} cannot work: Python ${line.fullVersion} has no pip${wheels ? ' (nor ensurepip: give it wheels of pip, setuptools and virtualenv)' : ''}`, fix: `pyshim bootstrap ${line.version}${wheels}` };
  }
  const { execa } = await import('execa');
  const env = Object.fromEntries(Object.entries(ctx.env).filter(([name]) => name !== 'VIRTUAL_ENV'));
  const ran = await execa(shim, ['--version'], { env: { ...env, PIP_DISABLE_PIP_VERSION_CHECK: '1' }, extendEnv: false, reject: false, all: true, stdin: 'ignore', timeout: 60_000 });
  const version = ran.exitCode === 0 ? parsePipVersion(String(ran.all ?? '')) : undefined;
  if (version) return { subject, ok: true, message: `${pip} runs pip ${version}` };
  const said = String(ran.all ?? ran.message ?? '').trim().split('\n').pop() ?? '';
  // add (of this very interpreter) decides again how the line runs pip (-m pip or -m pip.__main__), and rewrites the shims.
  return { subject, ok: false, message: `${pip} --version fails (exit ${ran.exitCode ?? 'killed'}): ${said}`, fix: `pyshim add ${tildify(line.link ?? line.python, ctx.paths.home)}` };
}

/** Each profile setup wrote a block into still has exactly one. */
function profileFindings(ctx: Context, shell: ShellName, files: string[]): Finding[] {
  return files.map((file): Finding => {
    const subject = `${shell} ${tildify(file, ctx.paths.home)}`;
    let text: Buffer;
    try {
      text = fs.readFileSync(file);
    } catch {
      return { subject, ok: false, message: 'the profile is gone', fix: `pyshim setup --shell ${shell}` };
    }
    const found = findBlocks(text);
    if (!found.ok) return { subject, ok: false, message: `broken pyshim markers: ${describeProblems(found.problems)}`, fix: `fix the markers by hand, then: pyshim setup --shell ${shell}` };
    if (found.blocks.length === 0) return { subject, ok: false, message: 'the pyshim block is missing', fix: `pyshim setup --shell ${shell}` };
    if (found.blocks.length > 1) return { subject, ok: false, message: `${found.blocks.length} pyshim blocks (one is enough)`, fix: `pyshim setup --shell ${shell}` };
    return { subject, ok: true, message: 'block present' };
  });
}

/** A new interactive shell of this kind finds the shims first on PATH. */
/**
 * Each kind of new shell of a set-up shell finds the shims first on PATH and
 * `pyshim` itself: what users run, checked by starting those shells.
 */
async function shellFindings(ctx: Context, shell: ShellName, lines: Line[]): Promise<Finding[]> {
  const home = ctx.paths.home;
  const findings: Finding[] = [];
  // Interactive (a terminal), login (ssh, a display manager, cron with -l) and plain (zsh -c, fish -c; bash reads nothing then).
  for (const { kind, flags } of startsToCheck(shell)) {
    const subject = `${shell} (${kind})`;
    const seen = await freshShell(ctx, shell, flags);
    if (seen === undefined) {
      findings.push({ subject, ok: false, message: `${shell} could not be started to check PATH`, fix: `install ${shell}, or: pyshim uninstall` });
      continue;
    }
    const dirs = seen.path.split(':');
    const first = dirs.indexOf(ctx.paths.bin);
    const rivals = lines.flatMap((l) => Object.values(shimNames(l.version)));
    const shadowedBy = first < 0 ? undefined : dirs.slice(0, first).find((dir) => rivals.some((name) => fs.existsSync(path.join(dir, name))));
    if (first < 0) findings.push({ subject, ok: false, message: `a new ${kind} ${shell} does not have ${tildify(ctx.paths.bin, home)} on PATH`, fix: `pyshim setup --shell ${shell}` });
    else if (shadowedBy) findings.push({ subject, ok: false, message: `in a new ${kind} ${shell}, ${shadowedBy} comes before pyshim's shims on PATH and hides some of them`, fix: `move that directory after pyshim's block in your ${shell} profile, then: pyshim setup --shell ${shell}` });
    else if (!seen.pyshim) findings.push({ subject, ok: false, message: `a new ${kind} ${shell} finds the shims but not pyshim itself`, fix: `run pyshim setup --shell ${shell} with the pyshim you installed (it puts that command's directory on PATH)` });
    else findings.push({ subject, ok: true, message: `a new ${kind} ${shell} finds the shims first on PATH, and pyshim` });
  }
  return findings;
}

/**
 * The init, lazy and runtime files against what a transaction would write
 * now, and every file a generated file names still there (an install that
 * moved leaves paths into nothing).
 */
async function generatedFindings(ctx: Context, registry: Registry, machine: Machine, shells: ShellName[]): Promise<Finding[]> {
  const home = ctx.paths.home;
  const findings: Finding[] = [];
  const fix = `pyshim setup${shells.length ? ` --shell ${shells.join(',')}` : ''}`;
  const expected = await renderAllInitFiles(ctx, registry, async () => machine.interpreters);
  const runtime = runtimeSources().map((f) => ({ path: runtimeFile(ctx.paths, f.name), text: fs.readFileSync(f.source, 'utf8') }));
  for (const f of [...expected, ...runtime]) {
    if (!fs.existsSync(f.path)) findings.push({ subject: 'pyshim', ok: false, message: `${tildify(f.path, home)} is missing`, fix });
    else if (!sameContent(f.path, f.text)) findings.push({ subject: 'pyshim', ok: false, message: `${tildify(f.path, home)} is out of date`, fix });
  }
  const generated = [...expected.map((f) => f.path), ...listShims(ctx.paths.bin)].filter((file) => fs.existsSync(file));
  for (const file of generated) {
    for (const named of referencedFiles(fs.readFileSync(file, 'utf8'), home)) {
      if (!fs.existsSync(named)) findings.push({ subject: 'pyshim', ok: false, message: `${tildify(file, home)} names ${tildify(named, home)}, which no longer exists`, fix });
    }
  }
  if (!findings.length && generated.length) findings.push({ subject: 'pyshim', ok: true, message: 'generated files current; every file they name exists' });
  return findings;
}

function listShims(bin: string): string[] {
  let names: string[] = [];
  try {
    names = fs.readdirSync(bin);
  } catch {
    return [];
  }
  return names.map((name) => path.join(bin, name)).filter(ownedByPyshim);
}

/**
 * Absolute paths of scripts a generated file sources or runs (….sh, .fish,
 * .py), however the shell adapter wrote them: `"$HOME"/'.x/y.fish'`,
 * `'/abs/y.sh'`. Other variables (`$VIRTUAL_ENV/bin/activate.fish`) are not paths pyshim chose.
 */
export function referencedFiles(text: string, home: string): string[] {
  const plain = text.replace(/"\$HOME"|\$\{HOME\}|\$HOME\b/g, home).replace(/['"]/g, '');
  return [...new Set([...plain.matchAll(/(?<![\w}$.~-])\/[^\s;|&()`]*\.(?:sh|fish|py)\b/g)].map((m) => m[0]))];
}

/** The user's own virtualenvwrapper settings and homes: information (docs/DESIGN.md, the rule for them). */
async function settingFindings(ctx: Context, registry: Registry): Promise<Finding[]> {
  const settings = await gatherUserSettings(ctx, registry, settingShells(registry, ctx.env));
  return userReports(registry, settings, ctx.paths.home).map((r) => ({
    subject: r.subject,
    ok: true,
    info: true,
    message: r.choose ? `${r.message}; to choose: ${r.choose}` : r.message,
  }));
}

export async function diagnose(ctx: Context, options: { shells?: boolean } = {}): Promise<Finding[]> {
  const registry = loadRegistry(ctx.paths);
  const lines = sortedLines(registry);
  const machine = await Machine.discover(ctx, lines.map((l) => ({ path: l.python, source: l.source })));
  const findings: Finding[] = [];
  for (const line of lines) findings.push(...(await lineFindings(ctx, line, machine)));
  const profiles = Object.entries(registry.profiles ?? {}) as [ShellName, string[]][];
  for (const [shell, files] of profiles) {
    findings.push(...profileFindings(ctx, shell, files));
    const missing = initFilePaths(ctx.paths, shell).filter((file) => !fs.existsSync(file));
    for (const file of missing) findings.push({ subject: shell, ok: false, message: `the init file ${tildify(file, ctx.paths.home)} is missing`, fix: `pyshim setup --shell ${shell}` });
    if (!missing.length && options.shells !== false) findings.push(...(await shellFindings(ctx, shell, lines)));
  }
  if (lines.length || profiles.length) findings.push(...(await generatedFindings(ctx, registry, machine, profiles.map(([shell]) => shell))));
  if (lines.length || profiles.length) findings.push(...(await settingFindings(ctx, registry)));
  return findings;
}

export async function doctor(ctx: Context, options: { json?: boolean }): Promise<void> {
  const findings = await diagnose(ctx);
  const problems = findings.filter((f) => !f.ok);
  if (options.json) {
    // schema: the version of this shape (docs/json.md), raised when a field goes or changes meaning.
    out(JSON.stringify({ schema: 1, ok: problems.length === 0, findings }, null, 2));
  } else {
    if (findings.length === 0) out('pyshim: no lines registered and no shell set up (start with: pyshim add 3.12, then pyshim setup)');
    for (const f of findings) {
      if (f.info) out(`${style.dim('i')} ${f.subject}: ${f.message}`);
      else if (f.ok) out(`${style.green('✓')} ${f.subject}: ${f.message}`);
      else out(`${style.red('✗')} ${f.subject}: ${f.message}\n    fix: ${f.fix}`);
    }
    if (problems.length) out(`${problems.length} problem${problems.length === 1 ? '' : 's'} found`);
    else if (findings.length) out('all is well');
  }
  if (problems.length) process.exitCode = 1;
}
