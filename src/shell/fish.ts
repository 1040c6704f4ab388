import { checkArmValue, checkName, indent, type BlockFiles, type ShellAdapter, type SwitchArm } from './adapter.js';
import { fishHomePath, quoteFish } from './quote.js';

/** fish is not POSIX: its own quoting, `set -gx`, `function … end`, `switch`. */
export class FishAdapter implements ShellAdapter {
  readonly initFileName = 'init.fish';

  quote(value: string): string {
    return quoteFish(value);
  }

  homePath(file: string, home: string): string {
    return fishHomePath(file, home);
  }

  setVariable(name: string, word: string, options: { exported?: boolean } = {}): string {
    return `set -g${options.exported === false ? '' : 'x'} ${checkName(name)} ${word}`;
  }

  setList(name: string, words: string[]): string {
    return ['set -g', checkName(name), ...words].join(' ');
  }

  prependPathOnce(word: string): string {
    return [
      `if not contains -- ${word} $PATH`,
      '    if set -q VIRTUAL_ENV[1]; and test "$PATH[1]" = "$VIRTUAL_ENV/bin"',
      `        set -gx PATH $PATH[1] ${word} $PATH[2..-1]`,
      '    else',
      `        set -gx PATH ${word} $PATH`,
      '    end',
      'end',
    ].join('\n');
  }

  appendPathOnce(word: string): string {
    return [`if not contains -- ${word} $PATH`, `    set -gx PATH $PATH ${word}`, 'end'].join('\n');
  }

  call(name: string, words: string[]): string {
    return [checkName(name), ...words].join(' ');
  }

  variable(name: string): string {
    return `"$${checkName(name)}"`;
  }

  firstThatWorks(commands: string[]): string {
    return commands.join('; or ');
  }

  argument(n: number): string {
    return `"$argv[${n}]"`;
  }

  printf(format: string, words: string[], options: { stderr?: boolean } = {}): string {
    return ['printf', this.quote(format), ...words].join(' ') + (options.stderr ? ' >&2' : '');
  }

  /** Source the file `word` names when it is a readable file; silent otherwise. */
  private sourceIfReadable(word: string): string {
    return `if test -f ${word} -a -r ${word}; builtin source ${word}; end`;
  }

  switchOn(subject: string, arms: SwitchArm[], otherwise: string): string {
    const lines = [`switch ${subject}`];
    for (const arm of arms) lines.push(`    case ${checkArmValue(arm.value)}`, indent(arm.body, '        '));
    lines.push(`    case '*'`, indent(otherwise, '        '), 'end');
    return lines.join('\n');
  }

  /** fish has one kind of block: conf.d and config.fish are read by every fish, so the init file holds it all. */
  profileBlockBody(files: BlockFiles, home: string): string {
    return this.sourceIfReadable(this.homePath(files.init, home));
  }
}
