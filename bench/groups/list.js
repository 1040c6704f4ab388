import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { capture, measureGroup } from '../lib/measure.js';

/**
 * Group 3: `pyshim list` with a warm probe cache and with an empty one,
 * beside `node -e 0` (the floor for any node CLI, and the baseline) and
 * `pyenv versions`. In the same rounds, every interpreter's probe run one
 * after another: a cold `list` that probed in series could not spend less
 * on probing than that. Whether the probes run in parallel is then seen
 * directly (lib/overlap.js): how many were alive at once during a cold run,
 * which holds on a busy machine, where no idle core can make them faster.
 *
 * @param {any} ctx
 * @param {import('../lib/fixtures.js').PyshimHome} home
 * @param {{ skipped: string[], problems: string[] }} report
 */
export function listing(ctx, home, report) {
  const cacheDir = path.join(home.pyshimHome, 'cache');
  const node = { name: 'node -e 0', file: process.execPath, args: ['-e', '0'], env: home.env };
  const warm = { name: 'pyshim list (warm cache)', file: process.execPath, args: [home.cli, 'list'], env: home.env };
  const cold = {
    name: 'pyshim list (cold: cache emptied)',
    file: process.execPath,
    args: [home.cli, 'list'],
    env: home.env,
    before: () => fs.rmSync(cacheDir, { recursive: true, force: true }),
  };
  const first = capture(warm);
  if (first.status !== 0) {
    report.problems.push(`pyshim list fails: ${first.stderr.trim().split('\n')[0]}`);
    return undefined;
  }
  const variants = [node, warm, cold];
  if (ctx.pyenv) {
    variants.push({
      name: 'pyenv versions',
      file: ctx.pyenv.exe,
      args: ['versions'],
      env: { HOME: home.home, PATH: `${ctx.pyenv.binDir}${path.delimiter}${ctx.basePath}`, PYENV_ROOT: ctx.pyenvRoot, LANG: 'C.UTF-8' },
    });
  }
  const serial = serialProbes(ctx, home, report);
  if (serial) variants.push(serial.variant);

  const ok = variants.filter((v) => v === warm || capture(v).status === 0);
  const rows = measureGroup(ok, { ...ctx.settings.list, seed: ctx.seed + 13 });
  const byName = Object.fromEntries(rows.map((r) => [r.name, r.summary.median]));
  const parallel = serial && byName[serial.variant.name] !== undefined
    ? {
        count: serial.count,
        serial: byName[serial.variant.name],
        cold: byName[cold.name],
        // What a cold run spends beyond a warm one is its probing.
        probing: byName[cold.name] - byName[warm.name],
        ...overlap(cold, 3),
      }
    : undefined;
  return { rows, parallel };
}

/** The most probes alive at once in `times` cold runs, and the most seen in one run. */
function overlap(cold, times) {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'lib', 'overlap.js');
  let maxAtOnce = 0;
  let seen = 0;
  for (let i = 0; i < times; i++) {
    cold.before();
    const run = spawnSync(process.execPath, [script, 'probe.py', '--', cold.file, ...cold.args], { env: cold.env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    try {
      const result = JSON.parse(run.stdout);
      if (result.status !== 0) continue;
      maxAtOnce = Math.max(maxAtOnce, result.maxAtOnce);
      seen = Math.max(seen, result.seen);
    } catch {
      // no report: counts as nothing seen
    }
  }
  return { maxAtOnce, seen };
}

/** One process that runs python/probe.py with each interpreter `list` found, in series. */
function serialProbes(ctx, home, report) {
  const script = path.join(ctx.root, 'python', 'probe.py');
  if (!fs.existsSync(script)) {
    report.skipped.push('probe parallelism: python/probe.py not found');
    return undefined;
  }
  const pythons = (home.listJson().interpreters ?? []).map((i) => i.path);
  if (pythons.length === 0) return undefined;
  return {
    count: pythons.length,
    variant: {
      name: `the ${pythons.length} probes in series (sh loop)`,
      file: '/bin/sh',
      args: ['-c', 'script=$1; shift; for py do "$py" "$script" >/dev/null || exit 1; done', 'sh', script, ...pythons],
      env: { ...home.env, PYTHONDONTWRITEBYTECODE: '1', PYTHONIOENCODING: 'utf-8' },
    },
  };
}
