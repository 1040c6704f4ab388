import { isPyshimError } from '../../src/errors.js';

/** The PyshimError `run` throws, as data; anything else (or no error) fails the test. */
export function refusal(run: () => unknown): { message: string; hint?: string; exitCode: number } {
  try {
    run();
  } catch (error) {
    if (isPyshimError(error)) return { message: error.message, hint: error.hint, exitCode: error.exitCode };
    throw error;
  }
  throw new Error('expected a PyshimError');
}
