import type { Interpreter } from '../../src/discovery/interpreter.js';

/**
 * An interpreter as discovery reports it, for tests of the pure rules that
 * choose among interpreters (shapes copied from real probes). A CPython with
 * pip, venv and ensurepip and an enabled user site; `over` changes any part.
 */
export function fakeInterpreter(path: string, version: string, over: Partial<Interpreter> = {}): Interpreter {
  return {
    path,
    names: [path],
    source: 'path',
    version,
    implementation: 'cpython',
    executable: path,
    prefix: '/p',
    basePrefix: '/p',
    inVirtualenv: false,
    userBase: '/h/.local',
    userSite: `/h/.local/lib/python${version.split('.').slice(0, 2).join('.')}/site-packages`,
    userSiteEnabled: true,
    sitePackages: null,
    modules: { pip: true, venv: true, ensurepip: true, virtualenv: false, virtualenvwrapper: false },
    externallyManaged: null,
    ...over,
  };
}
