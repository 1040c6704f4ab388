import { describe, expect, it } from 'vitest';
import { notAvailable, pipInstallArgs, unreachableIndex } from '../../src/bootstrap/pip-args.js';

// What pips print and log, as captured on this machine (pip 18.1 for 3.6, 19.2 for 2.7, 23.x for 3.8+).
const NO_MATCH = 'ERROR: Could not find a version that satisfies the requirement virtualenv (from versions: none)\nERROR: No matching distribution found for virtualenv\n';
const NO_MATCH_PIP18 = '  Could not find a version that satisfies the requirement virtualenv (from versions: )\nNo matching distribution found for virtualenv\n';
const REFUSED_LOG =
  "2026-12-01T01:05:21,100 Could not fetch URL http://127.0.0.1:9/simple/virtualenv/: connection error: HTTPConnectionPool(host='127.0.0.1', port=9): Max retries exceeded with url: /simple/virtualenv/ (Caused by NewConnectionError('<pip._vendor.urllib3.connection.HTTPConnection object at 0x7f>: Failed to establish a new connection: [Errno 111] Connection refused')) - skipping\n";
const DNS_LOG_PIP19 =
  "  Could not fetch URL https://pypi.org/simple/virtualenvwrapper/: connection error: HTTPSConnectionPool(host='pypi.org', port=443): Max retries exceeded with url: /simple/virtualenvwrapper/ (Caused by NewConnectionError('<pip._vendor.urllib3.connection.VerifiedHTTPSConnection object at 0x7f>: Failed to establish a new connection: [Errno -2] Name or service not known',)) - skipping\n";

describe('pipInstallArgs', () => {
  it('a user install with the index options, and the fail-fast run options when given', () => {
    expect(pipInstallArgs('virtualenv', {})).toEqual(['-m', 'pip', 'install', '--user', '--disable-pip-version-check', '--no-input', 'virtualenv']);
    expect(pipInstallArgs('virtualenv', { offline: true, findLinks: '/w', indexUrl: 'http://x' }, { retries: 0, logFile: '/t/pip.log' })).toEqual([
      '-m', 'pip', 'install', '--user', '--disable-pip-version-check', '--no-input', '--no-index', '--find-links', '/w', '--retries', '0', '--log', '/t/pip.log', 'virtualenv',
    ]);
  });
});

describe('what counts as "the index has nothing for this Python"', () => {
  it('pip\'s messages, old and new', () => {
    expect(notAvailable(NO_MATCH)).toBe(true);
    expect(notAvailable(NO_MATCH_PIP18)).toBe(true);
    expect(notAvailable("ERROR: Package 'virtualenv' requires a different Python: 3.6.15 not in '>=3.8'")).toBe(true);
    expect(notAvailable("virtualenv requires Python '>=3.9' but the running Python is 3.6.15")).toBe(true);
    expect(notAvailable('ERROR: Could not install packages due to an OSError')).toBe(false);
  });
});

describe('what counts as "could not reach the package index"', () => {
  it('an index page pip could not fetch, when it then found nothing: the index URL, without the project page', () => {
    expect(unreachableIndex(NO_MATCH, REFUSED_LOG, 'virtualenv')).toBe('http://127.0.0.1:9/simple');
    expect(unreachableIndex(NO_MATCH_PIP18, DNS_LOG_PIP19, 'virtualenvwrapper')).toBe('https://pypi.org/simple');
    const ssl = 'Could not fetch URL https://mirror.example/simple/virtualenv/: There was a problem confirming the ssl certificate: HTTPSConnectionPool(host=\'mirror.example\', port=443): Max retries exceeded - skipping\n';
    expect(unreachableIndex(NO_MATCH, ssl, 'virtualenv')).toBe('https://mirror.example/simple');
    expect(unreachableIndex(NO_MATCH, 'Could not fetch URL https://mirror.example/simple/virtualenv/: timed out - skipping\n', 'virtualenv')).toBe('https://mirror.example/simple');
  });

  it('a download that failed to connect after the index answered: the host it could not reach', () => {
    const output =
      "ERROR: Could not install packages due to an OSError: HTTPSConnectionPool(host='files.pythonhosted.org', port=443): Max retries exceeded with url: /packages/x/virtualenv-20.whl (Caused by NewConnectionError('<pip._vendor.urllib3.connection.HTTPSConnection object at 0x7f>: Failed to establish a new connection: [Errno 101] Network is unreachable'))\n";
    expect(unreachableIndex(output, '', 'virtualenv')).toBe('https://files.pythonhosted.org');
    expect(unreachableIndex(output.replace("'files.pythonhosted.org', port=443", "'10.0.0.1', port=3141").replace('HTTPS', 'HTTP'), '', 'virtualenv')).toBe('http://10.0.0.1:3141');
  });

  it('not when the index answered: no version, a missing project page (404), or another failure with one index down', () => {
    expect(unreachableIndex(NO_MATCH, '', 'virtualenv')).toBeUndefined();
    expect(unreachableIndex(NO_MATCH, 'Could not fetch URL https://pypi.org/simple/virtualenv/: 404 Client Error: Not Found for url: https://pypi.org/simple/virtualenv/ - skipping\n', 'virtualenv')).toBeUndefined();
    // pypi.org was down, but a local mirror had the package and building it failed: that failure is the story.
    expect(unreachableIndex('ERROR: Failed building wheel for virtualenv\n', REFUSED_LOG, 'virtualenv')).toBeUndefined();
  });
});
