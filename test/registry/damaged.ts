import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Sandbox } from '../helpers/sandbox.js';

/** `pyshim ARGS` with a damaged registry.json: one line and a hint, exit 1, no stack trace, the file kept as it was. */
export async function refusesDamagedRegistry(s: Sandbox, args: string[]): Promise<void> {
  fs.mkdirSync(s.pyshimHome, { recursive: true });
  const file = path.join(s.pyshimHome, 'registry.json');
  fs.writeFileSync(file, '{"schema": 1, "lines": [');
  const run = await s.pyshim(args);
  expect(run.exitCode).toBe(1);
  const lines = String(run.stderr).trim().split('\n');
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatch(/^pyshim: error: .*registry\.json is damaged/);
  expect(lines[1]).toMatch(/^ {2}move it aside/);
  expect(String(run.stderr)).not.toMatch(/\n\s+at /);
  expect(fs.readFileSync(file, 'utf8')).toBe('{"schema": 1, "lines": [');
}
