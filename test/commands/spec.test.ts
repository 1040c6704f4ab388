import { describe, expect, it } from 'vitest';
import { longOptions, PROGRAM, walk, type CommandSpec } from '../../src/commands/spec.js';

/** Every command with its path (`python build`), the program's subcommands and theirs. */
function everyCommand(command: CommandSpec = PROGRAM, path: string[] = []): { path: string[]; spec: CommandSpec }[] {
  return (command.subcommands ?? []).flatMap((sub) => [{ path: [...path, sub.name], spec: sub }, ...everyCommand(sub, [...path, sub.name])]);
}

describe("the commands' declaration", () => {
  it('every command shows itself in at least one example', () => {
    const commands = everyCommand();
    expect(commands.map((c) => c.path.join(' '))).toContain('python build');
    for (const { path, spec } of commands) {
      expect(spec.examples.some((e) => e.includes(['pyshim', ...path].join(' '))), path.join(' ')).toBe(true);
    }
  });

  it("arguments and options are in commander's syntax", () => {
    for (const { spec } of everyCommand()) {
      for (const a of spec.arguments ?? []) expect(a.name).toMatch(/^(<[^<>]+>|\[[^[\]]+\])$/);
      for (const o of spec.options ?? []) expect(o.flags).toMatch(/^(-[A-Za-z], )?--[a-z0-9-]+( <[^<>]+>)?$/);
    }
  });

  it('a group runs nothing itself and takes no arguments', () => {
    for (const { spec } of everyCommand()) if (spec.subcommands) expect(spec.arguments ?? []).toEqual([]);
  });

  it('walk: the commands the words name, and where the words stop naming one', () => {
    expect(walk(['python', 'build', '3.12', '--jobs', '4'])).toMatchObject({ path: [{ name: 'python' }, { name: 'build' }], next: 2 });
    expect(walk(['add', 'list'])).toMatchObject({ path: [{ name: 'add' }], next: 1 });
    expect(walk(['ad', '3.12'])).toEqual({ path: [], next: 0 });
    expect(walk([])).toEqual({ path: [], next: 0 });
  });

  it('long options: declared ones, --version for the program, hidden ones left out', () => {
    const add = PROGRAM.subcommands.find((c) => c.name === 'add')!;
    expect(longOptions(add)).toEqual(['--python', '--no-bootstrap', '--default', '--workon-home']);
    expect(longOptions(PROGRAM)).toEqual(['--version']);
  });
});
