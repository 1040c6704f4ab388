/**
 * What pyshim prints for a command line it cannot parse: commander finds the
 * fault, this turns it into pyshim's two lines — what is wrong, and one line
 * to go on with (the corrected command when a name is close to a real one,
 * else the --help that lists the choices). Pure; cli.ts prints it.
 */
import { longOptions, PROGRAM, walk, type CommandSpec } from './commands/spec.js';
import { quotePosix } from './shell/quote.js';

export interface UsageMessage {
  message: string;
  hint: string;
}

/**
 * `code` and `message` are commander's (`commander.unknownCommand`,
 * "error: unknown command 'ad'"); `args` is the command line after `pyshim`.
 */
export function usageMessage(code: string, message: string, args: readonly string[], program: CommandSpec = PROGRAM): UsageMessage {
  const what = (message.split('\n')[0] ?? '').replace(/^error: /, '');
  const { path } = walk(args, program);
  const help = `see: ${['pyshim', ...path.map((c) => c.name), '--help'].join(' ')}`;
  const unknown = /'([^']*)'/.exec(what)?.[1];
  const here = path.at(-1) ?? program;
  const candidates =
    code === 'commander.unknownCommand'
      ? (here.subcommands ?? []).filter((c) => !c.hidden).map((c) => c.name)
      : code === 'commander.unknownOption'
        ? [...longOptions(here), '--help']
        : [];
  if (unknown === undefined || candidates.length === 0) return { message: what, hint: help };
  const close = closest(unknown, candidates);
  if (close.length === 0) return { message: what, hint: help };
  if (close.length > 1) return { message: what, hint: `did you mean ${close.join(' or ')}? ${help}` };
  const fixed = args.map((a) => (a === unknown ? close[0]! : a.startsWith(`${unknown}=`) ? close[0]! + a.slice(unknown.length) : a));
  return { message: what, hint: `did you mean ${close[0]}? ${['pyshim', ...fixed].map(quotePosix).join(' ')}` };
}

/**
 * The candidates nearest `word` by edits (insert, delete, change, swap two
 * neighbours), if near enough to be a slip: at most 2 edits, and fewer than
 * the word has characters. Several when they tie.
 */
export function closest(word: string, candidates: readonly string[]): string[] {
  const scored = candidates.map((c) => ({ c, d: editDistance(word, c) })).filter(({ d }) => d <= 2 && d < word.replace(/^-+/, '').length);
  const best = Math.min(...scored.map(({ d }) => d));
  return scored.filter(({ d }) => d === best).map(({ c }) => c);
}

/** Optimal string alignment distance: Levenshtein plus the swap of two neighbours. */
export function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}
