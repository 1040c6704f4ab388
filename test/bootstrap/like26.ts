import fs from 'node:fs';
import path from 'node:path';
import { sq, writeFakeBinary } from '../discovery/fixtures.js';

/**
 * A Python that meets pyshim as 2.6 does, made from a real 2.7: a copy of
 * the interpreter whose standard library has no ensurepip and whose
 * site-packages is empty (no pip, no setuptools), behind a wrapper that
 * refuses `-m pip` with 2.6's own words (2.6 cannot run a package with -m;
 * `-m pip.__main__` works). `noSsl` also hides the ssl module, as a build
 * whose _ssl did not compile has none.
 *
 * Returns the wrapper: the path to register (root/bin/python2.7).
 */
export function like26(root: string, real27: string, options: { noSsl?: boolean } = {}): string {
  const prefix = path.dirname(path.dirname(fs.realpathSync(real27)));
  const copy = path.join(root, 'prefix', 'bin', 'python2.7');
  fs.mkdirSync(path.dirname(copy), { recursive: true });
  fs.copyFileSync(fs.realpathSync(real27), copy);
  fs.chmodSync(copy, 0o755);
  const stdlib = path.join(prefix, 'lib', 'python2.7');
  const lib = path.join(root, 'prefix', 'lib', 'python2.7');
  fs.mkdirSync(path.join(lib, 'site-packages'), { recursive: true });
  for (const name of fs.readdirSync(stdlib)) {
    if (name === 'ensurepip' || name === 'site-packages') continue;
    fs.symlinkSync(path.join(stdlib, name), path.join(lib, name));
  }
  let env = '';
  if (options.noSsl) {
    const hidden = path.join(root, 'no-ssl');
    fs.mkdirSync(hidden, { recursive: true });
    fs.writeFileSync(path.join(hidden, 'ssl.py'), 'raise ImportError("No module named _ssl")\n');
    env = `PYTHONPATH=${sq(hidden)}\${PYTHONPATH:+:$PYTHONPATH}; export PYTHONPATH\n`;
  }
  return writeFakeBinary(
    path.join(root, 'bin', 'python2.7'),
    `${env}if [ "$1" = -m ] && [ "$2" = pip ]; then\n  printf '%s\\n' "$0: pip is a package and cannot be directly executed" >&2\n  exit 1\nfi\nexec ${sq(copy)} "$@"`,
  );
}
