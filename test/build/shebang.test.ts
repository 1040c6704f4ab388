import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { fixPipShebangs } from '../../src/build/build.js';

let dir = '';
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

it('fixPipShebangs points bin/python scripts at bin/pythonX.Y and leaves every other file alone', () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pyshim-bin-'));
  const prefix = '/home/u/.local/share/pyshim/pythons/3.11.2';
  const body = '# -*- coding: utf-8 -*-\nimport sys\nfrom pip._internal.cli.main import main\n';
  fs.writeFileSync(path.join(dir, 'pip3.11'), `#!${prefix}/bin/python\n${body}`, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'pydoc3.11'), `#!${prefix}/bin/python3.11\nimport pydoc\n`);
  fs.writeFileSync(path.join(dir, 'other'), `#!${prefix}/bin/pythonic\n`);
  fs.writeFileSync(path.join(dir, 'elsewhere'), `#!/usr/bin/python\n`);
  fs.writeFileSync(path.join(dir, 'python3.11'), Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 1, 2]));
  fs.symlinkSync('pip3.11', path.join(dir, 'pip-link'));
  const before = Object.fromEntries(['pydoc3.11', 'other', 'elsewhere', 'python3.11'].map((n) => [n, fs.readFileSync(path.join(dir, n))]));

  expect(fixPipShebangs(dir, prefix, '3.11')).toEqual(['pip3.11']);
  expect(fs.readFileSync(path.join(dir, 'pip3.11'), 'utf8')).toBe(`#!${prefix}/bin/python3.11\n${body}`);
  expect(fs.statSync(path.join(dir, 'pip3.11')).mode & 0o777).toBe(0o755);
  for (const [name, bytes] of Object.entries(before)) expect(fs.readFileSync(path.join(dir, name)), name).toEqual(bytes);
  expect(fs.readlinkSync(path.join(dir, 'pip-link'))).toBe('pip3.11');
  // Twice is the same as once.
  expect(fixPipShebangs(dir, prefix, '3.11')).toEqual([]);
});
