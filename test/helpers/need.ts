import { describe, it } from 'vitest';

/**
 * Tests that need something this machine may lack (a shell, an interpreter,
 * root, a file system feature): what is absent is skipped *visibly* (the test
 * name says why), and under CI=true nothing may be skipped — a missing need
 * fails. Both tiers use these; what the machine tier needs is in machine.ts.
 */
export const CI = process.env.CI === 'true';

/**
 * `it` when `need` is present; otherwise a visibly skipped test named for
 * what is missing — and under CI=true a failing one, since CI must run all.
 */
export function itWith(need: unknown, what: string) {
  if (need) return it;
  if (CI) {
    return (name: string, ..._rest: unknown[]) =>
      it(`${name} [needs ${what}]`, () => {
        throw new Error(`CI=true but this machine lacks ${what}`);
      });
  }
  return (name: string, ..._rest: unknown[]) => it.skip(`${name} [skipped: no ${what} on this machine]`, () => {});
}

export function describeWith(need: unknown, what: string) {
  if (need) return describe;
  if (CI) {
    return (name: string, ..._rest: unknown[]) =>
      describe(name, () => {
        it(`[needs ${what}]`, () => {
          throw new Error(`CI=true but this machine lacks ${what}`);
        });
      });
  }
  return (name: string, ..._rest: unknown[]) =>
    describe(name, () => {
      it.skip(`[skipped: no ${what} on this machine]`, () => {});
    });
}

/**
 * For a kind of machine a tier must cover (say, "a Python 2 line"): nothing
 * while `found` is present — the tests that use it are the proof — and else
 * one test that is skipped visibly, or fails under CI=true, so that a machine
 * without it cannot pass for one that was tested.
 */
export function requireOnMachine(found: unknown, what: string, name: string): void {
  if (!found) itWith(found, what)(name, () => {});
}
