import { describe, expect, it } from 'vitest';
import { parsePipVersion, pipNeedsSetuptools } from '../src/pip-run.js';
import { pipInstallArgs } from '../src/bootstrap/pip-args.js';
import { parseRequest } from '../src/commands/add.js';
import { refusal } from './helpers/errors.js';
import { pipWords } from '../src/registry/registry.js';
import { parseVersionRequest, releaseName } from '../src/version.js';

describe('versions as users type them', () => {
  it('X.Y, X.Y.Z, a pre-release, and pythonX.Y[.Z]', () => {
    expect(parseVersionRequest('3.12')).toEqual({ line: '3.12' });
    expect(parseVersionRequest(' 3.12.1 ')).toEqual({ line: '3.12', release: '3.12.1' });
    expect(parseVersionRequest('python3.12')).toEqual({ line: '3.12' });
    expect(parseVersionRequest('python2.7.18')).toEqual({ line: '2.7', release: '2.7.18' });
    expect(parseVersionRequest('3.13.0RC1')).toEqual({ line: '3.13', release: '3.13.0rc1' });
    expect(parseVersionRequest('03.012')).toEqual({ line: '3.12' });
  });

  it('nothing else', () => {
    for (const text of ['3', '3.', '3.x', 'py3.12', 'python', 'python3', '3.12.1.4', '3.12-dev', '', './3.12', 'pypy3.10']) {
      expect(parseVersionRequest(text), text).toBeUndefined();
    }
  });

  it('names a release from sys.version_info: a pre-release as such, with its serial', () => {
    expect(releaseName('2.6.0', 'candidate', 2)).toBe('2.6.0rc2');
    expect(releaseName('3.14.0', 'alpha', 1)).toBe('3.14.0a1');
    expect(releaseName('3.13.0', 'beta', 3)).toBe('3.13.0b3');
    expect(releaseName('3.12.1', 'final', 0)).toBe('3.12.1');
    expect(releaseName('3.12.1')).toBe('3.12.1');
    // A probe that did not report the serial (an older pyshim's cache) still says what it is.
    expect(releaseName('2.6.0', 'candidate')).toBe('2.6.0rc');
  });
});

describe('pyshim add: what the argument names', () => {
  const usage = (target: string, options = {}) => {
    const r = refusal(() => parseRequest(target, options));
    return `${r.exitCode} ${r.message}`;
  };

  it('a version in any of the forms users type, or a path', () => {
    expect(parseRequest('3.12.1', {})).toEqual({ kind: 'version', version: '3.12', release: '3.12.1', python: undefined });
    expect(parseRequest('python3.12', { python: '/x/python3.12' })).toEqual({ kind: 'version', version: '3.12', python: '/x/python3.12' });
    expect(parseRequest('/usr/bin/python3.11', {})).toEqual({ kind: 'path', path: '/usr/bin/python3.11' });
    expect(parseRequest('./python3.12', {})).toEqual({ kind: 'path', path: './python3.12' });
  });

  it("anything else is a usage error naming the forms (today's message said X.Y only)", () => {
    expect(usage('three')).toBe("2 'three' is neither a version (3.12, 3.12.1, python3.12) nor a path to a Python");
    expect(usage('/usr/bin/python3.11', { python: '/x' })).toBe('2 give either a path or --python, not both');
  });
});

describe('how a line runs pip', () => {
  it("reads pip's own --version line, old and new", () => {
    expect(parsePipVersion('pip 9.0.3 from /home/u/.local/lib/python2.6/site-packages (python 2.6)\n')).toBe('9.0.3');
    expect(parsePipVersion('pip 23.2.1 from /x/pip (python 3.12)')).toBe('23.2.1');
    expect(parsePipVersion('/usr/bin/python2.6: pip is a package and cannot be directly executed')).toBeUndefined();
  });

  it('pip before 10 needs setuptools beside it for source distributions', () => {
    expect(pipNeedsSetuptools('9.0.3')).toBe(true);
    expect(pipNeedsSetuptools('1.5.6')).toBe(true);
    expect(pipNeedsSetuptools('10.0.0b1')).toBe(false);
    expect(pipNeedsSetuptools('19.2.3')).toBe(false);
  });

  it('the words after the interpreter: -m pip unless the line decided -m pip.__main__', () => {
    expect(pipWords({})).toEqual(['-m', 'pip']);
    expect(pipWords({ pip: { module: 'pip.__main__', version: '9.0.3' } })).toEqual(['-m', 'pip.__main__']);
    expect(pipInstallArgs('virtualenv', { offline: true, findLinks: '/w' }, { pip: ['-m', 'pip.__main__'], flags: ['--ignore-installed'] })).toEqual([
      '-m', 'pip.__main__', 'install', '--user', '--disable-pip-version-check', '--no-input', '--ignore-installed', '--no-index', '--find-links', '/w', 'virtualenv',
    ]);
  });
});
