import { describe, expect, it } from 'vitest';
import { listText } from '../../src/commands/list.js';
import { emptyRegistry, type Registry } from '../../src/registry/registry.js';
import { fitTable, wrapText, type ColumnSpec } from '../../src/util/columns.js';
import { colorWanted, outputWidth } from '../../src/util/ui.js';
import { fakeInterpreter } from '../helpers/interpreter.js';

const width = (lines: string[]) => Math.max(...lines.map((l) => [...l].length));

describe('wrapText', () => {
  it('fills lines up to the width, indents the ones after the first, and never breaks a word', () => {
    expect(wrapText('one two three four', 9)).toEqual(['one two', 'three', 'four']);
    expect(wrapText('one two three four', 9, '  ')).toEqual(['one two', '  three', '  four']);
    expect(wrapText('one two three', 9, '    ', true)).toEqual(['    one', '    two', '    three']);
    expect(wrapText('/a/very/long/path/that/is/one/word x', 10)).toEqual(['/a/very/long/path/that/is/one/word', 'x']);
    expect(wrapText('', 10)).toEqual(['']);
  });
});

describe('fitTable', () => {
  // The give-up order: C goes (1), B goes (2), PATH goes under (3), NOTE goes under (4); NOTE wraps when last.
  const columns: ColumnSpec[] = [{ title: 'A' }, { title: 'B', drop: 2 }, { title: 'PATH', below: 3 }, { title: 'C', drop: 1 }, { title: 'NOTE', below: 4, wrap: true }];
  const rows = [
    ['a1', 'b1', '/p/one', 'c1', 'a note of several words'],
    ['a2', 'b2', '/p/two', 'c2', ''],
  ];
  const whole = ['A   B   PATH    C   NOTE', 'a1  b1  /p/one  c1  a note of several words', 'a2  b2  /p/two  c2'];

  it('without a width, prints every column whole, one line a row (what a pipe gets); the same when it fits', () => {
    expect(fitTable(columns, rows)).toEqual({ lines: whole, hidden: [] });
    expect(fitTable(columns, rows, 43)).toEqual({ lines: whole, hidden: [] });
  });

  it('a little narrower: the last column wraps in its place', () => {
    expect(fitTable(columns, rows, 40)).toEqual({ lines: ['A   B   PATH    C   NOTE', 'a1  b1  /p/one  c1  a note of several', '                    words', 'a2  b2  /p/two  c2'], hidden: [] });
  });

  it('narrower: columns go in their order, while the last still wraps', () => {
    expect(fitTable(columns, rows, 34)).toEqual({ lines: ['A   B   PATH    NOTE', 'a1  b1  /p/one  a note of several', '                words', 'a2  b2  /p/two'], hidden: ['C'] });
    expect(fitTable(columns, rows, 30)).toEqual({ lines: ['A   PATH    NOTE', 'a1  /p/one  a note of several', '            words', 'a2  /p/two'], hidden: ['B', 'C'] });
  });

  it('narrower still: a `below` column goes under its row, and what went before comes back where it fits', () => {
    expect(fitTable(columns, rows, 24)).toEqual({ lines: ['A   B   NOTE', 'a1  b1  a note of', '        several words', '    /p/one', 'a2  b2', '    /p/two'], hidden: ['C'] });
    // Both under, in table order, wrapped to the width; a word longer than a line stands whole.
    expect(fitTable(columns, rows, 8)).toEqual({
      lines: ['A   B', 'a1  b1', '    /p/one', '    a', '    note', '    of', '    several', '    words', 'a2  b2', '    /p/two'],
      hidden: ['C'],
    });
  });
});

