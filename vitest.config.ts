import { defineConfig } from 'vitest/config';

/**
 * Two tiers, one config (pick one with --project; a file path alone finds its tier):
 * - fast (`npm test`): pure rules, rendering and its golden files, the profile
 *   editor, fake interpreters. Hermetic: no pyenv, no package index, no zsh,
 *   fish or tmux, no compiler (the sandbox hides them: see test/helpers/sandbox.ts).
 * - machine (`npm run test:machine`, files named *.machine.test.ts): real shells,
 *   real interpreters, tmux, a package index, a CPython build.
 * Both end with the line CI reads (test/helpers/summary-reporter.ts).
 */
export default defineConfig({
  test: {
    pool: 'forks',
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    // Tests run the built CLI: build it first when src/ is newer than dist/.
    globalSetup: ['./test/helpers/build-cli.ts'],
    projects: [
      {
        extends: true,
        test: {
          name: 'fast',
          include: ['test/**/*.test.ts'],
          exclude: ['test/**/*.machine.test.ts'],
          env: { PYSHIM_TEST_TIER: 'fast' },
          // Generous for a busy machine; a fast test near this belongs to the other tier.
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'machine',
          include: ['test/**/*.machine.test.ts'],
          env: { PYSHIM_TEST_TIER: 'machine' },
          // Real shells and real interpreters: generous limits, and never a timing assertion.
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
