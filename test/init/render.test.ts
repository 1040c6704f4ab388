import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fishAutoloadNames, renderInitFiles, VEW_COMMANDS, vewCompletedCommands } from '../../src/init/render.js';
import { SHELLS } from '../../src/shell/adapter.js';
import { factsFor, lazyLoader, renderInitFile } from './fixture.js';

// A home and a data dir with the characters that break quoting (rendering is pure: they need not exist).
const home = `/tmp/pyshim-init/home with 'quotes' "and" $dollar`;
const data = `/tmp/pyshim-init/data *?[ \`tick\` é`;

/** The text a shell reads at start-up: init.SHELL down to its top-level `return 0` (the notes after it are never read). */
function startUpPart(text: string): string {
  const end = text.indexOf('\nreturn 0\n');
  return end < 0 ? text : text.slice(0, end);
}

describe('rendered init files', () => {
  it('are the same text for the same facts, and run no program at start-up', () => {
    for (const shell of SHELLS) {
      const rendered = renderInitFiles(shell, factsFor(home, data));
      expect(renderInitFiles(shell, factsFor(home, data))).toEqual(rendered);
      expect(rendered.map((f) => f.name)).toEqual(shell === 'fish' ? ['init.fish', 'lazy.fish', ...fishAutoloadNames()] : [`init.${shell}`, `lazy.${shell}`]);
      // No command substitution of any kind in the code a shell runs at start
      // (the data dir's name holds backticks, quoted: those are text). The body
      // of a one-line function runs only when called (the completion loader, on Tab).
      const code = rendered[0]!.text
        .split('\n')
        .filter((line) => !/^\s*#/.test(line))
        .map((line) => line.replace(/^(\w+)\(\) \{ .* \}$/, '$1() { … }'))
        .join('\n')
        .replace(/'[^']*'/g, "''");
      expect(code).not.toMatch(/\$\(|`|\(\s*command\s/);
      expect(code).not.toMatch(/\bpython3? -|\bnode\b/);
    }
  });

  it('bash and zsh read no comment at start-up beyond the two header lines (their notes stand after `return 0`)', () => {
    for (const shell of ['bash', 'zsh'] as const) {
      const text = renderInitFile(shell, factsFor(home, data));
      const start = startUpPart(text);
      expect(start.length).toBeLessThan(text.length);
      expect(start.split('\n').filter((line) => /^\s*#/.test(line)).length).toBeLessThanOrEqual(2);
    }
  });

  it('the lazy loader restores exactly the stubs the init files define', () => {
    // bash: one literal one-line definition per command, the name taken from FUNCNAME …
    const bashStubs = (text: string) => [...text.matchAll(/^([a-z0-9]+)\(\) \{ _pyshim_vew "\$@"; \}$/gm)].map((m) => m[1]).sort();
    // … the loader's restored stubs name themselves …
    const stubs = (text: string) => [...text.matchAll(/^\s*([a-z0-9]+)\(\) \{ _pyshim_vew_run \1 "\$@"; \}$/gm)].map((m) => m[1]).sort();
    // … and zsh has one definition for all the names, each running under the name it was called by.
    const zshStubs = (text: string) =>
      [...text.matchAll(/^\s*([a-z0-9 ]+) \(\) \{ _pyshim_vew_run "\$\{\(%\):-%N\}" "\$@"; \}$/gm)].flatMap((m) => m[1]!.trim().split(/ +/)).sort();
    const init = bashStubs(renderInitFile('bash', factsFor(home, data)));
    expect(init.length).toBeGreaterThan(15);
    expect(stubs(fs.readFileSync(lazyLoader, 'utf8'))).toEqual(init);
    const zsh = renderInitFile('zsh', factsFor(home, data));
    expect(zshStubs(zsh)).toEqual(init);
    expect(bashStubs(zsh)).toEqual([]);
  });

  it('an empty registry still renders every file, saying that no line is registered', () => {
    // That these files parse is a machine test (render.machine.test.ts), in each real shell.
    for (const shell of SHELLS) {
      const rendered = renderInitFiles(shell, { ...factsFor(home, data), lines: [], defaultLine: undefined });
      expect(rendered.map((f) => f.name)).toEqual(renderInitFiles(shell, factsFor(home, data)).map((f) => f.name));
      expect(rendered.map((f) => f.text).join('\n')).toContain('registered: none');
    }
  });

  it("fish: each function file defines the function it is named for; one stub per virtualenvwrapper command; one completion file per command virtualenvwrapper.fish completes", () => {
    const files = renderInitFiles('fish', factsFor(home, data));
    const functions = files.filter((f) => f.name.startsWith('fish/functions/'));
    for (const f of functions) {
      const name = f.name.replace(/^fish\/functions\/(.*)\.fish$/, '$1');
      // fish loads NAME.fish for NAME and needs it to define exactly that (and nothing it would not find again).
      expect([...f.text.matchAll(/^function ([^\s;]+)/gm)].map((m) => m[1]), f.name).toEqual([name]);
    }
    const stubs = functions.filter((f) => /^function ([a-z0-9]+); __pyshim_vew_load; and \1 \$argv; end$/m.test(f.text)).map((f) => f.name);
    expect(stubs.sort()).toEqual(VEW_COMMANDS.map((c) => `fish/functions/${c}.fish`).sort());
    // The loader erases every stub before it sources the real commands (a stub left would call itself).
    const loader = functions.find((f) => f.name === 'fish/functions/__pyshim_vew_load.fish')!.text;
    expect(/^\s*functions -e (.*)$/m.exec(loader)?.[1]?.split(' ').sort()).toEqual([...VEW_COMMANDS].sort());
    const completed = vewCompletedCommands();
    expect(completed).toContain('workon');
    expect(completed).toContain('mkvirtualenv');
    for (const c of completed) expect(VEW_COMMANDS as readonly string[]).toContain(c);
    const completions = files.filter((f) => f.name.startsWith('fish/completions/')).map((f) => f.name);
    expect(completions.sort()).toEqual(['pyshim', ...completed].map((c) => `fish/completions/${c}.fish`).sort());
  });

  it('fish: init.fish defines only the PATH guard, and loads nothing', () => {
    const text = renderInitFile('fish', factsFor(home, data));
    expect([...text.matchAll(/^\s*function (\S+)/gm)].map((m) => m[1])).toEqual(['_pyshim_path']);
    expect(text).not.toMatch(/^\s*(complete|source|builtin source)\b/m);
  });
});
