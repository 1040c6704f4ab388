import { pythonScript } from '../paths.js';
import { quotePosix } from '../shell/quote.js';
import { goneMessage, loadTemplate, renderTemplate, type TemplateValue } from '../shell/template.js';
import { backendLabel, type Backend } from './backend.js';

type HostBackend = Extract<Backend, { kind: 'host-virtualenv' }>;

/** The command line a host-virtualenv shim runs, before the user's arguments. */
export function hostCommand(backend: HostBackend, name: string, helper = pythonScript('mkenv.py')): string[] {
  return [
    backend.host,
    helper,
    '--name',
    name,
    '--target',
    backend.python,
    '--label',
    backendLabel(backend),
    ...backend.seedWheels.flatMap((wheel) => ['--seed-wheel', wheel]),
    '--',
  ];
}

export interface ShimTarget {
  /** X.Y */
  line: string;
  /** The shim's file name, virtualenv-X.Y. */
  name: string;
  /** Where the helper lies (defaults to this package's python/mkenv.py). */
  helper?: string;
}

const TEMPLATE: Record<Backend['kind'], string> = {
  'own-virtualenv': 'shims/virtualenv-own.sh',
  venv: 'shims/virtualenv-stdlib.sh',
  'host-virtualenv': 'shims/virtualenv-host.sh',
  none: 'shims/virtualenv-unavailable.sh',
};

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
  switch (backend.kind) {
    case 'own-virtualenv':
      break;
    case 'venv':
      values.SETUPTOOLS = { word: backend.ensurepipSetuptools ? 'yes' : 'no' };
      break;
    case 'host-virtualenv': {
      const helper = target.helper ?? pythonScript('mkenv.py');
      values.HOST = { code: quotePosix(backend.host) };
      values.HELPER = { code: quotePosix(helper) };
      values.HOST_MISSING = gone(`the Python that runs virtualenv for ${line},`, backend.host);
      values.HELPER_MISSING = gone("pyshim's helper", helper);
      values.ARGS = { code: hostCommand(backend, name, helper).slice(2).map(quotePosix).join(' ') };
      break;
    }
    case 'none':
      values.REASONS = { code: backend.reasons.map((r) => quotePosix(`  ${r}`)).join(' ') };
      break;
  }
  return renderTemplate(loadTemplate(TEMPLATE[backend.kind]), values);
}
