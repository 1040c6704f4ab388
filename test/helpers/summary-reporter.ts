import type { Reporter, TestModule } from 'vitest/node';

/**
 * Ends the run with the plain line CI reads ("N passed, N failed, N
 * skipped"). Under CI=true a skipped test is a failure: CI must run all.
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
          skippedNames.push(test.fullName);
        }
      }
    }
    failed += unhandledErrors.length;
    if (process.env.CI === 'true' && skipped > 0) {
      process.stdout.write(`CI=true forbids skipped tests; skipped:\n${skippedNames.map((n) => `  - ${n}`).join('\n')}\n`);
      failed += skipped;
      process.exitCode = 1;
    }
    process.stdout.write(`\ntests: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
