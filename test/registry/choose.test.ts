import { describe, expect, it } from 'vitest';
import type { Interpreter } from '../../src/discovery/interpreter.js';
import type { Source } from '../../src/discovery/sources.js';
import { chooseInterpreter } from '../../src/registry/choose.js';
import { fakeInterpreter } from '../helpers/interpreter.js';

const interp = fakeInterpreter;

describe('chooseInterpreter', () => {
  it('finds nothing for a line nobody has', () => {
    expect(chooseInterpreter('3.4', [interp('/a', '3.12.1')])).toBeUndefined();
  });

  it('only looks at the requested line (3.1 is not 3.12)', () => {
    const c = chooseInterpreter('3.1', [interp('/a', '3.12.1'), interp('/b', '3.1.5')]);
    expect(c?.interpreter.path).toBe('/b');
  });

  it('prefers a usable interpreter over a newer externally managed one, and says so', () => {
    const c = chooseInterpreter('3.11', [
      interp('/usr/bin/python3.11', '3.11.9', { source: 'system', externallyManaged: '/usr/lib/python3.11/EXTERNALLY-MANAGED' }),
      interp('/pyenv/3.11.2', '3.11.2', { source: 'pyenv' }),
    ]);
    expect(c?.interpreter.path).toBe('/pyenv/3.11.2');
    expect(c?.reason).toContain('user site enabled, not externally managed');
    expect(c?.reason).toContain('/usr/bin/python3.11 (externally managed)');
  });

  it('prefers one with a user site over one without, and over a virtual environment', () => {
    const c = chooseInterpreter('3.12', [
      interp('/nosite', '3.12.9', { userSiteEnabled: false }),
      interp('/venv', '3.12.8', { inVirtualenv: true }),
      interp('/good', '3.12.1'),
    ]);
    expect(c?.interpreter.path).toBe('/good');
  });

  it('takes the newest micro among usable ones (numerically: 3.12.10 beats 3.12.9)', () => {
    const c = chooseInterpreter('3.12', [interp('/a', '3.12.9'), interp('/b', '3.12.10'), interp('/c', '3.12.1')]);
    expect(c?.interpreter.path).toBe('/b');
    expect(c?.reason).toContain('3 found');
  });

  it('breaks a tie by source: pyshim, pyenv, uv before PATH and system', () => {
    const same = (p: string, source: Source) => interp(p, '3.12.1', { source });
    expect(chooseInterpreter('3.12', [same('/s', 'system'), same('/u', 'uv'), same('/p', 'path')])?.interpreter.path).toBe('/u');
    expect(chooseInterpreter('3.12', [same('/u', 'uv'), same('/y', 'pyenv')])?.interpreter.path).toBe('/y');
    expect(chooseInterpreter('3.12', [same('/y', 'pyenv'), same('/b', 'pyshim')])?.interpreter.path).toBe('/b');
  });

  it('takes an externally managed one when it is all there is, and says why', () => {
    const c = chooseInterpreter('3.11', [interp('/usr/bin/python3.11', '3.11.2', { externallyManaged: '/m' })]);
    expect(c?.interpreter.path).toBe('/usr/bin/python3.11');
    expect(c?.reason).toContain('the only one found');
    expect(c?.reason).toContain('externally managed');
  });

  it('prefers CPython, but takes another implementation when it is the only one', () => {
    const pypy = interp('/pypy', '3.10.14', { implementation: 'pypy' });
    expect(chooseInterpreter('3.10', [pypy, interp('/cp', '3.10.1')])?.interpreter.path).toBe('/cp');
    expect(chooseInterpreter('3.10', [pypy])?.interpreter.path).toBe('/pypy');
  });

  it('does not depend on the order of its input', () => {
    const all = [interp('/a', '3.12.3', { source: 'uv' }), interp('/b', '3.12.3', { source: 'pyenv' }), interp('/c', '3.12.2'), interp('/d', '3.12.4', { externallyManaged: '/m' })];
    const picks = new Set([all, [...all].reverse(), [all[2], all[0], all[3], all[1]]].map((l) => chooseInterpreter('3.12', l as Interpreter[])?.interpreter.path));
    expect([...picks]).toEqual(['/b']);
  });
});
