// Bundles for a fast start: dist/pyshim.cjs holds only the command line
// (commander and the parser); each command is its own bundle under
// dist/commands/, required when that command runs. CommonJS, so Node starts
// without its ESM loader; execa stays outside and is imported only when a
// command really runs a process.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

// `import fs from 'node:fs'` becomes esbuild's __toESM(require('node:fs')),
// which copies every property of the module into a new object, in each file
// that imports it: ~1.5 ms of a warm `pyshim list`. pyshim's sources only ever
// default-import these built-ins (lint checks), so hand the module over as it is.
const srcDir = path.resolve('src') + path.sep;
const plainBuiltins = {
  name: 'plain-builtins',
  setup(b) {
    // Only pyshim's own imports: a package may require() or name-import them.
    b.onResolve({ filter: /^node:(fs|path|os)$/ }, (args) =>
      args.kind === 'import-statement' && args.importer.startsWith(srcDir) ? { path: args.path, namespace: 'plain-builtin' } : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'plain-builtin' }, (args) => ({
      contents: `export default require(${JSON.stringify(args.path)});`,
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['execa'],
  define: { 'import.meta.url': '__pyshim.moduleUrl' },
  logLevel: 'warning',
};
// A getter: node:url and the conversion cost ~0.5 ms, and only a command that
// looks for pyshim's own files (the probe script, the shell templates) needs it.
const banner = "const __pyshim = { get moduleUrl() { return require('node:url').pathToFileURL(__filename).href; } };";

// cli.ts imports './commands/<name>.js' on demand; at run time that is the
// sibling bundle. What it imports statically (spec.ts) is bundled.
const commandsExternal = {
  name: 'commands-external',
  setup(b) {
    b.onResolve({ filter: /^\.\/commands\/[a-z-]+\.js$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path.replace(/\.js$/, '.cjs'), external: true } : undefined,
    );
  },
};

// What a bundle leaves outside is required from node_modules at run time, so
// an installed pyshim (`npm i -g`) must get it: exactly those packages are
// package.json's dependencies; what is bundled is a devDependency.
const runtime = [...common.external, 'commander'];
// The tarball carries them (bundleDependencies): a global install from git
// loses the ones npm installs beside it (scripts/prepare.mjs).
const manifest = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const sameNames = (a, b) => a.length === b.length && a.every((name) => b.includes(name));
const declared = Object.keys(manifest.dependencies ?? {});
if (!sameNames(runtime, declared) || !sameNames(runtime, manifest.bundleDependencies ?? [])) {
  throw new Error(
    `build: package.json's dependencies and bundleDependencies must be the packages left outside the bundles: ${runtime.join(', ')} (found: ${declared.join(', ')}; bundled: ${(manifest.bundleDependencies ?? []).join(', ')})`,
  );
}

fs.rmSync('dist', { recursive: true, force: true });
await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/pyshim.cjs',
  // commander (100 KB) is required from node_modules only when a command
  // needs the parser; `pyshim list` does not, and V8 would parse it anyway.
  external: [...common.external, 'commander'],
  plugins: [commandsExternal, plainBuiltins],
  banner: { js: `#!/usr/bin/env node\n${banner}` },
});
// spec.ts is the commands' declaration, bundled into the CLI and completion, not a command.
const commands = fs.readdirSync('src/commands').filter((f) => f.endsWith('.ts') && f !== 'spec.ts');
await build({
  ...common,
  entryPoints: commands.map((f) => path.join('src/commands', f)),
  outdir: 'dist/commands',
  outExtension: { '.js': '.cjs' },
  plugins: [plainBuiltins],
  banner: { js: banner },
});
// esbuild keeps import() of an external module, which would send each
// command bundle through Node's ESM loader (~9 ms); they are CommonJS, so
// require them.
const cli = fs.readFileSync('dist/pyshim.cjs', 'utf8');
const lazy = /import\("(\.\/commands\/[a-z-]+\.cjs)"\)/g;
const count = (cli.match(lazy) ?? []).length;
if (count === 0) throw new Error('build: no command imports found in dist/pyshim.cjs');
fs.writeFileSync('dist/pyshim.cjs', cli.replace(lazy, 'Promise.resolve().then(() => require("$1"))'));
fs.chmodSync('dist/pyshim.cjs', 0o755);
