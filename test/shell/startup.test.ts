import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHELLS } from '../../src/shell/adapter.js';
import { shellOf } from '../../src/shell/names.js';
import { isGlob, isSnippetPath, STARTUPS } from '../../src/shell/startup/index.js';
import { settingsFiles, setupTargets, startDirs, syntaxOf, uninstallCandidates, type TargetFacts } from '../../src/shell/targets.js';

// The start-up declarations (src/shell/startup/) checked against themselves: what setup, uninstall,
// the syntax checks and the settings search derive from them must fit together.

const LOGIN = ['.bash_profile', '.bash_login', '.profile'];

/** Every machine these rules tell apart: each set of bash login files, ZDOTDIR unset or elsewhere, XDG set or not. */
function machines(): TargetFacts[] {
  const all: TargetFacts[] = [];
  for (let mask = 0; mask < 1 << LOGIN.length; mask++) {
    const present = new Set(LOGIN.filter((_, i) => mask & (1 << i)).map((name) => path.join('/h', name)));
    for (const zdotdir of [undefined, '/h', '/z']) {
      // ZDOTDIR from the environment: unset, kept by zsh, or moved by the .zshenv under it.
      for (const zdotdirFromEnv of [undefined, '/h', '/z', '/e']) {
        for (const xdgConfigHome of [undefined, '/x']) {
          all.push({ home: '/h', zdotdir, zdotdirFromEnv, xdgConfigHome, exists: (f) => present.has(f), read: () => undefined, listFiles: () => ['a.fish', 'pyshim.fish'] });
        }
      }
    }
  }
  return all;
}

describe('the start-up declarations fit together', () => {
  it('every file setup may edit is among the files uninstall looks at', () => {
    for (const facts of machines()) {
      const candidates = uninstallCandidates(facts);
      for (const shell of SHELLS) for (const t of setupTargets(shell, facts)) expect(candidates).toContain(t.file);
    }
  });

  it("setup checks each file it edits with the shell uninstall checks it with (sh for ~/.profile)", () => {
    for (const facts of machines()) {
      for (const shell of SHELLS) for (const t of setupTargets(shell, facts)) expect([t.file, syntaxOf(t)]).toEqual([t.file, shellOf(t.file)]);
    }
  });

  it("every declared start file is told to be its shell's by its name, or sh's when sh reads it too", () => {
    for (const shell of SHELLS) {
      for (const f of STARTUPS[shell].files) expect([f.name, shellOf(`/d/${isGlob(f) ? `x${f.name.slice(1)}` : f.name}`)]).toEqual([f.name, f.alsoReadBy ?? shell]);
    }
  });

  it('setup always writes an rc file first (the one it offers to source now), and at least one file in every shell', () => {
    for (const facts of machines()) for (const shell of SHELLS) expect(setupTargets(shell, facts)[0]?.kind).toBe('rc');
  });

  it('of a group the shell reads only the first of, exactly one file is declared for creation when none exists', () => {
    for (const shell of SHELLS) {
      const groups = new Set(STARTUPS[shell].files.flatMap((f) => (f.firstOf ? [f.firstOf] : [])));
      for (const group of groups) expect(STARTUPS[shell].files.filter((f) => f.firstOf === group && f.edit?.whenNoneExists)).toHaveLength(1);
    }
  });

  it('a file whose settings come after the block is declared after the file the block is in', () => {
    for (const shell of SHELLS) {
      const files = STARTUPS[shell].files;
      const rc = files.findIndex((f) => f.edit?.kind === 'rc');
      files.forEach((f, i) => {
        if (f.settings === 'after') expect([f.name, i > rc]).toEqual([f.name, true]);
      });
    }
  });

  it("the files searched for settings are start files uninstall looks at, and not pyshim's own", () => {
    for (const facts of machines()) {
      const candidates = uninstallCandidates(facts);
      const own = setupTargets('fish', facts).map((t) => t.file);
      for (const f of settingsFiles(SHELLS, facts)) {
        expect(candidates).toContain(f.file);
        expect(own).not.toContain(f.file);
      }
    }
  });

  it("fish's conf.d snippets are the files deleted once emptied, and config.fish is not one", () => {
    const dirs = startDirs(machines()[0]!);
    expect(isSnippetPath(path.join(dirs['conf.d'], 'a.fish'))).toBe(true);
    expect(isSnippetPath(path.join(dirs.fish, 'config.fish'))).toBe(false);
    expect(isSnippetPath(path.join(dirs['conf.d'], 'notes.txt'))).toBe(false);
  });
});
