import type { Interpreter } from '../discovery/interpreter.js';
import { tildify } from '../util/ui.js';
import { lineOf } from '../version.js';
import type { Line } from './registry.js';

/**
 * What can be wrong with a registered line's interpreter, the one rule doctor
 * (which names the fix) and list (which marks the line) share:
 * - `gone`: its interpreter's file is gone;
 * - `link gone`: the stable link it was chosen by is gone (its shims run the
 *   link, so they fail, though the old target still runs);
 * - `no longer runs`: the file is there but discovery could not probe it;
 * - `other version`: the file is now another X.Y.
 */
export type LineProblemKind = 'gone' | 'link gone' | 'no longer runs' | 'other version';

export interface LineProblem {
  kind: LineProblemKind;
  /** doctor's words: "its interpreter ~/x/python3.12 is gone". */
  message: string;
}

/**
 * The problem of `line`, or undefined when it is fine. `interpreter` is what
 * discovery found at `line.python` (undefined: nothing ran there); `exists`
 * asks the file system (links followed); paths inside `home` worded as ~/….
 * Pure apart from `exists`.
 */
export function lineProblem(line: Line, interpreter: Interpreter | undefined, home: string, exists: (file: string) => boolean): LineProblem | undefined {
  const where = tildify(line.python, home);
  if (!exists(line.python)) return { kind: 'gone', message: `its interpreter ${where} is gone` };
  if (line.link && !exists(line.link)) return { kind: 'link gone', message: `its interpreter ${tildify(line.link, home)} is gone (it pointed at ${where})` };
  if (!interpreter) return { kind: 'no longer runs', message: `its interpreter ${where} no longer runs` };
  if (lineOf(interpreter.version) !== line.version) return { kind: 'other version', message: `${where} is now Python ${interpreter.version}, not ${line.version}` };
  return undefined;
}
