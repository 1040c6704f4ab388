import { checkArmValue, checkName, indent, type ShellAdapter, type ShellName, type SwitchArm } from './adapter.js';
import { posixHomePath, quotePosix } from './quote.js';

/** What bash and zsh share: POSIX syntax and quoting. */
export abstract class PosixAdapter implements ShellAdapter {
  abstract readonly name: ShellName;
  abstract readonly initFileName: string;

  quote(value: string): string {
    return quotePosix(value);
  }

  homePath(file: string, home: string): string {
    return posixHomePath(file, home);
  }

  setVariable(name: string, word: string, options: { exported?: boolean } = {}): string {
    checkName(name);
    return options.exported === false ? `${name}=${word}` : `export ${name}=${word}`;
  }

  prependPathOnce(word: string): string {
    // Quoted parts of a case pattern match literally, so a directory with `*`
    // or `[` in its name is compared as text.
    return [`case ":\${PATH-}:" in`, `  *:${word}:*) ;;`, `  *) export PATH=${word}"\${PATH:+:$PATH}" ;;`, 'esac'].join('\n');
  }

  call(name: string, words: string[]): string {
    return [checkName(name), ...words].join(' ');
  }

  variable(name: string): string {
    return `"\${${checkName(name)}-}"`;
  }

  firstThatWorks(commands: string[]): string {
    return commands.join(' || ');
  }

  argument(n: number): string {
    return `"\${${n}-}"`;
  }

  printf(format: string, words: string[], options: { stderr?: boolean } = {}): string {
    return ['printf', this.quote(format), ...words].join(' ') + (options.stderr ? ' >&2' : '');
  }

  /** Source the file `word` names when it is a readable file; silent otherwise. */
  protected sourceIfReadable(word: string): string {
    return `if [ -f ${word} ] && [ -r ${word} ]; then . ${word}; fi`;
  }

  switchOn(subject: string, arms: SwitchArm[], otherwise: string): string {
    const lines = [`case ${subject} in`];
    for (const arm of arms) lines.push(`  ${checkArmValue(arm.value)})`, indent(arm.body, '    '), '    ;;');
    lines.push('  *)', indent(otherwise, '    '), '    ;;', 'esac');
    return lines.join('\n');
  }

  profileBlockBody(initFile: string, home: string): string {
    return this.sourceIfReadable(this.homePath(initFile, home));
  }
}
