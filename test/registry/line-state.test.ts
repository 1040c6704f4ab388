import { describe, expect, it } from 'vitest';
import { lineProblem } from '../../src/registry/line-state.js';
import type { Line } from '../../src/registry/registry.js';
import { fakeInterpreter } from '../helpers/interpreter.js';

const line: Line = { version: '3.12', python: '/h/.pyenv/versions/3.12.1/bin/python3.12', fullVersion: '3.12.1', source: 'pyenv' };
const linked: Line = { ...line, link: '/h/.pyenv/versions/3.12/bin/python3.12' };
const found = fakeInterpreter(line.python, '3.12.1');
const existing = (...files: string[]) => (file: string) => files.includes(file);

describe('lineProblem: what doctor names and list marks', () => {
  it('none for a present interpreter of its X.Y', () => {
    expect(lineProblem(line, found, '/h', existing(line.python))).toBeUndefined();
    expect(lineProblem(linked, found, '/h', existing(line.python, linked.link!))).toBeUndefined();
  });

  it('gone, link gone, no longer runs, other version: in that order, worded with ~', () => {
    expect(lineProblem(linked, undefined, '/h', existing())).toEqual({ kind: 'gone', message: 'its interpreter ~/.pyenv/versions/3.12.1/bin/python3.12 is gone' });
    expect(lineProblem(linked, found, '/h', existing(line.python))).toEqual({
      kind: 'link gone',
      message: 'its interpreter ~/.pyenv/versions/3.12/bin/python3.12 is gone (it pointed at ~/.pyenv/versions/3.12.1/bin/python3.12)',
    });
    expect(lineProblem(line, undefined, '/h', existing(line.python))).toEqual({ kind: 'no longer runs', message: 'its interpreter ~/.pyenv/versions/3.12.1/bin/python3.12 no longer runs' });
    expect(lineProblem(line, fakeInterpreter(line.python, '3.13.0'), '/h', existing(line.python))).toEqual({
      kind: 'other version',
      message: '~/.pyenv/versions/3.12.1/bin/python3.12 is now Python 3.13.0, not 3.12',
    });
  });
});
