import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { PROGRAM, type CommandSpec } from '../src/commands/spec.js';
import { CLI, makeSandbox } from './helpers/sandbox.js';

// The built CLI (dist/pyshim.cjs) in a sandbox HOME: what a user sees for help and usage errors
// (execa drops the output's last newline).
const sb = makeSandbox();
afterAll(() => sb.cleanup());

function everyCommand(command: CommandSpec = PROGRAM, path: string[] = []): { path: string[]; spec: CommandSpec }[] {
  return (command.subcommands ?? []).flatMap((sub) => [{ path: [...path, sub.name], spec: sub }, ...everyCommand(sub, [...path, sub.name])]);
}

describe('usage errors name the command that fixes them', () => {
  it('pyshim ad 3.12: the error and one suggestion line, exit 2, nothing on stdout', async () => {
    const run = await sb.pyshim(['ad', '3.12']);
    expect(run.exitCode).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toBe("pyshim: error: unknown command 'ad'\n  did you mean add? pyshim add 3.12");
  });

  it('pyshim completion tcsh names pyshim completion bash, zsh and fish', async () => {
    const run = await sb.pyshim(['completion', 'tcsh']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe(
      "pyshim: error: unknown shell 'tcsh' (pyshim supports bash, zsh, fish)\n  run one of: pyshim completion bash, pyshim completion zsh, pyshim completion fish",
    );
  });

  it("a missing argument names the command's --help", async () => {
    const run = await sb.pyshim(['add']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toBe("pyshim: error: missing required argument 'X.Y|PATH'\n  see: pyshim add --help");
  });
});

describe('--help', () => {
  it('every command has its examples in --help, exit 0', async () => {
    const commands = everyCommand().filter(({ spec }) => !spec.hidden);
    expect(commands.length).toBeGreaterThan(10);
    for (const { path, spec } of [{ path: [], spec: PROGRAM as CommandSpec }, ...commands]) {
      const run = await sb.pyshim([...path, '--help']);
      expect(run.exitCode, path.join(' ')).toBe(0);
      expect(run.stdout, path.join(' ')).toMatch(/\nExamples?:\n/);
      for (const example of spec.examples) expect(String(run.stdout).split('\n')).toContain(`  ${example}`);
    }
  });

  it('pyshim python list --help (no such subcommand) shows the python group with its examples', async () => {
    const run = await sb.pyshim(['python', 'list', '--help']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Usage: pyshim python');
    expect(run.stdout).toContain('Examples:\n  pyshim python build 3.12');
  });

  it('a reader that went away (pyshim --help | head) ends it quietly', async () => {
    // `true` has exited before pyshim starts writing: its first write meets a closed pipe.
    const run = await execa('sh', ['-c', '(sleep 0.3; exec "$0" "$1" --help) | true', process.execPath, CLI], { env: sb.env, extendEnv: false, reject: false });
    expect(run.stderr).toBe('');
    expect(run.exitCode).toBe(0);
  });
});
