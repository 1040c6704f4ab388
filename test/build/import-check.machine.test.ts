import { execFileSync } from 'node:child_process';
import { describe, expect } from 'vitest';
import { importCheckScript, optionalModulesFor } from '../../src/build/optional-modules.js';
import { itWith, python } from '../helpers/machine.js';

describe('the optional-module import check', () => {
  // The script must run on the oldest and newest lines: run it there, for real.
  for (const line of ['2.7', '3.12']) {
    itWith(python(line), `pyenv CPython ${line}`)(`the import check runs on ${line} and names exactly the modules that fail`, () => {
      const modules = [...optionalModulesFor(python(line)?.version ?? line), { ...optionalModulesFor('3.11')[0]!, importName: 'no_such_module_pyshim' }];
      const printed = execFileSync(python(line)?.path ?? '', ['-c', importCheckScript(modules)], { encoding: 'utf8' }).split('\n').filter(Boolean);
      expect(printed).toContain('no_such_module_pyshim');
      for (const name of printed) {
        expect(() => execFileSync(python(line)?.path ?? '', ['-c', `import ${name}`], { stdio: 'ignore' }), name).toThrow();
      }
      // zlib is in every pyenv build on this machine; the check must not report it.
      expect(printed).not.toContain('zlib');
    });
  }
});
