import fs from 'node:fs';
import path from 'node:path';

/**
 * A Python that meets pyshim as 2.6 does, made from a real 2.7: a copy of
 * the interpreter whose standard library has no ensurepip and whose
 * site-packages is empty (no pip, no setuptools), with a sitecustomize in
 * that library that makes runpy refuse a package with 2.6's own words — so
 * `-m pip` fails as on 2.6 (`-m pip.__main__` works), in the process too
 * (python/copies.py runs pip with runpy), and in every environment made from
 * it. `noSsl` also hides the ssl module, as a build whose _ssl did not
 * compile has none. A real binary, not a wrapper: virtualenv and pyshim's
 * helper start it as a program.
 *
 * Returns the interpreter to register (root/prefix/bin/python2.7).
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
  const hidden = new Set(['ensurepip', 'site-packages', 'sitecustomize.py', ...(options.noSsl ? ['ssl.py', 'ssl.pyc', 'ssl.pyo'] : [])]);
  for (const name of fs.readdirSync(stdlib)) {
    if (hidden.has(name)) continue;
    fs.symlinkSync(path.join(stdlib, name), path.join(lib, name));
  }
  fs.writeFileSync(
    path.join(lib, 'sitecustomize.py'),
    [
      'import sys',
      'if sys.version_info[0] == 2:',
      '    import pkgutil, runpy',
      '    _details = runpy._get_module_details',
      '    def _get_module_details(mod_name, *args):',
      '        loader = pkgutil.get_loader(mod_name)',
      '        if loader is not None and loader.is_package(mod_name):',
      '            raise ImportError("%s is a package and cannot be directly executed" % mod_name)',
      '        return _details(mod_name, *args)',
      '    runpy._get_module_details = _get_module_details',
      '',
    ].join('\n'),
  );
  if (options.noSsl) fs.writeFileSync(path.join(lib, 'ssl.py'), 'raise ImportError("No module named _ssl")\n');
  return copy;
}
