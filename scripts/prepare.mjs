// npm's `prepare`: build dist/ with esbuild (type checking is `npm run build`'s).
//
// It also makes `npm i -g git+URL` work with npm 11 (seen with 11.19; npm/cli#6984,
// #9406, #8440; pacote fixes it by passing --global=false, npm/pacote#494). To
// prepare a git dependency npm clones it under its cache's temporary directory
// and runs `npm install` there; that nested npm inherits the outer install's
// npm_config_global=true, so instead of a project install it
//  1. installs none of the dev dependencies the build needs: they are
//     installed here first, locally (installDevDependencies);
//  2. installs the clone itself globally, as a link to the clone, in place of
//     the directory the outer npm made for pyshim, losing the runtime packages
//     the outer npm has put in it meanwhile (hence bundleDependencies: they
//     come in pyshim's tarball); the outer npm then extracts the packed clone
//     through that link into the clone itself, and npm deletes the clone: a
//     dangling `pyshim` command. unlinkTemporaryClone replaces the link.
// npm runs this script twice in that case: in the nested npm (which links the
// package's bin after this script, through the link, so the link stays there)
// and then in the outer npm, just before it packs the clone.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Install the dev dependencies into this directory when the build tool or a
 * package the tarball bundles is missing from its own node_modules (a clone
 * that npm prepares; one further up the tree would not be packed).
 */
function installDevDependencies() {
  const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  const needed = ['esbuild', ...(pkg.bundleDependencies ?? [])];
  if (needed.every((name) => fs.existsSync(path.join('node_modules', name, 'package.json')))) return;
  // The outer install's settings that make no sense for a project install go (global, its --allow-scripts).
  const inherited = Object.entries(process.env).filter(([name]) => !/^npm_config_(global|location|allow_scripts|allow-scripts)$/i.test(name));
  const env = { ...Object.fromEntries(inherited), npm_config_global: 'false' };
  const npm = process.env.npm_execpath ? [process.execPath, process.env.npm_execpath] : ['npm'];
  execFileSync(npm[0], [...npm.slice(1), 'install', '--no-save', '--include=dev', '--ignore-scripts', '--no-audit', '--no-fund'], { stdio: 'inherit', env });
}

/**
 * In the outer npm of a global install from git: when the global install of
 * this package is a link to this very directory and this directory is one of
 * npm's temporary ones (`<cache>/_cacache/tmp/…`, deleted once packed), put an
 * empty directory there instead, for npm to extract the package into. A link
 * to anywhere else (`npm link`, `npm i -g .` in a checkout) is left alone, and
 * so is everything inside the nested npm (_PACOTE_NO_PREPARE_, pacote's marker).
 */
function unlinkTemporaryClone() {
  const prefix = process.env.npm_config_global_prefix;
  if (process.env.npm_config_global !== 'true' || process.env._PACOTE_NO_PREPARE_ || !prefix) return;
  const here = fs.realpathSync('.');
  if (!here.includes(`${path.sep}_cacache${path.sep}tmp${path.sep}`)) return;
  const { name } = JSON.parse(fs.readFileSync('package.json', 'utf8'));
  // npm's global packages: <prefix>/lib/node_modules, on Windows <prefix>/node_modules.
  const installed = path.join(prefix, process.platform === 'win32' ? '' : 'lib', 'node_modules', name);
  if (!fs.lstatSync(installed, { throwIfNoEntry: false })?.isSymbolicLink()) return;
  let target;
  try {
    target = fs.realpathSync(installed);
  } catch {
    return; // dangling: not this directory's link
  }
  if (target !== here) return;
  fs.unlinkSync(installed);
  fs.mkdirSync(installed);
}

installDevDependencies();
execFileSync(process.execPath, ['build.mjs'], { stdio: 'inherit' });
unlinkTemporaryClone();