describe("pyshim list's layout", () => {
  const home = '/home/u';
  const pythons = [
    fakeInterpreter('/home/u/.pyenv/versions/3.12.1/bin/python3.12', '3.12.1', { source: 'pyenv' }),
    fakeInterpreter('/usr/bin/python3.11', '3.11.2', {
      source: 'system',
      externallyManaged: '/usr/lib/python3.11/EXTERNALLY-MANAGED',
      modules: { pip: true, venv: true, ensurepip: false, virtualenv: true, virtualenvwrapper: true },
    }),
    fakeInterpreter('/home/u/.pyenv/versions/2.7.18/bin/python2.7', '2.7.18', { source: 'pyenv', modules: { pip: true, venv: false, ensurepip: true, virtualenv: false, virtualenvwrapper: false } }),
  ];
  const registry: Registry = {
    ...emptyRegistry(),
    default: '3.12',
    lines: {
      '3.12': { version: '3.12', python: pythons[0]!.path, fullVersion: '3.12.1', source: 'pyenv', backend: 'venv' },
      '2.7': { version: '2.7', python: pythons[2]!.path, fullVersion: '2.7.18', source: 'pyenv', backend: 'virtualenv (host 3.11)' },
    },
  };
  const text = (w?: number) => listText(pythons, [], registry, home, w).map((l) => l.text);
  const legend = '* = a registered line (VIRTUALENV-X.Y: how its virtualenv-X.Y makes environments)';

  it('without a width: every column, one line a row, the legend whole', () => {
    expect(text()).toEqual([
      '   VERSION  SOURCE  LINE            PATH                                     TOOLS                                  VIRTUALENV-X.Y          NOTES',
      '*  3.12.1   pyenv   3.12 (default)  ~/.pyenv/versions/3.12.1/bin/python3.12  pip,venv                               venv',
      '   3.11.2   system                  /usr/bin/python3.11                      pip,venv,virtualenv,virtualenvwrapper                          externally managed (PEP 668)',
      '*  2.7.18   pyenv   2.7             ~/.pyenv/versions/2.7.18/bin/python2.7   pip                                    virtualenv (host 3.11)',
      legend,
    ]);
  });

  it('at 150 columns VIRTUALENV-X.Y goes first, and a line says how to see it', () => {
    expect(text(150)).toEqual([
      '   VERSION  SOURCE  LINE            PATH                                     TOOLS                                  NOTES',
      '*  3.12.1   pyenv   3.12 (default)  ~/.pyenv/versions/3.12.1/bin/python3.12  pip,venv',
      '   3.11.2   system                  /usr/bin/python3.11                      pip,venv,virtualenv,virtualenvwrapper  externally managed (PEP 668)',
      '*  2.7.18   pyenv   2.7             ~/.pyenv/versions/2.7.18/bin/python2.7   pip',
      '(to fit 150 columns, VIRTUALENV-X.Y is left out: COLUMNS=200 pyshim list shows all)',
      legend,
    ]);
  });

  it('fits every line in the width down to 60 columns (all that can be broken is)', () => {
    for (const w of [150, 120, 100, 80, 60]) expect(width(text(w)), String(w)).toBeLessThanOrEqual(w);
  });

  it('at 120 columns NOTES goes under its row', () => {
    expect(text(120).slice(0, 5)).toEqual([
      '   VERSION  SOURCE  LINE            PATH                                     TOOLS',
      '*  3.12.1   pyenv   3.12 (default)  ~/.pyenv/versions/3.12.1/bin/python3.12  pip,venv',
      '   3.11.2   system                  /usr/bin/python3.11                      pip,venv,virtualenv,virtualenvwrapper',
      '    externally managed (PEP 668)',
      '*  2.7.18   pyenv   2.7             ~/.pyenv/versions/2.7.18/bin/python2.7   pip',
    ]);
  });

  it('at 80 columns SOURCE and TOOLS go too, and the notes wrap to the width', () => {
    expect(text(80)).toEqual([
      '   VERSION  LINE            PATH',
      '*  3.12.1   3.12 (default)  ~/.pyenv/versions/3.12.1/bin/python3.12',
      '   3.11.2                   /usr/bin/python3.11',
      '    externally managed (PEP 668)',
      '*  2.7.18   2.7             ~/.pyenv/versions/2.7.18/bin/python2.7',
      '(to fit 80 columns, SOURCE, TOOLS and VIRTUALENV-X.Y are left out: COLUMNS=200',
      '  pyshim list shows all)',
      '* = a registered line (VIRTUALENV-X.Y: how its virtualenv-X.Y makes',
      '  environments)',
    ]);
  });

  it('at 40 columns PATH goes under its row too; a path longer than the width runs over, whole', () => {
    const lines = text(40);
    expect(lines.slice(0, 8)).toEqual([
      '   VERSION  LINE',
      '*  3.12.1   3.12 (default)',
      '    ~/.pyenv/versions/3.12.1/bin/python3.12',
      '   3.11.2',
      '    /usr/bin/python3.11',
      '    externally managed (PEP 668)',
      '*  2.7.18   2.7',
      '    ~/.pyenv/versions/2.7.18/bin/python2.7',
    ]);
    expect(lines.filter((l) => [...l].length > 40)).toEqual(['    ~/.pyenv/versions/3.12.1/bin/python3.12', '    ~/.pyenv/versions/2.7.18/bin/python2.7']);
  });

  it('at 60 columns, with no notes and short tool lists, SOURCE and TOOLS come back beside the line once PATH is under it', () => {
    const plain = pythons.map((p) => ({ ...p, externallyManaged: null, modules: { ...p.modules, virtualenv: false, virtualenvwrapper: false } }));
    expect(listText(plain, [], registry, home, 60).map((l) => l.text).slice(0, 7)).toEqual([
      '   VERSION  SOURCE  LINE            TOOLS',
      '*  3.12.1   pyenv   3.12 (default)  pip,venv',
      '    ~/.pyenv/versions/3.12.1/bin/python3.12',
      '   3.11.2   system                  pip,venv',
      '    /usr/bin/python3.11',
      '*  2.7.18   pyenv   2.7             pip',
      '    ~/.pyenv/versions/2.7.18/bin/python2.7',
    ]);
  });
});

describe('colour and width from the environment', () => {
  it('FORCE_COLOR asks for colour anywhere, over NO_COLOR; FORCE_COLOR=0/false and NO_COLOR refuse it; else a terminal that is not dumb', () => {
    const cases: Array<[Record<string, string>, boolean, boolean]> = [
      [{}, true, true],
      [{}, false, false],
      [{ TERM: 'dumb' }, true, false],
      [{ NO_COLOR: '1' }, true, false],
      [{ NO_COLOR: '' }, true, true],
      [{ FORCE_COLOR: '1' }, false, true],
      [{ FORCE_COLOR: '3', TERM: 'dumb' }, false, true],
      [{ FORCE_COLOR: 'true', NO_COLOR: '1' }, false, true],
      [{ FORCE_COLOR: '' }, false, false],
      [{ FORCE_COLOR: '0' }, true, false],
      [{ FORCE_COLOR: 'false' }, true, false],
    ];
    for (const [env, terminal, want] of cases) expect(colorWanted(env, terminal), `${JSON.stringify(env)} terminal=${terminal}`).toBe(want);
  });

  it('COLUMNS gives the width when it is a whole number above 0', () => {
    expect(outputWidth({ COLUMNS: '72' })).toBe(72);
    for (const bad of ['0', '-5', '7.5', 'wide']) {
      // Not a terminal here (the test runner's stdout is a pipe), so: no limit.
      expect(outputWidth({ COLUMNS: bad }), bad).toBe(outputWidth({}));
    }
  });
});
