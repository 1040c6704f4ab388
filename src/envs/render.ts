import { pythonScript } from '../paths.js';
import { quotePosix } from '../shell/quote.js';
import { goneMessage, loadTemplate, renderTemplate, type TemplateValue } from '../shell/template.js';
import { backendLabel, type Backend } from './backend.js';

type HelperBackend = Exclude<Backend, { kind: 'none' }>;

/** Where the helper and the seed cache lie for a shim (or a trial). */
export interface HelperFiles {
  /** python/mkenv.py, or its runtime copy (default: this package's). */
  helper?: string;
  /** The seed cache (src/envs/seeds.ts); without it mkenv.py installs pip from its wheel, the slow way. */
  seeds?: string;
}

/** Does this backend run python/mkenv.py (rather than `python -m virtualenv` as it is)? */
export function usesHelper(backend: Backend): backend is HelperBackend {
  return backend.kind === 'venv' || backend.kind === 'host-virtualenv' || (backend.kind === 'own-virtualenv' && backend.seedWheels.length > 0);
}

/**
 * The command line a helper shim runs, before the user's arguments: the
 * Python that runs mkenv.py (the host's for host-virtualenv, else the
 * line's own), the helper, and its own options up to `--`.
 */
export function helperCommand(backend: HelperBackend, name: string, files: HelperFiles = {}): string[] {
  const helper = files.helper ?? pythonScript('mkenv.py');
  const runner = backend.kind === 'host-virtualenv' ? backend.host : backend.python;
  const full = (backend.kind === 'venv' && backend.virtualenvVersion) || backend.kind === 'own-virtualenv';
  return [
    runner,
    helper,
    '--name',
    name,
    '--target',
    backend.python,
    '--label',
    backendLabel(backend),
    '--create',
    backend.kind === 'venv' ? 'venv' : 'virtualenv',
    ...(full ? ['--full-virtualenv'] : []),
    ...(files.seeds ? ['--seeds', files.seeds] : []),
    ...backend.seedWheels.flatMap((wheel) => ['--seed-wheel', wheel]),
    '--',
  ];
}

export interface ShimTarget extends HelperFiles {
  /** X.Y */
  line: string;
  /** The shim's file name, virtualenv-X.Y. */
  name: string;
}

/**
 * The text of the `virtualenv-X.Y` shim for a backend: a POSIX sh script
 * that checks the files it needs still exist and execs one command. Pure
 * (apart from reading the template files).
 */
export function renderVirtualenvShim(backend: Backend, target: ShimTarget): string {
  const { line, name } = target;
  const gone = (what: string, file: string): TemplateValue => goneMessage(name, what, file);
  const values: Record<string, TemplateValue> = {
    NAME: { word: name },
    LINE: { word: line },
    PYTHON: { code: quotePosix(backend.python) },
    MISSING: gone(`the ${line} interpreter`, backend.python),
    LABEL: { code: quotePosix(backendLabel(backend)) },
  };
  if (backend.kind === 'none') {
    values.REASONS = { code: backend.reasons.map((r) => quotePosix(`  ${r}`)).join(' ') };
    return renderTemplate(loadTemplate('shims/virtualenv-unavailable.sh'), values);
  }
  if (!usesHelper(backend)) return renderTemplate(loadTemplate('shims/virtualenv-own.sh'), values);
  const [runner, helper, ...args] = helperCommand(backend, name, target) as [string, string, ...string[]];
  values.RUNNER = { code: quotePosix(runner) };
  values.HELPER = { code: quotePosix(helper) };
  values.RUNNER_MISSING = gone(`the Python that runs virtualenv for ${line},`, runner);
  values.HELPER_MISSING = gone("pyshim's helper", helper);
  values.ARGS = { code: args.map(quotePosix).join(' ') };
  return renderTemplate(loadTemplate(backend.kind === 'host-virtualenv' ? 'shims/virtualenv-host.sh' : 'shims/virtualenv-seeded.sh'), values);
}
