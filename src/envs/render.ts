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
 * The Python that runs mkenv.py and its options before the helper: the
 * host's (with -s where the virtualenv its user site hides is meant) for
 * host-virtualenv, the runner of a line too old to run the helper, else the
 * line's own. Always -S: no site at start (site and its .pth files are a good
 * part of a warm environment's cost); the helper loads site itself only to
 * import virtualenv, and -s still holds then.
 */
export function helperRunner(backend: HelperBackend): { python: string; flags: string[] } {
  if (backend.kind === 'host-virtualenv') return { python: backend.host, flags: ['-S', ...(backend.noUserSite ? ['-s'] : [])] };
  if (backend.kind === 'own-virtualenv' && backend.runner) return { python: backend.runner, flags: ['-S'] };
  return { python: backend.python, flags: ['-S'] };
}

/** How mkenv.py makes the environment without pip: venv, virtualenv 20's API, or an older virtualenv's command line. */
function createMode(backend: HelperBackend): string {
  if (backend.kind === 'venv') return 'venv';
  const major = Number(/^\d+/.exec(backend.virtualenvVersion)?.[0] ?? '20');
  return major < 20 ? 'old-virtualenv' : 'virtualenv';
}

/**
 * The command line a helper shim runs, before the user's arguments: the
 * Python that runs mkenv.py with its flags (helperRunner), the helper, and
 * its own options up to `--`.
 */
export function helperCommand(backend: HelperBackend, name: string, files: HelperFiles & { version?: string } = {}): string[] {
  const helper = files.helper ?? pythonScript('mkenv.py');
  const runner = helperRunner(backend);
  const full = (backend.kind === 'venv' && backend.virtualenvVersion) || backend.kind === 'own-virtualenv';
  return [
    runner.python,
    ...runner.flags,
    helper,
    '--name',
    name,
    '--target',
    backend.python,
    '--label',
    backendLabel(backend),
    '--create',
    createMode(backend),
    ...(full ? ['--full-virtualenv'] : []),
    ...(files.version ? ['--micro', files.version] : []),
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
  /**
   * X.Y.Z of the line's interpreter, from its probe when the shim is written: `-p python3.12.1`
   * names it too (another micro is refused). Absent: only the X.Y forms are taken.
   */
  version?: string;
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
    // Unknown, the line stands in: its forms are taken already, so nothing more is.
    VERSION: { word: target.version ?? line },
  };
  if (backend.kind === 'none') {
    values.REASONS = { code: backend.reasons.map((r) => quotePosix(`  ${r}`)).join(' ') };
    return renderTemplate(loadTemplate('shims/virtualenv-unavailable.sh'), values);
  }
  if (!usesHelper(backend)) return renderTemplate(loadTemplate('shims/virtualenv-own.sh'), values);
  const runner = helperRunner(backend);
  const [, helper, ...args] = helperCommand(backend, name, target).slice(runner.flags.length) as [string, string, ...string[]];
  values.RUNNER = { code: quotePosix(runner.python) };
  values.RUNNER_FLAGS = { code: runner.flags.map((f) => `${quotePosix(f)} `).join('') };
  values.HELPER = { code: quotePosix(helper) };
  values.RUNNER_MISSING = gone(`the Python that runs virtualenv for ${line},`, runner.python);
  values.HELPER_MISSING = gone("pyshim's helper", helper);
  values.ARGS = { code: args.map(quotePosix).join(' ') };
  const hosted = runner.python !== backend.python;
  return renderTemplate(loadTemplate(hosted ? 'shims/virtualenv-host.sh' : 'shims/virtualenv-seeded.sh'), values);
}
