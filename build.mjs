// One bundled CommonJS file: Node starts it without its ESM loader and
// without resolving dozens of modules, which is most of `pyshim list`'s
// start-up. execa stays outside the bundle and is imported only when a
// command really runs a process.
import { build } from 'esbuild';
import fs from 'node:fs';

await build({
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/pyshim.cjs',
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['execa'],
  define: { 'import.meta.url': '__pyshimModuleUrl' },
  banner: { js: "#!/usr/bin/env node\nconst __pyshimModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
fs.chmodSync('dist/pyshim.cjs', 0o755);
