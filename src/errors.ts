/**
 * The one error type the CLI knows how to print: what is wrong, what to do,
 * and the exit status (1 failure, 2 usage). Anything else that escapes is a
 * bug and gets a stack trace.
 */
export class PyshimError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'PyshimError';
  }
}

export function usageError(message: string, hint?: string): PyshimError {
  return new PyshimError(message, hint, 2);
}

/**
 * Each command is its own bundle with its own copy of this class, so the CLI
 * recognises the error by its shape, not by `instanceof`.
 */
export function isPyshimError(error: unknown): error is PyshimError {
  return error instanceof Error && error.name === 'PyshimError' && 'exitCode' in error;
}
