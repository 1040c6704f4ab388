import type { Context } from '../context.js';
import { discover } from '../discovery/discover.js';
import { loadRegistry, sortedLines } from '../registry/registry.js';
import { SHELLS, type ShellAdapter, type ShellName } from '../shell/adapter.js';
import { parseShell } from '../shell/names.js';
import { adapterFor } from '../shell/shells.js';
import { loadTemplate, renderTemplate } from '../shell/template.js';
import { print } from '../util/ui.js';
import { compareVersions, lineOf } from '../version.js';
import { longOptions, PROGRAM, takesValue, type CommandSpec } from './spec.js';

/**
 * What TAB offers after one command, derived from spec.ts. `key` names the
 * command by its path (`pyshim-python-build`); `words` are its subcommands or
 * the fixed values of its argument (the shells); `flags` its long options;
 * `kind` an argument completed at TAB time: registered lines (`pyshim
 * __lines`), file names, or versions to add (`pyshim __lines --found`; file
 * names once the word starts with /, . or ~). `values`: what each of its
 * options that takes a value offers for it.
 */
export interface CompletionEntry {
  key: string;
  words: string[];
  flags: string[];
  kind?: 'lines' | 'files' | 'versions';
  values: ValueEntry[];
}

/**
 * What TAB offers for the value of `flag` (`--python`): `words` (the shells,
 * `virtualenvwrapper`), or `kind`: file names, or directories only. Neither:
 * nothing (a URL, a checksum, a number).
 */
export interface ValueEntry {
  flag: string;
  words: string[];
  kind?: 'files' | 'dirs';
}

/** The value entry of each visible option of `command` that takes a value, in declared order. */
function valueEntries(command: CommandSpec): ValueEntry[] {
  return (command.options ?? [])
    .filter((o) => !o.hidden && takesValue(o))
    .flatMap((o) => {
      const flag = o.flags.match(/--[a-z0-9-]+/)?.[0];
      if (!flag) return [];
      const c = o.completes;
      if (c === 'files' || c === 'dirs') return [{ flag, words: [], kind: c }];
      return [{ flag, words: c === 'shells' ? [...SHELLS] : [...(c ?? [])] }];
    });
}

/** One entry for the program and each visible command, outermost first. Pure. */
export function completionTable(program: CommandSpec = PROGRAM): CompletionEntry[] {
  const entries: CompletionEntry[] = [];
  const visit = (command: CommandSpec, key: string): void => {
    const first = command.arguments?.[0]?.completes;
    const subcommands = (command.subcommands ?? []).filter((c) => !c.hidden);
    entries.push({
      key,
      words: subcommands.length ? subcommands.map((c) => c.name) : first === 'shells' ? [...SHELLS] : [],
      flags: longOptions(command),
      ...(first === 'lines' || first === 'files' || first === 'versions' ? { kind: first } : {}),
      values: valueEntries(command),
    });
    for (const sub of subcommands) visit(sub, `${key}-${sub.name}`);
  };
  visit(program, program.name);
  return entries;
}

/** bash and zsh: `_pyshim_complete_spec KEY` sets what the command KEY offers; it fails for a word that names no command. */
function posixSpec(sh: ShellAdapter, table: CompletionEntry[]): string {
  const arms = table.map((e) => ({
    value: e.key,
    // A command that takes no argument offers its options without a `-` typed.
    body: [set(sh, 'pyshim_words', e.words.length || e.kind ? e.words : e.flags), set(sh, 'pyshim_flags', e.flags), set(sh, 'pyshim_kind', e.kind ? [e.kind] : [])].join('\n'),
  }));
  return sh.switchOn(sh.argument(1), arms, 'return 1');
}

/**
 * bash and zsh: `_pyshim_complete_value KEY--OPTION` (pyshim-add--python)
 * sets what the value of OPTION offers, in pyshim_words and pyshim_kind; it
 * fails when that command has no such option taking a value. Keys never hold
 * `--` (command names do not start with `-`), so KEY--OPTION is unambiguous.
 */
function posixValues(sh: ShellAdapter, table: CompletionEntry[]): string {
  const arms = table.flatMap((e) =>
    e.values.map((v) => ({ value: `${e.key}${v.flag}`, body: [set(sh, 'pyshim_words', v.words), set(sh, 'pyshim_kind', v.kind ? [v.kind] : [])].join('\n') })),
  );
  return sh.switchOn(sh.argument(1), arms, 'return 1');
}

