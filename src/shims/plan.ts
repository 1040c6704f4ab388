import path from 'node:path';
import type { ProbeResult } from '../discovery/interpreter.js';
import type { Line } from '../registry/registry.js';
import { posixHomePath, quotePosix } from '../shell/quote.js';
import { goneMessage, loadTemplate, renderTemplate, type TemplateValue } from '../shell/template.js';
import { shimNames, virtualenvCommand } from './names.js';
import { packageCopies, type CopiesFiles } from './copies.js';
import type { Backend } from '../envs/backend.js';
import { renderVirtualenvShim } from '../envs/render.js';
import { runtimeSources } from '../runtime-files.js';

export interface VirtualenvwrapperChoice {
  /** The real virtualenvwrapper.sh to source. */
  script: string;
  /** The Python that runs its hooks: one that can import virtualenvwrapper. */
  hookPython: string;
}

export interface ShimFile {
  name: string;
  content: string;
  mode: number;
}

export interface ShimFacts {
  line: Line;
  /** The probe of the line's interpreter (as of writing). */
  probe: ProbeResult;
  binDir: string;
  home: string;
  virtualenvwrapper?: VirtualenvwrapperChoice;
  /** True when `pythonX.Y` on PATH already is this interpreter. */
  pythonNameOnPath: boolean;
  /** How `virtualenv-X.Y` makes environments (src/envs: decided by what works). */
  backend: Backend;
  /** The copy of mkenv.py in pyshim's data dir that a host-virtualenv shim runs (src/runtime-files.ts). */
  helper?: string;
  /** The copies of copies.py and its template copy.sh that installXY runs pip in (src/runtime-files.ts). */
  copies?: CopiesFiles;
  /** The seed cache mkenv.py puts pip in from (src/envs/seeds.ts). */
  seeds?: string;
  /** The copy of virtualenvwrapper-toggle.sh the virtualenvwrapper shim sources (src/runtime-files.ts); the package's when absent. */
  toggle?: string;
}

export function workonHome(line: Line, home: string): string {
  return line.workonHome ?? path.join(home, `.virtualenvs${line.version.replace('.', '')}`);
}

/** The shims of one line, as files to write. Pure: the facts come in, text goes out. */
export function planShims(facts: ShimFacts): ShimFile[] {
  const { line, probe } = facts;
  const names = shimNames(line.version);
  const common = (name: string): Record<string, TemplateValue> => ({
    NAME: { word: name },
    LINE: { word: line.version },
    // A stable link (~/.pyenv/versions/3.12) outlives the patch release it points at today.
    PYTHON: { code: quotePosix(line.link ?? line.python) },
    MISSING: goneMessage(name, `the ${line.version} interpreter`, line.link ?? line.python),
    // `pip`, or `pip.__main__` where -m cannot run a package (2.6): decided by trying (Line.pip).
    PIP_MODULE: { word: line.pip?.module ?? 'pip' },
  });
  const executable = (name: string, template: string, extra: Record<string, TemplateValue> = {}): ShimFile => ({
    name,
    content: renderTemplate(loadTemplate(`shims/${template}`), { ...common(name), ...extra }),
    mode: 0o755,
  });

  const pep668 = probe.externallyManaged
    ? `printf '%s\\n' ${quotePosix(`${names.install}: ${line.python} is externally managed (PEP 668), so pip refuses --user installs.`)} ${quotePosix(`  use a virtual environment (${names.virtualenv} ENV), or add --break-system-packages if you accept the risk`)} >&2\n`
    : '';

  const copies = facts.copies ?? packageCopies();
  const files: ShimFile[] = [
    executable(names.pip, 'pip.sh'),
    executable(names.install, 'install.sh', {
      PEP668: { code: pep668 },
      COPIES: { code: quotePosix(copies.helper) },
      BIN: { code: quotePosix(facts.binDir) },
      TEMPLATE: { code: quotePosix(copies.template) },
    }),
    { name: names.virtualenv, content: renderVirtualenvShim(facts.backend, { line: line.version, name: names.virtualenv, version: probe.version, helper: facts.helper, seeds: facts.seeds }), mode: 0o755 },
  ];
  if (!facts.pythonNameOnPath) files.push(executable(names.python, 'python.sh'));

  const vew = facts.virtualenvwrapper;
  const toggle = facts.toggle ?? runtimeSources().find((f) => f.name === 'virtualenvwrapper-toggle.sh')!.source;
  const vewName = names.virtualenvwrapper;
  if (vew) {
    files.push({
      name: vewName,
      mode: 0o644,
      content: renderTemplate(loadTemplate('shims/virtualenvwrapper.sh'), {
        NAME: { word: vewName },
        LINE: { word: line.version },
        HOOK_PYTHON: { code: quotePosix(vew.hookPython) },
        VIRTUALENV: { code: quotePosix(virtualenvCommand(facts.binDir, names.virtualenv)) },
        WORKON_HOME: { code: posixHomePath(workonHome(line, facts.home), facts.home) },
        SCRIPT: { code: quotePosix(vew.script) },
        MISSING: goneMessage(vewName, '', vew.script),
        TOGGLE: { code: quotePosix(toggle) },
        TOGGLE_MISSING: goneMessage(vewName, "pyshim's", toggle),
      }),
    });
  } else {
    files.push({
      name: vewName,
      mode: 0o644,
      content: renderTemplate(loadTemplate('shims/virtualenvwrapper-none.sh'), {
        NAME: { word: vewName },
        LINE: { word: line.version },
      }),
    });
  }
  return files;
}
