import fs from 'node:fs';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, expect, it } from 'vitest';
import { makeSandbox, ROOT, type Sandbox } from './helpers/sandbox.js';

let s: Sandbox;
afterEach(() => s?.cleanup());

it('install.sh links ~/.local/bin/pyshim, sets up the login shell, and is harmless the second time', async () => {
  s = makeSandbox({ extraEnv: { SHELL: '/bin/bash', PYSHIM_INSTALL_NO_BUILD: '1' } });
  const install = () => execa('sh', [path.join(ROOT, 'install.sh')], { env: s.env, extendEnv: false, reject: false, cwd: s.home });
  const first = await install();
  expect(first.exitCode, String(first.stderr)).toBe(0);
  const link = path.join(s.home, '.local/bin/pyshim');
  expect(fs.realpathSync(link)).toBe(path.join(ROOT, 'dist/pyshim.cjs'));
  expect(String(first.stdout)).toMatch(/\.local\/bin is not on your PATH/);
  // It works from any directory, by its link.
  const version = await execa(link, ['--version'], { env: s.env, extendEnv: false, cwd: '/' });
  expect(String(version.stdout)).toMatch(/^\d+\.\d+\.\d+$/);
  const rc = path.join(s.home, '.bashrc');
  const once = fs.readFileSync(rc);
  const second = await install();
  expect(second.exitCode, String(second.stderr)).toBe(0);
  expect(fs.readFileSync(rc).equals(once)).toBe(true);
  const bad = await execa('sh', [path.join(ROOT, 'install.sh'), '--bogus'], { env: s.env, extendEnv: false, reject: false });
  expect(bad.exitCode).toBe(2);
});