/** bash and zsh: a local variable set to `words`, space-separated. */
function set(sh: ShellAdapter, name: string, words: string[]): string {
  return sh.setVariable(name, sh.quote(words.join(' ')), { exported: false });
}

/** fish: one `complete` line for each thing a command offers, under the condition that it is the command being typed. */
function fishCompletes(sh: ShellAdapter, table: CompletionEntry[]): string {
  const lines: string[] = [];
  for (const e of table) {
    const when = ['-c', 'pyshim', '-n', sh.quote(`test (__pyshim_complete_key) = ${e.key}`)];
    if (e.words.length) lines.push(sh.call('complete', [...when, '-a', sh.quote(e.words.join(' '))]));
    // fish knows an option's value by its `-r` (`--python /x`, `--python=/x`), and then offers only what that line does.
    const plain = e.flags.filter((f) => !e.values.some((v) => v.flag === f));
    if (plain.length) lines.push(sh.call('complete', [...when, ...plain.flatMap((f) => ['-l', f.replace(/^--/, '')])]));
    for (const v of e.values) {
      const option = [...when, '-l', v.flag.replace(/^--/, '')];
      if (v.kind === 'files') lines.push(sh.call('complete', [...option, '-r', '-F']));
      else if (v.kind === 'dirs') lines.push(sh.call('complete', [...option, '-x', '-a', sh.quote('(__pyshim_complete_directories)')]));
      else lines.push(sh.call('complete', [...option, '-x', ...(v.words.length ? ['-a', sh.quote(v.words.join(' '))] : [])]));
    }
    if (e.kind === 'lines') lines.push(sh.call('complete', [...when, '-a', sh.quote('(command pyshim __lines 2>/dev/null)')]));
    if (e.kind === 'files') lines.push(sh.call('complete', [...when, '-F']));
    if (e.kind === 'versions') {
      // A path (add takes one) once the word starts like one; else the versions found, asked for at TAB time.
      lines.push(sh.call('complete', ['-c', 'pyshim', '-n', sh.quote(`test (__pyshim_complete_key) = ${e.key}; and __pyshim_complete_path`), '-F']));
      lines.push(sh.call('complete', ['-c', 'pyshim', '-n', sh.quote(`test (__pyshim_complete_key) = ${e.key}; and not __pyshim_complete_path`), '-a', sh.quote('(command pyshim __lines --found 2>/dev/null)')]));
    }
  }
  return lines.join('\n');
}

/** The completion script for one shell. Pure: the same declaration always gives the same text. */
export function renderCompletion(shell: ShellName, program: CommandSpec = PROGRAM): string {
  const sh = adapterFor(shell);
  const table = completionTable(program);
  const template = loadTemplate(`completion/pyshim.${shell}`);
  if (shell === 'fish') {
    return renderTemplate(template, {
      KEYS: { code: table.slice(1).map((e) => sh.quote(e.key)).join(' ') },
      COMPLETES: { code: fishCompletes(sh, table) },
    });
  }
  return renderTemplate(template, {
    SPEC: { code: posixSpec(sh, table).replace(/^/gm, '  ') },
    VALUES: { code: posixValues(sh, table).replace(/^/gm, '  ') },
  });
}

/** `pyshim completion SHELL`: the script; registered lines and versions to add are asked for at TAB time (`pyshim __lines`). */
export function completion(_ctx: Context, shellName: string): void {
  print(renderCompletion(parseShell(shellName, 'completion')));
}

/**
 * `pyshim __lines`: the registered lines, one a line. With `found`, instead
 * the X.Y of every interpreter discovery finds (what `pyshim list` shows)
 * that no line has yet, newest first: what `pyshim add` can be given. From
 * the probe cache: with it warm, no Python runs.
 */
export async function lines(ctx: Context, options: { found?: boolean } = {}): Promise<void> {
  const registered = sortedLines(loadRegistry(ctx.paths)).map((l) => l.version);
  if (!options.found) {
    print(registered.map((v) => v + '\n').join(''));
    return;
  }
  const { interpreters } = await discover(ctx.env, ctx.paths);
  print(unregisteredVersions(interpreters.map((i) => i.version), registered).map((v) => v + '\n').join(''));
}

/** The X.Y of `versions` (X.Y.Z) that are not among `registered`, once each, newest first. Pure. */
export function unregisteredVersions(versions: string[], registered: string[]): string[] {
  const lines = new Set(versions.map(lineOf).filter((v) => !registered.includes(v)));
  return [...lines].sort((a, b) => compareVersions(b, a));
}
