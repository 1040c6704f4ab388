import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { allShimNames, shimNames, SHIM_MARK } from '../../src/shims/names.js';
import { renderTemplate } from '../../src/shell/template.js';
import { removeShims, writeShims } from '../../src/shims/write.js';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-write-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('shim names', () => {
  it('are the recipe\'s names', () => {
    expect(shimNames('2.7')).toEqual({ pip: 'pip27', install: 'install27', virtualenv: 'virtualenv-2.7', virtualenvwrapper: 'virtualenvwrapper-2.7.sh', python: 'python2.7' });
    expect(allShimNames('3.12')).toEqual(['pip312', 'install312', 'virtualenv-3.12', 'virtualenvwrapper-3.12.sh', 'python3.12']);
  });
});

describe('renderTemplate', () => {
  it('fills words and code, and refuses an unsafe word or a missing value', () => {
    expect(renderTemplate('a {{W}} {{C}}', { W: { word: '3.12' }, C: { code: "'x y'" } })).toBe("a 3.12 'x y'");
    expect(() => renderTemplate('{{W}}', { W: { word: 'a b' } })).toThrow(/unsafe word/);
    expect(() => renderTemplate('{{W}}', { W: { word: '$(x)' } })).toThrow(/unsafe word/);
    expect(() => renderTemplate('{{MISSING}}', {})).toThrow(/has no value/);
  });
});

describe('writeShims / removeShims', () => {
  const bin = path.join(dir, 'bin');
  const out = {
    writeFile: (f: string, content: string, mode?: number) => {
      fs.mkdirSync(path.dirname(f), { recursive: true });
      fs.writeFileSync(f, content, { mode });
      if (mode !== undefined) fs.chmodSync(f, mode);
    },
    removeFile: (f: string) => fs.rmSync(f),
  };
  const file = (name: string, body = 'x') => ({ name, content: `#!/bin/sh\n# ${SHIM_MARK} ${body}\n`, mode: 0o755 });

  it('writes each file with its mode, and drops a shim the line no longer has', () => {
    writeShims(out, bin, '3.12', [file('pip312'), file('python3.12'), { ...file('virtualenvwrapper-3.12.sh'), mode: 0o644 }]);
    expect(fs.statSync(path.join(bin, 'pip312')).mode & 0o777).toBe(0o755);
    expect(fs.statSync(path.join(bin, 'virtualenvwrapper-3.12.sh')).mode & 0o777).toBe(0o644);
    writeShims(out, bin, '3.12', [file('pip312', 'v2'), { ...file('virtualenvwrapper-3.12.sh'), mode: 0o644 }]);
    expect(fs.existsSync(path.join(bin, 'python3.12'))).toBe(false);
    expect(fs.readFileSync(path.join(bin, 'pip312'), 'utf8')).toContain('v2');
    expect(fs.readdirSync(bin).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('never deletes a file pyshim did not write, nor another line\'s shims', () => {
    fs.writeFileSync(path.join(bin, 'python3.12'), '#!/bin/sh\necho mine\n');
    writeShims(out, bin, '3.1', [file('pip31')]);
    writeShims(out, bin, '3.12', [file('pip312')]);
    expect(fs.readFileSync(path.join(bin, 'python3.12'), 'utf8')).toContain('mine');
    expect(removeShims(out, bin, '3.12').map((f) => path.basename(f))).toEqual(['pip312']);
    expect(fs.readdirSync(bin).sort()).toEqual(['pip31', 'python3.12']);
    expect(removeShims(out, bin, '3.13')).toEqual([]);
  });
});
