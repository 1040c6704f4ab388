import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { python } from '../helpers/machine.js';

const py312 = python('3.12');

/** A minimal pure-Python wheel, made by hand (a zip with METADATA, WHEEL, RECORD). */
export function buildWheel(dir: string, name = 'pyshimdemo'): string {
  const file = path.join(dir, `${name}-1.0-py2.py3-none-any.whl`);
  fs.mkdirSync(dir, { recursive: true });
  const script = `
import sys, zipfile
name, out = sys.argv[1], sys.argv[2]
info = name + '-1.0.dist-info/'
files = {
  name + '/__init__.py': 'VALUE = 42\\n',
  info + 'METADATA': 'Metadata-Version: 2.1\\nName: ' + name + '\\nVersion: 1.0\\n',
  info + 'WHEEL': 'Wheel-Version: 1.0\\nGenerator: pyshim-test\\nRoot-Is-Purelib: true\\nTag: py2-none-any\\nTag: py3-none-any\\n',
}
record = ''.join(p + ',,\\n' for p in files) + info + 'RECORD,,\\n'
files[info + 'RECORD'] = record
z = zipfile.ZipFile(out, 'w')
for p, text in files.items():
    z.writestr(p, text)
z.close()
`;
  execFileSync(py312?.path ?? 'python3', ['-c', script, name, file]);
  return file;
}

