import { describe, expect, it } from 'vitest';
import { completionTable, renderCompletion, unregisteredVersions } from '../../src/commands/completion.js';
import type { CommandSpec } from '../../src/commands/spec.js';
import { PROGRAM } from '../../src/commands/spec.js';
import { SHELLS } from '../../src/shell/adapter.js';

// A small declaration of its own, so the derivation is checked apart from pyshim's real commands.
const TOY: CommandSpec = {
  name: 'pyshim',
  description: 'toy',
  version: '1',
  examples: ['pyshim go'],
  subcommands: [
    { name: 'go', description: '', arguments: [{ name: '<X.Y>', description: '', completes: 'lines' }], options: [{ flags: '--fast', description: '' }], examples: ['pyshim go 3.12'] },
    { name: 'shell', description: '', arguments: [{ name: '<shell>', description: '', completes: 'shells' }], examples: ['pyshim shell bash'] },
    {
      name: 'tidy',
      description: '',
      options: [
        { flags: '--dry-run', description: '' },
        { flags: '--secret <word>', description: '', hidden: true, completes: ['sesame'] },
        { flags: '--into <dir>', description: '', completes: 'dirs' },
        { flags: '--log <file>', description: '', completes: 'files' },
        { flags: '--for <shells>', description: '', completes: 'shells' },
        { flags: '--tool <tool>', description: '', completes: ['hammer', 'saw'] },
        { flags: '--url <url>', description: '' },
      ],
      examples: ['pyshim tidy'],
    },
    { name: 'group', description: '', examples: ['pyshim group in'], subcommands: [{ name: 'in', description: '', arguments: [{ name: '<f>', description: '', completes: 'files' }], examples: ['pyshim group in f'] }] },
    { name: '__plumbing', description: '', examples: ['pyshim __plumbing'], hidden: true },
  ],
};

describe('completion is derived from the declaration', () => {
  it('one entry per visible command, keyed by its path; hidden commands and options left out', () => {
    expect(completionTable(TOY)).toEqual([
      { key: 'pyshim', words: ['go', 'shell', 'tidy', 'group'], flags: ['--version'], values: [] },
      { key: 'pyshim-go', words: [], flags: ['--fast'], kind: 'lines', values: [] },
      { key: 'pyshim-shell', words: [...SHELLS], flags: [], values: [] },
      { key: 'pyshim-tidy', words: [], flags: ['--dry-run', '--into', '--log', '--for', '--tool', '--url'], values: expect.any(Array) },
      { key: 'pyshim-group', words: ['in'], flags: [], values: [] },
      { key: 'pyshim-group-in', words: [], flags: [], kind: 'files', values: [] },
    ]);
  });

  it("each option taking a value offers what it declares: directories, files, the shells, its words; nothing when it declares nothing", () => {
    expect(completionTable(TOY).find((e) => e.key === 'pyshim-tidy')!.values).toEqual([
      { flag: '--into', words: [], kind: 'dirs' },
      { flag: '--log', words: [], kind: 'files' },
      { flag: '--for', words: [...SHELLS] },
      { flag: '--tool', words: ['hammer', 'saw'] },
      { flag: '--url', words: [] },
    ]);
  });

  it("pyshim's own option values: paths, directories, the shells, virtualenvwrapper; nothing for a URL, a checksum, a number", () => {
    const values = (key: string) => Object.fromEntries(completionTable().find((e) => e.key === key)!.values.map((v) => [v.flag, v.kind ?? v.words.join(' ')]));
    expect(values('pyshim-add')).toEqual({ '--python': 'files', '--workon-home': 'dirs' });
    expect(values('pyshim-bootstrap')).toEqual({ '--with': 'virtualenvwrapper', '--find-links': 'dirs', '--index-url': '' });
    expect(values('pyshim-setup')).toEqual({ '--shell': 'bash zsh fish', '--rc-file': 'files' });
    expect(values('pyshim-python-build')).toEqual({ '--source': 'files', '--mirror': '', '--sha256': '', '--jobs': '', '--find-links': 'dirs' });
    // What a value offers is declared only on an option that takes one.
    const declared = (c: CommandSpec): CommandSpec[] => [c, ...(c.subcommands ?? []).flatMap(declared)];
    for (const option of declared(PROGRAM).flatMap((c) => c.options ?? [])) if (option.completes) expect(option.flags).toMatch(/<.+>/);
  });

  it("pyshim's own: every visible command is a word after `pyshim`, and each has an entry", () => {
    const table = completionTable();
    const visible = PROGRAM.subcommands.filter((c) => !('hidden' in c && c.hidden)).map((c) => c.name);
    expect(table[0]!.words).toEqual(visible);
    for (const name of visible) expect(table.map((e) => e.key)).toContain(`pyshim-${name}`);
    expect(table.find((e) => e.key === 'pyshim-setup')!.flags).toEqual(['--shell', '--rc-file', '--dry-run']);
    // add offers versions to add (paths once the word starts like one); the others, registered lines.
    expect(table.find((e) => e.key === 'pyshim-add')!.kind).toBe('versions');
    for (const name of ['remove', 'bootstrap', 'use', 'default']) expect(table.find((e) => e.key === `pyshim-${name}`)!.kind).toBe('lines');
  });

  it('the versions add offers: each X.Y found once, the registered left out, newest first (3.10 after 3.9)', () => {
    expect(unregisteredVersions(['3.9.18', '3.12.1', '3.10.13', '2.7.18', '3.12.4', '3.11.2'], ['3.11'])).toEqual(['3.12', '3.10', '3.9', '2.7']);
    expect(unregisteredVersions(['3.12.1'], ['3.12'])).toEqual([]);
  });

  for (const shell of SHELLS) {
    it(`${shell}: every entry is in the script, and nothing is left as a placeholder`, () => {
      const text = renderCompletion(shell, TOY);
      expect(text).not.toMatch(/\{\{/);
      for (const key of ['pyshim-go', 'pyshim-tidy', 'pyshim-group-in']) expect(text).toContain(key);
      expect(text).toContain('hammer saw');
      expect(text).not.toContain('__plumbing');
      expect(text).not.toContain('secret');
      expect(text).not.toContain('sesame');
    });
  }
});
