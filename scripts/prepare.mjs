// npm's `prepare`: build dist/ with esbuild (type checking is `npm run build`'s).
// npm installs a git dependency (`npm i -g git+URL`) by running `npm install`
// in a clone with npm_config_global inherited, which installs nothing there
// (npm 11's git-dep preparation): then the dev dependencies the build needs
// are installed here first, locally.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
try {
  require.resolve('esbuild');
} catch {
  // The outer install's settings that make no sense for a project install go (global, its --allow-scripts).
  const inherited = Object.entries(process.env).filter(([name]) => !/^npm_config_(global|location|allow_scripts|allow-scripts)$/i.test(name));
  const env = { ...Object.fromEntries(inherited), npm_config_global: 'false' };
  execFileSync(process.env.npm_execpath ? process.execPath : 'npm', [...(process.env.npm_execpath ? [process.env.npm_execpath] : []), 'install', '--no-save', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { stdio: 'inherit', env });
}
execFileSync(process.execPath, ['build.mjs'], { stdio: 'inherit' });
