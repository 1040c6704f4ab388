import { checkArmValue, checkName, indent, type BlockFiles, type ProfileBlockOptions, type ShellAdapter, type SwitchArm } from './adapter.js';
import { posixHomePath, quotePosix } from './quote.js';

/** What bash and zsh share: POSIX syntax and quoting. */
export abstract class PosixAdapter implements ShellAdapter {
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

  setList(name: string, words: string[]): string {
    checkName(name);
    return `${name}=(${words.join(' ')})`;
  }

  prependPathOnce(word: string): string {
    // Quoted parts of a case pattern match literally, so a directory with `*`
    // or `[` in its name is compared as text. `${VIRTUAL_ENV:+…}` is empty
    // without an active environment, so only the plain arm can match then.
    return [
      `case ":\${PATH-}:" in`,
      `  *:${word}:*) ;;`,
      `  *) case \${VIRTUAL_ENV:+"$PATH:"} in`,
      `       "$VIRTUAL_ENV"/bin:*) export PATH="$VIRTUAL_ENV"/bin:${word}"\${PATH#"$VIRTUAL_ENV"/bin}" ;;`,
      `       *) export PATH=${word}"\${PATH:+:$PATH}" ;;`,
      '     esac ;;',
      'esac',
    ].join('\n');
  }

  appendPathOnce(word: string): string {
    // One short line: every character here is parsed at each shell start. PATH is exported already.
    return `case ":\${PATH-}:" in *:${word}:*) ;; *) PATH="\${PATH:+$PATH:}"${word} ;; esac`;
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

  /**
   * Source the file `word` names when it is a readable file; silent otherwise.
   * `dot` reads it; by default a `.` that no alias or function named `.` or
   * `source` can take over (bash and zsh: builtin).
   */
  protected sourceIfReadable(word: string, dot = `builtin . ${word}`): string {
    return `if [ -f ${word} ] && [ -r ${word} ]; then ${dot}; fi`;
  }

  switchOn(subject: string, arms: SwitchArm[], otherwise: string): string {
    const lines = [`case ${subject} in`];
    for (const arm of arms) lines.push(`  ${checkArmValue(arm.value)})`, indent(arm.body, '    '), '    ;;');
    lines.push('  *)', indent(otherwise, '    '), '    ;;', 'esac');
    return lines.join('\n');
  }

  profileBlockBody(files: BlockFiles, home: string, options: ProfileBlockOptions = {}): string {
    const env = this.homePath(files.env, home);
    const init = this.homePath(files.init, home);
    // sh reads ~/.profile too: POSIX `command .` there (dash has no `builtin`; bash's `command` skips functions).
    const envLine = options.sharedWithSh ? this.sourceIfReadable(env, `command . ${env}`) : this.sourceIfReadable(env);
    switch (options.kind ?? 'rc') {
      case 'rc':
        return this.sourceIfReadable(init);
      case 'env':
        return envLine;
      case 'login':
        return `${envLine}\n${this.interactiveOnly(this.sourceIfReadable(init), options)}`;
    }
  }

  /** Run `code` only in an interactive shell of this adapter's kind. */
  protected interactiveOnly(code: string, _options: ProfileBlockOptions): string {
    return `case $- in *i*) ${code} ;; esac`;
  }
}
