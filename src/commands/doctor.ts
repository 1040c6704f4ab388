import fs from 'node:fs';
import path from 'node:path';
import type { Context } from '../context.js';
import { discover } from '../discovery/discover.js';
import { initFilePaths } from '../init/write.js';
import { planLineShims } from '../lines.js';
import { findBlocks } from '../profile/index.js';
import { describeProblems } from '../profile/block.js';
import { loadRegistry, sortedLines } from '../registry/registry.js';
import type { ShellName } from '../shell/adapter.js';
import { shimNames } from '../shims/names.js';
import { out, style, tildify } from '../util/ui.js';
import { lineOf } from '../version.js';

export interface Finding {
  /** What was checked: "3.12", "bash ~/.bashrc". */
  subject: string;
  ok: boolean;
  /** One line: what is wrong, or what is fine. */
  message: string;
  /** The command that fixes it. */
  fix?: string;
}

/** PATH as a fresh interactive shell of that kind sees it, after reading the user's profile. */
async function freshShellPath(ctx: Context, shell: ShellName): Promise<string | undefined> {
  const { execa } = await import('execa');
  const script = shell === 'fish' ? 'string join : $PATH' : 'printf "%s\\n" "$PATH"';
  const run = await execa(shell, ['-i', '-c', script], { env: ctx.env, extendEnv: false, reject: false, stdin: 'ignore', timeout: 20_000 });
  if (run.exitCode === undefined) return undefined;
  return String(run.stdout).trim().split('\n').pop();
}

export async function diagnose(ctx: Context, options: { shells?: boolean } = {}): Promise<Finding[]> {
  const findings: Finding[] = [];
  const home = ctx.paths.home;
  const registry = loadRegistry(ctx.paths);
  const lines = sortedLines(registry);
  const { interpreters } = await discover(ctx.env, ctx.paths, lines.map((l) => ({ path: l.python, source: l.source })));

  for (const line of lines) {
    const subject = line.version;
    const where = tildify(line.python, home);
    const interpreter = interpreters.find((i) => i.path === line.python);
    if (!fs.existsSync(line.python)) {
      findings.push({ subject, ok: false, message: `its interpreter ${where} is gone`, fix: `pyshim add ${line.version}` });
      continue;
    }
    if (!interpreter) {
      findings.push({ subject, ok: false, message: `its interpreter ${where} no longer runs`, fix: `pyshim add ${line.version}` });
      continue;
    }
    if (lineOf(interpreter.version) !== line.version) {
      findings.push({ subject, ok: false, message: `${where} is now Python ${interpreter.version}, not ${line.version}`, fix: `pyshim add ${line.version}` });
      continue;
    }
    const planned = await planLineShims(ctx, line, interpreter, interpreters);
    const stale = planned.files.filter((f) => {
      try {
        return fs.readFileSync(path.join(ctx.paths.bin, f.name), 'utf8') !== f.content;
      } catch {
        return true;
      }
    });
    if (stale.length) {
      const missing = stale.filter((f) => !fs.existsSync(path.join(ctx.paths.bin, f.name))).map((f) => f.name);
      const what = missing.length ? `missing: ${missing.join(', ')}` : `out of date: ${stale.map((f) => f.name).join(', ')}`;
      findings.push({ subject, ok: false, message: `shims ${what}`, fix: `pyshim add ${line.version}` });
    } else {
      findings.push({ subject, ok: true, message: `${where} (${interpreter.version}); shims current` });
    }
    const names = shimNames(line.version);
    if (planned.backend.kind === 'none') {
      findings.push({ subject, ok: false, message: `${names.virtualenv} has no way to make environments (${planned.backend.reasons.join('; ')})`, fix: `pyshim bootstrap ${line.version}` });
    } else {
      findings.push({ subject, ok: true, message: `${names.virtualenv} uses ${planned.label}` });
    }
    if (planned.virtualenvwrapper) {
      findings.push({ subject, ok: true, message: `virtualenvwrapper: ${tildify(planned.virtualenvwrapper.script, home)} (hooks run by ${tildify(planned.virtualenvwrapper.hookPython, home)})` });
    } else {
      findings.push({ subject, ok: false, message: 'no virtualenvwrapper for this line', fix: `pyshim bootstrap ${line.version} --with virtualenvwrapper` });
    }
    if (interpreter.externallyManaged) {
      findings.push({ subject, ok: true, message: `externally managed (PEP 668): install${names.pip.slice(3)} and bootstrap are refused by pip; use virtual environments` });
    }
  }

  const profiles = registry.profiles ?? {};
  for (const [shell, files] of Object.entries(profiles) as [ShellName, string[]][]) {
    for (const file of files) {
      const subject = `${shell} ${tildify(file, home)}`;
      let text: Buffer;
      try {
        text = fs.readFileSync(file);
      } catch {
        findings.push({ subject, ok: false, message: 'the profile is gone', fix: `pyshim setup --shell ${shell}` });
        continue;
      }
      const found = findBlocks(text);
      if (!found.ok) {
        findings.push({ subject, ok: false, message: `broken pyshim markers: ${describeProblems(found.problems)}`, fix: `fix the markers by hand, then: pyshim setup --shell ${shell}` });
      } else if (found.blocks.length === 0) {
        findings.push({ subject, ok: false, message: 'the pyshim block is missing', fix: `pyshim setup --shell ${shell}` });
      } else if (found.blocks.length > 1) {
        findings.push({ subject, ok: false, message: `${found.blocks.length} pyshim blocks (one is enough)`, fix: `pyshim setup --shell ${shell}` });
      } else {
        findings.push({ subject, ok: true, message: 'block present' });
      }
    }
    const missing = initFilePaths(ctx.paths, shell).filter((file) => !fs.existsSync(file));
    if (missing.length) {
      for (const file of missing) findings.push({ subject: shell, ok: false, message: `the init file ${tildify(file, home)} is missing`, fix: `pyshim setup --shell ${shell}` });
    } else if (options.shells !== false) {
      const seen = await freshShellPath(ctx, shell);
      if (seen === undefined) {
        findings.push({ subject: shell, ok: false, message: `${shell} could not be started to check PATH`, fix: `install ${shell}, or: pyshim uninstall` });
      } else {
        const dirs = seen.split(':');
        const first = dirs.indexOf(ctx.paths.bin);
        const rivals = lines.flatMap((l) => Object.values(shimNames(l.version)));
        const shadowedBy = first < 0 ? undefined : dirs.slice(0, first).find((dir) => rivals.some((name) => fs.existsSync(path.join(dir, name))));
        if (first < 0) findings.push({ subject: shell, ok: false, message: `a new ${shell} does not have ${tildify(ctx.paths.bin, home)} on PATH`, fix: `pyshim setup --shell ${shell}` });
        else if (shadowedBy) findings.push({ subject: shell, ok: false, message: `in a new ${shell}, ${shadowedBy} comes before pyshim's shims on PATH and hides some of them`, fix: `move pyshim's block to the end of your ${shell} profile, then: pyshim setup --shell ${shell}` });
        else findings.push({ subject: shell, ok: true, message: `a new ${shell} finds the shims first on PATH` });
      }
    }
  }
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
      if (f.ok) out(`${style.green('✓')} ${f.subject}: ${f.message}`);
      else out(`${style.red('✗')} ${f.subject}: ${f.message}\n    fix: ${f.fix}`);
    }
    if (problems.length) out(`${problems.length} problem${problems.length === 1 ? '' : 's'} found`);
    else if (findings.length) out('all is well');
  }
  if (problems.length) process.exitCode = 1;
}
