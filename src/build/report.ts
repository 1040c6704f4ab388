import type { Context } from '../context.js';
import { out, tildify } from '../util/ui.js';
import type { BuildResult, MissingModule } from './build.js';
import { formatDuration } from './live.js';
import { missingReport, type MissingWhy } from './optional-modules.js';

/**
 * What a build made, printed before the line is registered or bootstrapped:
 * where it is, its log, what pyshim adapted for this toolchain, and the
 * optional modules it lacks — those whose headers were missing (with the
 * packages) apart from those that failed to compile (which headers will not
 * fix). `again` is the command that builds the same source again.
 */
export function reportBuild(ctx: Context, result: BuildResult, elapsedMs: number, again: string): void {
  const home = ctx.paths.home;
  out(`pyshim: built Python ${result.version.declared} in ${formatDuration(elapsedMs)} → ${tildify(result.prefix, home)}`);
  out(`  log: ${tildify(result.log, home)}`);
  for (const a of result.adaptations) out(`  added ${a.variable}=${a.value}: ${a.why}`);
  if (result.copied) out(`  built from a copy of the source: ${result.copied}`);
  printMissing(result.missing, result.version.release, again);
}

function printMissing(missing: MissingModule[], release: string, again: string): void {
  if (missing.length === 0) {
    out('  every optional module built');
    return;
  }
  out('  optional modules that did not build:');
  const said: Record<MissingWhy, string> = {
    failed: 'failed to compile against this system (see the log); installing headers will not fix it',
    'not detected': 'its headers are installed, but this source does not recognise them (an old source, a new library)',
    'headers missing': 'its library headers were missing',
  };
  for (const m of missing) out(`    ${m.module.name} (${m.module.needed}): ${said[m.why]}`);
  if (missing.some((m) => m.module.name === '_ssl')) {
    out('  without _ssl, pip cannot reach an HTTPS package index: bootstrap it from a directory of wheels (--find-links DIR)');
  }
  const report = missingReport(missing.filter((m) => m.why === 'headers missing').map((m) => m.module));
  if (report.commands.length === 0) return;
  out('  to have those whose headers were missing, install the headers and build again:');
  for (const c of report.commands) out(`    ${c.platform}: ${c.command}`);
  out(`    then: pyshim python uninstall ${release} && ${again}`);
}
