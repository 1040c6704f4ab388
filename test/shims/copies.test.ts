import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { COPY_MARK, copyOf, lineCopies } from '../../src/shims/copies.js';
import { SHIM_MARK } from '../../src/shims/names.js';
import { loadTemplate, renderTemplate } from '../../src/shell/template.js';
import { removeShims } from '../../src/shims/write.js';
import { quotePosix } from '../../src/shell/quote.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-copies-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A copy as python/copies.py writes it, reduced to what marks it. */
const copy = (line: string, script: string) => `#!/bin/sh\n# ${SHIM_MARK} install and bootstrap write it\n${COPY_MARK}${line} ${script}\nexec true\n`;

describe('copyOf', () => {
  it('names the script of the line\'s copy', () => {
    expect(copyOf(copy('3.12', 'wheel'), '3.12')).toBe('wheel');
    expect(copyOf(copy('3.12', 'pyshimtool-gui'), '3.12')).toBe('pyshimtool-gui');
  });

  it('is undefined for another line\'s copy, a shim, or a file without pyshim\'s header', () => {
    expect(copyOf(copy('3.1', 'wheel'), '3.12')).toBeUndefined();
    expect(copyOf(copy('3.12', 'wheel'), '3.1')).toBeUndefined();
    expect(copyOf(`#!/bin/sh\n# ${SHIM_MARK} the virtualenv-3.12 shim\n`, '3.12')).toBeUndefined();
    expect(copyOf(`#!/bin/sh\n${COPY_MARK}3.12 wheel\n`, '3.12')).toBeUndefined();
    expect(copyOf(`#!/bin/sh\n# ${SHIM_MARK}\n${COPY_MARK}3.12 two words\n`, '3.12')).toBeUndefined();
  });
});

describe('lineCopies and removeShims', () => {
  const bin = path.join(dir, 'bin');
  const out = { writeFile: () => {}, removeFile: (f: string) => fs.rmSync(f) };
  const put = (name: string, text: string) => fs.writeFileSync(path.join(bin, name), text, { mode: 0o755 });

  it('finds only the line\'s copies, and remove takes them with the shims', () => {
    fs.mkdirSync(bin, { recursive: true });
    put('pip312', `#!/bin/sh\n# ${SHIM_MARK}\n`);
    put('virtualenv-3.12', `#!/bin/sh\n# ${SHIM_MARK} the shim\n`);
    put('wheel-3.12', copy('3.12', 'wheel'));
    put('pip-3.12', copy('3.12', 'pip'));
    put('wheel-3.1', copy('3.1', 'wheel'));
    // The user's own file with a copy's name, and a copy renamed by hand (its mark names another file).
    put('mytool-3.12', '#!/bin/sh\necho mine\n');
    put('renamed-3.12', copy('3.12', 'wheel'));
    expect(lineCopies(bin, '3.12').sort()).toEqual(['pip-3.12', 'wheel-3.12']);
    expect(lineCopies(bin, '3.1')).toEqual(['wheel-3.1']);
    expect(lineCopies(path.join(dir, 'absent'), '3.12')).toEqual([]);
    const removed = removeShims(out, bin, '3.12').map((f) => path.basename(f));
    expect(removed.sort()).toEqual(['pip-3.12', 'pip312', 'virtualenv-3.12', 'wheel-3.12']);
    expect(fs.readdirSync(bin).sort()).toEqual(['mytool-3.12', 'renamed-3.12', 'wheel-3.1']);
  });
});

describe('the installXY template', () => {
  // A stand-in interpreter that prints the arguments it was given, one per line.
  const fakePython = path.join(dir, 'fake python');
  fs.writeFileSync(fakePython, '#!/bin/sh\nfor a do printf "[%s]\\n" "$a"; done\nexit 7\n', { mode: 0o755 });
  const helper = path.join(dir, "run'time", 'copies.py');
  const render = () =>
    renderTemplate(loadTemplate('shims/install.sh'), {
      NAME: { word: 'install312' },
      LINE: { word: '3.12' },
      PYTHON: { code: quotePosix(fakePython) },
      MISSING: { code: "'gone'" },
      PEP668: { code: '' },
      COPIES: { code: quotePosix(helper) },
      BIN: { code: quotePosix(path.join(dir, 'b $in')) },
      TEMPLATE: { code: quotePosix(path.join(dir, 'copy.sh')) },
      PIP_MODULE: { word: 'pip' },
    });
  const shim = path.join(dir, 'install312');
  fs.writeFileSync(shim, render(), { mode: 0o755 });

  it('runs pip inside the helper, with the line, its interpreter, the bin and the template, and pip\'s arguments intact', async () => {
    fs.mkdirSync(path.dirname(helper), { recursive: true });
    fs.writeFileSync(helper, '# stand-in\n');
    const r = await execa(shim, ['wheel', 'a b', ''], { reject: false });
    expect(r.exitCode).toBe(7);
    expect(String(r.stdout).split('\n')).toEqual([helper, 'install', '3.12', fakePython, path.join(dir, 'b $in'), path.join(dir, 'copy.sh'), '--pip-module', 'pip', '--', 'wheel', 'a b', ''].map((a) => `[${a}]`));
  });

  it('without the helper (its runtime copy gone) is plain `pip install --user`', async () => {
    fs.rmSync(helper);
    const r = await execa(shim, ['wheel', 'a b'], { reject: false });
    expect(r.exitCode).toBe(7);
    expect(String(r.stdout).split('\n')).toEqual(['-m', 'pip', 'install', '--user', 'wheel', 'a b'].map((a) => `[${a}]`));
  });
});
