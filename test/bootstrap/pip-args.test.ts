import { describe, expect, it } from 'vitest';
import { notAvailable } from '../../src/bootstrap/pip-args.js';

describe('what counts as "the index has nothing for this Python"', () => {
  it('pip\'s messages, old and new', () => {
    expect(notAvailable('ERROR: No matching distribution found for virtualenv')).toBe(true);
    expect(notAvailable("ERROR: Package 'virtualenv' requires a different Python: 3.6.15 not in '>=3.8'")).toBe(true);
    expect(notAvailable("virtualenv requires Python '>=3.9' but the running Python is 3.6.15")).toBe(true);
    expect(notAvailable('ERROR: Could not install packages due to an OSError')).toBe(false);
  });
});
