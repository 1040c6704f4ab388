import { describe, expect, it } from 'vitest';
import { closest, editDistance, usageMessage } from '../src/usage.js';

describe('usage errors in pyshim words', () => {
  it('an unknown command close to one: the error, then the corrected command line', () => {
    expect(usageMessage('commander.unknownCommand', "error: unknown command 'ad'", ['ad', '3.12'])).toEqual({
      message: "unknown command 'ad'",
      hint: 'did you mean add? pyshim add 3.12',
    });
  });

  it("a group's subcommand is suggested from the group's own", () => {
    expect(usageMessage('commander.unknownCommand', "error: unknown command 'biuld'", ['python', 'biuld', '3.12']).hint).toBe('did you mean build? pyshim python build 3.12');
  });

  it('an unknown option close to one of the command, also in --name=value form; the line is quoted for the shell', () => {
    expect(usageMessage('commander.unknownOption', "error: unknown option '--jsn'", ['list', '--jsn']).hint).toBe('did you mean --json? pyshim list --json');
    expect(usageMessage('commander.unknownOption', "error: unknown option '--pyton'", ['add', '3.12', '--pyton=/opt/my py']).hint).toBe(
      "did you mean --python? pyshim add 3.12 '--python=/opt/my py'",
    );
  });

  it('nothing close: the help of the command the words name', () => {
    expect(usageMessage('commander.unknownCommand', "error: unknown command 'xyz'", ['xyz'])).toEqual({ message: "unknown command 'xyz'", hint: 'see: pyshim --help' });
    expect(usageMessage('commander.unknownCommand', "error: unknown command 'list'", ['python', 'list']).hint).toBe('see: pyshim python --help');
  });

  it('any other usage error: the message, and the help of its command', () => {
    expect(usageMessage('commander.missingArgument', "error: missing required argument 'X.Y|PATH'", ['add'])).toEqual({
      message: "missing required argument 'X.Y|PATH'",
      hint: 'see: pyshim add --help',
    });
  });

  it('a hidden command is never suggested', () => {
    expect(usageMessage('commander.unknownCommand', "error: unknown command '__line'", ['__line']).hint).toBe('see: pyshim --help');
  });
});

describe('what is close enough to suggest', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('biuld', 'build')).toBe(1);
    expect(editDistance('ad', 'add')).toBe(1);
    expect(editDistance('', 'use')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
  });

  it('at most two edits, fewer than the word has letters; ties are all named', () => {
    expect(closest('lst', ['list', 'add'])).toEqual(['list']);
    expect(closest('u', ['use'])).toEqual([]);
    expect(closest('xyz', ['add', 'use'])).toEqual([]);
    expect(closest('--dryrun', ['--dry-run', '--shell'])).toEqual(['--dry-run']);
    expect(closest('se', ['use', 'setup', 'sed'])).toEqual(['use', 'sed']);
  });
});
