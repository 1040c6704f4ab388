import { afterAll, it } from 'vitest';
import { describeWith, python } from '../helpers/machine.js';
import { makeSandbox } from '../helpers/sandbox.js';
import { refusesDamagedRegistry } from './damaged.js';

// `add` finds its interpreter before it reads the registry, so it needs one on
// this machine to reach the registry at all (the other commands: registry.test.ts).
describeWith(python('3.12'), 'pyenv CPython 3.12')('a damaged registry through the CLI, for add', () => {
  const s = makeSandbox();
  afterAll(() => s.cleanup());

  it('pyshim add 3.12 --no-bootstrap: one line and a hint, exit 1, no stack trace, the file kept', () => refusesDamagedRegistry(s, ['add', '3.12', '--no-bootstrap']));
});
