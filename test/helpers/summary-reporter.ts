import fs from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with the plain line CI reads ("tests: N passed, N failed, N
 * skipped"), after the name of every skipped test (a skip must be seen).
 * Under CI=true a skipped test is a failure: CI must run all. When
 * PYSHIM_TEST_COUNTS names a file, the three numbers are also appended to it
 * as one line "passed failed skipped", so that .ci/run can add up the tiers.
 */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>, unhandledErrors: ReadonlyArray<unknown> = []): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    const skippedNames: string[] = [];
    for (const module of testModules) {
      // A file that fails to load has no tests to count, but it is a failure.
      if (module.state() === 'failed' && [...module.children.allTests('failed')].length === 0) failed++;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else {
          skipped++;
          skippedNames.push(`${module.moduleId.replace(`${process.cwd()}/`, '')}: ${test.fullName}`);
        }
      }
    }
    failed += unhandledErrors.length;
    const list = skippedNames.map((n) => `  - ${n}`).join('\n');
    if (process.env.CI === 'true' && skipped > 0) {
      process.stdout.write(`CI=true forbids skipped tests; skipped:\n${list}\n`);
      failed += skipped;
      process.exitCode = 1;
    } else if (skipped > 0) {
      process.stdout.write(`\nskipped (what this machine lacks is in each name):\n${list}\n`);
    }
    if (process.env.PYSHIM_TEST_COUNTS) fs.appendFileSync(process.env.PYSHIM_TEST_COUNTS, `${passed} ${failed} ${skipped}\n`);
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
